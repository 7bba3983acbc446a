"""What the calendars, feeds, CSV downloads and the ModernGov web service share: finding the
organisation, board and term named in a URL, and reading query parameters — where bad input
gets a 400 that names the parameter, never a 500."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404

from minuted.governance.models import Board, Membership, Organisation, Term
from minuted.governance.services import default_organisation


class BadParameter(Exception):
    """A query parameter the caller gave cannot be used; the message names it."""


def organisation() -> Organisation:
    """The organisation the public site shows (MINUTED_ORGANISATION, else the first)."""
    found = default_organisation(settings.MINUTED_ORGANISATION)
    if found is None:
        raise Http404("No organisation has been set up yet.")
    return found


def board_of(slug: str) -> Board:
    return get_object_or_404(
        Board.objects.select_related("organisation"), organisation=organisation(), slug=slug
    )


def term_of(board: Board, slug: str) -> Term:
    return get_object_or_404(Term, organisation=board.organisation, slug=slug)


def memberships_in_order(board: Board, term: Term) -> QuerySet[Membership]:
    """The term's memberships as the pack prints them: by political group, then those of no
    group (independent observers), the same on every database (SQLite sorts nulls first)."""
    return Membership.objects.filter(board=board, term=term).order_by(
        F("political_group__position").asc(nulls_last=True),
        "political_group__name",
        "position",
        "pk",
    )


def parse_date(name: str, value: str, formats: Iterable[str] = ("%Y-%m-%d",)) -> dt.date | None:
    """The date in ``value`` (blank: None), in the first of ``formats`` that reads it."""
    value = value.strip()
    if not value:
        return None
    for fmt in formats:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    examples = " or ".join(dt.date(2019, 10, 29).strftime(f) for f in formats)
    raise BadParameter(f"{name} must be a date such as {examples}, not {value!r}.")


def parse_id(name: str, value: str) -> int:
    value = value.strip()
    if not value:
        raise BadParameter(f"{name} is required.")
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise BadParameter(f"{name} must be a whole number, not {value!r}.")
    return int(value)


def date_range(
    since: dt.date | None, until: dt.date | None, names: tuple[str, str]
) -> tuple[dt.date | None, dt.date | None]:
    if since and until and since > until:
        raise BadParameter(f"{names[0]} must not be after {names[1]}.")
    return since, until


def parameters(request: HttpRequest) -> Mapping[str, str]:
    """The query (and, for a form POST, the body) parameters, with names in lower case — the
    ModernGov service reads them whatever their case."""
    found: dict[str, str] = {}
    for source in (request.GET, request.POST):
        for key in source:
            found.setdefault(key.lower(), source.get(key, ""))
    return found


def answers_bad_parameters(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Turn a :class:`BadParameter` raised by the view into a 400 with its message."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except BadParameter as error:
            return HttpResponse(f"{error}\n", status=400, content_type="text/plain; charset=utf-8")

    return wrapper


# Characters XML 1.0 cannot carry (control characters pasted in from word processors, say).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters an XML document may not contain, so that a stray
    control character in a title never stops a feed from being written."""
    return _NOT_XML.sub("", text)


def host_of(request: HttpRequest) -> str:
    """The site's host name without a port, for iCalendar UIDs and tag: URIs."""
    domain, _ = split_domain_port(request.get_host())
    return domain.strip("[]") or "localhost"
