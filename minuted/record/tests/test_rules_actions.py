"""Actions from the minutes: state and reminders (domain rules §6)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minuted.record.rules.actions import (
    ActionState,
    action_state,
    due_date_for_next_meeting,
    reminder_due,
)

TODAY = date(2024, 3, 11)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


def test_done_action_is_done_whatever_the_dates() -> None:
    assert action_state(TODAY, days(-30), done_on=days(-1)) is ActionState.DONE
    assert action_state(TODAY, days(3), done_on=days(-1)) is ActionState.DONE
    assert action_state(TODAY, None, done_on=TODAY) is ActionState.DONE


def test_action_without_a_due_date_is_open() -> None:
    assert action_state(TODAY, None, None) is ActionState.OPEN


def test_action_is_overdue_from_the_day_after_it_was_due() -> None:
    assert action_state(TODAY, days(-1), None) is ActionState.OVERDUE
    assert action_state(TODAY, TODAY, None) is not ActionState.OVERDUE


def test_action_is_due_soon_from_seven_days_before_to_the_day_itself() -> None:
    assert action_state(TODAY, TODAY, None) is ActionState.DUE
    assert action_state(TODAY, days(7), None) is ActionState.DUE
    assert action_state(TODAY, days(8), None) is ActionState.OPEN


def test_due_soon_window_is_a_setting() -> None:
    assert action_state(TODAY, days(10), None, due_soon_days=14) is ActionState.DUE
    assert action_state(TODAY, days(1), None, due_soon_days=0) is ActionState.OPEN
    with pytest.raises(ValueError, match="cannot be negative"):
        action_state(TODAY, days(1), None, due_soon_days=-1)


def test_state_labels_read_as_words() -> None:
    assert [str(state) for state in ActionState] == ["open", "due soon", "overdue", "done"]


def test_reminders_go_seven_days_and_one_day_before_the_due_date() -> None:
    sent_on = [n for n in range(-3, 15) if reminder_due(days(-n), TODAY, None)]

    assert sent_on == [1, 7]


def test_reminder_days_are_a_setting() -> None:
    assert reminder_due(TODAY, TODAY, None, days_before=(0,))
    assert reminder_due(TODAY, days(3), None, days_before=(3,))
    assert not reminder_due(TODAY, days(7), None, days_before=(3,))


def test_no_reminder_once_the_action_is_done() -> None:
    assert not reminder_due(TODAY, days(7), done_on=days(-2))
    assert not reminder_due(TODAY, days(1), done_on=TODAY)


def test_no_reminder_without_a_due_date() -> None:
    assert not reminder_due(TODAY, None, None)


def test_by_the_next_meeting_resolves_to_the_next_meetings_date() -> None:
    next_meeting = date(2024, 4, 18)

    assert due_date_for_next_meeting(next_meeting) == next_meeting
    assert action_state(date(2024, 4, 19), due_date_for_next_meeting(next_meeting), None) == (
        ActionState.OVERDUE
    )


def test_by_the_next_meeting_with_no_meeting_scheduled_is_open() -> None:
    due = due_date_for_next_meeting(None)

    assert due is None
    assert action_state(TODAY, due, None) is ActionState.OPEN
    assert not reminder_due(TODAY, due, None)


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@settings(max_examples=200, deadline=None)
@given(today=dates, due=st.none() | dates, done_on=st.none() | dates)
def test_state_follows_the_definition(today: date, due: date | None, done_on: date | None) -> None:
    state = action_state(today, due, done_on)

    assert (state is ActionState.DONE) == (done_on is not None)
    if done_on is None and due is not None:
        assert (state is ActionState.OVERDUE) == (today > due)
        assert (state is ActionState.DUE) == (0 <= (due - today).days <= 7)


@settings(max_examples=200, deadline=None)
@given(today=dates, due=st.none() | dates, done_on=st.none() | dates)
def test_a_reminder_is_only_ever_for_an_action_due_soon(
    today: date, due: date | None, done_on: date | None
) -> None:
    if reminder_due(today, due, done_on):
        assert action_state(today, due, done_on) is ActionState.DUE
