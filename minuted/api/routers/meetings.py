"""Meetings: public reads (with the published agenda) and the clerk's writes (meetings and
agenda items, through minuted/meetings/services.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Query, Router, Status

from minuted.accounts.policy import Action
from minuted.api import presenters as p
from minuted.api.auth import require, token_auth
from minuted.api.errors import READ_ERRORS, READ_ONE_ERRORS, WRITE_ERRORS
from minuted.api.lookups import get_or_404, slug_or_uid
from minuted.api.manage_schemas import ItemIn, ItemOut, ItemPatch, MeetingIn, MeetingPatch
from minuted.api.pagination import page_of, paginate
from minuted.api.schemas import MeetingDetail, MeetingFilter, MeetingOut
from minuted.governance.models import Board, Term
from minuted.meetings.models import AgendaItem, Meeting
from minuted.meetings.services import add_item, meeting_slug, plan_meetings, save_item
from minuted.papers.documents import agenda_items
from minuted.papers.models import PackEdition, PackKind, PackVersion
from minuted.papers.public import latest_packs, public_papers
from minuted.record.models import Minutes, MinutesVersion
from minuted.record.public import latest_minutes
from minuted.record.register import agenda_numbers

router = Router(tags=["meetings"])

MeetingPage = page_of(MeetingOut, "MeetingPage")
DOCUMENTS = ("members_document", "public_document")


def meetings() -> Any:
    return Meeting.objects.select_related("board", "term")


def meeting_or_404(uid: UUID) -> Meeting:
    return get_or_404(meetings().select_related("board__organisation"), "meeting", uid=uid)


def published_sets(ids: list[int]) -> tuple[set[int], set[int]]:
    """Of these meetings, those with a published pack and those with published minutes."""
    packs = set(PackVersion.objects.filter(meeting__in=ids).values_list("meeting_id", flat=True))
    minutes = set(
        MinutesVersion.objects.filter(meeting__in=ids).values_list("meeting_id", flat=True)
    )
    return packs, minutes


def meeting_out(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    packs, minutes = published_sets([meeting.pk])
    return p.meeting_out(request, meeting, packs, minutes)


@router.get("/meetings", response={200: MeetingPage, **READ_ERRORS})
def list_meetings(request: HttpRequest, filters: Query[MeetingFilter]) -> Any:
    """Meetings of every board, oldest first (``order=-date`` for newest first)."""
    rows = meetings()
    if filters.organisation:
        rows = rows.filter(slug_or_uid(filters.organisation, "board__organisation"))
    if filters.board:
        rows = rows.filter(slug_or_uid(filters.board, "board"))
    if filters.term:
        rows = rows.filter(slug_or_uid(filters.term, "term"))
    if filters.since:
        rows = rows.filter(date__gte=filters.since)
    if filters.until:
        rows = rows.filter(date__lte=filters.until)
    if filters.status:
        rows = rows.filter(status=filters.status)
    order = ["date", "start_time", "pk"]
    if filters.order == "-date":
        order = ["-" + field for field in order]
    page = paginate(request, rows.order_by(*order), filters)
    packs, minutes = published_sets([m.pk for m in page["results"]])
    page["results"] = [p.meeting_out(request, m, packs, minutes) for m in page["results"]]
    return page


def _agenda(request: HttpRequest, meeting: Meeting) -> tuple[str | None, list[dict[str, Any]]]:
    """The agenda as published: from the latest main pack's public edition, with the papers
    the public may read; else the items of the latest public minutes; else nothing, for an
    agenda is not public until its pack is published."""
    versions = latest_packs([meeting])
    main = next((v for v in versions if v.kind == PackKind.MAIN), None)
    if main is not None:
        papers: dict[str, list[dict[str, Any]]] = {}
        for paper in public_papers(versions):  # main first: a supplementary pack adds
            if paper.uid:
                link = {"uid": paper.uid, "title": paper.title, "url": p.paper_url(request, paper)}
                listed = papers.setdefault(paper.item_number, [])
                listed[:] = [known for known in listed if known["uid"] != link["uid"]] + [link]
        agenda = []
        for entry in main.public_document.get("agenda", []):
            if entry.get("type") == "marker":
                agenda.append(_entry("marker", "", str(entry.get("text", ""))))
                continue
            number = str(entry.get("number", ""))
            agenda.append(
                _entry(
                    "item",
                    number,
                    str(entry.get("title", "")),
                    note=str(entry.get("note", "")),
                    exempt=bool(entry.get("exempt")),
                    papers=[] if entry.get("exempt") else papers.get(number, []),
                )
            )
        return "pack", agenda
    minutes = latest_minutes([meeting])
    if minutes:
        return "minutes", [
            _entry(
                "item",
                str(item.get("number", "")),
                str(item.get("title", "")),
                exempt=bool(item.get("exclusion")),
            )
            for item in minutes[0].public_document.get("items", [])
        ]
    return None, []


def _entry(
    kind: str,
    number: str,
    title: str,
    note: str = "",
    exempt: bool = False,
    papers: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "type": kind,
        "number": number,
        "title": title,
        "note": note,
        "exempt": exempt,
        "papers": papers or [],
    }


def _pack_page(request: HttpRequest, meeting: Meeting, version: PackVersion) -> tuple[str, str]:
    name = "supplementary" if version.kind == PackKind.SUPPLEMENTARY else "pack"
    kwargs = {
        "board": meeting.board.slug,
        "meeting": meeting.slug,
        "number": version.number,
        "edition": PackEdition.PUBLIC,
    }
    return (
        p.page_url(request, f"{name}-pdf", **kwargs),
        p.page_url(request, f"{name}-edition", **kwargs),
    )


@router.get(
    "/meetings/{uuid:meeting}", response={200: MeetingDetail, **READ_ONE_ERRORS}, url_name="meeting"
)
def get_meeting(request: HttpRequest, meeting: UUID) -> Any:
    """A meeting: when and where, its published agenda with the papers the public may read,
    and every published version of its pack and minutes (public editions)."""
    the_meeting = meeting_or_404(meeting)
    source, agenda = _agenda(request, the_meeting)
    versions = list(
        PackVersion.objects.filter(meeting=the_meeting).defer(*DOCUMENTS).order_by("kind", "number")
    )
    packs = []
    for v in versions:
        pdf, page = _pack_page(request, the_meeting, v)
        last = max(o.number for o in versions if o.kind == v.kind)
        packs.append(
            {
                "kind": v.kind,
                "version": v.number,
                "published_at": v.published_at,
                "reason": v.reason,
                "latest": v.number == last,
                "pdf_url": pdf,
                "pdf_sha256": v.public_pdf_sha256,
                "page_url": page,
            }
        )
    minutes_versions = list(
        MinutesVersion.objects.filter(meeting=the_meeting).defer(*DOCUMENTS).order_by("number")
    )
    kwargs = {"board": the_meeting.board.slug, "meeting": the_meeting.slug}
    minutes = [
        {
            "version": v.number,
            "published_at": v.published_at,
            "reason": v.reason,
            "latest": v is minutes_versions[-1],
            "pdf_url": p.page_url(
                request, "minutes-pdf", number=v.number, edition=PackEdition.PUBLIC, **kwargs
            ),
            "pdf_sha256": v.public_pdf_sha256,
            "page_url": p.page_url(
                request, "minutes-edition", number=v.number, edition=PackEdition.PUBLIC, **kwargs
            ),
        }
        for v in minutes_versions
    ]
    approved_on = (
        Minutes.objects.filter(meeting=the_meeting, approved_at_item__isnull=False)
        .values_list("approved_on", flat=True)
        .first()
        if minutes
        else None
    )
    return {
        **p.meeting_out(request, the_meeting, {the_meeting.pk} if packs else set(), set()),
        "minutes_published": bool(minutes),
        "agenda_source": source,
        "agenda": agenda,
        "packs": packs,
        "minutes": minutes,
        "minutes_approved_on": approved_on,
    }


# --- Writes: the board's clerks ----------------------------------------------------------------


def _clock(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None


@router.post(
    "/meetings", response={201: MeetingOut, **WRITE_ERRORS}, auth=token_auth, tags=["clerks"]
)
def create_meeting(request: HttpRequest, payload: MeetingIn) -> Any:
    """Add a meeting to a board's calendar."""
    board = Board.objects.select_related("organisation").filter(uid=payload.board).first()
    if board is None:
        raise ValidationError({"board": "No board has this uid."})
    require(request, Action.MANAGE_BOARD, board)
    terms = Term.objects.filter(organisation=board.organisation)
    if payload.term is not None:
        term = terms.filter(uid=payload.term).first()
        if term is None:
            raise ValidationError({"term": f"{board.organisation} has no term with this uid."})
    else:
        term = terms.filter(start_date__lte=payload.date, end_date__gte=payload.date).first()
        if term is None:
            raise ValidationError({"date": "No term holds this day: give the meeting's term."})
    details = payload.dict(exclude={"board", "term", "date", "start_time", "end_time"})
    start = _clock(payload.start_time)
    assert start is not None  # required by the schema
    with transaction.atomic():
        [meeting] = plan_meetings(
            board, term, [payload.date], start, end_time=_clock(payload.end_time), **details
        )
    return Status(201, meeting_out(request, meeting))


