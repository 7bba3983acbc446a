"""Actions from the minutes: their state and when a reminder is due (domain-rules.md §6).

Minutes record each item's actions with an owner and a due date (Local Government Act 1972
Sch.12 paras 40-41 for the minutes themselves; domain-rules.md §6). How an action's state is
shown, and when reminders go out, are local choices rather than law: the defaults here are
settings a board can change. Dates in, an :class:`ActionState` or a yes/no out. No Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum


class ActionState(StrEnum):
    """Where an action stands on a given day."""

    OPEN = "open"
    DUE = "due soon"
    OVERDUE = "overdue"
    DONE = "done"


def action_state(
    today: date, due: date | None, done_on: date | None, due_soon_days: int = 7
) -> ActionState:
    """The state of an action on ``today`` (domain-rules.md §6, actions with owner and due date).

    In order:

    - done (``done_on`` is set) -> ``DONE``, whatever the dates;
    - no due date -> ``OPEN``;
    - ``today`` is after ``due`` -> ``OVERDUE``;
    - ``due`` is at most ``due_soon_days`` days away (including due today) -> ``DUE``;
    - otherwise -> ``OPEN``.

    ``due_soon_days`` is a per-board setting (default 7). Raises ``ValueError`` if negative.
    """
    if due_soon_days < 0:
        raise ValueError(f"'due soon' window cannot be negative, got {due_soon_days} days")
    if done_on is not None:
        return ActionState.DONE
    if due is None:
        return ActionState.OPEN
    if today > due:
        return ActionState.OVERDUE
    if (due - today).days <= due_soon_days:
        return ActionState.DUE
    return ActionState.OPEN


def due_date_for_next_meeting(next_meeting: date | None) -> date | None:
    """Resolve "by the next meeting" to a date (domain-rules.md §6).

    An action due "by the next meeting" is due on the date of the board's next meeting. While
    no next meeting is scheduled (``None``) the action has no due date, so it shows as open.
    """
    return next_meeting


def reminder_due(
    today: date,
    due: date | None,
    done_on: date | None,
    days_before: Sequence[int] = (7, 1),
) -> bool:
    """Whether a reminder e-mail about an action should go to its owner today.

    A reminder is due when the action is not done, has a due date, and ``today`` is exactly
    one of ``days_before`` days before the due date (default: 7 days and 1 day before; 0 means
    on the day, a negative number that many days after). Local choice, per board; see
    domain-rules.md §6. Sending once per matching day is the caller's job.
    """
    if done_on is not None or due is None:
        return False
    return (due - today).days in days_before
