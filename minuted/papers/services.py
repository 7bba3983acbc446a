"""Report services shared by the staff screens, the admin and the demo loader."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max

from minuted.governance.models import Board, Officer
from minuted.meetings.models import AgendaItem
from minuted.papers.models import (
    BoardReportSettings,
    Report,
    ReportContact,
    ReportSection,
    ReportStatus,
    StandardSection,
)


def required_sections(board: Board) -> list[str]:
    settings = BoardReportSettings.objects.filter(board=board).first()
    return list(settings.required_sections) if settings else []


@transaction.atomic
def create_report(item: AgendaItem, title: str, author: Any = None) -> Report:
    """A draft report for an agenda item, with the board's required standard sections already
    in place and the author's officer record as its first contact officer."""
    last = item.reports.aggregate(Max("position"))["position__max"]
    report = Report(
        agenda_item=item,
        title=title,
        author=author,
        position=(last or 0) + 1,
        status=ReportStatus.DRAFT,
    )
    report.full_clean()
    report.save()
    for position, standard in enumerate(required_sections(item.meeting.board), start=100):
        ReportSection.objects.create(
            report=report,
            position=position,
            heading=StandardSection(standard).label,
            standard=standard,
        )
    officer = Officer.objects.filter(
        user=author, organisation_id=item.meeting.board.organisation_id
    ).first()
    if author is not None and officer is not None:
        ReportContact.objects.create(
            report=report,
            officer=officer,
            name=officer.name,
            job_title=officer.position,
            phone=officer.phone or officer.mobile,
            email=officer.email,
        )
    return report


def missing_required_sections(report: Report) -> list[str]:
    """Labels of the board's required standard sections that the report lacks or left empty."""
    present = {s.standard for s in report.sections.all() if s.standard and s.paragraphs.exists()}
    return [
        StandardSection(s).label
        for s in required_sections(report.agenda_item.meeting.board)
        if s not in present
    ]
