"""The query parameters of OParl lists (OParl 1.1, "Filter" and "Paginierung"): parsed once,
and any value that cannot be used refused with a message naming the parameter."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone

DEFAULT_LIMIT = 20
MAX_LIMIT = 100  # a larger limit is served as this many (the spec lets a server do so)

FILTERS = ("created_since", "created_until", "modified_since", "modified_until")

# "2019-10-29T11:00:00 01:00": a "+" sent unencoded in a query string arrives as a space.
_UNENCODED_PLUS = re.compile(r"^(.*T[0-9:.]+) ([0-9]{2}:?[0-9]{2})$")


class BadParameter(ValueError):
    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter


def parse_moment(name: str, value: str) -> dt.datetime:
    """An ISO 8601 date and time; without an offset, UK time; a date alone, its midnight."""
    text = _UNENCODED_PLUS.sub(r"\1+\2", value.strip())
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise BadParameter(
            name,
            f"{name} must be a date and time in ISO 8601, such as 2019-10-29T11:00:00+00:00 "
            f"(got {value!r}).",
        ) from None
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        moment.astimezone(dt.UTC)  # the database compares in UTC
    except (OverflowError, ValueError):
        raise BadParameter(name, f"{name} is out of range (got {value!r}).") from None
    return moment


def _positive(name: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise BadParameter(name, f"{name} must be a whole number of 1 or more (got {value!r}).")
    return number


@dataclass(frozen=True)
class ListQuery:
    created_since: dt.datetime | None = None
    created_until: dt.datetime | None = None
    modified_since: dt.datetime | None = None
    modified_until: dt.datetime | None = None
    limit: int = DEFAULT_LIMIT
    page: int = 1

    @classmethod
    def from_query(cls, query: QueryDict) -> ListQuery:
        moments: dict[str, Any] = {
            name: parse_moment(name, str(query.get(name))) for name in FILTERS if query.get(name)
        }
        limit = _positive("limit", str(query.get("limit"))) if "limit" in query else DEFAULT_LIMIT
        page = _positive("page", str(query.get("page"))) if "page" in query else 1
        return cls(**moments, limit=min(limit, MAX_LIMIT), page=page)

    @property
    def with_deleted(self) -> bool:
        """Deleted objects are listed to those who ask what changed since a moment."""
        return self.modified_since is not None

    def filter(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        """Filters a queryset that has ``created`` and an ``oparl_modified`` annotation."""
        if self.created_since:
            queryset = queryset.filter(created__gte=self.created_since)
        if self.created_until:
            queryset = queryset.filter(created__lte=self.created_until)
        if self.modified_since:
            queryset = queryset.filter(oparl_modified__gte=self.modified_since)
        if self.modified_until:
            queryset = queryset.filter(oparl_modified__lte=self.modified_until)
        return queryset
