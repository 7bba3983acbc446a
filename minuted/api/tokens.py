"""Issuing, checking and revoking API tokens (the screens, the command, the admin and the API
share these).

A token belongs to its owner and to one board: through it the API lets the owner write only to
that board, and only what the policy lets the owner do there (``minuted/api/auth.py``). Who may
have a token for a board is the policy's CREATE_API_TOKEN: the board's clerks and the
administrators. Issuing and revoking are written to the audit trail, without the token or its
digest."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from minuted import audit
from minuted.accounts.policy import Action, may
from minuted.api.models import ApiToken
from minuted.governance.models import Board

TOKEN_PREFIX = "mtd_"  # says what a token is when one turns up in a log or a secret scanner
PREFIX_LENGTH = len(TOKEN_PREFIX) + 8
# A used token's last_used is written at most this often, so that reading it is not a write.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def boards_for_new_token(user: Any) -> list[Board]:
    """The boards ``user`` may have a token for, by name: the policy decides."""
    boards = Board.objects.select_related("organisation").order_by("name", "pk")
    return [b for b in boards if may(user, Action.CREATE_API_TOKEN, b)]


def _facts(record: ApiToken) -> dict[str, Any]:
    """What the audit trail keeps of a token: never the token, never its digest."""
    return {
        "name": record.name,
        "prefix": record.prefix,
        "owner": record.owner.email,
        "board": record.board.slug if record.board else None,
    }


@transaction.atomic
def issue_token(owner: Any, name: str, board: Board, by: Any = None) -> tuple[ApiToken, str]:
    """A new token for ``owner`` on ``board``: the stored record, and the token itself, which
    is not kept anywhere and must be shown to the user now. ``by`` is who asked for it (the
    owner on the screen; nobody, for the command)."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Say what the token is for."})
    if not owner.is_active:
        raise ValidationError({"owner": f"{owner} cannot sign in, so cannot have a token."})
    if not may(owner, Action.CREATE_API_TOKEN, board):
        raise ValidationError(
            {"board": f"{owner} may not have an API token for {board.name}: only its clerks."}
        )
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken(
        owner=owner, board=board, name=name, prefix=token[:PREFIX_LENGTH], digest=digest(token)
    )
    record.full_clean()
    record.save()
    audit.record(
        "api_token.create",
        record,
        user=by,
        summary=f"API token {record.prefix}… “{record.name}” created for {board.name}",
        after=_facts(record),
    )
    return record, token


def token_for(token: str, now: dt.datetime | None = None) -> ApiToken | None:
    """The live token record (with its owner and board) for a token, or None when the token is
    unknown, revoked or its owner deactivated; records when it was used."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    record = (
        ApiToken.objects.select_related("owner", "board")
        .filter(digest=digest(token), revoked_at__isnull=True, owner__is_active=True)
        .first()
    )
    if record is None:
        return None
    now = now or timezone.now()
    if record.last_used is None or now - record.last_used >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=record.pk).update(last_used=now)
    return record


def user_for_token(token: str, now: dt.datetime | None = None) -> Any | None:
    """The active user a live token belongs to, or None; records when it was used."""
    record = token_for(token, now)
    return record.owner if record is not None else None


def refusal(record: ApiToken, board: Board) -> str | None:
    """Why this token may not be used on ``board`` at all, or None if it is the token's board.
    (What the owner may do there is the policy's to say, asked next.)"""
    if record.board_id is None:
        return (
            "This token belongs to no board, so it may change nothing: tokens issued before "
            "tokens were scoped to a board are refused. Create a new one at /manage/me/api-tokens/."
        )
    if record.board_id != board.pk:
        assert record.board is not None
        return (
            f"This token is for {record.board.name}; it may not be used on {board.name}. "
            "Use a token created for that board."
        )
    return None


@transaction.atomic
def revoke_token(record: ApiToken, now: dt.datetime | None = None, by: Any = None) -> bool:
    """Revoke a token for good; returns False if it was already revoked."""
    if record.revoked_at is not None:
        return False
    record.revoked_at = now or timezone.now()
    record.save(update_fields=["revoked_at", "modified"])
    audit.record(
        "api_token.revoke",
        record,
        user=by,
        summary=f"API token {record.prefix}… “{record.name}” revoked",
        after={**_facts(record), "revoked_at": str(record.revoked_at)},
    )
    return True
