"""Who may see a programme: everyone, where it is public; otherwise those who may see the
overseeing board's exempt papers (its clerks and members, administrators) and the
programme's managers. Returns in draft are never shown outside the staff screens."""

from __future__ import annotations

from typing import Any

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
