"""Papers: the reports of published packs, as their public editions print them. Exempt
reports are never listed (minuted/papers/public.py leaves them out)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Query, Router

from minuted.api import presenters as p
from minuted.api.errors import READ_ERRORS, READ_ONE_ERRORS
from minuted.api.lookups import slug_or_uid
from minuted.api.pagination import page_of, paginate
from minuted.api.routers.meetings import meeting_or_404
from minuted.api.schemas import PaperDetail, PaperOut, RecordFilter
from minuted.meetings.models import Meeting
from minuted.papers.public import PublicPaper, latest_packs, public_papers

router = Router(tags=["papers"])

PaperPage = page_of(PaperOut, "PaperPage")


def filtered_meetings(filters: RecordFilter) -> Any:
    """The meetings the filters name, or None for all of them."""
    if not (filters.organisation or filters.board or filters.since or filters.until):
        return None
    meetings = Meeting.objects.all()
    if filters.organisation:
        meetings = meetings.filter(slug_or_uid(filters.organisation, "board__organisation"))
    if filters.board:
        meetings = meetings.filter(slug_or_uid(filters.board, "board"))
    if filters.since:
        meetings = meetings.filter(date__gte=filters.since)
    if filters.until:
        meetings = meetings.filter(date__lte=filters.until)
    return meetings


def papers_of(meetings: Any) -> list[PublicPaper]:
    return [paper for paper in public_papers(latest_packs(meetings)) if paper.uid]


@router.get("/papers", response={200: PaperPage, **READ_ERRORS})
def list_papers(request: HttpRequest, filters: Query[RecordFilter]) -> Any:
    """Reports in the latest published packs, oldest meeting first."""
    page = paginate(request, papers_of(filtered_meetings(filters)), filters)
    page["results"] = [p.paper_out(request, paper) for paper in page["results"]]
    return page


@router.get("/meetings/{uuid:meeting}/papers", response={200: list[PaperOut], **READ_ONE_ERRORS})
def list_meeting_papers(request: HttpRequest, meeting: UUID) -> Any:
    """The reports the public may read in a meeting's latest published packs."""
    return [p.paper_out(request, paper) for paper in papers_of([meeting_or_404(meeting)])]


@router.get(
    "/meetings/{uuid:meeting}/papers/{uuid:paper}",
    response={200: PaperDetail, **READ_ONE_ERRORS},
    url_name="paper",
)
def get_paper(request: HttpRequest, meeting: UUID, paper: UUID) -> Any:
    """A report as the public edition prints it, in blocks (docs/api.md)."""
    for found in papers_of([meeting_or_404(meeting)]):
        if found.uid == str(paper):
            return {**p.paper_out(request, found), "content": found.content}
    raise Http404("No such paper in this meeting's published packs.")
