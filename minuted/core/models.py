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


class PublicGeneration(models.Model):
    """One number that changes whenever anything is saved or deleted: the public page cache
    (core/pagecache.py) keys pages on it, so a change anywhere retires every cached page."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "public page generation"

    def __str__(self) -> str:
        return f"Generation {self.value}"
