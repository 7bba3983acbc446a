"""The programme's charts, each with the data table it is drawn from (ux.md: "every chart has
its data table"): the status of targets by theme, and a KPI's actual to date against what was
due and the target. Each is a *spec* (plain data, drawn by minuted.rendering.charts in pages and
in PDFs) plus its table. Colours are GOV.UK's, with text on them at 4.5:1 or more; the words in
the legend and the table say every status too."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from minuted.programme.rules.rollup import Rollup
from minuted.programme.rules.status import Status
from minuted.programme.tables import Table
from minuted.rendering import charts as draw

# Status → (fill, text colour).
COLOURS: dict[Status, tuple[str, str]] = {
    Status.EXCEEDED: ("#005a30", "#ffffff"),
    Status.MET: ("#00703c", "#ffffff"),
    Status.ON_TRACK: ("#1d70b8", "#ffffff"),
    Status.AT_RISK: ("#f47738", "#0b0c0c"),
    Status.MISSED: ("#d4351c", "#ffffff"),
    Status.NOT_STARTED: ("#b1b4b6", "#0b0c0c"),
}


@dataclass(frozen=True)
class Chart:
    ident: str
    spec: dict[str, Any]
    table: Table

    @property
    def title(self) -> str:
        return str(self.spec["title"])

    @property
    def svg(self) -> str:
        return draw.svg(self.spec, self.ident)

    @property
    def html(self) -> SafeString:
        """The SVG for a page: drawn from numbers and escaped text only."""
        return mark_safe(self.svg)  # noqa: S308 - every label is escaped by rendering.charts


def status_chart(ident: str, title: str, rows: Sequence[tuple[str, Rollup]]) -> Chart:
    spec = {
        "kind": "stacked",
        "title": title,
        "categories": [
            {"label": s.value, "fill": COLOURS[s][0], "ink": COLOURS[s][1]} for s in Status
        ],
        "rows": [{"name": name, "counts": [r.count(s) for s in Status]} for name, r in rows],
    }
    table = Table(
        caption=title,
        header=["Theme", *[s.value.capitalize() for s in Status], "Met or exceeded"],
        rows=[
            [name, *[str(r.count(s)) for s in Status], f"{r.achieved} of {r.total}"]
            for name, r in rows
        ],
    )
    return Chart(ident, spec, table)


def kpi_chart(
    ident: str,
    title: str,
    periods: Sequence[str],
    actuals: Sequence[Decimal | None],
    expected: Sequence[Decimal],
    target: Decimal,
    unit: str = "",
) -> Chart:
    spec = {
        "kind": "progress",
        "title": title,
        "periods": list(periods),
        "actuals": draw.spec_rows(actuals),
        "expected": [str(v) for v in expected],
        "target": str(target),
        "unit": unit,
    }
    number = draw.number_text
    table = Table(
        caption=title,
        header=["Period", f"Actual to date{f' ({unit})' if unit else ''}", "Due by then", "Target"],
        rows=[
            [name, number(actual), number(due.quantize(Decimal(1))), number(target)]
            for name, actual, due in zip(periods, actuals, expected, strict=True)
        ],
    )
    return Chart(ident, spec, table)