@router.patch(
    "/meetings/{uuid:meeting}",
    response={200: MeetingOut, **WRITE_ERRORS},
    auth=token_auth,
    tags=["clerks"],
)
def update_meeting(request: HttpRequest, meeting: UUID, payload: MeetingPatch) -> Any:
    """Change a meeting's date, time, place or status (a cancellation needs its reason). Once
    its pack or minutes are published it keeps its date."""
    the_meeting = meeting_or_404(meeting)
    require(request, Action.MANAGE_BOARD, the_meeting.board)
    changes = payload.dict(exclude_unset=True)
    for name in ("start_time", "end_time"):
        if name in changes:
            changes[name] = _clock(changes[name])
    for name, value in changes.items():
        if value is None and name != "end_time":
            raise ValidationError({name: "This field cannot be null."})
        setattr(the_meeting, name, value)
    if "date" in changes:
        published = PackVersion.objects.filter(meeting=the_meeting).exists()
        published = published or MinutesVersion.objects.filter(meeting=the_meeting).exists()
        if published and changes["date"] != Meeting.objects.get(pk=the_meeting.pk).date:
            # A published version never changes at its address, which carries the date.
            raise ValidationError(
                {
                    "date": "This meeting's pack or minutes are published at addresses that "
                    "carry its date, so it cannot move: cancel it and add a new meeting."
                }
            )
        the_meeting.slug = meeting_slug(the_meeting.board, the_meeting.date, exclude=the_meeting)
    with transaction.atomic():
        the_meeting.full_clean()
        the_meeting.save()
    return meeting_out(request, the_meeting)


