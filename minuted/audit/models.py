"""The audit trail: one row per state change that matters, never changed and never deleted."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AppendOnly(Exception):
    """Raised on any attempt to change or delete an audit entry."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    # Bulk updates and deletes skip Model.save/delete: refuse them here too.
    def update(self, **kwargs: Any) -> int:
        raise AppendOnly("Audit entries cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    when = models.DateTimeField(auto_now_add=True, db_index=True)
    # SET_NULL would be an UPDATE of this table, which the PostgreSQL trigger refuses: users
    # are deactivated, never deleted (issue 6), so the reference is kept without a constraint.
    who = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    # Who it was, as text at the time: survives a renamed or removed account, and names the
    # address tried in a failed sign-in (where there is no user).
    who_label = models.CharField(max_length=255, blank=True)
    action = models.CharField(max_length=60, db_index=True)  # e.g. "pack.publish"
    object_type = models.CharField(max_length=60, blank=True, db_index=True)  # app.model
    object_uid = models.CharField(max_length=64, blank=True)  # the public uid, or the pk
    object_label = models.CharField(max_length=255, blank=True)
    summary = models.TextField(blank=True)
    before = models.JSONField(null=True, blank=True)  # the fields that changed, before
    after = models.JSONField(null=True, blank=True)  # and after; None for a creation/deletion
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-when", "-id"]
        verbose_name = "audit entry"
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.when:%Y-%m-%d %H:%M} {self.action} {self.object_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnly("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("Audit entries cannot be deleted.")
