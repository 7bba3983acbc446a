from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from minuted.rendering.html import blocks_html

register = template.Library()


@register.filter
def blocks_at(value: list[dict[str, Any]], heading_level: int) -> SafeString:
    """A document's blocks as HTML, their headings starting at ``heading_level``: a report
    shown under an agenda item sits one level deeper than on its own page."""
    return mark_safe(blocks_html(value or [], int(heading_level)))  # noqa: S308 - escaped text
