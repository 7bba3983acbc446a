from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.safestring import SafeString, mark_safe

from minuted.programme.rules.rollup import Rollup
from minuted.programme.rules.status import Status
from minuted.programme.tables import Table
from minuted.rendering.html import table_html

register = template.Library()


@register.filter
def amount(value: Decimal | int | None) -> str:
    """19200000.00 → "19,200,000"; 12.50 → "12.5"."""
    if value is None:
        return ""
    return f"{Decimal(value).normalize():,f}"


@register.filter
def status_count(counts: Rollup, status: str) -> int:
    return counts.count(Status(status))


@register.filter
def table(value: Table) -> SafeString:
    """A programme table (or a chart's data table) as a GOV.UK table; cells are escaped."""
    return mark_safe(table_html(value.as_block()))  # noqa: S308 - rendering.html escapes


TAG_COLOURS = {
    Status.EXCEEDED: "govuk-tag--green",
    Status.MET: "govuk-tag--green",
    Status.ON_TRACK: "govuk-tag--blue",
    Status.AT_RISK: "govuk-tag--orange",
    Status.MISSED: "govuk-tag--red",
    Status.NOT_STARTED: "govuk-tag--grey",
}


@register.filter
def status_tag(status: str) -> str:
    """The GOV.UK tag colour of a status (the tag's words say the status too)."""
    return TAG_COLOURS[Status(status)]
