"""Apologies: a member sends them from My meetings; the clerk and the group office are told."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from minuted.record.models import Attendance, AttendanceStatus
from minuted.staff.tests.conftest import make_meeting
from minuted.staff.views.attendance import APOLOGIES_SENT


def url(meeting):
    return reverse("staff:apologies", kwargs={"meeting": meeting.uid})


def test_the_member_sees_a_form_for_each_meeting_to_come(signed_in, world, meeting):
    page = signed_in(world.member).get(reverse("staff:me")).content.decode()
    assert f'action="{url(meeting)}"' in page
    assert (
        f'<label class="govuk-label govuk-checkboxes__label" for="substitute-{meeting.uid}">'
        in page
    )
    assert "A substitute will attend" in page


def test_sending_apologies_tells_the_clerk_and_the_group_office(signed_in, world, meeting):
    client = signed_in(world.member)
    response = client.post(url(meeting), {"substitute_sent": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:me")
    attendance = Attendance.objects.get(meeting=meeting)
    assert attendance.status == AttendanceStatus.APOLOGIES
    assert attendance.substitute_sent
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {"clerk@example.org", "conservative@example.org"}
    assert "A substitute will attend." in mail.outbox[0].body
    page = client.get(reverse("staff:me")).content.decode()
    assert "govuk-notification-banner--success" in page
    assert APOLOGIES_SENT in page


def test_apologies_without_a_substitute(signed_in, world, meeting):
    signed_in(world.member).post(url(meeting))
    assert not Attendance.objects.get(meeting=meeting).substitute_sent
    assert "substitute" not in mail.outbox[0].body


def test_apologies_for_a_past_meeting_are_refused_clearly(signed_in, world):
    past = make_meeting(world.board, world.term, timezone.localdate() - dt.timedelta(days=3))
    response = signed_in(world.member).post(url(past))
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "it has already taken place" in page
    assert not Attendance.objects.exists()
    assert mail.outbox == []


def test_a_former_member_is_told_they_are_not_a_member(signed_in, world, meeting):
    response = signed_in(world.former_member).post(url(meeting))
    assert response.status_code == 400
    assert "you are not a member of the" in response.content.decode()
    assert mail.outbox == []


def test_a_member_of_another_board_may_not(signed_in, world, meeting):
    assert signed_in(world.member_of_another_board).post(url(meeting)).status_code == 403
    assert mail.outbox == []


def test_a_clerk_and_an_anonymous_visitor_may_not(client, signed_in, world, meeting):
    assert client.post(url(meeting))["Location"].startswith("/sign-in/")
    assert signed_in(world.clerk).post(url(meeting)).status_code == 403


def test_apologies_are_posted_not_fetched(signed_in, world, meeting):
    assert signed_in(world.member).get(url(meeting)).status_code == 405
