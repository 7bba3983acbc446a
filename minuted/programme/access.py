"""The programme's questions of the policy (minuted.accounts.policy decides them all), and the
programmes a user works on. Returns in draft are never shown outside the staff screens."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from minuted.accounts.models import Role
from minuted.accounts.policy import Action, may
from minuted.programme.models import Programme


def may_view(user: Any, programme: Programme) -> bool:
    return may(user, Action.VIEW_PROGRAMME, programme=programme)


def is_manager(user: Any, programme: Programme) -> bool:
    """Administrators, and the programme's managers (who sign returns off and import)."""
    return may(user, Action.MANAGE_PROGRAMME, programme=programme)


def may_enter_return(user: Any, output: Any) -> bool:
    """The output's officer lead writes its returns; a manager may too."""
    return may(user, Action.ENTER_RETURN, output=output)


def may_work_on(user: Any, programme: Programme) -> bool:
    """Who gets the programme's staff screen: its managers, the overseeing board's clerks,
    and the officer leads of its outputs."""
    return may(user, Action.WORK_ON_PROGRAMME, programme=programme)


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
