"""Minuted's search: ``search(query, filters)`` returns a page of results with highlighted
titles and snippets, whichever database is in use (``backends.py``).

Everything in the index is public (``indexing.py``), so the results are the same for every
visitor and need no visibility check here; the members' editions are never indexed."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe

from minuted.governance.models import Board, Organisation
from minuted.papers.models import PackEdition, PackKind
from minuted.search.backends import (
    START,
    STOP,
    Hit,
    Where,
    backend_for,
    clean_text,
    restore_text,
)
from minuted.search.models import Kind

PER_PAGE = 20
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class Filters:
    organisation: Organisation | None = None
    board: Board | None = None
    since: dt.date | None = None  # meetings on or after this day
    until: dt.date | None = None  # meetings on or before this day
    kinds: tuple[str, ...] = ()  # Kind values; empty for every kind


@dataclass(frozen=True)
class Result:
    hit: Hit
    title_html: SafeString  # escaped, with <mark> around matched words
    snippet_html: SafeString
    url: str  # the public page where it is published

    @property
    def kind(self) -> str:
        return self.hit.kind

    @property
    def kind_label(self) -> str:
        return Kind(self.hit.kind).label

    @property
    def title(self) -> str:
        return self.hit.title

    @property
    def label(self) -> str:
        return self.hit.label

    @property
    def date(self) -> dt.date | None:
        return self.hit.date

    @property
    def version(self) -> int | None:
        return self.hit.version

    @property
    def board_name(self) -> str:
        return self.hit.board_name

    @property
    def board_slug(self) -> str:
        return self.hit.board_slug


@dataclass(frozen=True)
class Results:
    query: str
    filters: Filters
    total: int
    page: int
    per_page: int
    results: list[Result] = field(default_factory=list)
    backend: str = ""

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def first(self) -> int:
        """The position of the page's first result (1-based), 0 when there is none."""
        return (self.page - 1) * self.per_page + 1 if self.results else 0

    @property
    def last(self) -> int:
        return self.first + len(self.results) - 1 if self.results else 0


def marked_html(text: str) -> SafeString:
    """Text carrying the backends' marks as HTML: the text escaped, then each mark made a
    <mark> element. The marks never occur in indexed text, so only they become markup."""
    escaped = html.escape(restore_text(text), quote=True)
    opened = escaped.count(START) - escaped.count(STOP)
    escaped = escaped.replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(escaped + "</mark>" * max(opened, 0))  # noqa: S308 -- escaped above


def search(
    query: str, filters: Filters | None = None, page: int = 1, per_page: int = PER_PAGE
) -> Results:
    """One page of what matches ``query`` (words, "phrases", -excluded, or) within the
    filters, best first; a query with no words finds nothing. Never raises on the query."""
    filters = filters or Filters()
    query = " ".join(clean_text(query).split())[:MAX_QUERY_LENGTH]
    page = max(page, 1)
    organisation_id = filters.organisation.pk if filters.organisation else None
    if (
        organisation_id is not None
        and not Organisation.objects.exclude(pk=organisation_id).exists()
    ):
        organisation_id = None  # the only organisation: every entry is its own
    where = Where(
        organisation_id=organisation_id,
        board_id=filters.board.pk if filters.board else None,
        since=filters.since,
        until=filters.until,
        kinds=tuple(filters.kinds),
    )
    backend = backend_for()
    found = backend.search(query, where, per_page, (page - 1) * per_page)
    results = [
        Result(hit, marked_html(hit.marked_title), marked_html(hit.marked_snippet), hit_url(hit))
        for hit in found.hits
    ]
    return Results(query, filters, found.total, page, per_page, results, backend.name)


_VERSION_SLOT = 987654321


@lru_cache(maxsize=16)
def _route(name: str, slots: tuple[str, ...]) -> str:
    """The path of a named page with ``{slot}`` fields for its arguments, worked out once:
    reversing the URL configuration for every result of every search is slow."""
    args: list[Any] = [_VERSION_SLOT if slot == "version" else f"{slot}-slot" for slot in slots]
    path = reverse(name, args=args).removeprefix(get_script_prefix())
    for slot, arg in zip(slots, args, strict=True):
        path = path.replace(str(arg), "{" + slot + "}")
    return path


def _path(name: str, **values: Any) -> str:
    return get_script_prefix() + _route(name, tuple(values)).format(**values)


def hit_url(hit: Hit) -> str:
    """The public page where a hit is published."""
    if hit.kind == Kind.PERSON:
        return _path("person", person=hit.person_slug)
    if hit.kind == Kind.BOARD:
        return _path("board", board=hit.board_slug)
    where = {"board": hit.board_slug, "meeting": hit.meeting_slug}
    if hit.kind == Kind.REPORT:
        name = "supplementary-report" if hit.pack == PackKind.SUPPLEMENTARY else "pack-report"
        return _path(name, **where, version=hit.version, edition=PackEdition.PUBLIC, ref=hit.ref)
    if hit.kind in (Kind.MINUTES, Kind.DECISION):
        url = _path("minutes-edition", **where, version=hit.version, edition=PackEdition.PUBLIC)
        return f"{url}#minute-{hit.ref}"
    return _path("meeting", **where) + "#agenda"
