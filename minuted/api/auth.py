"""Token authentication for the write endpoints: ``Authorization: Bearer <token>``.

A token stands for its owner on one board. Each endpoint calls ``require``, which checks both:
that the board is the token's board, and that the visibility policy
(``minuted.accounts.policy.may``) lets the owner do the action there, as every face does."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja.security import HttpBearer

from minuted.accounts.policy import Action, may
from minuted.api.models import ApiToken
from minuted.api.tokens import refusal, token_for
from minuted.governance.models import Board


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        """The live token's record (``request.auth``); its owner becomes ``request.user``."""
        record = token_for(token.strip())
        if record is not None:
            request.user = record.owner
        return record


token_auth = TokenAuth()


def require(request: HttpRequest, action: Action, board: Board) -> None:
    """Refuse (403) unless the token is for ``board`` and the policy lets its owner do
    ``action`` there."""
    record: ApiToken = request.auth  # type: ignore[attr-defined]
    reason = refusal(record, board)
    if reason is not None:
        raise PermissionDenied(reason)
    if not may(record.owner, action, board):
        raise PermissionDenied(f"You may not {action.value} ({board.name}).")
