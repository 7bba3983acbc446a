"""Public views of meetings and their published packs (HTML edition and PDF).

The members' edition is served only to those the policy lets see the board's exempt papers;
the public edition was built without any exempt report text, so it is safe for anyone."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render

from minuted.accounts.policy import Action, may
from minuted.core.files import file_response
from minuted.meetings.models import Meeting, MeetingStatus
from minuted.papers.documents import agenda_items
from minuted.papers.models import PackEdition, PackKind, PackVersion
from minuted.papers.models.pack import PublishedEditions
from minuted.papers.public import PublicPaper, latest_packs, public_papers
from minuted.publicsite.context_processors import site_organisation
from minuted.record.models import (
    Attendance,
    AttendanceStatus,
    Minutes,
    MinutesVersion,
    OtherAttendee,
)
from minuted.record.public import latest_minutes


def _pdf_response(version: PublishedEditions, edition: str, name: str) -> HttpResponseBase:
    # A published version never changes at its URL; members' copies stay out of shared caches.
    return file_response(
        version.pdf(edition),
        name,
        cache_control="public, max-age=31536000, immutable"
        if edition == PackEdition.PUBLIC
        else "private",
    )


def _meeting(request: HttpRequest, board: str, meeting: str) -> Meeting:
    organisation = site_organisation(request)
    return get_object_or_404(
        Meeting.objects.select_related("board", "board__organisation", "term"),
        board__organisation=organisation,
        board__slug=board,
        slug=meeting,
    )


def _version(meeting: Meeting, kind: str, number: int) -> PackVersion:
    return get_object_or_404(PackVersion, meeting=meeting, kind=kind, number=number)


def _entitled(request: HttpRequest, meeting: Meeting, edition: str) -> None:
    if edition not in PackEdition.values:
        raise Http404("No such edition")
    if edition == PackEdition.MEMBERS and not may(request.user, Action.VIEW_EXEMPT, meeting.board):
        if not request.user.is_authenticated:
            raise _LoginRequired
        raise PermissionDenied("The members' edition is for members of the board.")


class _LoginRequired(Exception):
    pass


def meeting_detail(request: HttpRequest, board: str, meeting: str) -> HttpResponse:
    the_meeting = _meeting(request, board, meeting)
    # Every published version, for the downloads; what the page prints of the agenda and
    # minutes is read from the latest versions' public editions.
    packs = list(
        PackVersion.objects.filter(meeting=the_meeting)
        .defer("members_document", "public_document")
        .order_by("kind", "-number")
    )
    minutes_versions = list(
        MinutesVersion.objects.filter(meeting=the_meeting)
        .defer("members_document", "public_document")
        .order_by("-number")
    )
    versions = latest_packs(meetings=[the_meeting]) if packs else []
    latest = next((v for v in versions if v.kind == PackKind.MAIN), None)
    minutes = latest_minutes(meetings=[the_meeting]) if minutes_versions and not latest else []
    papers: dict[str, list[PublicPaper]] = {}
    for paper in _papers(versions):
        papers.setdefault(paper.item_number, []).append(paper)
    context: dict[str, Any] = {
        "meeting": the_meeting,
        "board": the_meeting.board,
        "packs": packs,
        "latest": latest,
        "agenda": _agenda_rows(latest.public_document["agenda"], papers) if latest else None,
        "draft_items": None if latest else agenda_items(the_meeting),
        "members_edition": may(request.user, Action.VIEW_EXEMPT, the_meeting.board),
        "minutes_versions": minutes_versions,
        # A meeting held without a pack published here (minutes transcribed from an earlier
        # system) still shows what it considered, from its public minutes.
        "minuted_items": minutes[0].public_document["items"] if minutes else [],
        "approved": _approved(the_meeting),
        "approves": Minutes.objects.filter(approved_at_item__meeting=the_meeting)
        .select_related("meeting__board")
        .order_by("meeting__date"),
        "attendance": meeting_attendance(the_meeting)
        if the_meeting.status == MeetingStatus.HELD
        else None,
    }
    return render(request, "publicsite/meeting_detail.html", context)


def _papers(versions: list[PackVersion]) -> list[PublicPaper]:
    """The public reports of the latest pack versions, each once: a report sent again in a
    supplementary pack is read from there, the later publication (latest_packs orders the
    supplementary pack after the main one)."""
    by_id: dict[str, PublicPaper] = {}
    for paper in public_papers(versions):
        by_id[paper.id] = paper
    return list(by_id.values())


def _agenda_rows(
    agenda: list[dict[str, Any]], papers: dict[str, list[PublicPaper]]
) -> list[dict[str, Any]]:
    """The public agenda's rows, each item with the public papers published for it."""
    return [
        {**row, "papers": [] if row.get("exempt") else papers.get(row["number"], [])}
        if row.get("type") == "item"
        else row
        for row in agenda
    ]


