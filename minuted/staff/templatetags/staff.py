"""Filters for the staff screens: pack blocks as HTML, and UK dates and times."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from minuted.core import formats
from minuted.rendering import html

register = template.Library()


@register.filter
def blocks(value: Iterable[Mapping[str, Any]] | None, heading_base: int = 3) -> SafeString:
    """A pack document's blocks as HTML; rendering/html.py escapes every piece of text."""
    return mark_safe(html.blocks_html(value or [], int(heading_base)))  # noqa: S308


@register.filter
def inlines(value: Iterable[Mapping[str, Any]] | None) -> SafeString:
    return mark_safe(html.inlines_html(value or []))  # noqa: S308 - escaped by rendering/html


@register.filter
def long_date(value: dt.date | None) -> str:
    return formats.long_date(value) if value else ""


@register.filter
def clock(value: dt.time | None) -> str:
    return formats.clock(value) if value else ""
