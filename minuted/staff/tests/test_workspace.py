"""The workspace at /manage/: deadlines and reports to chase for the clerk's boards, the
officer's own reports, and nothing that does not concern the user."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from minuted.meetings.models import AgendaItemKind, MeetingStatus
from minuted.papers.models import Report, ReportStatus
from minuted.staff.tests.conftest import add, make_meeting

URL = reverse("staff:workspace")


def test_an_anonymous_visitor_is_sent_to_sign_in(client, world):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/?next=/manage/")


def test_the_clerk_sees_the_boards_upcoming_meetings_with_their_deadline(signed_in, world, meeting):
    response = signed_in(world.clerk).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert world.board.name in page
    assert reverse("staff:meeting", args=[meeting.uid]) in page
    row = next(r for p in response.context["panels"] for r in p.meetings)
    assert row.deadline.working_days_left > 3
    # The publish-by date is printed as the UK writes dates.
    publish_by = row.deadline.deadline.publish_by
    assert f"{publish_by:%A} {publish_by.day} {publish_by:%B %Y}" in page
    assert "Deadline passed" not in page


def test_the_clerk_does_not_see_another_boards_meetings(signed_in, world):
    other = make_meeting(world.other_board, world.term, timezone.localdate() + dt.timedelta(30))
    page = signed_in(world.clerk).get(URL).content.decode()
    assert world.other_board.name not in page
    assert str(other.uid) not in page


def test_past_and_cancelled_meetings_carry_no_deadline_warning(signed_in, world):
    make_meeting(world.board, world.term, timezone.localdate() - dt.timedelta(days=7))
    make_meeting(
        world.board,
        world.term,
        timezone.localdate() + dt.timedelta(days=1),
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Not quorate",
    )
    page = signed_in(world.clerk).get(URL).content.decode()
    assert "Deadline passed" not in page
    assert "Cancelled" in page


def test_a_passed_deadline_is_tagged_red(signed_in, world, late_meeting):
    page = signed_in(world.clerk).get(URL).content.decode()
    assert '<strong class="govuk-tag govuk-tag--red">Deadline passed</strong>' in page


def test_a_close_deadline_is_tagged_with_the_days_left(signed_in, world, meeting_soon):
    page = signed_in(world.clerk).get(URL).content.decode()
    assert '<strong class="govuk-tag govuk-tag--yellow">2 days left</strong>' in page


def test_missing_and_draft_reports_are_listed_for_chasing(signed_in, world, report, agenda):
    Report.objects.create(
        agenda_item=agenda[2], title="A finished report", status=ReportStatus.READY
    )
    page = signed_in(world.clerk).get(URL).content.decode()
    # The exempt report item has no report yet; the third item's report is a draft.
    assert "No report yet: Improvement support to a council" in page
    assert f'Draft: <a class="govuk-link" href="/manage/reports/{report.uid}/">' in page
    assert "A finished report" not in page


def test_the_administrator_sees_every_board(signed_in, world, meeting):
    make_meeting(world.other_board, world.term, timezone.localdate() + dt.timedelta(30))
    page = signed_in(world.administrator).get(URL).content.decode()
    assert world.board.name in page
    assert world.other_board.name in page


def test_the_officer_sees_their_reports_and_no_board(signed_in, world, report):
    page = signed_in(world.officer).get(URL).content.decode()
    assert "My reports" in page
    assert reverse("staff:report", args=[report.uid]) in page
    assert "Draft" in page
    assert "Plan meetings" not in page


def test_a_member_sees_no_board_and_a_link_to_their_meetings(signed_in, world, meeting):
    page = signed_in(world.member).get(URL).content.decode()
    assert str(meeting.uid) not in page
    assert "My reports" not in page
    assert reverse("staff:me") in page


@pytest.mark.parametrize("meetings", [2, 12])
def test_the_number_of_queries_does_not_grow_with_the_meetings(
    signed_in, world, meetings, django_assert_max_num_queries
):
    today = timezone.localdate()
    for n in range(meetings):
        meeting = make_meeting(world.board, world.term, today + dt.timedelta(days=7 * n + 3))
        add(meeting, "Welcome")
        item = add(meeting, "A report", kind=AgendaItemKind.REPORT)
        Report.objects.create(agenda_item=item, title="Draft", author=world.clerk)
    client = signed_in(world.clerk)
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200
