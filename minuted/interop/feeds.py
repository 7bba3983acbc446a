"""Atom 1.0 feeds (RFC 4287) of published papers and decisions, of every board or one.

Entries come only from the public editions of the latest published versions
(papers/public.py, record/public.py): an exempt report or a confidential decision is not in
them, and a draft change reaches a feed only once it is published. Each entry's id is a tag:
URI made from things that never change (the site's host, the meeting's date, the report's or
meeting's uid and the decision's number), so a corrected version updates its entry rather than
adding one; ``updated`` is when that version was published."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.feedgenerator import Atom1Feed

from minuted.core.formats import long_date
from minuted.governance.models import Board, Organisation
from minuted.interop.lookups import board_of, host_of, organisation, xml_safe
from minuted.meetings.models import Meeting
from minuted.papers.models import PackEdition, PackKind, PackVersion
from minuted.papers.public import PublicPaper, latest_packs, public_papers
from minuted.record.models import MinutesVersion
from minuted.record.public import PublicDecision, latest_minutes, public_decisions
from minuted.rendering.html import blocks_html

# Feeds carry what was published lately: the newest versions' meetings, at most this many.
RECENT_MEETINGS = 40
MAX_ENTRIES = 100


def _recent_meetings(
    versions: QuerySet[PackVersion] | QuerySet[MinutesVersion],
) -> QuerySet[Meeting]:
    """The meetings of the most recently published versions (bounded, in one query each)."""
    ids: list[int] = []
    for meeting_id in versions.order_by("-published_at").values_list("meeting_id", flat=True)[
        : RECENT_MEETINGS * 3
    ]:
        if meeting_id not in ids:
            ids.append(meeting_id)
    return Meeting.objects.filter(pk__in=ids[:RECENT_MEETINGS])


def recent_papers(owner: Organisation, board: Board | None = None) -> list[PublicPaper]:
    """The public reports of the latest versions of recently published packs, newest first."""
    versions = PackVersion.objects.filter(meeting__board__organisation=owner)
    if board is not None:
        versions = versions.filter(meeting__board=board)
    papers = public_papers(latest_packs(_recent_meetings(versions)))
    papers.sort(key=lambda p: p.version.published_at, reverse=True)
    return papers[:MAX_ENTRIES]


def recent_decisions(owner: Organisation, board: Board | None = None) -> list[PublicDecision]:
    """The decisions printed in the latest public minutes of recently published minutes,
    newest first (in the minutes' order within a meeting)."""
    versions = MinutesVersion.objects.filter(meeting__board__organisation=owner)
    if board is not None:
        versions = versions.filter(meeting__board=board)
    decisions = public_decisions(latest_minutes(_recent_meetings(versions)))
    decisions.sort(key=lambda d: d.version.published_at, reverse=True)  # stable within one
    return decisions[:MAX_ENTRIES]


def tag_uri(host: str, day: dt.date, specific: str) -> str:
    """A tag: URI (RFC 4151) minted by the site's host on ``day``."""
    return f"tag:{host},{day:%Y-%m-%d}:{specific}"


def paper_url(paper: PublicPaper) -> str:
    meeting = paper.meeting
    name = "supplementary-report" if paper.version.kind == PackKind.SUPPLEMENTARY else "pack-report"
    return reverse(
        name,
        kwargs={
            "board": meeting.board.slug,
            "meeting": meeting.slug,
            "number": paper.version.number,
            "edition": PackEdition.PUBLIC,
            "report": paper.id,
        },
    )


def minutes_url(version: MinutesVersion) -> str:
    meeting = version.meeting
    return reverse(
        "minutes-edition",
        kwargs={
            "board": meeting.board.slug,
            "meeting": meeting.slug,
            "number": version.number,
            "edition": PackEdition.PUBLIC,
        },
    )


def _page(name: str, *args: str) -> str:
    """A public page's path, or the home page while that page does not exist."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return "/"


class AtomFeed(Atom1Feed):
    """Django's Atom writer, with text cleaned of what XML cannot carry (which would otherwise
    stop the feed being written at all)."""

    def add_item(self, title: str, link: str, description: str, **kwargs: Any) -> None:  # type: ignore[override]
        kwargs["categories"] = [xml_safe(c) for c in kwargs.get("categories") or []]
        super().add_item(xml_safe(title), link, xml_safe(description), **kwargs)


def _new_feed(request: HttpRequest, title: str, page: str, owner: Organisation) -> AtomFeed:
    self_url = request.build_absolute_uri(request.path)
    return AtomFeed(
        title=xml_safe(title),
        link=request.build_absolute_uri(page),
        description="",
        feed_url=self_url,
        feed_guid=self_url,
        language="en-GB",
        author_name=owner.name,
        author_link=owner.website or None,
    )


def _response(feed: AtomFeed) -> HttpResponse:
    response = HttpResponse(content_type=feed.content_type)
    feed.write(response, "utf-8")
    response["Cache-Control"] = "public, max-age=600"
    return response


def papers_feed(
    request: HttpRequest, owner: Organisation, papers: Sequence[PublicPaper], title: str, page: str
) -> AtomFeed:
    feed = _new_feed(request, title, page, owner)
    host = host_of(request)
    for paper in papers:
        meeting = paper.meeting
        when = f"{meeting.board.name}, {long_date(meeting.date)}"
        summary = blocks_html(paper.content.get("summary", []))
        kind = "supplementary pack" if paper.supplementary else "agenda pack"
        feed.add_item(
            title=paper.title,
            link=request.build_absolute_uri(paper_url(paper)),
            description=(
                f"<p>{escape(when)}: item {escape(paper.item_number)} "
                f"({kind}, version {paper.version.number}).</p>{summary}"
            ),
            unique_id=tag_uri(
                host, meeting.date, f"papers/{paper.uid or f'{paper.version.uid}/{paper.id}'}"
            ),
            pubdate=paper.version.published_at,
            updateddate=paper.version.published_at,
            categories=[meeting.board.name],
        )
    return feed


def decisions_feed(
    request: HttpRequest,
    owner: Organisation,
    decisions: Sequence[PublicDecision],
    title: str,
    page: str,
) -> AtomFeed:
    feed = _new_feed(request, title, page, owner)
    host = host_of(request)
    for decision in decisions:
        meeting = decision.meeting
        link = request.build_absolute_uri(minutes_url(decision.version))
        vote = f"<p>{escape(decision.vote)}</p>" if decision.vote else ""
        feed.add_item(
            title=(
                f"{meeting.board.name}, {long_date(meeting.date)}: decision {decision.number}, "
                f"{decision.item_title}"
            ),
            link=f"{link}#minute-{decision.item_number}",
            description=blocks_html(decision.blocks) + vote,
            unique_id=tag_uri(host, meeting.date, f"decisions/{meeting.uid}/{decision.number}"),
            pubdate=decision.version.published_at,
            updateddate=decision.version.published_at,
            categories=[meeting.board.name],
        )
    return feed


def all_papers(request: HttpRequest) -> HttpResponse:
    """/feeds/papers.atom"""
    owner = organisation()
    title = f"{owner.short_name or owner.name}: published papers"
    return _response(papers_feed(request, owner, recent_papers(owner), title, _page("home")))


def board_papers(request: HttpRequest, board: str) -> HttpResponse:
    """/boards/<board>/papers.atom"""
    the_board = board_of(board)
    owner = the_board.organisation
    papers = recent_papers(owner, the_board)
    title = f"{the_board.name}: published papers"
    return _response(papers_feed(request, owner, papers, title, _page("board", the_board.slug)))


def all_decisions(request: HttpRequest) -> HttpResponse:
    """/feeds/decisions.atom"""
    owner = organisation()
    title = f"{owner.short_name or owner.name}: decisions"
    return _response(
        decisions_feed(request, owner, recent_decisions(owner), title, _page("decision-list"))
    )


def board_decisions(request: HttpRequest, board: str) -> HttpResponse:
    """/boards/<board>/decisions.atom"""
    the_board = board_of(board)
    owner = the_board.organisation
    decisions = recent_decisions(owner, the_board)
    title = f"{the_board.name}: decisions"
    return _response(
        decisions_feed(request, owner, decisions, title, _page("board", the_board.slug))
    )
