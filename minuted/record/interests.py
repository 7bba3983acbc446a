"""Members' registers of interests: who may change them, the history of every change, and
what the public register shows (sensitive entries withheld; Localism Act 2011 s.32)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from minuted.accounts.models import Role
from minuted.accounts.policy import is_administrator
from minuted.governance.models import Person
from minuted.record.models import RegisterChange, RegisterEntry

FIELDS = ("category", "description", "spouse_or_partner", "registered_on", "ended_on", "sensitive")


def may_edit_register(user: Any, person: Person) -> bool:
    """The member themselves, a clerk of any board they sit on, or an administrator."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if is_administrator(user) or person.user_id == user.pk:
        return True
    return bool(user.role == Role.CLERK and person.memberships.filter(board__clerks=user).exists())


def _snapshot(entry: RegisterEntry) -> dict[str, Any]:
    return {
        f: (v.isoformat() if isinstance(v, dt.date) else v)
        for f in FIELDS
        for v in [getattr(entry, f)]
    }


@transaction.atomic
def save_entry(entry: RegisterEntry, user: Any, summary: str) -> RegisterEntry:
    """Validate and save an entry, recording who changed it and how it then read."""
    if not may_edit_register(user, entry.person):
        raise PermissionDenied("Only the member or their clerk may change this register.")
    entry.full_clean()
    entry.save()
    RegisterChange.objects.create(
        entry=entry, changed_by=user, summary=summary, snapshot=_snapshot(entry)
    )
    return entry


def public_register(person: Person, on: dt.date) -> QuerySet[RegisterEntry]:
    """Entries the public may see: current on ``on`` and not sensitive."""
    return (
        RegisterEntry.objects.filter(person=person, sensitive=False, registered_on__lte=on)
        .exclude(ended_on__lt=on)
        .order_by("category", "registered_on")
    )


def withheld_interests(person: Person, on: dt.date) -> int:
    """How many current entries are withheld as sensitive. The public register may say that
    the member has such an interest, never what it is (Localism Act 2011 s.32(2))."""
    return (
        RegisterEntry.objects.filter(person=person, sensitive=True, registered_on__lte=on)
        .exclude(ended_on__lt=on)
        .count()
    )