@dataclass
class Register:
    """The attendance of a held meeting, as the register recorded it (inherently public)."""

    present: list[Attendance] = field(default_factory=list)
    substitutes: list[Attendance] = field(default_factory=list)
    observers: list[Attendance] = field(default_factory=list)
    apologies: list[Attendance] = field(default_factory=list)
    absent: list[Attendance] = field(default_factory=list)
    # Members the transcribed minutes list as present without a membership in Minuted.
    members_as_recorded: list[OtherAttendee] = field(default_factory=list)
    in_attendance: list[OtherAttendee] = field(default_factory=list)  # officers and guests

    def __bool__(self) -> bool:
        return any(vars(self).values())


_REGISTER_LISTS = {
    AttendanceStatus.PRESENT: "present",
    AttendanceStatus.VIRTUAL: "present",
    AttendanceStatus.SUBSTITUTE: "substitutes",
    AttendanceStatus.OBSERVER: "observers",
    AttendanceStatus.APOLOGIES: "apologies",
    AttendanceStatus.ABSENT: "absent",
}


def meeting_attendance(meeting: Meeting) -> Register:
    register = Register()
    for mark in Attendance.objects.filter(meeting=meeting).select_related(
        "membership__person", "membership__political_group", "substitute_for__person"
    ):
        getattr(register, _REGISTER_LISTS[AttendanceStatus(mark.status)]).append(mark)
    for other in OtherAttendee.objects.filter(meeting=meeting):
        if other.kind == OtherAttendee.Kind.MEMBER:
            register.members_as_recorded.append(other)
        else:
            register.in_attendance.append(other)
    return register


def item_detail(request: HttpRequest, board: str, meeting: str, number: str) -> HttpResponse:
    """One agenda item with its public reports as pages, and its minute once published.

    The agenda is the public edition of the latest published pack, or, for a meeting held
    without a pack published here, its public minutes. Before either, nothing is public."""
    the_meeting = _meeting(request, board, meeting)
    versions = latest_packs(meetings=[the_meeting])
    main = next((v for v in versions if v.kind == PackKind.MAIN), None)
    minutes = latest_minutes(meetings=[the_meeting])
    minute_items = minutes[0].public_document.get("items", []) if minutes else []
    if main is not None:
        rows = [r for r in main.public_document["agenda"] if r.get("type") == "item"]
    else:
        rows = [
            {"number": i["number"], "title": i["title"], "exempt": bool(i.get("exclusion"))}
            for i in minute_items
        ]
    index = next((i for i, r in enumerate(rows) if r["number"] == number), None)
    if index is None:
        raise Http404("No such item on the published agenda")
    row = rows[index]
    exempt = bool(row.get("exempt"))
    members = may(request.user, Action.VIEW_EXEMPT, the_meeting.board)
    members_reports = []
    if exempt and members and main is not None:
        titles = {r["id"]: r["title"] for r in main.members_document["reports"]}
        members_reports = [(rid, titles.get(rid, "")) for rid in row.get("reports", [])]
    context = {
        "meeting": the_meeting,
        "board": the_meeting.board,
        "item": row,
        "exempt": exempt,
        "papers": [] if exempt else [p for p in _papers(versions) if p.item_number == number],
        "members_reports": members_reports,
        "main": main,
        "minutes": minutes[0] if minutes else None,
        "minute": next((i for i in minute_items if i.get("number") == number), None),
        "previous": rows[index - 1] if index > 0 else None,
        "next": rows[index + 1] if index + 1 < len(rows) else None,
    }
    return render(request, "publicsite/item_detail.html", context)


