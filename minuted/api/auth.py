"""Token authentication for the write endpoints: ``Authorization: Bearer <token>``.

The token stands for its owner; what the owner may do is asked of the visibility policy
(``minuted.accounts.policy.may``) by each endpoint, as every face does."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja.security import HttpBearer

from minuted.accounts.policy import Action, may
from minuted.api.tokens import user_for_token
from minuted.governance.models import Board


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = user_for_token(token.strip())
        if user is not None:
            request.user = user
        return user


token_auth = TokenAuth()


def require(request: HttpRequest, action: Action, board: Board) -> None:
    """Refuse (403) unless the policy lets the token's owner do ``action`` on ``board``."""
    if not may(request.auth, action, board):  # type: ignore[attr-defined]
        raise PermissionDenied(f"You may not {action.value} ({board.name}).")
