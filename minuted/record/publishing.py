"""Publishing minutes as immutable, numbered versions in two editions (the pack machinery)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from minuted.accounts.policy import Action, may
from minuted.papers.models import PackEdition
from minuted.record.documents import minutes_document
from minuted.record.models import Minutes, MinutesVersion
from minuted.record.register import inquorate_sentence
from minuted.record.signals import minutes_published
from minuted.rendering.pdf import render_minutes_pdf


@transaction.atomic
def publish_minutes(
    minutes: Minutes, user: Any, reason: str = "", published_at: dt.datetime | None = None
) -> MinutesVersion:
    """Publish the next version of the minutes. ``published_at`` is for loading minutes
    published in the past (the demonstration data); publishing now leaves it to the clock."""
    if not may(user, Action.PUBLISH_PACK, minutes.meeting.board):
        raise PermissionDenied("Only the board's clerks may publish its minutes.")
    minutes = (
        Minutes.objects.select_for_update().select_related("meeting__board").get(pk=minutes.pk)
    )
    last = MinutesVersion.objects.filter(meeting=minutes.meeting).order_by("-number").first()
    number = last.number + 1 if last else 1
    if number > 1 and not reason.strip():
        raise ValidationError({"reason": "Say why a new version of the minutes is published."})
    if not minutes.is_approved:
        # The record says if the meeting became inquorate (domain rules §3).
        note = inquorate_sentence(minutes.meeting)
        if note != minutes.inquorate_note:
            minutes.inquorate_note = note
            minutes.save(update_fields=["inquorate_note", "modified"])
    published_at = published_at or timezone.now()
    documents = {
        edition: {**minutes_document(minutes, edition), "published_at": published_at.isoformat()}
        for edition in (PackEdition.MEMBERS, PackEdition.PUBLIC)
    }
    pdfs: dict[str, bytes] = {e: render_minutes_pdf(doc) for e, doc in documents.items()}
    version = MinutesVersion(
        meeting=minutes.meeting,
        number=number,
        reason=reason.strip(),
        published_at=published_at,
        published_by=user,
        members_document=documents[PackEdition.MEMBERS],
        public_document=documents[PackEdition.PUBLIC],
    )
    version.attach_pdfs(f"{minutes.meeting.board.slug}-{minutes.meeting.slug}-minutes", pdfs)
    version.save()
    minutes_published.send(sender=MinutesVersion, version=version)
    return version
