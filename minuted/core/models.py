"""The abstract base every Minuted record shares."""

from __future__ import annotations

import uuid

from django.db import models


class Record(models.Model):
    """Creation and modification times, and a public identifier.

    ``uid`` is the stable identifier used in open data (OParl ids, ModernGov ids, iCal UIDs):
    it never changes, even when a slug or name does. Database ids stay internal.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
