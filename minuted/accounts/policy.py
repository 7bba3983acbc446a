"""The one place that decides what a user may see and do.

Every face of Minuted — pages, admin, API, feeds, exports, search, pack downloads — asks
``may(user, action, board)`` and never decides for itself (product.md principle 4, "Nothing
exempt leaks"). The policy reads the governance data through the relations the governance app
declares (``Board.clerks``, ``Person.user``, ``Membership``) so that this module, at the bottom
of the dependency graph, imports no domain app.

Each job a screen, the API or a service does has an action of its own, so that who may do it is
read here and changed here, in one place; MANAGE_BOARD covers the rest of the board's governance
data (meetings, agendas, the plan, the action log).
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
    TAKE_ATTENDANCE = "take the attendance at the board's meetings"
    EDIT_MINUTES = "edit the minutes of the board's meetings"
    APPROVE_MINUTES = "record the approval of the board's minutes"
    RELEASE_DECISION = "release the board's confidential decisions"
    MANAGE_MEMBERSHIPS = "manage the board's memberships"
    EDIT_REGISTER = "edit the person's register of interests"
    MANAGE_ORGANISATION = "manage every board of the organisation"
    CREATE_API_TOKEN = "create an API token for the board"
    VIEW_PROGRAMME = "see the programme"
    WORK_ON_PROGRAMME = "work on the programme's returns and tables"
    MANAGE_PROGRAMME = "sign off and import into the programme"
    ENTER_RETURN = "enter the output's returns"


# Actions on a board that its clerks (and administrators) may do, and nobody else.
CLERK_ACTIONS = frozenset(
    {
        Action.MANAGE_BOARD,
        Action.PUBLISH_PACK,
        Action.TAKE_ATTENDANCE,
        Action.EDIT_MINUTES,
        Action.APPROVE_MINUTES,
        Action.RELEASE_DECISION,
        Action.MANAGE_MEMBERSHIPS,
    }
)
# Actions asked of a programme the board oversees (``programme=``), or of one of its outputs
# (``output=``).
PROGRAMME_ACTIONS = frozenset(
    {
        Action.VIEW_PROGRAMME,
        Action.WORK_ON_PROGRAMME,
        Action.MANAGE_PROGRAMME,
        Action.ENTER_RETURN,
    }
)
# Actions asked of something other than a board.
NOT_OF_A_BOARD = (
    frozenset({Action.VIEW_PUBLIC, Action.MANAGE_ORGANISATION, Action.EDIT_REGISTER})
    | PROGRAMME_ACTIONS
)


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


def _may_edit_register(user: Any, person: Any) -> bool:
    """The member themselves, a clerk of any board they sit on or have sat on, or an
    administrator. Read through ``Person.user`` and ``Person.memberships``."""
    if not _active_user(user):
        return False
    if is_administrator(user) or person.user_id == user.pk:
        return True
    return bool(user.role == Role.CLERK and person.memberships.filter(board__clerks=user).exists())


def _may_on_programme(user: Any, action: Action, programme: Any, output: Any) -> bool:
    """A programme's rules (docs/programme.md, "Who sees what"): a public programme is seen by
    everyone, a private one by those who see the overseeing board's exempt papers; its managers
    (administrators, and the officers named on it) sign off and import; an output's officer
    lead enters its returns; the board's clerks and the officer leads work on its screen.
    Read through ``Programme.managers``, ``Programme.board`` and ``Output.officer_lead``."""
    if output is not None:
        programme = output.programme
    if programme is None:
        raise ValueError(f"{action.value!r} is asked of a programme or an output")
    if action is Action.VIEW_PROGRAMME and programme.is_public:
        return True
    if not _active_user(user):
        return False
    manager = is_administrator(user) or programme.managers.filter(pk=user.pk).exists()
    if action is Action.MANAGE_PROGRAMME:
        return bool(manager)
    if action is Action.ENTER_RETURN:
        if output is None:
            raise ValueError(f"{action.value!r} is asked of an output")
        return bool(manager or output.officer_lead_id == user.pk)
    if action is Action.VIEW_PROGRAMME:
        return bool(manager or may(user, Action.VIEW_EXEMPT, programme.board))
    return bool(
        manager
        or is_clerk_of(user, programme.board)
        or programme.outputs.filter(officer_lead=user).exists()
    )


def may(
    user: Any,
    action: Action,
    board: BoardLike | None = None,
    on: dt.date | None = None,
    report: Any = None,
    person: Any = None,
    programme: Any = None,
    output: Any = None,
) -> bool:
    """May ``user`` (a User or AnonymousUser) do ``action``, on ``board`` where it concerns one?

    ``report`` names the report for EDIT_REPORT: its author may edit it, as may the clerks.
    ``person`` names the person whose register EDIT_REGISTER asks about (it needs no board).
    Anything that is not an Action is refused loudly: a typo must not read as "no"."""
    if not isinstance(action, Action):
        raise ValueError(f"No rule for {action!r}: ask for an Action")
    if action is Action.VIEW_PUBLIC:
        return True
    if board is None and action not in NOT_OF_A_BOARD:
        raise ValueError(f"{action.value!r} is asked of a board")
    if action is Action.EDIT_REGISTER:
        if person is None:
            raise ValueError(f"{action.value!r} is asked of a person")
        return _may_edit_register(user, person)
    if action in PROGRAMME_ACTIONS:
        return _may_on_programme(user, action, programme, output)
    if is_administrator(user):
        return True
    if action is Action.MANAGE_ORGANISATION:
        return False
    assert board is not None
    if action in CLERK_ACTIONS:
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
