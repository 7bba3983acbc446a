"""Links for the GOV.UK pagination component, shared by every paged list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def pagination_links(current: int, last: int, url: Callable[[int], str]) -> dict[str, Any] | None:
    """Previous and next, and the first, last and neighbouring page numbers with an ellipsis
    item between gaps; None when there is only one page. ``url(n)`` is the link to page n."""
    if last < 2:
        return None
    items: list[dict[str, Any]] = []
    previous = 0
    for number in sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1))):
        if number - previous > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "url": url(number), "current": number == current})
        previous = number
    return {
        "previous": url(current - 1) if current > 1 else "",
        "next": url(current + 1) if current < last else "",
        "items": items,
    }
