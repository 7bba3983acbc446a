"""Charts drawn as SVG from a *spec*: plain data that documents carry (a report's frozen JSON,
a dashboard), so the same chart is drawn in pages and in PDFs, and no markup is ever stored.

Two kinds:

- ``stacked``: a horizontal bar per row, divided into categories (the status of targets by
  theme) — ``{"kind": "stacked", "title", "categories": [{"label", "fill", "ink"}],
  "rows": [{"name", "counts": [int]}]}``;
- ``progress``: bars of an amount to date per period, a dashed marker at what was due by then
  and a line at the target — ``{"kind": "progress", "title", "periods": [str],
  "actuals": [str | null], "expected": [str], "target": str, "unit": str}``.

Every label is escaped, numbers are parsed as numbers, and colours must be ``#rrggbb``, so a
spec from anywhere draws only a chart. Each SVG has role="img" with a <title> and <desc>; its
data table is printed beside it by whoever shows it."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.sax.saxutils import escape

INK = "#0b0c0c"
BLUE = "#1d70b8"
RED = "#d4351c"
FONT = 'font-family="Liberation Sans, Arial, sans-serif"'
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
IDENT = re.compile(r"[A-Za-z][A-Za-z0-9-]{0,40}")


class ChartError(ValueError):
    """A spec that cannot be drawn."""


def _colour(value: Any, default: str) -> str:
    return value if isinstance(value, str) and COLOUR.fullmatch(value) else default


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ChartError(f"not a number: {str(value)[:20]!r}") from None
    if not number.is_finite():
        raise ChartError("not a finite number")
    return number


def number_text(value: Decimal | int | None) -> str:
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


def svg(spec: Mapping[str, Any], ident: str = "chart") -> str:
    """The chart as an SVG document (a string)."""
    if not IDENT.fullmatch(ident):
        raise ChartError("a chart's id is letters, digits and hyphens")
    kind = spec.get("kind")
    if kind == "stacked":
        return _stacked(spec, ident)
    if kind == "progress":
        return _progress(spec, ident)
    raise ChartError(f"no chart of kind {str(kind)[:20]!r}")


def _stacked(spec: Mapping[str, Any], ident: str) -> str:
    categories = [
        (str(c.get("label", "")), _colour(c.get("fill"), "#b1b4b6"), _colour(c.get("ink"), INK))
        for c in spec.get("categories", [])
    ]
    rows = []
    for row in spec.get("rows", []):
        counts = [int(_decimal(n) or 0) for n in row.get("counts", [])]
        if len(counts) != len(categories) or any(n < 0 for n in counts):
            raise ChartError("each row needs a count, not negative, for every category")
        rows.append((str(row.get("name", "")), counts))
    title = str(spec.get("title", ""))
    label_width, bar_width, row_height = 220, 400, 34
    width = label_width + bar_width + 20
    legend_top = 10 + row_height * len(rows) + 10
    height = legend_top + 30
    most = max((sum(counts) for _, counts in rows), default=0) or 1
    summary = "; ".join(
        f"{name}: " + ", ".join(f"{n} {c[0]}" for n, c in zip(counts, categories, strict=True) if n)
        for name, counts in rows
    )
    parts = _open(ident, title, width, height, summary)
    for index, (name, counts) in enumerate(rows):
        y = 10 + index * row_height
        short = name if len(name) <= 32 else name[:31] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 19}" text-anchor="end" font-size="13" '
            f'fill="{INK}">{escape(short)}</text>'
        )
        x = float(label_width)
        for count, (label, fill, ink) in zip(counts, categories, strict=True):
            if not count:
                continue
            span = bar_width * count / most
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{span:.1f}" height="26" fill="{fill}" '
                f'stroke="#ffffff"><title>{escape(f"{name}: {count} {label}")}</title></rect>'
            )
            if span >= 18:
                parts.append(
                    f'<text x="{x + span / 2:.1f}" y="{y + 18}" text-anchor="middle" '
                    f'font-size="13" font-weight="bold" fill="{ink}">{count}</text>'
                )
            x += span
    x = 10.0
    for label, fill, _ in categories:
        parts.append(
            f'<rect x="{x:.0f}" y="{legend_top}" width="14" height="14" fill="{fill}"/>'
            f'<text x="{x + 19:.0f}" y="{legend_top + 12}" font-size="12" fill="{INK}">'
            f"{escape(label.capitalize())}</text>"
        )
        x += 19 + 8 * len(label) + 22
    parts.append("</svg>")
    return "".join(parts)


def _progress(spec: Mapping[str, Any], ident: str) -> str:
    periods = [str(p) for p in spec.get("periods", [])]
    actuals = [_decimal(v) for v in spec.get("actuals", [])]
    expected = [_decimal(v) or Decimal(0) for v in spec.get("expected", [])]
    target = _decimal(spec.get("target")) or Decimal(0)
    if not (len(periods) == len(actuals) == len(expected)):
        raise ChartError("periods, actuals and expected must be as many")
    unit = str(spec.get("unit", ""))
    title = str(spec.get("title", ""))
    left, top, plot_width, plot_height = 60, 10, 520, 180
    width, height = left + plot_width + 20, top + plot_height + 70
    values = [v for v in actuals if v is not None] + expected + [target]
    most = max(values, default=Decimal(1)) or Decimal(1)

    def y_of(value: Decimal) -> float:
        return top + plot_height - float(value / most) * plot_height

    step = plot_width / max(len(periods), 1)
    summary = "; ".join(
        f"{name}: {number_text(actual)} to date, {number_text(due.quantize(Decimal(1)))} due"
        for name, actual, due in zip(periods, actuals, expected, strict=True)
    )
    parts = _open(ident, title, width, height, f"Target {number_text(target)} {unit}. {summary}")
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
                f'height="{top + plot_height - bar_top:.1f}" fill="{BLUE}">'
                f"<title>{escape(f'{name}: {number_text(actual)} to date')}</title></rect>"
                f'<text x="{x + step / 2:.1f}" y="{max(bar_top - 4, 12):.1f}" '
                f'text-anchor="middle" font-size="12" fill="{INK}">{number_text(actual)}</text>'
            )
        marker = y_of(due)
        parts.append(
            f'<line x1="{x + step * 0.15:.1f}" y1="{marker:.1f}" x2="{x + step * 0.85:.1f}" '
            f'y2="{marker:.1f}" stroke="{INK}" stroke-width="3" stroke-dasharray="4 3">'
            f"<title>{escape(f'{name}: {number_text(due.quantize(Decimal(1)))} due by then')}"
            "</title></line>"
            f'<text x="{x + step / 2:.1f}" y="{top + plot_height + 18}" text-anchor="middle" '
            f'font-size="12" fill="{INK}">{escape(name.split(" (")[0])}</text>'
        )
    target_y = y_of(target)
    legend_y = top + plot_height + 44
    parts.append(
        f'<line x1="{left}" y1="{target_y:.1f}" x2="{left + plot_width}" y2="{target_y:.1f}" '
        f'stroke="{RED}" stroke-width="2"/>'
        f'<text x="{left - 6}" y="{target_y + 4:.1f}" text-anchor="end" font-size="12" '
        f'fill="{INK}">{number_text(target)}</text>'
        f'<rect x="{left}" y="{legend_y - 11}" width="14" height="14" fill="{BLUE}"/>'
        f'<text x="{left + 20}" y="{legend_y}" font-size="12" fill="{INK}">Actual to date</text>'
        f'<line x1="{left + 130}" y1="{legend_y - 4}" x2="{left + 160}" y2="{legend_y - 4}" '
        f'stroke="{INK}" stroke-width="3" stroke-dasharray="4 3"/>'
        f'<text x="{left + 166}" y="{legend_y}" font-size="12" fill="{INK}">Due by then</text>'
        f'<line x1="{left + 260}" y1="{legend_y - 4}" x2="{left + 290}" y2="{legend_y - 4}" '
        f'stroke="{RED}" stroke-width="2"/>'
        f'<text x="{left + 296}" y="{legend_y}" font-size="12" fill="{INK}">Target</text>'
        "</svg>"
    )
    return "".join(parts)


def chart_block(spec: Mapping[str, Any]) -> dict[str, Any]:
    """A document block for the chart (drawn when the document is rendered)."""
    return {"type": "chart", "title": str(spec.get("title", "")), "spec": dict(spec)}


def spec_rows(values: Sequence[Any]) -> list[str | None]:
    return [None if v is None else str(v) for v in values]
