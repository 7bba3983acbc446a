"""The report editor: an officer's report in the standard template, as one form."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from minuted.accounts.policy import Action, may
from minuted.core.concurrency import EditConflict
from minuted.meetings.services import deadline_status
from minuted.papers.documents import report_content
from minuted.papers.models import ReportStatus
from minuted.staff.access import editable_report
from minuted.staff.report_editor import PublishedChangeNeedsReason, ReportEditor

ACTIONS = {
    "save": None,
    "ready": ReportStatus.READY,
    "draft": ReportStatus.DRAFT,
}


@login_required
def report_edit(request: HttpRequest, report: UUID) -> HttpResponse:
    the_report = editable_report(request.user, report)
    status_code = 200
    editor = ReportEditor(the_report, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        action = request.POST.get("action", "save")
        status = ACTIONS.get(action)
        if editor.is_valid(marking_ready=status == ReportStatus.READY):
            try:
                changed = editor.save(request.user, status=status)
            except PublishedChangeNeedsReason:
                pass
            except EditConflict:
                status_code = 409  # saved by someone else since: the form keeps the text
            else:
                messages.success(request, _saved_message(changed, status))
                return redirect("staff:report", report=the_report.uid)
        the_report.refresh_from_db()
    meeting = the_report.agenda_item.meeting
    return render(
        request,
        "staff/report_edit.html",
        {
            "report": the_report,
            "meeting": meeting,
            "item": the_report.agenda_item,
            "deadline": deadline_status(meeting),
            "editor": editor,
            "errors": editor.errors(),
            "preview": report_content(the_report),
            "may_manage": may(request.user, Action.MANAGE_BOARD, meeting.board),
        },
        status=status_code,
    )


def _saved_message(changed: bool, status: str | None) -> str:
    if status == ReportStatus.READY:
        return "The report is saved and marked as ready for publication."
    if status == ReportStatus.DRAFT:
        return "The report is saved and back in draft."
    return "The report is saved." if changed else "There were no changes to save."
