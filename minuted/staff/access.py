"""Fetching what a staff screen works on, after asking the policy whether the user may.

Every check goes through ``minuted.accounts.policy.may``; these helpers only turn its answer
into a 403 (anonymous visitors never get this far: the views require sign-in first)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from minuted.accounts.policy import Action, may
from minuted.governance.models import Board
from minuted.meetings.models import AgendaItem, Meeting
from minuted.papers.models import Report


def require(user: Any, action: Action, board: Board, report: Report | None = None) -> None:
    if not may(user, action, board, report=report):
        raise PermissionDenied(f"You may not {action.value}.")


def managed_board(user: Any, slug: str, action: Action = Action.MANAGE_BOARD) -> Board:
    """The board with this slug on which the user may do ``action``. Slugs are unique within
    an organisation, so an administrator of several organisations gets the first one."""
    boards = list(Board.objects.filter(slug=slug).select_related("organisation"))
    if not boards:
        raise Http404("No such board.")
    for board in boards:
        if may(user, action, board):
            return board
    raise PermissionDenied(f"You may not {action.value}.")


def managed_meeting(user: Any, uid: UUID, action: Action) -> Meeting:
    """The meeting, if the user may do ``action`` on its board (each screen names its own)."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("board__organisation", "term"), uid=uid
    )
    require(user, action, meeting.board)
    return meeting


def managed_item(user: Any, meeting_uid: UUID, item_uid: UUID) -> AgendaItem:
    meeting = managed_meeting(user, meeting_uid, Action.MANAGE_BOARD)
    item = get_object_or_404(AgendaItem, meeting=meeting, uid=item_uid)
    item.meeting = meeting
    return item


def editable_report(user: Any, uid: UUID) -> Report:
    report = get_object_or_404(
        Report.objects.select_related(
            "agenda_item__meeting__board__organisation", "agenda_item__meeting__term", "author"
        ),
        uid=uid,
    )
    require(user, Action.EDIT_REPORT, report.agenda_item.meeting.board, report=report)
    return report
