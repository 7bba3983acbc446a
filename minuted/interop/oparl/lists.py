"""OParl lists: each list is a run of sources (querysets of rows, then tombstones), filtered
in SQL, paged across the run, and rendered a page at a time, so that a page costs the same
number of queries however many objects there are."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet

from minuted.governance.models import Organisation
from minuted.interop.models import OParlType
from minuted.interop.oparl import governance, meetings
from minuted.interop.oparl.common import Json, render_tombstones, tombstones
from minuted.interop.oparl.ids import Ids
from minuted.interop.oparl.params import ListQuery

Renderer = Callable[[list[Any], Ids], list[Json]]


@dataclass(frozen=True)
class Source:
    queryset: QuerySet[Any]
    render: Renderer
    # "rows" (live objects), "entries" (OParlEntry: live and deleted), or "tombstones"
    holds: str = "rows"


def _tombstones_of(type_name: str, organisations: QuerySet[Organisation]) -> Source:
    return Source(
        tombstones(type_name)
        .filter(body_uid__in=organisations.values("uid"))
        .annotate(oparl_modified=F("modified"))
        .order_by("pk"),
        render_tombstones,
        holds="tombstones",
    )


def _entries(type_name: str, render: Renderer) -> Callable[[QuerySet[Organisation]], list[Source]]:
    """Objects read from published versions: live and deleted entries in one source."""

    def sources(organisations: QuerySet[Organisation]) -> list[Source]:
        return [Source(meetings.entries(type_name, organisations), _split(render), "entries")]

    return sources


def _split(render: Renderer) -> Renderer:
    """Renders live entries with ``render`` and deleted ones as tombstones, in order."""

    def both(rows: list[Any], ids: Ids) -> list[Json]:
        live = iter(render([r for r in rows if not r.deleted], ids))
        gone = iter(render_tombstones([r for r in rows if r.deleted], ids))
        return [next(gone) if r.deleted else next(live) for r in rows]

    return both


def _rows(
    *parts: tuple[Callable[[QuerySet[Organisation]], QuerySet[Any]], Renderer],
    gone: str,
) -> Callable[[QuerySet[Organisation]], list[Source]]:
    def sources(organisations: QuerySet[Organisation]) -> list[Source]:
        out = [Source(queryset(organisations), render) for queryset, render in parts]
        return [*out, _tombstones_of(gone, organisations)]

    return sources


# A body's lists by their path segment (ids.BODY_LISTS).
BODY_SOURCES: dict[str, Callable[[QuerySet[Organisation]], list[Source]]] = {
    "organizations": _rows(
        (governance.boards, governance.render_boards),
        (governance.groups, governance.render_groups),
        gone=OParlType.ORGANIZATION,
    ),
    "people": _rows((governance.people, governance.render_people), gone=OParlType.PERSON),
    "memberships": _rows(
        (governance.memberships, governance.render_memberships), gone=OParlType.MEMBERSHIP
    ),
    "legislative-terms": _rows(
        (governance.terms, governance.render_terms), gone=OParlType.LEGISLATIVE_TERM
    ),
    "meetings": _rows((meetings.body_meetings, meetings.render_meetings), gone=OParlType.MEETING),
    "locations": _rows((meetings.locations, meetings.render_locations), gone=OParlType.LOCATION),
    "agenda-items": _entries(OParlType.AGENDA_ITEM, meetings.render_agenda_items),
    "papers": _entries(OParlType.PAPER, meetings.render_papers),
    "consultations": _entries(OParlType.CONSULTATION, meetings.render_consultations),
    "files": _entries(OParlType.FILE, meetings.render_files),
}
# The lists whose objects are read from published versions (index.py refreshes them first).
PUBLISHED_LISTS = {"meetings", "agenda-items", "papers", "consultations", "files"}


def filtered(sources: list[Source], query: ListQuery) -> list[Source]:
    """Each source filtered by the query; deleted objects only for ``modified_since``."""
    out = []
    for source in sources:
        if source.holds == "tombstones" and not query.with_deleted:
            continue
        queryset = query.filter(source.queryset)
        if source.holds == "entries" and not query.with_deleted:
            queryset = queryset.filter(deleted=False)
        out.append(Source(queryset, source.render, source.holds))
    return out


@dataclass(frozen=True)
class Page:
    data: list[Json]
    total: int
    pages: int


def page(sources: list[Source], query: ListQuery, ids: Ids) -> Page:
    counts = [source.queryset.count() for source in sources]
    total = sum(counts)
    start = (query.page - 1) * query.limit
    end = start + query.limit
    data: list[Json] = []
    offset = 0
    for source, count in zip(sources, counts, strict=True):
        low, high = max(start - offset, 0), min(end - offset, count)
        if low < high:
            data += source.render(list(source.queryset[low:high]), ids)
        offset += count
    return Page(data=data, total=total, pages=max(1, math.ceil(total / query.limit)))
