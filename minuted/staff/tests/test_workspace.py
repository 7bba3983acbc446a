"""The workspace at /manage/: deadlines and reports to chase for the clerk's boards, the
officer's own reports, and nothing that does not concern the user."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from minuted.meetings.models import AgendaItemKind, MeetingStatus
from minuted.papers.models import Report, ReportStatus
from minuted.record.models import Action
from minuted.record.services import minutes_for
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


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def held(world):
    """A meeting of the board held three weeks ago, its minutes written, with an overdue
    action, one due next month and one done."""
    meeting = make_meeting(world.board, world.term, timezone.localdate() - dt.timedelta(days=21))
    add(meeting, "Welcome")
    add(meeting, "Communications plan")
    entry = minutes_for(meeting).items.get(agenda_item__title="Communications plan")
    today = timezone.localdate()
    for text, due, done in [
        ("Write to every council", today - dt.timedelta(days=2), None),
        ("Draw up the next plan", today + dt.timedelta(days=40), None),
        ("Book the venue", today - dt.timedelta(days=9), today - dt.timedelta(days=10)),
    ]:
        Action.objects.create(
            item=entry, text=text, owner_role="Officers", due_on=due, done_on=done
        )
    return meeting


def test_the_clerk_sees_overdue_actions_and_minutes_awaiting_approval(
    signed_in, world, held, meeting
):
    response = signed_in(world.clerk).get(URL)
    text = text_of(response)
    assert "Write to every council Officers" in text
    assert "Overdue" in text
    assert "item 2: Communications plan" in text
    # Neither the action due beyond 14 days nor the one done.
    assert "Draw up the next plan" not in text
    assert "Book the venue" not in text
    assert reverse("staff:actions", args=[world.board.slug]) in response.content.decode()
    # The held meeting's minutes wait for the next meeting, which lacks the item to approve them.
    awaiting = text[text.index("Minutes awaiting approval") :]
    assert f"Meeting on {held.date:%A} {held.date.day} {held.date:%B %Y}" in awaiting
    assert "Written, not published" in awaiting
    assert f"{meeting.date:%A} {meeting.date.day} {meeting.date:%B %Y}" in awaiting
    assert "no “Note of the last meeting” item yet" in awaiting


def test_the_clerk_of_another_board_sees_neither_the_actions_nor_the_minutes(
    signed_in, world, held
):
    text = text_of(signed_in(world.clerk_of_another_board).get(URL))
    assert "Write to every council" not in text
    assert "Minutes awaiting approval" not in text


def test_approved_minutes_no_longer_await_approval(signed_in, world, held, meeting):
    from minuted.record.services import approve_minutes

    note = add(meeting, "Note of the last meeting", kind=AgendaItemKind.NOTE_OF_LAST_MEETING)
    approve_minutes(held.minutes, note)
    assert "Minutes awaiting approval" not in text_of(signed_in(world.clerk).get(URL))


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
        # Held meetings with minutes awaiting approval and actions falling due, some "by the
        # next meeting".
        held = make_meeting(world.board, world.term, today - dt.timedelta(days=n + 1))
        add(held, "Business")
        entry = minutes_for(held).items.get()
        Action.objects.create(item=entry, text="Dated", owner_role="Clerk", due_on=today)
        Action.objects.create(item=entry, text="Next", owner_role="Clerk", due_by_next_meeting=True)
    client = signed_in(world.clerk)
    with django_assert_max_num_queries(20):  # one for the programmes the user works on
        assert client.get(URL).status_code == 200
