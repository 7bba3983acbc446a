"""Who may see a programme: everyone, where it is public; otherwise those who may see the
overseeing board's exempt papers (its clerks and members, administrators) and the
programme's managers. Returns in draft are never shown outside the staff screens."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from minuted.accounts.models import Role
from minuted.accounts.policy import Action, may
from minuted.programme.models import Programme


def may_view(user: Any, programme: Programme) -> bool:
    if programme.is_public:
        return True
    if may(user, Action.VIEW_EXEMPT, programme.board):
        return True
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and programme.managers.filter(pk=user.pk).exists()
    )


def is_manager(user: Any, programme: Programme) -> bool:
    """Administrators, and the programme's managers (who sign returns off)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_administrator or programme.managers.filter(pk=user.pk).exists())


def may_enter_return(user: Any, output: Any) -> bool:
    """The output's officer lead writes its returns; a manager may too."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return output.officer_lead_id == user.pk or is_manager(user, output.programme)


def may_work_on(user: Any, programme: Programme) -> bool:
    """Who gets the programme's staff screen: its managers, the overseeing board's clerks,
    and the officer leads of its outputs."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return (
        is_manager(user, programme)
        or may(user, Action.MANAGE_BOARD, programme.board)
        or programme.outputs.filter(officer_lead=user).exists()
    )


def programmes_for(user: Any) -> list[Programme]:
    """The programmes whose staff screen ``user`` gets (may_work_on), in one query."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    programmes = Programme.objects.select_related("board").order_by("-start_date")
    if user.is_administrator:
        return list(programmes)
    mine = Q(managers=user) | Q(outputs__officer_lead=user)
    if user.role == Role.CLERK:
        mine |= Q(board__clerks=user)
    return list(programmes.filter(mine).distinct())
