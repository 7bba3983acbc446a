"""Published agenda packs: immutable, numbered versions in two editions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from minuted.core.models import Record
from minuted.meetings.models import Meeting


class PackKind(models.TextChoices):
    MAIN = "main", "Agenda pack"
    SUPPLEMENTARY = "supplementary", "Supplementary pack"


class PackEdition(models.TextChoices):
    """The members' edition holds everything; the public edition replaces each exempt
    report with a "Document is Restricted" page (domain rules §2)."""

    PUBLIC = "public", "Public edition"
    MEMBERS = "members", "Members' edition"


class ImmutableError(Exception):
    """A published version cannot be changed or deleted; publish a new version instead."""


def _pdf_path(instance: PackVersion, filename: str) -> str:
    return f"packs/{instance.meeting.uid}/{instance.kind}-v{instance.number}/{filename}"


class PackVersion(Record):
    """One publication of a meeting's pack. Version 1 is the first; a correction or late
    report is published as version 2 with a reason, and version 1 stays as it was."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="packs")
    kind = models.CharField(max_length=20, choices=PackKind.choices, default=PackKind.MAIN)
    number = models.PositiveIntegerField()
    reason = models.TextField(blank=True)  # required from version 2 on
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The frozen documents each edition was rendered from (the HTML edition renders these).
    members_document = models.JSONField()
    public_document = models.JSONField()
    members_pdf = models.FileField(upload_to=_pdf_path, max_length=300)
    public_pdf = models.FileField(upload_to=_pdf_path, max_length=300)
    members_pdf_sha256 = models.CharField(max_length=64)
    public_pdf_sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["meeting", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "number"], name="one_pack_version_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.number} — {self.meeting}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableError("A published pack cannot be changed; publish a new version.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableError("A published pack cannot be deleted.")

    def document(self, edition: str) -> dict[str, Any]:
        return self.members_document if edition == PackEdition.MEMBERS else self.public_document

    def pdf(self, edition: str) -> Any:
        return self.members_pdf if edition == PackEdition.MEMBERS else self.public_pdf
