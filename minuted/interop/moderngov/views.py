"""A ModernGov-compatible web service: ``/mgWebService.asmx/<Method>``, so that tools written
for the web service most UK councils run (DemocracyClub's scrapers, for one) read Minuted.

Parameters are read as the real service takes them — ``lCommitteeId``, ``sFromDate`` and
``sToDate`` (dd/mm/yyyy), ``lMeetingId`` — by GET or a form POST, whatever their case. A
parameter that cannot be read gets a 400 naming it."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from minuted.governance.models import Board
from minuted.interop.feeds import paper_url
from minuted.interop.lookups import (
    answers_bad_parameters,
    date_range,
    memberships_in_order,
    organisation,
    parameters,
    parse_date,
    parse_id,
)
from minuted.interop.moderngov import documents as xml
from minuted.meetings.models import Meeting
from minuted.papers.documents import agenda_items
from minuted.papers.models import PackEdition, PackKind
from minuted.papers.public import PublicPaper, latest_packs, public_papers
from minuted.record.models import Attendance, Minutes, MinutesVersion, OtherAttendee
from minuted.record.public import latest_minutes

DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")

web_service = require_http_methods(["GET", "HEAD", "POST"])


def _xml(root: Element) -> HttpResponse:
    return HttpResponse(xml.to_bytes(root), content_type="text/xml; charset=utf-8")


def _not_found(message: str) -> HttpResponse:
    return HttpResponse(f"{message}\n", status=404, content_type="text/plain; charset=utf-8")


@csrf_exempt
@web_service
def get_committees(request: HttpRequest) -> HttpResponse:
    owner = organisation()
    boards = list(Board.objects.filter(organisation=owner).order_by("name", "pk"))
    return _xml(xml.committees(boards, owner))


@csrf_exempt
@web_service
@answers_bad_parameters
def get_meetings(request: HttpRequest) -> HttpResponse:
    given = parameters(request)
    board_id = parse_id("lCommitteeId", given.get("lcommitteeid", ""))
    since, until = date_range(
        parse_date("sFromDate", given.get("sfromdate", ""), DATE_FORMATS),
        parse_date("sToDate", given.get("stodate", ""), DATE_FORMATS),
        ("sFromDate", "sToDate"),
    )
    board = Board.objects.filter(organisation=organisation(), pk=board_id).first()
    if board is None:
        return _not_found(f"No committee has lCommitteeId {board_id}.")
    found = Meeting.objects.filter(board=board)
    if since:
        found = found.filter(date__gte=since)
    if until:
        found = found.filter(date__lte=until)
    return _xml(xml.meetings(board, list(found.order_by("date", "start_time", "pk"))))


@csrf_exempt
@web_service
@answers_bad_parameters
def get_meeting(request: HttpRequest) -> HttpResponse:
    meeting_id = parse_id("lMeetingId", parameters(request).get("lmeetingid", ""))
    try:
        meeting = Meeting.objects.select_related("board", "term").get(
            board__organisation=organisation(), pk=meeting_id
        )
    except Meeting.DoesNotExist:
        return _not_found(f"No meeting has lMeetingId {meeting_id}.")
    record = gather(request, meeting)

    def paper_document(paper: PublicPaper) -> xml.Document:
        return xml.Document(
            id=xml.attachment_id(report_id(paper), xml.REPORT),
            title=paper.title,
            url=request.build_absolute_uri(paper_url(paper)),
            is_url=True,
            published=xml.publication_day(paper.version.published_at),
        )

    def person_url(slug: str) -> str:
        return request.build_absolute_uri(reverse("person", args=[slug]))

    return _xml(xml.meeting_document(record, paper_document, person_url))


def report_id(paper: PublicPaper) -> int:
    """The report's database id, from its id in the pack document ("r12")."""
    digits = paper.id.removeprefix("r")
    return int(digits) if digits.isdigit() else 0


def _pdf_url(request: HttpRequest, name: str, meeting: Meeting, number: int) -> str:
    return request.build_absolute_uri(
        reverse(name, args=[meeting.board.slug, meeting.slug, number, PackEdition.PUBLIC])
    )


def gather(request: HttpRequest, meeting: Meeting) -> xml.MeetingRecord:
    """What the public may know of the meeting, read through the public modules."""
    packs = latest_packs([meeting])
    main = next((p for p in packs if p.kind == PackKind.MAIN), None)
    minutes = next(iter(latest_minutes([meeting])), None)
    documents = [
        xml.Document(
            id=xml.attachment_id(pack.pk, xml.PACK),
            title=(
                f"{pack.get_kind_display()} (public edition)"
                + (f", version {pack.number}" if pack.number > 1 else "")
            ),
            url=_pdf_url(
                request,
                "supplementary-pdf" if pack.kind == PackKind.SUPPLEMENTARY else "pack-pdf",
                meeting,
                pack.number,
            ),
            is_url=False,
            published=xml.publication_day(pack.published_at),
        )
        for pack in packs
    ]
    if minutes is not None:
        documents.append(_minutes_document(request, minutes))
    approved: dict[int, xml.Document] = {}
    for earlier in Minutes.objects.filter(approved_at_item__meeting=meeting).select_related(
        "meeting__board"
    ):
        version = next(iter(latest_minutes([earlier.meeting])), None)
        if version is not None and earlier.approved_at_item_id is not None:
            approved[earlier.approved_at_item_id] = _minutes_document(request, version)
    held_register = Attendance.objects.filter(meeting=meeting).select_related(
        "membership__person", "membership__political_group", "membership__authority"
    )
    return xml.MeetingRecord(
        meeting=meeting,
        pack=main,
        minutes=minutes,
        papers=public_papers(packs),
        documents=documents,
        approved_minutes=approved,
        items=agenda_items(meeting),
        seats=list(
            memberships_in_order(meeting.board, meeting.term).select_related(
                "person", "political_group", "authority", "term"
            )
        ),
        register=list(held_register),
        others=list(OtherAttendee.objects.filter(meeting=meeting)),
        as_recorded=Minutes.objects.filter(meeting=meeting, attendance_as_recorded=True).exists(),
    )


def _minutes_document(request: HttpRequest, version: MinutesVersion) -> xml.Document:
    return xml.Document(
        id=xml.attachment_id(version.pk, xml.MINUTES),
        title=xml.minutes_title(version),
        url=_pdf_url(request, "minutes-pdf", version.meeting, version.number),
        is_url=False,
        published=xml.publication_day(version.published_at),
    )
