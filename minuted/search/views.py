"""The search page: ``/search/?q=…&board=…&from=…&to=…&kind=…&page=…``.

A GET form, so a search is a link that can be shared and works without JavaScript. A bad
parameter answers 400 with the page and a message naming it, never a server error."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from minuted.core.pagination import pagination_links
from minuted.governance.models import Board
from minuted.governance.services import default_organisation
from minuted.search.models import Kind
from minuted.search.services import MAX_QUERY_LENGTH, Filters, Results, search

# The kind filter's choices, in the words of the page.
KIND_CHOICES = [
    (Kind.REPORT.value, "Reports"),
    (Kind.AGENDA_ITEM.value, "Agenda items"),
    (Kind.MINUTES.value, "Minutes"),
    (Kind.DECISION.value, "Decisions"),
    (Kind.PERSON.value, "People"),
    (Kind.BOARD.value, "Boards"),
]
PARAMETERS = ("q", "board", "from", "to", "kind", "page")


@dataclass
class Form:
    """The parameters as given, what they mean, and a message for each bad one."""

    values: dict[str, str]
    filters: Filters = field(default_factory=Filters)
    page: int = 1
    errors: dict[str, str] = field(default_factory=dict)


def _date(form: Form, name: str, label: str) -> dt.date | None:
    """A day written as 2019-10-29 (what the URL scheme uses) or the UK way, 29/10/2019."""
    text = form.values[name]
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    form.errors[name] = f"{label} must be a real date, like 29/10/2019 or 2019-10-29"
    return None


def read_form(params: QueryDict, boards: list[Board], organisation: Any) -> Form:
    form = Form({name: params.get(name, "").strip() for name in PARAMETERS})
    if len(form.values["q"]) > MAX_QUERY_LENGTH:
        form.errors["q"] = f"Search for at most {MAX_QUERY_LENGTH} characters"
    board = None
    if form.values["board"]:
        board = next((b for b in boards if b.slug == form.values["board"]), None)
        if board is None:
            form.errors["board"] = "Choose a board from the list"
    since = _date(form, "from", "From")
    until = _date(form, "to", "To")
    if since and until and until < since:
        form.errors["to"] = "To must be the same as or after From"
    kind = form.values["kind"]
    if kind and kind not in Kind.values:
        form.errors["kind"] = "Choose a kind of result from the list"
    if form.values["page"]:
        page = form.values["page"]
        # At most 5 digits before int(), which refuses strings of more than 4,300 digits.
        if page.isascii() and page.isdigit() and len(page) <= 5 and 0 < int(page) < 100_000:
            form.page = int(page)
        else:
            form.errors["page"] = "The page must be a whole number from 1"
    form.filters = Filters(
        organisation=organisation,
        board=board,
        since=since,
        until=until,
        kinds=(kind,) if kind in Kind.values else (),
    )
    return form


def _page_url(params: QueryDict, page: int) -> str:
    query = params.copy()
    query["page"] = str(page)
    return "?" + query.urlencode()


def pagination(params: QueryDict, results: Results) -> dict[str, Any] | None:
    return pagination_links(results.page, results.pages, lambda n: _page_url(params, n))


def search_page(request: HttpRequest) -> HttpResponse:
    organisation = default_organisation(settings.MINUTED_ORGANISATION)
    boards = list(Board.objects.filter(organisation=organisation)) if organisation else []
    form = read_form(request.GET, boards, organisation)
    results = None
    if not form.errors and form.values["q"] and organisation is not None:
        results = search(form.values["q"], form.filters, form.page)
        if form.page > results.pages:
            form.errors["page"] = (
                f"There {'is' if results.pages == 1 else 'are'} only {results.pages} "
                f"page{'' if results.pages == 1 else 's'} of results"
            )
            results = None
    context = {
        "form": form,
        "values": form.values,
        "errors": form.errors,
        "boards": boards,
        "kinds": KIND_CHOICES,
        "results": results,
        "pagination": pagination(request.GET, results) if results else None,
        "filtered": any(form.values[name] for name in ("board", "from", "to", "kind")),
    }
    return render(request, "search/search.html", context, status=400 if form.errors else 200)