def managed_meeting(request: HttpRequest, uid: UUID, action: Action) -> Meeting:
    """The meeting, if the token's owner may do ``action`` on its board."""
    meeting = meeting_or_404(uid)
    require(request, action, meeting.board)
    return meeting


def items_out(meeting: Meeting) -> list[dict[str, Any]]:
    items = agenda_items(meeting)
    uids = {i.pk: i.uid for i in items}
    return [
        {
            "uid": i.uid,
            "meeting": meeting.uid,
            "number": number,
            "parent": uids.get(i.parent_id) if i.parent_id else None,
            "title": i.title,
            "kind": i.kind,
            "presenter": i.presenter,
            "exempt": i.exempt,
            "exempt_paragraph": i.exempt_paragraph,
            "public_interest_reason": i.public_interest_reason,
            "exemption_review_date": i.exemption_review_date,
            "added_late": i.added_late,
            "urgency_reason": i.urgency_reason,
        }
        for number, i in zip(agenda_numbers(items), items, strict=True)
    ]


def item_out(meeting: Meeting, item: AgendaItem) -> dict[str, Any]:
    return next(out for out in items_out(meeting) if out["uid"] == item.uid)


@router.get(
    "/meetings/{uuid:meeting}/items",
    response={200: list[ItemOut], **WRITE_ERRORS},
    auth=token_auth,
    tags=["clerks"],
)
def list_items(request: HttpRequest, meeting: UUID) -> Any:
    """The agenda as the clerk is building it, exemption details included."""
    return items_out(managed_meeting(request, meeting, Action.MANAGE_BOARD))


@router.post(
    "/meetings/{uuid:meeting}/items",
    response={201: ItemOut, **WRITE_ERRORS},
    auth=token_auth,
    tags=["clerks"],
)
def create_item(request: HttpRequest, meeting: UUID, payload: ItemIn) -> Any:
    """Add an item at the end of the agenda (or of its parent's sub-items). After the
    publication deadline it is a late item and needs the chair's urgency reason."""
    the_meeting = managed_meeting(request, meeting, Action.MANAGE_BOARD)
    fields = payload.dict(exclude={"parent"})
    if payload.parent is not None:
        fields["parent"] = AgendaItem.objects.filter(
            meeting=the_meeting, uid=payload.parent
        ).first()
        if fields["parent"] is None:
            raise ValidationError({"parent": "This meeting's agenda has no item with this uid."})
    with transaction.atomic():
        item = add_item(the_meeting, **fields)
    return Status(201, item_out(the_meeting, item))


@router.patch(
    "/meetings/{uuid:meeting}/items/{uuid:item}",
    response={200: ItemOut, **WRITE_ERRORS},
    auth=token_auth,
    tags=["clerks"],
)
def update_item(request: HttpRequest, meeting: UUID, item: UUID, payload: ItemPatch) -> Any:
    """Change an item. An item no longer exempt loses its exemption's details, as on the
    clerk's screen."""
    the_meeting = managed_meeting(request, meeting, Action.MANAGE_BOARD)
    the_item = get_or_404(AgendaItem.objects.all(), "agenda item", meeting=the_meeting, uid=item)
    nullable = {"exempt_paragraph", "exemption_review_date"}
    for name, value in payload.dict(exclude_unset=True).items():
        if value is None and name not in nullable:
            raise ValidationError({name: "This field cannot be null."})
        setattr(the_item, name, value)
    if not the_item.exempt:
        the_item.exempt_paragraph = None
        the_item.public_interest_reason = ""
        the_item.exemption_review_date = None
    with transaction.atomic():
        save_item(the_item)
    return item_out(the_meeting, the_item)
