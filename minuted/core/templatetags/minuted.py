from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from minuted.core.markdown import render_markdown
from minuted.rendering.html import blocks_html, inlines_html

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Render user Markdown as sanitised HTML (see minuted.core.markdown)."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3 just above


@register.filter
def blocks(value: list[dict[str, Any]]) -> SafeString:
    """A pack document's blocks as HTML; every text is escaped by rendering.html."""
    return mark_safe(blocks_html(value or []))  # noqa: S308 - built from escaped text


@register.filter
def inlines(value: list[dict[str, Any]]) -> SafeString:
    return mark_safe(inlines_html(value or []))  # noqa: S308 - built from escaped text


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key) if mapping else None
