from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from minuted.core.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Render user Markdown as sanitised HTML (see minuted.core.markdown)."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3 just above
