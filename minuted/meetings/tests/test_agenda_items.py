"""Agenda item validation and the clerk's services for building an agenda."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item, deadline_status, move_item, plan_meetings
from minuted.testing import make_meeting


@pytest.fixture
def meeting(world):
    return make_meeting(world.board, world.term)


def test_an_exempt_item_needs_its_paragraph_and_public_interest_reason(meeting):
    with pytest.raises(ValidationError) as error:
        add_item(meeting, title="Contract award", exempt=True)
    assert set(error.value.message_dict) == {"exempt_paragraph", "public_interest_reason"}
    assert not meeting.items.exists()


def test_an_item_added_after_the_deadline_needs_the_chairs_urgency_reason(meeting):
    after = deadline_status(meeting).deadline.publish_by + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        add_item(meeting, today=after, title="Flood response")
    assert "urgency_reason" in error.value.message_dict
    item = add_item(
        meeting,
        today=after,
        title="Flood response",
        urgency_reason="The flood happened after the agenda went out.",
    )
    assert item.added_late  # the reason goes into the minutes


def test_an_item_added_before_the_deadline_is_not_late(meeting):
    assert not add_item(meeting, title="Welcome").added_late


def test_a_verbal_update_says_who_gives_it(meeting):
    with pytest.raises(ValidationError):
        add_item(meeting, title="Public notices", kind=AgendaItemKind.VERBAL_UPDATE)
    item = add_item(
        meeting,
        title="Public notices",
        kind=AgendaItemKind.VERBAL_UPDATE,
        presenter="David Holdstock, Director of Communications",
    )
    assert item.note == "Verbal update given by David Holdstock, Director of Communications."


def test_sub_items_go_one_level_deep_and_stay_in_their_meeting(world, meeting):
    five = add_item(meeting, title="Membership and priorities")
    five_one = add_item(meeting, title="Membership", parent=five)
    with pytest.raises(ValidationError):
        add_item(meeting, title="Too deep", parent=five_one)
    other = make_meeting(world.board, world.term, meeting.date + dt.timedelta(days=7))
    with pytest.raises(ValidationError) as error:
        add_item(other, title="Elsewhere", parent=five)
    assert "same meeting" in error.value.message_dict["parent"][0]


def test_moving_an_item_renumbers_its_siblings(meeting):
    a, b, c = (add_item(meeting, title=t) for t in "ABC")
    move_item(c, -1)
    assert [i.title for i in meeting.items.order_by("position")] == ["A", "C", "B"]
    move_item(a, -1)  # already first: nothing moves
    assert [i.title for i in meeting.items.order_by("position")] == ["A", "C", "B"]


def test_a_terms_calendar_is_planned_in_one_go_or_not_at_all(world):
    start = world.term.start_date
    dates = [start + dt.timedelta(days=60 * n + 1) for n in range(5)]
    meetings = plan_meetings(world.board, world.term, dates, dt.time(11), room="Room 1")
    assert [m.slug for m in meetings] == [d.isoformat() for d in dates]
    with pytest.raises(ValidationError):
        plan_meetings(
            world.board,
            world.term,
            [start, world.term.end_date + dt.timedelta(days=1)],
            dt.time(11),
            room="Room 1",
        )
    assert world.board.meetings.count() == 5  # the valid first date was not kept either


def test_a_second_meeting_on_the_same_day_gets_a_suffix(world, meeting):
    second = make_meeting(world.board, world.term, meeting.date)
    assert second.slug == f"{meeting.date.isoformat()}-2"


def test_the_deadline_status_counts_down_and_warns(meeting):
    status = deadline_status(meeting, today=meeting.date - dt.timedelta(days=40))
    assert not status.warning and not status.passed
    last_day = deadline_status(meeting).deadline.publish_by
    assert deadline_status(meeting, today=last_day).message == (
        "Publish today: this is the last day."
    )
    assert deadline_status(meeting, today=last_day + dt.timedelta(days=1)).passed
