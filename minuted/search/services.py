"""Minuted's search: ``search(query, filters)`` returns a page of results with highlighted
titles and snippets, whichever database is in use (``backends.py``).

Everything in the index is public (``indexing.py``), so the results are the same for every
visitor and need no visibility check here; the members' editions are never indexed."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from minuted.governance.models import Board, Organisation
from minuted.meetings.models import Meeting
from minuted.papers.models import PackEdition, PackKind
from minuted.search.backends import START, STOP, Where, backend_for, clean_text, restore_text
from minuted.search.models import Entry, Kind

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
    entry: Entry
    title_html: SafeString  # escaped, with <mark> around matched words
    snippet_html: SafeString

    @property
    def kind(self) -> str:
        return self.entry.kind

    @property
    def kind_label(self) -> str:
        return self.entry.get_kind_display()

    @property
    def title(self) -> str:
        return self.entry.title

    @property
    def label(self) -> str:
        return self.entry.label

    @property
    def date(self) -> dt.date | None:
        return self.entry.date

    @property
    def board(self) -> Board | None:
        return self.entry.board

    @property
    def meeting(self) -> Meeting | None:
        return self.entry.meeting

    @property
    def url(self) -> str:
        return entry_url(self.entry)


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
    where = Where(
        organisation_id=filters.organisation.pk if filters.organisation else None,
        board_id=filters.board.pk if filters.board else None,
        since=filters.since,
        until=filters.until,
        kinds=tuple(filters.kinds),
    )
    backend = backend_for()
    found = backend.search(query, where, per_page, (page - 1) * per_page)
    entries = Entry.objects.select_related("board", "meeting__board", "person").in_bulk(
        [hit.id for hit in found.hits]
    )
    results = [
        Result(entries[hit.id], marked_html(hit.title), marked_html(hit.snippet))
        for hit in found.hits
        if hit.id in entries
    ]
    return Results(query, filters, found.total, page, per_page, results, backend.name)


def entry_url(entry: Entry) -> str:
    """The public page where an entry is published."""
    if entry.kind == Kind.PERSON and entry.person:
        return reverse("person", args=[entry.person.slug])
    if entry.kind == Kind.BOARD and entry.board:
        return reverse("board", args=[entry.board.slug])
    meeting = entry.meeting
    if meeting is None:
        return ""
    args = [meeting.board.slug, meeting.slug]
    if entry.kind == Kind.REPORT:
        name = "supplementary-report" if entry.pack == PackKind.SUPPLEMENTARY else "pack-report"
        return reverse(name, args=[*args, entry.version, PackEdition.PUBLIC, entry.ref])
    if entry.kind in (Kind.MINUTES, Kind.DECISION):
        url = reverse("minutes-edition", args=[*args, entry.version, PackEdition.PUBLIC])
        return f"{url}#minute-{entry.ref}"
    return reverse("meeting", args=args) + "#agenda"
