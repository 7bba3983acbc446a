"""Finding what a request names: objects by uid, filters by slug or uid."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def slug_or_uid(value: str, field: str = "") -> Q:
    """A filter on ``field`` (``board`` → ``board__uid`` or ``board__slug``) by the value,
    which is a uid if it reads as one and a slug otherwise."""
    prefix = f"{field}__" if field else ""
    try:
        return Q(**{f"{prefix}uid": uuid.UUID(value)})
    except ValueError:
        return Q(**{f"{prefix}slug": value})


def get_or_404(queryset: QuerySet[M], what: str, **lookup: Any) -> M:
    found = queryset.filter(**lookup).first()
    if found is None:
        raise Http404(f"No such {what}.")
    return found
