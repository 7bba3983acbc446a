"""Public views of meetings and their published packs (HTML edition and PDF).

The members' edition is served only to those the policy lets see the board's exempt papers;
the public edition was built without any exempt report text, so it is safe for anyone."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render

from minuted.accounts.policy import Action, may
from minuted.governance.services import default_organisation
from minuted.meetings.models import Meeting
from minuted.papers.documents import agenda_items
from minuted.papers.models import PackEdition, PackKind, PackVersion
from minuted.papers.models.pack import PublishedEditions
from minuted.record.models import Minutes, MinutesVersion


def _pdf_response(version: PublishedEditions, edition: str, name: str) -> FileResponse:
    response = FileResponse(
        version.pdf(edition).open("rb"), content_type="application/pdf", filename=name
    )
    response["Content-Disposition"] = f'inline; filename="{name}"'
    # A published version never changes at its URL; members' copies stay out of shared caches.
    response["Cache-Control"] = (
        "public, max-age=31536000, immutable" if edition == PackEdition.PUBLIC else "private"
    )
    return response


def _meeting(board: str, meeting: str) -> Meeting:
    organisation = default_organisation(settings.MINUTED_ORGANISATION)
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
    the_meeting = _meeting(board, meeting)
    packs = list(PackVersion.objects.filter(meeting=the_meeting).order_by("kind", "-number"))
    latest = next((p for p in packs if p.kind == PackKind.MAIN), None)
    minutes_versions = list(MinutesVersion.objects.filter(meeting=the_meeting).order_by("-number"))
    context: dict[str, Any] = {
        "meeting": the_meeting,
        "board": the_meeting.board,
        "packs": packs,
        "latest": latest,
        "agenda": latest.public_document["agenda"] if latest else None,
        "draft_items": None if latest else agenda_items(the_meeting),
        "members_edition": may(request.user, Action.VIEW_EXEMPT, the_meeting.board),
        "minutes_versions": minutes_versions,
        # A meeting held without a pack published here (minutes transcribed from an earlier
        # system) still shows what it considered, from its public minutes.
        "minuted_items": minutes_versions[0].document(PackEdition.PUBLIC)["items"]
        if minutes_versions and not latest
        else [],
        "approved": _approved(the_meeting),
        "approves": Minutes.objects.filter(approved_at_item__meeting=the_meeting)
        .select_related("meeting__board")
        .order_by("meeting__date"),
    }
    return render(request, "publicsite/meeting_detail.html", context)


def _edition_view(
    request: HttpRequest,
    board: str,
    meeting: str,
    kind: str,
    number: int,
    edition: str,
    report_id: str | None,
) -> HttpResponse:
    the_meeting = _meeting(board, meeting)
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
    the_meeting = _meeting(board, meeting)
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
    the_meeting = _meeting(board, meeting)
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
    the_meeting = _meeting(board, meeting)
    try:
        _entitled(request, the_meeting, edition)
    except _LoginRequired:
        return redirect_to_login(request.get_full_path())
    version = _minutes_version(the_meeting, number)
    name = f"{the_meeting.board.slug}-{the_meeting.slug}-minutes-v{number}-{edition}.pdf"
    return _pdf_response(version, edition, name)
