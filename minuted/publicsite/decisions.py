"""The public list of decisions, from the public editions of the latest published minutes
(record/public.py), filtered by board and by the date of the meeting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from minuted.core.pagination import pagination_links
from minuted.governance.models import Board
from minuted.publicsite.context_processors import site_organisation
from minuted.record.public import latest_minutes, public_decisions

PER_PAGE = 25
MAX_PAGE_DIGITS = 6  # 999,999 pages of 25: far beyond any real list


@dataclass
class Filters:
    """The filters as asked (``values``, to fill the form again) and as understood."""

    values: dict[str, str]
    board: Board | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    page: int = 1
    errors: dict[str, str] = field(default_factory=dict)  # parameter -> message

    def query(self, page: int | None = None) -> str:
        """The query string of these filters (for pagination links), blank values left out."""
        params = {k: v for k, v in self.values.items() if v and k != "page"}
        if page and page > 1:
            params["page"] = str(page)
        return "?" + urlencode(params) if params else "?"


def parse_filters(params: QueryDict, boards: list[Board]) -> Filters:
    values = {name: params.get(name, "").strip() for name in ("board", "from", "to", "page")}
    filters = Filters(values=values)
    if values["board"]:
        filters.board = next((b for b in boards if b.slug == values["board"]), None)
        if filters.board is None:
            filters.errors["board"] = (
                f"'board' must be one of the boards: no board is called {values['board']!r}."
            )
    for name in ("from", "to"):
        if values[name]:
            try:
                day = dt.date.fromisoformat(values[name])
            except ValueError:
                filters.errors[name] = f"'{name}' must be a date written like 2019-10-29."
                continue
            setattr(filters, "since" if name == "from" else "until", day)
    if filters.since and filters.until and filters.since > filters.until:
        filters.errors["to"] = "'to' must be the same as or after 'from'."
    if values["page"]:
        page = values["page"]
        # ASCII digits only ("²".isdigit() is true, but int() refuses it), and few enough of
        # them for int() (which refuses more than 4,300) and for the paginator.
        if page.isascii() and page.isdigit() and len(page) <= MAX_PAGE_DIGITS and int(page) >= 1:
            filters.page = int(page)
        else:
            filters.errors["page"] = (
                f"'page' must be a whole number from 1 to {10**MAX_PAGE_DIGITS - 1:,}."
            )
    return filters


def decision_list(request: HttpRequest) -> HttpResponse:
    organisation = site_organisation(request)
    boards = list(Board.objects.filter(organisation=organisation)) if organisation else []
    filters = parse_filters(request.GET, boards)
    context: dict[str, Any] = {"boards": boards, "filters": filters, "page": None}
    if not filters.errors and organisation is not None:
        versions = [
            v
            for v in latest_minutes(board=filters.board, since=filters.since, until=filters.until)
            if v.meeting.board.organisation_id == organisation.pk
        ]
        # Newest meeting first; a meeting's decisions in the order its minutes print them.
        paginator = Paginator(public_decisions(reversed(versions)), PER_PAGE)
        if filters.page > max(paginator.num_pages, 1):
            filters.errors["page"] = (
                f"'page' is past the end: there {'is' if paginator.num_pages == 1 else 'are'} "
                f"only {paginator.num_pages} page{'' if paginator.num_pages == 1 else 's'}."
            )
        else:
            context["page"] = paginator.page(filters.page)
            context["pages"] = _pages(context["page"], filters)
    status = 400 if filters.errors else 200
    return render(request, "publicsite/decision_list.html", context, status=status)


def _pages(page: Page[Any], filters: Filters) -> dict[str, Any] | None:
    return pagination_links(page.number, page.paginator.num_pages, filters.query)