def _edition_view(
    request: HttpRequest,
    board: str,
    meeting: str,
    kind: str,
    number: int,
    edition: str,
    report_id: str | None,
) -> HttpResponse:
    the_meeting = _meeting(request, board, meeting)
    try:
        _entitled(request, the_meeting, edition)
    except _LoginRequired:
        return redirect_to_login(request.get_full_path())
    version = _version(the_meeting, kind, number)
    document = version.document(edition)
    context = {
        "meeting": the_meeting,
        "board": the_meeting.board,
        "version": version,
        "edition": edition,
        "document": document,
        "reports": {r["id"]: r for r in document["reports"]},
    }
    if report_id is None:
        return render(request, "publicsite/pack_agenda.html", context)
    report = context["reports"].get(report_id)  # type: ignore[attr-defined]
    if report is None:
        raise Http404("No such report in this pack")
    return render(request, "publicsite/pack_report.html", {**context, "report": report})


def pack_edition(
    request: HttpRequest,
    board: str,
    meeting: str,
    number: int,
    edition: str,
    kind: str = PackKind.MAIN,
) -> HttpResponse:
    return _edition_view(request, board, meeting, kind, number, edition, None)


def pack_report(
    request: HttpRequest,
    board: str,
    meeting: str,
    number: int,
    edition: str,
    report: str,
    kind: str = PackKind.MAIN,
) -> HttpResponse:
    return _edition_view(request, board, meeting, kind, number, edition, report)


def pack_pdf(
    request: HttpRequest,
    board: str,
    meeting: str,
    number: int,
    edition: str,
    kind: str = PackKind.MAIN,
) -> HttpResponseBase:
    the_meeting = _meeting(request, board, meeting)
    try:
        _entitled(request, the_meeting, edition)
    except _LoginRequired:
        return redirect_to_login(request.get_full_path())
    version = _version(the_meeting, kind, number)
    name = f"{the_meeting.board.slug}-{the_meeting.slug}-{kind}-v{number}-{edition}.pdf"
    return _pdf_response(version, edition, name)


def _approved(meeting: Meeting) -> Minutes | None:
    """The meeting's minutes if a later meeting has approved them as a correct record. A
    published version never changes, so pages read approval from the minutes as they are now."""
    return (
        Minutes.objects.filter(meeting=meeting, approved_at_item__isnull=False)
        .select_related("approved_at_item__meeting__board")
        .first()
    )


def _minutes_version(meeting: Meeting, number: int) -> MinutesVersion:
    return get_object_or_404(MinutesVersion, meeting=meeting, number=number)


def minutes_edition(
    request: HttpRequest, board: str, meeting: str, number: int, edition: str
) -> HttpResponse:
    the_meeting = _meeting(request, board, meeting)
    try:
        _entitled(request, the_meeting, edition)
    except _LoginRequired:
        return redirect_to_login(request.get_full_path())
    version = _minutes_version(the_meeting, number)
    return render(
        request,
        "publicsite/minutes.html",
        {
            "meeting": the_meeting,
            "board": the_meeting.board,
            "version": version,
            "edition": edition,
            "document": version.document(edition),
            "approved": _approved(the_meeting),
        },
    )


def minutes_pdf(
    request: HttpRequest, board: str, meeting: str, number: int, edition: str
) -> HttpResponseBase:
    the_meeting = _meeting(request, board, meeting)
    try:
        _entitled(request, the_meeting, edition)
    except _LoginRequired:
        return redirect_to_login(request.get_full_path())
    version = _minutes_version(the_meeting, number)
    name = f"{the_meeting.board.slug}-{the_meeting.slug}-minutes-v{number}-{edition}.pdf"
    return _pdf_response(version, edition, name)
