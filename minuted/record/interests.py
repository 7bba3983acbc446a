"""Members' registers of interests: the history of every change (who may change them is the
policy's EDIT_REGISTER action), and what the public register shows (sensitive entries withheld;
Localism Act 2011 s.32)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from minuted.accounts.policy import Action, may
from minuted.governance.models import Person
from minuted.record.models import RegisterChange, RegisterEntry

FIELDS = ("category", "description", "spouse_or_partner", "registered_on", "ended_on", "sensitive")


def _snapshot(entry: RegisterEntry) -> dict[str, Any]:
    return {
        f: (v.isoformat() if isinstance(v, dt.date) else v)
        for f in FIELDS
        for v in [getattr(entry, f)]
    }


@transaction.atomic
def save_entry(entry: RegisterEntry, user: Any, summary: str) -> RegisterEntry:
    """Validate and save an entry, recording who changed it and how it then read."""
    if not may(user, Action.EDIT_REGISTER, person=entry.person):
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
