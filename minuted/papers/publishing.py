"""Publishing a meeting's agenda pack as an immutable, numbered version.

Both editions' documents are built and rendered to PDF inside one transaction; either the
whole version exists afterwards or nothing does."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from minuted.accounts.policy import Action, may
from minuted.meetings.models import AgendaItemKind, Meeting
from minuted.papers.documents import agenda_items, build_document, report_content
from minuted.papers.models import (
    PackEdition,
    PackKind,
    PackVersion,
    Report,
    ReportRevision,
    ReportStatus,
)
from minuted.papers.services import missing_required_sections
from minuted.papers.signals import pack_published
from minuted.rendering.pdf import render_pack_pdf, render_pack_pdf_with_ranges


def problems_before_publishing(meeting: Meeting, kind: str = PackKind.MAIN) -> list[str]:
    """What stops the pack being published, in the clerk's words (empty when ready)."""
    problems = []
    items = agenda_items(meeting)
    if not items:
        problems.append("The agenda has no items yet.")
    for item in items:
        if kind == PackKind.SUPPLEMENTARY and item.kind != AgendaItemKind.SUPPLEMENTAL:
            continue
        reports = list(item.reports.all())
        if item.kind == AgendaItemKind.REPORT and not reports:
            problems.append(
                f"“{item.title}” has no report yet: add one, or mark the item as to follow."
            )
        if kind == PackKind.SUPPLEMENTARY and not reports:
            problems.append(f"“{item.title}” is to follow but has no report yet.")
        problems += [
            f"The report “{r.title}” is still a draft."
            for r in reports
            if r.status != ReportStatus.READY
        ]
        for report in reports:
            problems += [
                f"The report “{report.title}” has no “{label}” section, which this board requires."
                for label in missing_required_sections(report)
            ]
    return problems


def next_version_number(meeting: Meeting, kind: str) -> int:
    last = PackVersion.objects.filter(meeting=meeting, kind=kind).order_by("-number").first()
    return (last.number + 1) if last else 1


@transaction.atomic
def publish_pack(
    meeting: Meeting,
    user: Any,
    reason: str = "",
    kind: str = PackKind.MAIN,
    published_at: dt.datetime | None = None,
) -> PackVersion:
    """Publish the next version of the meeting's pack (or supplementary pack).

    ``published_at`` is for loading packs published in the past (the demonstration data);
    publishing now leaves it to the clock."""
    if not may(user, Action.PUBLISH_PACK, meeting.board):
        raise PermissionDenied("Only the board's clerks may publish its packs.")
    meeting = Meeting.objects.select_for_update().select_related("board", "term").get(pk=meeting.pk)
    number = next_version_number(meeting, kind)
    if number > 1 and not reason.strip():
        raise ValidationError(
            {"reason": "Say why a new version is being published (a correction, a late report)."}
        )
    problems = problems_before_publishing(meeting, kind)
    if problems:
        raise ValidationError({"__all__": problems})
    published_at = published_at or timezone.now()
    stamp = published_at.isoformat()
    documents = {
        edition: build_document(meeting, edition, number, kind, published_at=stamp)
        for edition in (PackEdition.MEMBERS, PackEdition.PUBLIC)
    }
    # The public edition keeps the members' edition's page numbers (its placeholder for an
    # exempt report of 16 pages is one page numbered 1, and the next report starts at 17), so
    # that "page 27" means the same page to members and to the public in the meeting.
    members_pdf, ranges = render_pack_pdf_with_ranges(documents[PackEdition.MEMBERS])
    documents[PackEdition.PUBLIC]["page_numbers"] = {
        report_id: [first, last] for report_id, (first, last) in ranges.items()
    }
    pdfs: dict[str, bytes] = {
        PackEdition.MEMBERS: members_pdf,
        PackEdition.PUBLIC: render_pack_pdf(documents[PackEdition.PUBLIC]),
    }
    version = PackVersion(
        meeting=meeting,
        kind=kind,
        number=number,
        reason=reason.strip(),
        published_at=published_at,
        published_by=user,
        members_document=documents[PackEdition.MEMBERS],
        public_document=documents[PackEdition.PUBLIC],
    )
    version.attach_pdfs(f"{meeting.board.slug}-{meeting.slug}", pdfs)
    version.save()
    included = [r["id"][1:] for r in documents[PackEdition.MEMBERS]["reports"]]
    Report.objects.filter(pk__in=included, published_version__isnull=True).update(
        published_version=number
    )
    pack_published.send(sender=PackVersion, version=version)
    return version


@transaction.atomic
def record_report_change(report: Report, user: Any, reason: str = "") -> Report:
    """Call after saving a change to a report. Before publication nothing more is needed;
    after it, the change needs a reason and becomes a numbered revision."""
    if not report.is_published:
        return report
    if not reason.strip():
        raise ValidationError({"reason": "This report has been published: say why it is changing."})
    report.revision += 1
    report.save(update_fields=["revision", "modified"])
    ReportRevision.objects.create(
        report=report,
        number=report.revision,
        reason=reason.strip(),
        changed_by=user if getattr(user, "is_authenticated", False) else None,
        content=report_content(report),
    )
    return report


def mark_ready(report: Report) -> None:
    report.status = ReportStatus.READY
    report.save(update_fields=["status", "modified"])
