"""Charts as SVG, each with the data table it is drawn from (ux.md: "every chart has its data
table"): the status counts of each theme, and a KPI's actual against its target over periods.

The SVG is built here from numbers and escaped text, never from markup a user typed: every
label goes through ``escape``/``quoteattr``. Colour is never the only way to tell statuses
apart: the table beside each chart carries every figure, and each bar segment has a <title>.
Colours are GOV.UK's; text on them is chosen for at least 4.5:1 contrast."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

from minuted.programme.rules.rollup import Rollup
from minuted.programme.rules.status import Status
from minuted.programme.tables import Table

# Status → (fill, text colour).
COLOURS: dict[Status, tuple[str, str]] = {
    Status.EXCEEDED: ("#005a30", "#ffffff"),
    Status.MET: ("#00703c", "#ffffff"),
    Status.ON_TRACK: ("#1d70b8", "#ffffff"),
    Status.AT_RISK: ("#f47738", "#0b0c0c"),
    Status.MISSED: ("#d4351c", "#ffffff"),
    Status.NOT_STARTED: ("#b1b4b6", "#0b0c0c"),
}
INK = "#0b0c0c"
FONT = 'font-family="Liberation Sans, Arial, sans-serif"'


@dataclass(frozen=True)
class Chart:
    svg: str
    title: str
    table: Table

    @property
    def html(self) -> SafeString:
        """The SVG for a page: built above from numbers and escaped text only."""
        return mark_safe(self.svg)  # noqa: S308 - every label is escaped when the SVG is built


def _number(value: Decimal | int | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, Decimal):
        return f"{value.normalize():,f}"
    return f"{value:,}"


def _open(ident: str, title: str, width: int, height: int, summary: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{ident}-title {ident}-desc" {FONT}>',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(summary)}</desc>',
    ]


def status_chart(ident: str, title: str, rows: Sequence[tuple[str, Rollup]]) -> Chart:
    """A horizontal bar per row (a theme), divided by status, with a legend."""
    label_width, bar_width, row_height = 220, 400, 34
    width = label_width + bar_width + 20
    legend_top = 10 + row_height * len(rows) + 10
    height = legend_top + 30
    most = max((rollup.total for _, rollup in rows), default=0) or 1
    summary = "; ".join(f"{name}: {rollup.headline}" for name, rollup in rows)
    parts = _open(ident, title, width, height, summary)
    for index, (name, rollup) in enumerate(rows):
        y = 10 + index * row_height
        short = name if len(name) <= 32 else name[:31] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 19}" text-anchor="end" font-size="13" '
            f'fill="{INK}">{escape(short)}</text>'
        )
        x = float(label_width)
        for status in Status:
            count = rollup.count(status)
            if not count:
                continue
            span = bar_width * count / most
            fill, ink = COLOURS[status]
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{span:.1f}" height="26" fill="{fill}" '
                f'stroke="#ffffff"><title>{escape(f"{name}: {count} {status.value}")}</title>'
                "</rect>"
            )
            if span >= 18:
                parts.append(
                    f'<text x="{x + span / 2:.1f}" y="{y + 18}" text-anchor="middle" '
                    f'font-size="13" font-weight="bold" fill="{ink}">{count}</text>'
                )
            x += span
    x = 10.0
    for status in Status:
        fill, _ = COLOURS[status]
        parts.append(
            f'<rect x="{x:.0f}" y="{legend_top}" width="14" height="14" fill="{fill}"/>'
            f'<text x="{x + 19:.0f}" y="{legend_top + 12}" font-size="12" fill="{INK}">'
            f"{escape(status.value.capitalize())}</text>"
        )
        x += 19 + 8 * len(status.value) + 22
    parts.append("</svg>")
    table = Table(
        caption=title,
        header=["Theme", *[s.value.capitalize() for s in Status], "Met or exceeded"],
        rows=[
            [name, *[str(r.count(s)) for s in Status], f"{r.achieved} of {r.total}"]
            for name, r in rows
        ],
    )
    return Chart(svg="".join(parts), title=title, table=table)


def kpi_chart(
    ident: str,
    title: str,
    periods: Sequence[str],
    actuals: Sequence[Decimal | None],
    expected: Sequence[Decimal],
    target: Decimal,
    unit: str = "",
) -> Chart:
    """Bars of the actual to date at the end of each period, a marker at what was due by then
    (pro rata) and a line at the target."""
    left, top, plot_width, plot_height = 60, 10, 520, 180
    width, height = left + plot_width + 20, top + plot_height + 70
    values = [v for v in actuals if v is not None] + list(expected) + [target]
    most = max(values, default=Decimal(1)) or Decimal(1)

    def y_of(value: Decimal) -> float:
        return top + plot_height - float(value / most) * plot_height

    step = plot_width / max(len(periods), 1)
    summary = "; ".join(
        f"{name}: {_number(actual)} to date, {_number(due.quantize(Decimal(1)))} due"
        for name, actual, due in zip(periods, actuals, expected, strict=True)
    )
    parts = _open(ident, title, width, height, f"Target {_number(target)} {unit}. {summary}")
    parts.append(
        f'<line x1="{left}" y1="{top + plot_height}" x2="{left + plot_width}" '
        f'y2="{top + plot_height}" stroke="{INK}"/>'
    )
    for index, (name, actual, due) in enumerate(zip(periods, actuals, expected, strict=True)):
        x = left + index * step
        if actual is not None:
            bar_top = y_of(actual)
            parts.append(
                f'<rect x="{x + step * 0.2:.1f}" y="{bar_top:.1f}" width="{step * 0.6:.1f}" '
                f'height="{top + plot_height - bar_top:.1f}" fill="#1d70b8">'
                f"<title>{escape(f'{name}: {_number(actual)} to date')}</title></rect>"
            )
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{max(bar_top - 4, 12):.1f}" '
                f'text-anchor="middle" font-size="12" fill="{INK}">{_number(actual)}</text>'
            )
        marker = y_of(due)
        parts.append(
            f'<line x1="{x + step * 0.15:.1f}" y1="{marker:.1f}" x2="{x + step * 0.85:.1f}" '
            f'y2="{marker:.1f}" stroke="{INK}" stroke-width="3" stroke-dasharray="4 3">'
            f"<title>{escape(f'{name}: {_number(due.quantize(Decimal(1)))} due by then')}"
            "</title></line>"
        )
        label = name.split(" (")[0]
        parts.append(
            f'<text x="{x + step / 2:.1f}" y="{top + plot_height + 18}" text-anchor="middle" '
            f'font-size="12" fill="{INK}">{escape(label)}</text>'
        )
    target_y = y_of(target)
    parts.append(
        f'<line x1="{left}" y1="{target_y:.1f}" x2="{left + plot_width}" y2="{target_y:.1f}" '
        f'stroke="#d4351c" stroke-width="2"/>'
        f'<text x="{left - 6}" y="{target_y + 4:.1f}" text-anchor="end" font-size="12" '
        f'fill="{INK}">{_number(target)}</text>'
    )
    legend_y = top + plot_height + 44
    parts.append(
        f'<rect x="{left}" y="{legend_y - 11}" width="14" height="14" fill="#1d70b8"/>'
        f'<text x="{left + 20}" y="{legend_y}" font-size="12" fill="{INK}">Actual to date</text>'
        f'<line x1="{left + 130}" y1="{legend_y - 4}" x2="{left + 160}" y2="{legend_y - 4}" '
        f'stroke="{INK}" stroke-width="3" stroke-dasharray="4 3"/>'
        f'<text x="{left + 166}" y="{legend_y}" font-size="12" fill="{INK}">Due by then</text>'
        f'<line x1="{left + 260}" y1="{legend_y - 4}" x2="{left + 290}" y2="{legend_y - 4}" '
        f'stroke="#d4351c" stroke-width="2"/>'
        f'<text x="{left + 296}" y="{legend_y}" font-size="12" fill="{INK}">Target</text>'
    )
    parts.append("</svg>")
    table = Table(
        caption=title,
        header=["Period", f"Actual to date{f' ({unit})' if unit else ''}", "Due by then", "Target"],
        rows=[
            [name, _number(actual), _number(due.quantize(Decimal(1))), _number(target)]
            for name, actual, due in zip(periods, actuals, expected, strict=True)
        ],
    )
    return Chart(svg="".join(parts), title=title, table=table)
