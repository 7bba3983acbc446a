"""Published agenda packs: immutable, numbered versions in two editions."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
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


def _pdf_path(instance: PublishedEditions, filename: str) -> str:
    return f"{instance.pdf_folder()}/{filename}"


class PublishedEditions(Record):
    """A published, numbered version of a document in a public and a members' edition: the
    frozen JSON each edition was rendered from, and its PDF with a checksum. It never changes
    or goes away; a correction is the next version, with a reason."""

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
        abstract = True

    def pdf_folder(self) -> str:
        """Where the version's files go (subclasses name it for people reading storage)."""
        return f"published/{self._meta.model_name}/{self.uid}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableError("A published version cannot be changed; publish a new one.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableError("A published version cannot be deleted.")

    def attach_pdfs(self, name: str, pdfs: Mapping[str, bytes]) -> None:
        """Store both editions' PDFs (before the first save) with their checksums."""
        for edition in (PackEdition.MEMBERS, PackEdition.PUBLIC):
            content = pdfs[edition]
            setattr(self, f"{edition}_pdf_sha256", hashlib.sha256(content).hexdigest())
            self.pdf(edition).save(f"{name}-{edition}.pdf", ContentFile(content), save=False)

    def document(self, edition: str) -> dict[str, Any]:
        return self.members_document if edition == PackEdition.MEMBERS else self.public_document

    def pdf(self, edition: str) -> Any:
        return self.members_pdf if edition == PackEdition.MEMBERS else self.public_pdf


class PackVersion(PublishedEditions):
    """One publication of a meeting's pack. Version 1 is the first; a correction or late
    report is published as version 2 with a reason, and version 1 stays as it was."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="packs")
    kind = models.CharField(max_length=20, choices=PackKind.choices, default=PackKind.MAIN)

    class Meta:
        ordering = ["meeting", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "number"], name="one_pack_version_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.number} — {self.meeting}"

    def pdf_folder(self) -> str:
        return f"packs/{self.meeting.uid}/{self.kind}-v{self.number}"
