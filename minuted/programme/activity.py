"""Other boards' improvement activity, collected for a meeting cycle of the overseeing board
and compiled into a report grouped by board (the example's item 9, "LGA Boards' improvement
activity": a section per board and programme, a paragraph per piece of activity)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from minuted.papers.models import Report, ReportParagraph, ReportSection
from minuted.papers.publishing import record_report_change
from minuted.programme.models import ImprovementActivity


def heading_for(entry: ImprovementActivity) -> str:
    """ "Community Wellbeing Board: Care and Health Improvement Programme (CHIP)", or the
    board's name alone."""
    if entry.programme_area:
        return f"{entry.source_board_name}: {entry.programme_area}"
    return entry.source_board_name


def paragraph_text(entry: ImprovementActivity) -> str:
    text = entry.text.strip()
    if entry.title:
        text = f"**{entry.title}:** {text}"
    links = [line.strip() for line in entry.links.splitlines() if line.strip()]
    if links:
        text += "\n\n" + " ".join(f"<{link}>" for link in links)
    return text


def grouped(entries: Iterable[ImprovementActivity]) -> list[tuple[str, list[ImprovementActivity]]]:
    """Entries by heading, in the order each heading first appears (board, then position)."""
    groups: dict[str, list[ImprovementActivity]] = {}
    for entry in entries:
        groups.setdefault(heading_for(entry), []).append(entry)
    return list(groups.items())


@transaction.atomic
def compile_into(
    report: Report, entries: Iterable[ImprovementActivity], *, user: Any = None, reason: str = ""
) -> list[ReportSection]:
    """Add a section per board to the report, before its standard closing sections
    (implications, next steps), with a paragraph per entry. Sections with the same headings
    from an earlier compilation are replaced."""
    groups = grouped(entries)
    if not groups:
        raise ValidationError("There is no improvement activity to compile for this meeting.")
    headings = [heading for heading, _ in groups]
    report.sections.filter(heading__in=headings, standard="").delete()
    sections = list(report.sections.order_by("position", "pk"))
    closing = [s for s in sections if s.standard]
    opening = [s for s in sections if not s.standard]
    created = []
    position = 0
    for section in opening:
        section.position = position
        section.save(update_fields=["position"])
        position += 1
    for heading, items in groups:
        section = ReportSection.objects.create(report=report, position=position, heading=heading)
        position += 1
        for number, entry in enumerate(items):
            ReportParagraph.objects.create(
                section=section, position=number, text=paragraph_text(entry)
            )
        created.append(section)
    for section in closing:
        section.position = position
        section.save(update_fields=["position"])
        position += 1
    report.refresh_from_db(fields=["published_version", "revision"])
    record_report_change(report, user, reason)
    return created
