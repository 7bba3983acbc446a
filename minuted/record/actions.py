"""The action log: every action of a board's minutes, with its state and reminders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import QuerySet

from minuted.core.formats import long_date
from minuted.governance.models import Board
from minuted.record.models import Action
from minuted.record.rules.actions import ActionState, action_state, reminder_due
from minuted.record.services import due_date


@dataclass(frozen=True)
class LoggedAction:
    action: Action
    due: dt.date | None
    state: ActionState


def actions_of(board: Board) -> QuerySet[Action]:
    return Action.objects.filter(item__minutes__meeting__board=board).select_related(
        "item__minutes__meeting", "item__agenda_item", "owner_person", "owner_officer"
    )


def action_log(board: Board, today: dt.date) -> list[LoggedAction]:
    """Open, due-soon and overdue actions first (by due date), then those done."""
    logged = []
    for action in actions_of(board):
        due = due_date(action.due_on, action.due_by_next_meeting, action.item.minutes.meeting)
        logged.append(LoggedAction(action, due, action_state(today, due, action.done_on)))
    order = {ActionState.OVERDUE: 0, ActionState.DUE: 1, ActionState.OPEN: 2, ActionState.DONE: 3}
    return sorted(logged, key=lambda a: (order[a.state], a.due or dt.date.max))


def owner_email(action: Action) -> str:
    if action.owner_person and action.owner_person.email:
        return action.owner_person.email
    if action.owner_officer and action.owner_officer.email:
        return action.owner_officer.email
    return ""


def send_reminders(today: dt.date) -> int:
    """E-mail each owner whose action falls due soon (7 days and 1 day before). Returns how
    many reminders were sent; actions without an owner's address are skipped."""
    sent = 0
    for board in Board.objects.all():
        for logged in action_log(board, today):
            address = owner_email(logged.action)
            if not address or not reminder_due(today, logged.due, logged.action.done_on):
                continue
            assert logged.due is not None
            meeting = logged.action.item.minutes.meeting
            send_mail(
                subject=f"Action due {long_date(logged.due)}: {board.name}",
                message=(
                    f"At the meeting of the {board.name} on {long_date(meeting.date)}, this "
                    f"action was agreed for you:\n\n{logged.action.text}\n\n"
                    f"It is due by {long_date(logged.due)}."
                ),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[address],
            )
            sent += 1
    return sent
