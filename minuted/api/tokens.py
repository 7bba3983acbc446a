"""Issuing, checking and revoking API tokens (the command, the admin and the API share these)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from minuted.api.models import ApiToken

TOKEN_PREFIX = "mtd_"  # says what a token is when one turns up in a log or a secret scanner
PREFIX_LENGTH = len(TOKEN_PREFIX) + 8
# A used token's last_used is written at most this often, so that reading it is not a write.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(owner: Any, name: str) -> tuple[ApiToken, str]:
    """A new token for ``owner``: the stored record, and the token itself, which is not kept
    anywhere and must be shown to the user now."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Say what the token is for."})
    if not owner.is_active:
        raise ValidationError({"owner": f"{owner} cannot sign in, so cannot have a token."})
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken(owner=owner, name=name, prefix=token[:PREFIX_LENGTH], digest=digest(token))
    record.full_clean()
    record.save()
    return record, token


def user_for_token(token: str, now: dt.datetime | None = None) -> Any | None:
    """The active user a live token belongs to, or None; records when it was used."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    record = (
        ApiToken.objects.select_related("owner")
        .filter(digest=digest(token), revoked_at__isnull=True, owner__is_active=True)
        .first()
    )
    if record is None:
        return None
    now = now or timezone.now()
    if record.last_used is None or now - record.last_used >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=record.pk).update(last_used=now)
    return record.owner


def revoke_token(record: ApiToken, now: dt.datetime | None = None) -> bool:
    """Revoke a token for good; returns False if it was already revoked."""
    if record.revoked_at is not None:
        return False
    record.revoked_at = now or timezone.now()
    record.save(update_fields=["revoked_at", "modified"])
    return True
