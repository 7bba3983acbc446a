"""audit.record(): the one way an entry is written. Callers say what happened; who and from
where come from the caller or, failing that, from the current request."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models

from minuted.audit.context import client_ip, current_request, request_user
from minuted.audit.models import AuditEntry

SKIPPED_FIELDS = {"created", "modified", "password", "last_login"}


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (dt.date, dt.datetime, dt.time, uuid.UUID, decimal.Decimal)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def snapshot(obj: models.Model | None) -> dict[str, Any] | None:
    """The object's own fields (foreign keys as ids), JSON-ready; None for no object."""
    if obj is None:
        return None
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS or isinstance(field, models.FileField):
            continue
        values[field.attname] = _plain(getattr(obj, field.attname))
    return values


def difference(
    before: dict[str, Any] | None, after: dict[str, Any] | None
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Only what changed, when both sides exist; whole snapshots for a creation or deletion."""
    if before is None or after is None:
        return before, after
    changed = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in changed}, {k: after[k] for k in changed}


def record(
    action: str,
    obj: models.Model | None = None,
    *,
    summary: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    user: Any = None,
    who_label: str = "",
    object_type: str = "",
    object_label: str = "",
) -> AuditEntry:
    request = current_request.get()
    if user is None or not getattr(user, "is_authenticated", False):
        user = request_user(request)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_label = object_label or str(obj)
    uid = getattr(obj, "uid", None) or getattr(obj, "pk", None)
    return AuditEntry.objects.create(
        who=user,
        who_label=who_label or (getattr(user, "email", "") if user else ""),
        action=action,
        object_type=object_type,
        object_uid=str(uid) if uid is not None else "",
        object_label=object_label[:255],
        summary=summary,
        before=before,
        after=after,
        ip_address=client_ip(request),
    )


@contextmanager
def change(obj: models.Model, action: str, summary: str = "", user: Any = None) -> Iterator[None]:
    """Wrap a save: records what the row was before and what it is after, field by field."""
    old = type(obj)._default_manager.filter(pk=obj.pk).first() if obj.pk else None
    before = snapshot(old)
    yield
    before, after = difference(before, snapshot(obj))
    if old is not None and not after:
        return  # saved unchanged: nothing to record
    verb = "changed" if old is not None else "created"
    record(
        action,
        obj,
        summary=summary or f"{obj._meta.verbose_name} {verb}",
        before=before,
        after=after,
        user=user,
    )


def deleted(obj: models.Model, action: str, summary: str = "", user: Any = None) -> AuditEntry:
    """Call before deleting: records the row as it was."""
    return record(
        action,
        obj,
        summary=summary or f"{obj._meta.verbose_name} deleted",
        before=snapshot(obj),
        user=user,
    )
