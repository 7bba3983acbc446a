"""The one place that decides what a user may see and do.

Every face of Minuted — pages, admin, API, feeds, exports, search, pack downloads — asks
``may(user, action, board)`` and never decides for itself (product.md principle 4, "Nothing
exempt leaks"). The policy reads the governance data through the relations the governance app
declares (``Board.clerks``, ``Person.user``, ``Membership``) so that this module, at the bottom
of the dependency graph, imports no domain app.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Protocol

from django.utils import timezone

from minuted.accounts.models import Role


class Action(enum.StrEnum):
    VIEW_PUBLIC = "view public information"
    VIEW_EXEMPT = "view exempt papers of the board"
    MANAGE_BOARD = "manage the board's governance data"
    PUBLISH_PACK = "publish the board's agenda packs"
    EDIT_REPORT = "edit a report for the board's meetings"
    MANAGE_ORGANISATION = "manage every board of the organisation"
    CREATE_API_TOKEN = "create an API token for the board"


class BoardLike(Protocol):
    pk: Any
    clerks: Any


def _active_user(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_administrator(user: Any) -> bool:
    return _active_user(user) and bool(user.is_superuser or user.role == Role.ADMINISTRATOR)


def is_clerk_of(user: Any, board: BoardLike) -> bool:
    """A user with the clerk role who is named as one of the board's clerks."""
    if not _active_user(user) or user.role != Role.CLERK:
        return False
    return bool(board.clerks.filter(pk=user.pk).exists())


def is_member_of(user: Any, board: BoardLike, on: dt.date | None = None) -> bool:
    """A signed-in user linked to a person with a membership of the board that holds on ``on``
    (today by default) — any role: members, substitutes and observers all sit on the board.
    A former member whose membership has ended is not one."""
    if not _active_user(user):
        return False
    person = getattr(user, "person", None)
    if person is None:
        return False
    day = on or timezone.localdate()
    for membership in person.memberships.filter(board_id=board.pk).select_related("term"):
        if membership.is_active_on(day):
            return True
    return False


def may(
    user: Any,
    action: Action,
    board: BoardLike | None = None,
    on: dt.date | None = None,
    report: Any = None,
) -> bool:
    """May ``user`` (a User or AnonymousUser) do ``action``, on ``board`` where it concerns one?

    ``report`` names the report for EDIT_REPORT: its author may edit it, as may the clerks."""
    if action is Action.VIEW_PUBLIC:
        return True
    if board is None and action is not Action.MANAGE_ORGANISATION:
        raise ValueError(f"{action.value!r} is asked of a board")
    if is_administrator(user):
        return True
    if action is Action.MANAGE_ORGANISATION:
        return False
    assert board is not None
    if action in (Action.MANAGE_BOARD, Action.PUBLISH_PACK):
        return is_clerk_of(user, board)
    if action is Action.VIEW_EXEMPT:
        return is_clerk_of(user, board) or is_member_of(user, board, on)
    if action is Action.EDIT_REPORT:
        is_author = (
            report is not None
            and _active_user(user)
            and user.role == Role.OFFICER
            and report.author_id == user.pk
        )
        return is_author or is_clerk_of(user, board)
    if action is Action.CREATE_API_TOKEN:
        # The write API is the clerks' (docs/api.md); administrators were answered above.
        return is_clerk_of(user, board)
    raise ValueError(f"No rule for {action!r}")
