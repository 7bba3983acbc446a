"""Agenda packs as tagged PDF/UA-1, typeset by typst from ``typst/pack.typ``.

``render_pack_pdf(document)`` takes the pack as a JSON-able dictionary (the contract below) and
returns the PDF's bytes; ``report_page_ranges(document)`` returns the printed pages of each
report as laid out, and ``render_pack_pdf_with_ranges(document)`` both from one layout.
``render_minutes_pdf(document)`` typesets minutes the same way from ``typst/minutes.typ``; the
two templates share their helpers and house style in ``typst/common.typ``. The
document reaches typst only as DATA: it is serialised to JSON and passed through
``sys.inputs``, where the template parses it with ``json()``; no user text is ever formatted
into typst source, so ``#read(...)``, ``$x$`` or ``<label>`` in a report print
literally. The template's project root is its own folder, so typst can read no other file.

Only the fonts shipped in ``fonts/`` are used (system fonts and typst's own embedded fonts are
both ignored), and the creation timestamp is fixed by the document, so the same document
gives the same bytes on every machine. PDF/UA-1 forbids text the fonts cannot show, so a
character they lack (an emoji, a CJK ideograph, a check mark) is printed as its Unicode name in
brackets, "[party popper]", rather than failing the whole pack.

The document (built from the database elsewhere):

- ``edition``: ``"public"`` or ``"members"``; ``version``; ``title`` (the PDF's title);
  optional ``published_at`` (ISO 8601; sets the PDF's creation date).
- optional ``page_numbers``: {report id: [first, last]}, the printed pages each report has in
  another edition, normally the members' edition's (from ``report_page_ranges`` or
  ``render_pack_pdf_with_ranges``). The agenda then prints these ranges, and each report
  given one starts at its given first page: a one-page "Document is Restricted" placeholder
  for a report printed on pages 1 - 16 to members is page 1 and the next report starts at
  page 17, so that "page 27" is the same page in both editions. Without it the pages are
  numbered from 1 at the first report and the agenda prints the ranges as laid out.
- ``organisation``: name, short_name, address, website, phone, email, guidance_notes
  (blocks), social_media_note, carers_allowance.
- ``board``: name, hashtag.
- ``meeting``: date, time, place, online_url, webcast_url, header (the running header),
  pre_meeting, group_meetings, refreshments, contact {name, position, phone, email},
  next_meeting.
- ``group_offices``: [{name, phone, email}].
- ``membership``: term, groups [{name, seats, members [{name, role, authority}], substitutes
  [...], vacancies}], observers [{name, represents}].
- ``agenda``: items {type: "item", number, title, note, reports [report ids], exempt} and
  markers {type: "marker", text}.
- ``reports``: {id, item_number, title, restricted} and, unless withheld, purpose, summary
  (blocks), recommendations_intro, recommendations ([inlines]), actions (blocks),
  contact_officers [{name, position, phone, email}], sections [{heading, paragraphs [{number,
  blocks, children [{number, blocks}]}]}], appendices [{title, blocks}], background_papers
  [{title, url}].

Blocks and inlines are those of ``minuted.rendering.blocks``."""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import struct
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import typst

from minuted.rendering import charts

logger = logging.getLogger(__name__)

RENDERING_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = RENDERING_DIR / "typst"
TEMPLATE = TEMPLATE_DIR / "pack.typ"
MINUTES_TEMPLATE = TEMPLATE_DIR / "minutes.typ"
FONTS_DIR = RENDERING_DIR / "fonts"

# What a restricted report keeps in the public edition: enough for its placeholder page.
PLACEHOLDER_KEYS = ("id", "item_number", "title", "restricted")


class PackRenderError(RuntimeError):
    """typst could not compile the pack (or the minutes); the message carries typst's
    diagnostic."""


PageRanges = dict[str, tuple[int, int]]


def render_pack_pdf(
    document: Mapping[str, Any], *, timestamp: int | dt.datetime | None = None
) -> bytes:
    """The agenda pack ``document`` as tagged PDF/UA-1 bytes.

    ``timestamp`` is the PDF's creation date (UNIX seconds or an aware datetime); by default
    the document's ``published_at``, else 0, so that rendering is reproducible."""
    return _compile_pdf(_compiler(document), document, timestamp)


def render_pack_pdf_with_ranges(
    document: Mapping[str, Any], *, timestamp: int | dt.datetime | None = None
) -> tuple[bytes, PageRanges]:
    """``render_pack_pdf(document)`` and ``report_page_ranges(document)`` from one layout: the
    ranges are queried from the compiler that made the PDF, whose layout typst has cached, so
    they cost about a millisecond rather than a second layout."""
    compiler = _compiler(document)
    pdf = _compile_pdf(compiler, document, timestamp)
    return pdf, _query_page_ranges(compiler)


