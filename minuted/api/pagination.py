"""Lists come a page at a time: ``limit`` (1–200, 50 by default) and ``offset``, with the total
``count`` and links to the ``next`` and ``previous`` pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from pydantic import create_model

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_OFFSET = 1_000_000  # beyond any list here; keeps OFFSET within what databases accept


class PageParams(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Rows per page.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Rows to skip.")


class PageBase(Schema):
    count: int  # rows in the whole list
    limit: int
    offset: int
    next: str | None  # the next page's URL, or null on the last page
    previous: str | None


S = TypeVar("S", bound=Schema)


def page_of(schema: type[S], name: str) -> type[PageBase]:
    """A page schema named ``name`` whose ``results`` are ``schema``s."""
    model: type[PageBase] = create_model(  # type: ignore[call-overload]
        name,
        __base__=PageBase,
        results=(list[schema], ...),  # type: ignore[valid-type]
    )
    return model


def _link(request: HttpRequest, offset: int, limit: int) -> str:
    query = request.GET.copy()
    query["offset"] = str(offset)
    query["limit"] = str(limit)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(
    request: HttpRequest, rows: QuerySet[Any] | Sequence[Any], params: PageParams
) -> dict[str, Any]:
    """One page of ``rows`` (a queryset is counted and sliced in the database)."""
    count = rows.count() if isinstance(rows, QuerySet) else len(rows)
    limit, offset = params.limit, params.offset
    results = list(rows[offset : offset + limit])
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": _link(request, offset + limit, limit) if offset + limit < count else None,
        "previous": _link(request, max(0, offset - limit), limit) if offset > 0 else None,
        "results": results,
    }
