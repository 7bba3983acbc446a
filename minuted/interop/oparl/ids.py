"""OParl ids and links: absolute URLs built from the request's host.

An object's id is ``<base>/<type>/<key>/``, where the key is the object's ``uid`` (never a
database id or a slug, so it survives renaming). Links to the public site (``web``, a file's
``accessUrl``) are reversed once per URL name and filled in, because a list page holds
hundreds of them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import timezone

OPARL = "https://schema.oparl.org/1.1/"

# The path segment of each type's objects.
SLUGS = {
    "Body": "body",
    "Organization": "organization",
    "Person": "person",
    "Membership": "membership",
    "LegislativeTerm": "legislative-term",
    "Meeting": "meeting",
    "Location": "location",
    "AgendaItem": "agenda-item",
    "Paper": "paper",
    "Consultation": "consultation",
    "File": "file",
}
TYPES = {slug: name for name, slug in SLUGS.items()}

# A body's lists: the Body property that links to it, and its path segment.
BODY_LISTS = {
    "organization": "organizations",
    "person": "people",
    "meeting": "meetings",
    "paper": "papers",
    "agendaItem": "agenda-items",
    "consultation": "consultations",
    "file": "files",
    "locationList": "locations",
    "legislativeTermList": "legislative-terms",
    "membership": "memberships",
}


def oparl_type(name: str) -> str:
    return f"{OPARL}{name}"


def moment(value: dt.datetime) -> str:
    """A date and time as OParl writes it: ISO 8601, in UK time, with its offset."""
    return timezone.localtime(value).isoformat(timespec="seconds")


# Stand-ins for URL arguments, replaced after reversing once. Each matches the converter of
# the argument it stands for (slug, int, item number).
_SENTINELS: dict[str, Any] = {
    "slug": "oparl0sentinel0{}",
    "int": 987650,
    "item": "98765.4321",
}
_templates: dict[tuple[str, str, tuple[str, ...]], list[str | int] | None] = {}


class Ids:
    """Builds the ids and links of one response."""

    def __init__(self, request: HttpRequest) -> None:
        self.origin = f"{request.scheme}://{request.get_host()}"
        self.base = self.origin + reverse("oparl-system")

    def of(self, type_name: str, key: object) -> str:
        return f"{self.base}{SLUGS[type_name]}/{key}/"

    def body_list(self, body_uid: object, name: str) -> str:
        return f"{self.base}body/{body_uid}/{BODY_LISTS[name]}/"

    def absolute(self, path: str) -> str:
        return self.origin + path

    def site(self, name: str, *args: tuple[str, Any]) -> str | None:
        """The absolute URL of a public page: ``args`` are (converter, value) pairs. None if
        the page does not exist (the public site may not serve that page type yet)."""
        kinds = tuple(kind for kind, _ in args)
        cache_key = (name, get_script_prefix(), kinds)
        if cache_key not in _templates:
            _templates[cache_key] = _template(name, kinds)
        template = _templates[cache_key]
        if template is None:
            return None
        path = "".join(part if isinstance(part, str) else str(args[part][1]) for part in template)
        return self.origin + path


def _template(name: str, kinds: tuple[str, ...]) -> list[str | int] | None:
    """The reversed path cut into literal parts and argument positions."""
    stand_ins = []
    for index, kind in enumerate(kinds):
        sentinel = _SENTINELS[kind]
        if kind == "slug":
            sentinel = sentinel.format(index)
        elif kind == "int":
            sentinel = sentinel + index
        stand_ins.append(str(sentinel))
    try:
        path = reverse(name, args=stand_ins)
    except NoReverseMatch:
        return None
    if any(path.count(s) != 1 for s in stand_ins):
        return None
    parts: list[str | int] = []
    rest = path
    for index in sorted(range(len(stand_ins)), key=lambda i: path.index(stand_ins[i])):
        before, rest = rest.split(stand_ins[index], 1)
        parts += [before, index]
    parts.append(rest)
    return parts
