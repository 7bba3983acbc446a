"""What the record leaves to follow up: actions falling due across boards, a member's own
actions, matters arising for the next agenda, and minutes awaiting approval."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from minuted.meetings.models import AgendaItemKind, MeetingStatus
from minuted.meetings.services import add_item
from minuted.record.models import Action
from minuted.record.outstanding import (
    MatterState,
    actions_due,
    actions_owned_by,
    matter_state,
    matters_arising,
    minutes_awaiting_approval,
)
from minuted.record.rules.actions import ActionState
from minuted.record.services import approve_minutes, due_date, minutes_for
from minuted.testing import make_meeting

TODAY = timezone.localdate()  # the world's terms are around today


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def held(world):
    """A meeting of the board held 20 days before TODAY, with two items and its minutes."""
    meeting = make_meeting(world.board, world.term, days(-20))
    add_item(meeting, title="Welcome", today=days(-60))
    add_item(meeting, title="Communications plan", today=days(-60))
    minutes_for(meeting)
    return meeting


def minute(meeting, n: int = 1):
    return meeting.minutes.items.order_by("agenda_item__position")[n]


def act(meeting, text, **fields):
    fields.setdefault("owner_role", "Officers")
    return Action.objects.create(item=minute(meeting), text=text, **fields)


def test_the_workspace_list_keeps_overdue_and_due_within_14_days(world, held):
    act(held, "Late", due_on=days(-1))
    act(held, "Soon", due_on=days(14))
    act(held, "Later", due_on=days(15))
    act(held, "Undated")
    act(held, "Done", due_on=days(-1), done_on=days(-2))
    due = actions_due([world.board, world.other_board], TODAY)
    assert [(t.action.text, t.logged.state) for t in due[world.board.pk]] == [
        ("Late", ActionState.OVERDUE),
        ("Soon", ActionState.OPEN),  # the log's "due soon" window is 7 days
    ]
    assert due[world.other_board.pk] == []
    # Where it came from: the meeting and the agenda number of the item.
    first = due[world.board.pk][0]
    assert (first.meeting, first.item_number) == (held, "2")


def test_by_the_next_meeting_resolves_to_the_boards_next_meeting(world, held):
    make_meeting(world.other_board, world.term, days(2))  # another board's: not this one
    following = make_meeting(world.board, world.term, days(5))
    act(held, "Report back", due_by_next_meeting=True)
    (tracked,) = actions_due([world.board], TODAY)[world.board.pk]
    assert tracked.logged.due == following.date


def test_by_the_next_meeting_skips_a_cancelled_meeting_on_the_log_and_the_workspace(world, held):
    make_meeting(
        world.board,
        world.term,
        days(3),
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Not enough business.",
    )
    following = make_meeting(world.board, world.term, days(9))
    action = act(held, "Report back", due_by_next_meeting=True)
    (tracked,) = actions_due([world.board], TODAY)[world.board.pk]
    assert tracked.logged.due == following.date
    assert due_date(action.due_on, action.due_by_next_meeting, held) == following.date


def test_a_member_sees_their_own_open_actions_on_every_board(world, held):
    mine = world.member.person
    other = make_meeting(world.other_board, world.term)
    add_item(other, title="Budget")
    minutes_for(other)
    Action.objects.create(item=minute(other, 0), text="Elsewhere", owner_person=mine)
    act(held, "Overdue", owner_person=mine, due_on=days(-3))
    act(held, "Done", owner_person=mine, done_on=days(-1))
    act(held, "Not mine", owner_role="Officers", due_on=days(-3))
    assert [t.action.text for t in actions_owned_by(mine, TODAY)] == ["Overdue", "Elsewhere"]


@pytest.mark.parametrize(
    ("due", "done", "state"),
    [
        (None, None, MatterState.OPEN),
        (days(-1), None, MatterState.OVERDUE),
        (days(0), None, MatterState.DUE_BY_THIS_MEETING),
        (days(7), None, MatterState.DUE_BY_THIS_MEETING),
        (days(8), None, MatterState.OPEN),
        (days(-1), days(-2), MatterState.DONE),
    ],
)
def test_the_state_of_a_matter_arising_at_a_meeting_a_week_away(due, done, state):
    assert matter_state(TODAY, days(7), due, done) == state


def test_matters_arising_are_the_open_actions_and_those_done_since_the_last_meeting(world, held):
    older = make_meeting(world.board, world.term, days(-50))
    add_item(older, title="Older business", today=days(-90))
    minutes_for(older)
    Action.objects.create(item=minute(older, 0), text="Still open", owner_role="Officers")
    Action.objects.create(
        item=minute(older, 0), text="Done long ago", owner_role="Clerk", done_on=days(-30)
    )
    Action.objects.create(
        item=minute(older, 0), text="Done lately", owner_role="Clerk", done_on=days(-5)
    )
    act(held, "Report back", due_on=days(3))
    make_meeting(
        world.board, world.term, days(-10), status=MeetingStatus.CANCELLED, cancellation_reason="x"
    )
    upcoming = make_meeting(world.board, world.term, days(7))
    arising = matters_arising(upcoming, TODAY)
    assert arising.previous == held  # not the cancelled meeting since
    assert [(m.tracked.action.text, m.state) for m in arising.matters] == [
        ("Report back", MatterState.DUE_BY_THIS_MEETING),
        ("Still open", MatterState.OPEN),
        ("Done lately", MatterState.DONE),  # done since the last meeting: reported at this one
    ]


def test_minutes_awaiting_approval_name_the_next_meeting_that_could_approve_them(world, held):
    following = make_meeting(world.board, world.term, days(7))
    assert [
        (a.minutes.meeting, a.published, a.next_meeting, a.next_has_note_item)
        for a in minutes_awaiting_approval([world.board], TODAY)[world.board.pk]
    ] == [(held, None, following, False)]
    note = add_item(
        following,
        today=days(-60),
        title="Note of the last meeting",
        kind=AgendaItemKind.NOTE_OF_LAST_MEETING,
    )
    (awaiting,) = minutes_awaiting_approval([world.board], TODAY)[world.board.pk]
    assert awaiting.next_has_note_item
    approve_minutes(held.minutes, note)
    assert minutes_awaiting_approval([world.board], TODAY)[world.board.pk] == []