def report_page_ranges(document: Mapping[str, Any]) -> PageRanges:
    """The printed first and last page number of each report (by report id) in the PDF of
    ``document``, from typst's layout (no PDF is written). Given to the public edition as its
    ``page_numbers``, they make it keep the members' edition's page numbers."""
    return _query_page_ranges(_compiler(document))


def render_minutes_pdf(
    document: Mapping[str, Any], *, timestamp: int | dt.datetime | None = None
) -> bytes:
    """The minutes ``document`` (``minuted.record.documents.minutes_document``) as tagged
    PDF/UA-1 bytes, typeset from ``typst/minutes.typ`` in the pack's style: "Note of the
    meeting" with the board, date and venue; each item with its exclusion resolution, reason
    for urgency, who introduced it, declarations, discussion, numbered decisions (each with its
    table of recorded votes and the totals) or the sentence withholding them, and actions;
    then "Appendix A — Attendance" and, once approved, "Approved as a correct record on ...".

    As for the pack, the document reaches typst only as JSON in ``sys.inputs``, only the
    shipped fonts are used, characters they lack are printed by name, and ``timestamp`` (UNIX
    seconds or an aware datetime; by default the document's ``published_at``, else 0) fixes the
    creation date, so the same document gives the same bytes. Besides the contract of
    ``minutes_document``, an optional ``board`` (a name or {name}) names the board; without it
    the board is the title before its first comma."""
    return _compile_pdf(
        _template_compiler(MINUTES_TEMPLATE, printable(document)), document, timestamp
    )


def _compiler(document: Mapping[str, Any]) -> typst.Compiler:
    """A compiler for the pack template with ``document``, made printable (and, in the public
    edition, stripped of restricted reports), in ``sys.inputs``."""
    return _template_compiler(TEMPLATE, printable(withhold_restricted(document)))


def _template_compiler(template: Path, data: Any) -> typst.Compiler:
    """A compiler for ``template`` (whose folder is its root) with ``data`` as JSON in
    ``sys.inputs.document`` and the shipped fonts only."""
    payload = json.dumps(
        with_drawn_charts(data), ensure_ascii=False, separators=(",", ":"), default=str
    )
    return typst.Compiler(
        template,
        root=TEMPLATE_DIR,
        font_paths=_fonts(),
        ignore_system_fonts=True,
        sys_inputs={"document": payload},
    )


def _compile_pdf(
    compiler: typst.Compiler,
    document: Mapping[str, Any],
    timestamp: int | dt.datetime | None,
) -> bytes:
    try:
        pdf, warnings = compiler.compile_with_warnings(
            format="pdf",
            pdf_standards=["ua-1"],
            timestamp=creation_timestamp(document) if timestamp is None else timestamp,
        )
    except typst.TypstError as error:
        raise PackRenderError(f"{error.message}\n{error.diagnostic}") from error
    for warning in warnings:
        logger.warning("typst: %s", warning.message)
    if not isinstance(pdf, bytes):
        raise PackRenderError("typst returned no PDF")
    return pdf


def _query_page_ranges(compiler: typst.Compiler) -> PageRanges:
    """The template's record of the pages each report was printed on (``<pack-page-ranges>``)."""
    try:
        answer = compiler.query("<pack-page-ranges>", field="value", one=True, format="json")
    except typst.TypstError as error:
        raise PackRenderError(f"{error.message}\n{error.diagnostic}") from error
    ranges = json.loads(answer)
    if not isinstance(ranges, dict):
        raise PackRenderError("typst returned no page ranges")
    return {str(report_id): (int(first), int(last)) for report_id, (first, last) in ranges.items()}


def withhold_restricted(document: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``document`` in which, for the public edition, each restricted report keeps
    only what its "Document is Restricted" page shows. The template never prints a restricted
    report in the public edition either; stripping here means its text never reaches typst,
    the PDF's metadata or a log."""
    data = dict(document)
    if data.get("edition") == "members":
        return data
    data["reports"] = [
        {key: report[key] for key in PLACEHOLDER_KEYS if key in report}
        if report.get("restricted")
        else report
        for report in data.get("reports") or []
    ]
    return data


def creation_timestamp(document: Mapping[str, Any]) -> int:
    """UNIX seconds of the document's ``published_at`` (naive times taken as UTC), else 0."""
    published = document.get("published_at")
    if isinstance(published, dt.datetime):
        moment = published
    elif isinstance(published, str) and published:
        try:
            moment = dt.datetime.fromisoformat(published)
        except ValueError:
            return 0
    else:
        return 0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return max(0, int(moment.timestamp()))


@functools.cache
def _fonts() -> typst.Fonts:
    """The shipped fonts only: neither the machine's fonts nor typst's embedded ones."""
    return typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=False,
        font_paths=[str(FONTS_DIR)],
    )


