"""Optimistic locking for long-lived edit forms (minutes items, reports).

A form carries the ``modified`` time of the row as it was when the form was opened (the
*opened token*). Saving checks, with the row locked, that it has not been saved since; if it
has, the save is refused with :class:`EditConflict`, naming who saved it and when, and the
form is shown again with what the user typed, so nothing is lost. A request without a token
(an older client) is not checked."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class EditConflict(ValidationError):
    """The row was saved by someone else after the form was opened."""


def opened_token(instance: Any) -> str:
    """What an edit form carries to say which saved state it was opened on."""
    modified = getattr(instance, "modified", None)
    return modified.isoformat() if modified else ""


def _name(user: Any) -> str:
    if user is None:
        return "someone else"
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return full or getattr(user, "email", "") or str(user)


def check_unchanged(model: type[models.Model], pk: Any, opened: str, what: str) -> None:
    """Lock the row and refuse (EditConflict) if it was saved after ``opened``. Call inside
    the transaction that saves it. ``what`` names the thing in the message."""
    if not opened or pk is None:
        return
    row = model._default_manager.select_for_update().get(pk=pk)
    try:
        opened_at = dt.datetime.fromisoformat(opened)
    except ValueError:
        opened_at = None  # not a time we wrote: treat the form as stale
    if opened_at is not None and opened_at == row.modified:  # type: ignore[attr-defined]
        return
    when = timezone.localtime(row.modified)  # type: ignore[attr-defined]
    editor = getattr(row, "edited_by", None)
    raise EditConflict(
        f"{what} was changed by {_name(editor)} at {when:%H:%M on %-d %B %Y} after you "
        "opened it; your text is below. Copy it, then reload the page to see their changes "
        "and add yours.",
        code="edit_conflict",
    )
