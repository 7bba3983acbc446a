"""The blocks of a pack document (see blocks.py) as HTML for the accessible edition.

Every piece of text is escaped here; links keep only the schemes blocks.py allowed. Classes
are GOV.UK Frontend's, so the edition looks like the rest of the site."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from minuted.rendering import charts

_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def inlines_html(inlines: Iterable[Mapping[str, Any]]) -> str:
    out: list[str] = []
    for run in inlines:
        if run.get("break"):
            out.append("<br>")
            continue
        text = escape(str(run.get("text", "")))
        if run.get("code"):
            text = f"<code>{text}</code>"
        if run.get("emph"):
            text = f"<em>{text}</em>"
        if run.get("strong"):
            text = f"<strong>{text}</strong>"
        link = run.get("link")
        if link and str(link).startswith(_SAFE_SCHEMES):
            text = f'<a class="govuk-link" href="{escape(str(link))}">{text}</a>'
        out.append(text)
    return "".join(out)


def block_html(block: Mapping[str, Any], heading_base: int = 3) -> str:
    kind = block.get("type")
    if kind == "paragraph":
        return f'<p class="govuk-body">{inlines_html(block["inlines"])}</p>'
    if kind == "heading":
        level = min(6, heading_base + max(0, int(block.get("level", 1)) - 1))
        return f'<h{level} class="govuk-heading-s">{inlines_html(block["inlines"])}</h{level}>'
    if kind == "list":
        tag = "ol" if block.get("ordered") else "ul"
        style = "govuk-list--number" if block.get("ordered") else "govuk-list--bullet"
        start = block.get("start")
        start_attr = f' start="{int(start)}"' if block.get("ordered") and start else ""
        items = "".join(
            f"<li>{blocks_html(item, heading_base)}</li>" for item in block.get("items", [])
        )
        return f'<{tag} class="govuk-list {style}"{start_attr}>{items}</{tag}>'
    if kind == "table":
        return table_html(block)
    if kind == "chart":
        return chart_html(block)
    if kind == "quote":
        return f'<blockquote class="govuk-inset-text">{blocks_html(block["blocks"])}</blockquote>'
    if kind == "code":
        return f"<pre><code>{escape(str(block.get('text', '')))}</code></pre>"
    return ""


def blocks_html(blocks: Iterable[Mapping[str, Any]], heading_base: int = 3) -> str:
    return "".join(block_html(b, heading_base) for b in blocks)


def chart_html(block: Mapping[str, Any]) -> str:
    """A chart drawn from its spec (labels escaped by rendering.charts); its data table is the
    block that follows it."""
    try:
        ident = "chart-" + hashlib.sha256(repr(block).encode()).hexdigest()[:10]
        drawing = charts.svg(block.get("spec") or {}, ident)
    except charts.ChartError:
        drawing = ""
    title = escape(str(block.get("title", "")))
    return (
        f'<figure class="govuk-!-margin-0 govuk-!-margin-bottom-4">'
        f'<figcaption class="govuk-heading-s">{title}</figcaption>{drawing}</figure>'
    )


def table_html(block: Mapping[str, Any]) -> str:
    caption = block.get("caption") or ""
    head = "".join(
        f'<th scope="col" class="govuk-table__header">{inlines_html(cell)}</th>'
        for cell in block.get("header", [])
    )
    rows = "".join(
        '<tr class="govuk-table__row">'
        + "".join(f'<td class="govuk-table__cell">{inlines_html(cell)}</td>' for cell in row)
        + "</tr>"
        for row in block.get("rows", [])
    )
    caption_html = (
        f'<caption class="govuk-table__caption govuk-table__caption--s">{escape(caption)}</caption>'
        if caption
        else ""
    )
    return (
        f'<table class="govuk-table">{caption_html}'
        f'<thead class="govuk-table__head"><tr class="govuk-table__row">{head}</tr></thead>'
        f'<tbody class="govuk-table__body">{rows}</tbody></table>'
    )


_PRINT_CSS = """
@page { size: A4; margin: 2cm; @bottom-center { content: counter(page); } }
body { font-family: "Liberation Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.4; }
h1 { font-size: 20pt; } h2 { font-size: 14pt; } h3 { font-size: 12pt; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }
th, td { border: 1px solid #999; padding: 3pt 5pt; text-align: left; vertical-align: top; }
section.report { break-before: page; }
.number { display: inline-block; width: 3em; }
"""


def document_html(document: Mapping[str, Any]) -> str:
    """The whole pack as one self-contained HTML page (agenda, then every report): the
    single-page form of the HTML edition, for printing and for the rendering benchmark."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        f"<title>{escape(str(document.get('title', '')))}</title>",
        f"<style>{_PRINT_CSS}</style></head><body>",
        f"<h1>{escape(str(document['board']['name']))}: agenda</h1>",
        f"<p>{escape(str(document['meeting']['date']))}, {escape(str(document['meeting']['time']))}"
        f"<br>{escape(str(document['meeting']['place']))}</p>",
        '<table><thead><tr><th scope="col">No.</th><th scope="col">Item</th></tr></thead><tbody>',
    ]
    for row in document["agenda"]:
        if row["type"] == "marker":
            parts.append(f'<tr><th colspan="2">{escape(row["text"])}</th></tr>')
        else:
            note = f"<br>{escape(row['note'])}" if row.get("note") else ""
            parts.append(
                f"<tr><td>{escape(row['number'])}</td><td>{escape(row['title'])}{note}</td></tr>"
            )
    parts.append("</tbody></table>")
    for report in document["reports"]:
        parts.append(report_html(report))
    parts.append("</body></html>")
    return "".join(parts)


def report_html(report: Mapping[str, Any]) -> str:
    title = escape(str(report["title"]))
    head = f'<section class="report"><h2>{escape(str(report["item_number"]))}. {title}</h2>'
    if report.get("restricted"):
        return head + "<p><strong>Document is Restricted</strong></p></section>"
    parts = [head, "<h3>Purpose of report</h3>", f"<p>{escape(str(report['purpose']))}</p>"]
    if report.get("summary"):
        parts += ["<h3>Summary</h3>", blocks_html(report["summary"], 4)]
    if report.get("recommendations"):
        parts.append("<h3>Recommendations</h3>")
        if report.get("recommendations_intro"):
            parts.append(f"<p>{escape(str(report['recommendations_intro']))}</p>")
        items = "".join(f"<li>{inlines_html(r)}</li>" for r in report["recommendations"])
        parts.append(f"<ol>{items}</ol>")
    if report.get("actions"):
        parts += ["<h3>Action</h3>", blocks_html(report["actions"], 4)]
    for section in report.get("sections", []):
        parts.append(f"<h3>{escape(str(section['heading']))}</h3>")
        for p in section["paragraphs"]:
            number = f'<span class="number">{escape(p["number"])}.</span>' if p["number"] else ""
            parts.append(f"<div>{number}{blocks_html(p['blocks'], 4)}")
            for c in p.get("children", []):
                parts.append(
                    f'<div><span class="number">{escape(c["number"])}</span>'
                    f"{blocks_html(c['blocks'], 4)}</div>"
                )
            parts.append("</div>")
    for appendix in report.get("appendices", []):
        parts += [f"<h3>{escape(str(appendix['title']))}</h3>", blocks_html(appendix["blocks"], 4)]
    parts.append("</section>")
    return "".join(parts)
