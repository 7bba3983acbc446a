"""The meeting screen: only the board's clerks; details, deadline, the numbered agenda and
what stops the pack being published."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minuted.meetings.models import AgendaItem
from minuted.record.models import Attendance, AttendanceStatus
from minuted.staff.tests.conftest import add


def url(meeting):
    return reverse("staff:meeting", args=[meeting.uid])


def test_an_anonymous_visitor_is_sent_to_sign_in(client, meeting):
    response = client.get(url(meeting))
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/?next=")


@pytest.mark.parametrize("who", ["clerk_of_another_board", "member", "officer"])
def test_only_the_boards_clerks_may_manage_the_meeting(signed_in, world, meeting, who):
    assert signed_in(getattr(world, who)).get(url(meeting)).status_code == 403


@pytest.mark.parametrize("who", ["clerk", "administrator"])
def test_the_clerk_and_the_administrator_may(signed_in, world, meeting, who):
    assert signed_in(getattr(world, who)).get(url(meeting)).status_code == 200


def test_it_shows_the_details_and_the_publication_deadline(signed_in, world, meeting):
    response = signed_in(world.clerk).get(url(meeting))
    page = response.content.decode()
    assert "11.00 am" in page
    assert "Westminster Room, 8th Floor" in page
    status = response.context["deadline"]
    assert status.message in page
    assert f"{status.deadline.publish_by:%B %Y}" in page


def test_the_agenda_is_numbered_with_its_confidential_section(signed_in, world, agenda):
    meeting = agenda[0].meeting
    response = signed_in(world.clerk).get(url(meeting))
    rows = response.context["rows"]
    assert [(r.number, r.marker) for r in rows] == [
        ("1", ""),
        ("2", ""),
        ("3", ""),
        ("", "CONFIDENTIAL SECTION - START"),
        ("4", ""),
        ("", "CONFIDENTIAL SECTION - END"),
    ]
    page = response.content.decode()
    assert "Exempt, paragraph 3" in page


def test_a_sub_item_is_numbered_under_its_item(signed_in, world, agenda):
    meeting = agenda[0].meeting
    AgendaItem.objects.create(meeting=meeting, parent=agenda[2], title="An annex", position=1)
    rows = signed_in(world.clerk).get(url(meeting)).context["rows"]
    assert [r.number for r in rows if r.item] == ["1", "2", "3", "3.1", "4"]


def test_it_lists_what_stops_publication(signed_in, world, report, agenda):
    page = signed_in(world.clerk).get(url(agenda[0].meeting)).content.decode()
    assert "“Improvement support to a council” has no report yet" in page
    assert "The report “Sector-led improvement 2019/20” is still a draft." in page
    # Nothing can be published until then: no publish button.
    assert "Publish version 1" not in page


def test_an_empty_agenda_cannot_be_published(signed_in, world, meeting):
    page = signed_in(world.clerk).get(url(meeting)).content.decode()
    assert "The agenda has no items yet." in page


def test_a_ready_agenda_offers_publication_and_says_it_cannot_be_undone(signed_in, world, meeting):
    add(meeting, "Welcome")
    page = signed_in(world.clerk).get(url(meeting)).content.decode()
    assert "Publish version 1" in page
    assert "This cannot be undone" in page
    # The first version needs no reason.
    assert 'name="publish-reason"' not in page


def test_after_the_deadline_the_add_form_asks_for_the_urgency_reason(
    signed_in, world, late_meeting
):
    page = signed_in(world.clerk).get(url(late_meeting)).content.decode()
    assert 'name="item-urgency_reason"' in page
    assert "Deadline passed" in page


def test_before_the_deadline_no_urgency_reason_is_asked(signed_in, world, meeting):
    page = signed_in(world.clerk).get(url(meeting)).content.decode()
    assert 'name="item-urgency_reason"' not in page


def test_the_staff_pages_load_htmx_without_inline_script(signed_in, world, meeting):
    page = signed_in(world.clerk).get(url(meeting)).content.decode()
    assert "/static/build/htmx.min.js" in page
    assert "<script>" not in page
    assert "onclick" not in page


def test_once_the_register_is_taken_the_screen_shows_quorum_at_every_item(
    signed_in, world, meeting
):
    add(meeting, "Welcome")
    add(meeting, "Budget")
    url = reverse("staff:meeting", args=[meeting.uid])
    assert 'id="quorum"' not in signed_in(world.clerk).get(url).content.decode()

    member = world.member.person.memberships.get(board=world.board)
    Attendance.objects.create(meeting=meeting, membership=member, status=AttendanceStatus.PRESENT)
    page = signed_in(world.clerk).get(url).content.decode()
    quorum = page.split('id="quorum"')[1].split("</table>")[0]
    # One Conservative member present: a quorum needs two political groups.
    assert quorum.count("Not quorate") == 2
    assert "group" in quorum