def with_drawn_charts(value: Any) -> Any:
    """``value`` with each chart block given its SVG, drawn from its spec: the template
    places it as an image, with the chart's title as its alternative text. A spec that cannot
    be drawn leaves the title alone (its data table follows it in any case)."""
    if isinstance(value, Mapping):
        out = {key: with_drawn_charts(item) for key, item in value.items()}
        if out.get("type") == "chart":
            try:
                out["svg"] = charts.svg(out.get("spec") or {}, "chart")
            except charts.ChartError:
                out.pop("svg", None)
        return out
    if isinstance(value, list | tuple):
        return [with_drawn_charts(item) for item in value]
    return value


def printable(value: Any) -> Any:
    """``value`` (JSON-like data) with every character the shipped fonts cannot show replaced:
    by its Unicode name in brackets ("[party popper]"), or by nothing for marks, format
    characters and emoji modifiers that only adjust the character before them. Link targets
    (the ``link`` of an inline) are kept as they are: they are never drawn."""
    if isinstance(value, str):
        return _printable_text(value)
    if isinstance(value, Mapping):
        return {key: item if key == "link" else printable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [printable(item) for item in value]
    return value


# Whitespace typst lays out itself, with no glyph of its own.
_LAYOUT_CHARACTERS = frozenset("\n\r\t")


def _printable_text(text: str) -> str:
    covered = _covered_characters()
    if all(char in covered or char in _LAYOUT_CHARACTERS for char in text):
        return text
    parts = []
    for char in text:
        if char in covered or char in _LAYOUT_CHARACTERS:
            parts.append(char)
        elif unicodedata.category(char) in ("Mn", "Me", "Cf", "Cc", "Cs", "Co", "Cn", "Sk"):
            continue  # combining marks, joiners, variation selectors, skin tones, controls
        else:
            name = unicodedata.name(char, "")
            parts.append(f"[{name.lower()}]" if name else "")
    return "".join(parts)


@functools.cache
def _covered_characters() -> frozenset[str]:
    """The characters every shipped font has a glyph for."""
    coverages = [_cmap_coverage(path) for path in sorted(FONTS_DIR.glob("*.ttf"))]
    return frozenset(chr(code) for code in set.intersection(*coverages))


def _cmap_coverage(path: Path) -> set[int]:
    """The code points a TrueType font maps to a glyph, from its Unicode cmap subtable
    (format 4 or 12)."""
    data = path.read_bytes()
    (num_tables,) = struct.unpack_from(">H", data, 4)
    cmap = None
    for index in range(num_tables):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * index)
        if tag == b"cmap":
            cmap = offset
    if cmap is None:
        return set()
    _, subtable_count = struct.unpack_from(">HH", data, cmap)
    subtables: dict[tuple[int, int], int] = {}
    for index in range(subtable_count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * index)
        subtables[(platform, encoding)] = cmap + offset
    for key in ((3, 10), (0, 4), (3, 1), (0, 3)):
        if key in subtables:
            start = subtables[key]
            (fmt,) = struct.unpack_from(">H", data, start)
            if fmt == 12:
                return _format_12(data, start)
            if fmt == 4:
                return _format_4(data, start)
    return set()


def _format_4(data: bytes, start: int) -> set[int]:
    (seg_count_x2,) = struct.unpack_from(">H", data, start + 6)
    segments = seg_count_x2 // 2
    ends_at = start + 14
    starts_at = ends_at + seg_count_x2 + 2
    deltas_at = starts_at + seg_count_x2
    range_offsets_at = deltas_at + seg_count_x2
    codes: set[int] = set()
    for segment in range(segments):
        (end,) = struct.unpack_from(">H", data, ends_at + 2 * segment)
        (first,) = struct.unpack_from(">H", data, starts_at + 2 * segment)
        (delta,) = struct.unpack_from(">h", data, deltas_at + 2 * segment)
        range_offset_at = range_offsets_at + 2 * segment
        (range_offset,) = struct.unpack_from(">H", data, range_offset_at)
        for code in range(first, end + 1):
            if code == 0xFFFF:
                continue
            if range_offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                glyph_at = range_offset_at + range_offset + 2 * (code - first)
                (glyph,) = struct.unpack_from(">H", data, glyph_at)
                if glyph:
                    glyph = (glyph + delta) & 0xFFFF
            if glyph:
                codes.add(code)
    return codes


def _format_12(data: bytes, start: int) -> set[int]:
    (groups,) = struct.unpack_from(">I", data, start + 12)
    codes: set[int] = set()
    for group in range(groups):
        first, last, _ = struct.unpack_from(">III", data, start + 16 + 12 * group)
        codes.update(range(first, last + 1))
    return codes
