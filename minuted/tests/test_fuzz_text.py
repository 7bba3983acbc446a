"""Property tests of the text parsers and renderers (issue 6; the inventory is in
test_fuzz_importers.py): user Markdown, whatever it holds, renders to HTML with no script, no
event-handler attribute and no javascript: link, sanitising is idempotent, and the block tree
of packs and minutes (and its HTML and PDF) is made from any text without raising."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from typing import Any

import nh3
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from minuted.core.formats import clock, long_date, short_date, time_window
from minuted.core.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown
from minuted.interop.lookups import BadParameter as LookupBadParameter
from minuted.interop.lookups import parse_date, parse_id
from minuted.interop.oparl.params import BadParameter, parse_moment
from minuted.rendering.blocks import ALLOWED_LINK_PREFIXES, markdown_to_blocks, plain_text
from minuted.rendering.html import blocks_html
from minuted.rendering.pdf import render_pack_pdf
from minuted.rendering.tests import sample

FUZZ = settings(max_examples=150, deadline=None)

# Pieces of Markdown and of attacks, glued together with random text.
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<a href='javascript:alert(1)'>x</a>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](vbscript:msgbox)",
    "![i](javascript:alert(1))",
    "[r][ref]\n\n[ref]: javascript:alert(1)",
    "<https://example.org>",
    "<javascript:alert(1)>",
    "[ok](https://example.org/?a=1&b=<2>)",
    "[mail](mailto:clerk@example.org)",
    '[t](https://example.org "title" onmouseover="x")',
    "<svg onload=alert(1)>",
    "<iframe src=//evil>",
    "<style>body{}</style>",
    "`<script>`",
    "```\n<script>\n```",
    "**bold** *em* ***both***",
    "# h1\n## h2\n###### h6",
    "1. one\n2. two\n\n999999999. big",
    "- a\n  - b\n    - c",
    "> quote\n> > nested",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "| a |\n|---|\n| [x](javascript:1) |",
    "line  \nbreak",
    "\x00",
    "\u202e",
    "\ufeff",
    "&lt;script&gt;",
    "&#x3C;script&#x3E;",
    "\\",
]
MARKDOWN = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30)), max_size=8).map(
    lambda parts: "\n".join(parts) if len(parts) % 2 else "".join(parts)
)


class Tags(HTMLParser):
    """Every start tag and its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def tags_of(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def assert_harmless(html: str, allowed_tags: set[str]) -> None:
    for tag, attrs in tags_of(html):
        assert tag in allowed_tags, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name == "href":
                # The browser's view of the link: entities decoded, whitespace and controls
                # dropped, case folded.
                seen = re.sub(r"[\x00-\x20]", "", value or "").lower()
                assert seen.startswith(("http://", "https://", "mailto:", "#", "/")), value


@FUZZ
@given(text=MARKDOWN)
@example(text="[x](javascript:alert(1))")
@example(text='<img src=x onerror="alert(1)">')
def test_any_markdown_renders_to_html_without_script_handlers_or_script_links(text: str):
    html = render_markdown(text)
    assert "<script" not in html.lower()
    assert_harmless(html, ALLOWED_TAGS)


@FUZZ
@given(text=MARKDOWN)
def test_sanitising_rendered_markdown_again_changes_nothing(text: str):
    html = render_markdown(text)
    again = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    assert again == html


def links(blocks: Any) -> list[Any]:
    """Every ``link`` anywhere in a block tree."""
    found = []
    if isinstance(blocks, dict):
        found += [blocks["link"]] if "link" in blocks else []
        for value in blocks.values():
            found += links(value)
    elif isinstance(blocks, list):
        for value in blocks:
            found += links(value)
    return found


@FUZZ
@given(text=MARKDOWN)
def test_any_text_gives_a_block_tree_with_safe_links_and_harmless_html(text: str):
    blocks = markdown_to_blocks(text)
    json.dumps(blocks)  # data the typst template reads
    for link in links(blocks):
        assert link is None or link.startswith(ALLOWED_LINK_PREFIXES), link
    assert isinstance(plain_text(blocks), str)
    html = blocks_html(blocks)
    assert "<script" not in html.lower()
    assert_harmless(
        html,
        {"p", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "caption", "thead", "tbody"}
        | {"tr", "th", "td", "blockquote", "pre", "code", "em", "strong", "a", "br"},
    )


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=MARKDOWN)
@example(text="\n".join(HOSTILE))
def test_any_text_in_a_report_summary_typesets_into_the_pack_pdf(text: str):
    document = sample.public_document()
    document["reports"][1]["summary"] = markdown_to_blocks(text)
    assert render_pack_pdf(document).startswith(b"%PDF-")


# ------------------------------------------------------------------ dates and numbers


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1000, 1, 1)),
    time=st.times(),
    end=st.none() | st.times(),
)
def test_any_date_and_time_is_written_the_uk_way_and_reads_back(
    day: dt.date, time: dt.time, end: Any
):
    assert dt.datetime.strptime(long_date(day), "%A %d %B %Y").date() == day
    assert dt.datetime.strptime(short_date(day), "%d %B %Y").date() == day
    written = clock(time)
    hours, minutes, half = re.fullmatch(r"(1[0-2]|[1-9])\.([0-5]\d) (am|pm|noon)", written).groups()  # type: ignore[union-attr]
    assert (int(hours) % 12 + (12 if half != "am" else 0), int(minutes)) == (time.hour, time.minute)
    assert time_window(time, end).startswith(written)


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(st.text(max_size=40), st.sampled_from(["2019-10-29T11:00:00 01:00"])))
@example(value="9999-12-31T23:59:59-23:59")
@example(value="0001-01-01T00:00:00+23:59")
def test_any_oparl_moment_is_read_or_refused_naming_the_parameter(value: str):
    try:
        moment = parse_moment("created_since", value)
    except BadParameter as error:
        assert error.parameter == "created_since" and "created_since" in str(error)
    else:
        assert moment.tzinfo is not None


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(st.text(max_size=30), st.integers().map(str)))
@example(value="²")
@example(value="9" * 5000)
def test_any_id_or_date_parameter_is_read_or_refused_naming_it(value: str):
    try:
        number = parse_id("lMeetingId", value)
    except LookupBadParameter as error:
        assert "lMeetingId" in str(error)
    else:
        assert 0 <= number < 10**18
    try:
        parse_date("sFromDate", value, ("%d/%m/%Y", "%Y-%m-%d"))
    except LookupBadParameter as error:
        assert "sFromDate" in str(error)
