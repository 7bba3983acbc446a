"""The agenda pack PDF: user text printed literally, page ranges from the real layout, restricted
reports withheld from the public edition, tagged PDF/UA-1, shipped fonts only, and the same
bytes every time."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from typing import Any

import pypdf
import pytest
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from minuted.rendering.blocks import markdown_to_blocks, plain_inlines, table_block
from minuted.rendering.pdf import (
    creation_timestamp,
    printable,
    render_pack_pdf,
    withhold_restricted,
)
from minuted.rendering.tests import sample

A4_POINTS = (595.28, 841.89)
SHIPPED_FONTS = {
    "LiberationSans",
    "LiberationSans-Bold",
    "LiberationSans-Italic",
    "LiberationSans-BoldItalic",
    "LiberationMono",
}

# ------------------------------------------------------------------------------- helpers


def _reader(pdf: bytes) -> Any:
    return pypdf.PdfReader(io.BytesIO(pdf))


def pages_text(pdf: bytes) -> list[str]:
    """Each page's text with runs of whitespace made single spaces."""
    return [" ".join((page.extract_text() or "").split()) for page in _reader(pdf).pages]


def squashed(text: str) -> str:
    """Text without whitespace, to find a phrase wherever the layout wrapped it."""
    return re.sub(r"\s+", "", text)


def loose(phrase: str) -> str:
    """A pattern matching ``phrase`` however the layout wrapped it."""
    return r"\s*".join(re.escape(char) for char in squashed(phrase))


def printed_page_numbers(texts: list[str]) -> dict[int, int]:
    """Physical page index -> the number printed in its footer ("Page 3")."""
    numbers = {}
    for index, text in enumerate(texts):
        match = re.search(r"Page (\d+)$", text)
        if match:
            numbers[index] = int(match.group(1))
    return numbers


def agenda_reports(document: dict[str, Any]) -> list[dict[str, Any]]:
    by_id = {report["id"]: report for report in document["reports"]}
    return [
        by_id[report_id]
        for entry in document["agenda"]
        for report_id in entry.get("reports", [])
        if entry["type"] == "item"
    ]


def struct_types(pdf: bytes) -> list[str]:
    """The structure types of the PDF's tag tree, in document order."""
    root = _reader(pdf).trailer["/Root"]
    types: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, IndirectObject):
            node = node.get_object()
        if isinstance(node, ArrayObject):
            for child in node:
                walk(child)
        elif isinstance(node, DictionaryObject):
            if "/S" in node:
                types.append(str(node["/S"]))
            if "/K" in node:
                walk(node["/K"])

    walk(root["/StructTreeRoot"])
    return types


def embedded_fonts(pdf: bytes) -> dict[str, bool]:
    """BaseFont (without its subset prefix) -> whether the font program is embedded, for every
    font used on a page or in a form XObject."""
    fonts: dict[str, bool] = {}
    seen: set[int] = set()

    def font_embedded(font: Any) -> bool:
        if "/DescendantFonts" in font:
            font = font["/DescendantFonts"][0].get_object()
        descriptor = font.get("/FontDescriptor")
        if descriptor is None:
            return False
        descriptor = descriptor.get_object()
        return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))

    def scan(resources: Any) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        if id(resources) in seen:
            return
        seen.add(id(resources))
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            name = str(font["/BaseFont"]).lstrip("/")
            fonts[name.split("+", 1)[-1]] = font_embedded(font)
        for xobject in (resources.get("/XObject") or {}).values():
            scan(xobject.get_object().get("/Resources"))

    for page in _reader(pdf).pages:
        scan(page.get("/Resources"))
    return fonts


@pytest.fixture(scope="module")
def members_pdf() -> bytes:
    return render_pack_pdf(sample.members_document())


@pytest.fixture(scope="module")
def public_pdf() -> bytes:
    return render_pack_pdf(sample.public_document())


# ------------------------------------------------------------------------------- injection

HOSTILE = [
    '#read("/etc/passwd")',
    "#set page(width: 1cm)",
    "$x^2$",
    "<label>",
    "@ref",
    '#eval("1 + 1")',
    "a]b[c",
    "back\\slash",
    "`tick`",
    "*star* _under_",
    "# $ * @ < ] \\ `",
]


def _hostile_document() -> dict[str, Any]:
    document = sample.public_document()
    joined = " ".join(HOSTILE[:2])
    document["title"] = f"Pack {joined} (public edition)"
    document["meeting"]["header"] = f"Board {HOSTILE[1]}"
    document["board"]["hashtag"] = "#set page(width: 1cm)"
    lines = [[text] for text in HOSTILE]
    report = {
        "id": "evil",
        "item_number": "9",
        "title": '#read("/etc/passwd") $x^2$ <label> @ref',
        "restricted": False,
        "purpose": "#set page(width: 1cm)",
        "summary": [{"type": "paragraph", "inlines": plain_inlines(text)} for text in HOSTILE],
        "recommendations_intro": "$x^2$ <label>",
        "recommendations": [plain_inlines(text) for text in HOSTILE],
        "actions": markdown_to_blocks('Run #read("/etc/passwd") and $x^2$ <label> @ref now.'),
        "contact_officers": [
            {
                "name": "#set text(size: 1pt) Eve",
                "position": "<label> @ref",
                "phone": "$x^2$",
                "email": "eve]@example.org",
            }
        ],
        "sections": [
            {
                "heading": '#read("/etc/passwd")',
                "paragraphs": [
                    {
                        "number": "1",
                        "blocks": [
                            {"type": "paragraph", "inlines": plain_inlines(text)}
                            for text in HOSTILE
                        ],
                        "children": [
                            {
                                "number": "1.1",
                                "blocks": [table_block("#set page(width: 1cm)", ["#", "$"], lines)],
                            }
                        ],
                    },
                    {"number": None, "blocks": [{"type": "code", "text": '#read("/etc/passwd")'}]},
                ],
            }
        ],
        "appendices": [{"title": "Appendix <label>", "blocks": markdown_to_blocks("$x^2$ @ref")}],
        "background_papers": [{"title": "#set page(width: 1cm)", "url": "javascript:alert(1)"}],
    }
    document["reports"].append(report)
    document["agenda"].append(
        {
            "type": "item",
            "number": "9",
            "title": report["title"],
            "note": "#set page(width: 1cm)",
            "reports": ["evil"],
            "exempt": False,
        }
    )
    return document


def test_user_text_with_typst_syntax_is_printed_literally():
    document = _hostile_document()
    pdf = render_pack_pdf(document)
    text = squashed(" ".join(pages_text(pdf)))
    for hostile in HOSTILE:
        assert squashed(hostile) in text, hostile
    assert squashed("#set text(size: 1pt) Eve") in text
    assert "root:x:0:0" not in text
    assert b"root:x:0:0" not in pdf


def test_user_text_cannot_change_the_page_size():
    pdf = render_pack_pdf(_hostile_document())
    for page in _reader(pdf).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width, 1), round(height, 1)) == (
            round(A4_POINTS[0], 1),
            round(A4_POINTS[1], 1),
        )


def test_user_text_in_the_title_reaches_the_metadata_literally():
    document = _hostile_document()
    pdf = render_pack_pdf(document)
    assert _reader(pdf).metadata.title == document["title"]


def test_characters_the_fonts_lack_are_printed_by_name_instead_of_failing_the_pack():
    document = sample.public_document()
    summary = "Agreed 🎉 👍🏽 ✓ 中 — Welsh ŵŷ, £10.55, ½ and ‘quotes’ stay.\nNext\tline"
    document["reports"][1]["summary"] = [{"type": "paragraph", "inlines": plain_inlines(summary)}]
    text = " ".join(pages_text(render_pack_pdf(document)))
    assert (
        "Agreed [party popper] [thumbs up sign] [check mark] [cjk unified ideograph-4e2d] "
        "— Welsh ŵŷ, £10.55, ½ and ‘quotes’ stay." in text
    )


def test_printable_keeps_link_targets_and_non_text_values():
    data = {"text": "go ➜", "link": "https://example.org/➜", "level": 3, "items": [["✓"]]}
    assert printable(data) == {
        "text": "go [heavy round-tipped rightwards arrow]",
        "link": "https://example.org/➜",
        "level": 3,
        "items": [["[check mark]"]],
    }


# ------------------------------------------------------------------------------- page ranges


@pytest.mark.parametrize(
    "make_document",
    [sample.members_document, sample.public_document, sample.large_document],
    ids=["members", "public", "large"],
)
def test_agenda_page_ranges_match_the_pages_each_report_occupies(make_document):
    document = make_document()
    texts = pages_text(render_pack_pdf(document))
    numbers = printed_page_numbers(texts)
    numbered = sorted(numbers)
    assert numbers[numbered[0]] == 1, "numbering starts at 1 at the first report"
    front_matter = " ".join(text for i, text in enumerate(texts) if i not in numbers)

    reports = agenda_reports(document)
    starts = []
    for report in reports:
        title = squashed(report["title"])
        starts.append(next(i for i in numbered if title in squashed(texts[i])))
    assert starts == sorted(starts), "reports are printed in agenda order"
    ends = [start - 1 for start in starts[1:]] + [numbered[-1]]

    for report, start, end in zip(reports, starts, ends, strict=True):
        first, last = numbers[start], numbers[end]
        expected = str(first) if first == last else f"{first} - {last}"
        match = re.search(
            loose(f"{report['item_number']}. {report['title']}") + r" (\d+(?: - \d+)?)(?= |$)",
            front_matter,
        )
        assert match, f"no page range for {report['title']!r} on the agenda"
        assert match.group(1) == expected, report["title"]


def test_items_without_reports_have_no_page_range(public_pdf):
    agenda = next(text for text in pages_text(public_pdf) if "No. Item Pages" in text)
    assert "1. Welcome, Apologies and Declarations of Interest CONFIDENTIAL SECTION - START" in (
        agenda
    )
    assert "To be sent as a supplemental agenda item. Date of Next Board Meeting:" in agenda


def test_each_report_starts_on_a_new_page_with_the_running_header(members_pdf):
    texts = pages_text(members_pdf)
    numbers = printed_page_numbers(texts)
    header = "Improvement and Innovation Board — 29 October 2019"
    for index in numbers:
        assert texts[index].startswith(header)
    for report in sample.members_document()["reports"]:
        first = next(i for i in numbers if squashed(report["title"]) in squashed(texts[i]))
        assert f"Agenda Item {report['item_number']}" in texts[first]


def test_front_matter_pages_carry_no_page_number(members_pdf):
    texts = pages_text(members_pdf)
    numbers = printed_page_numbers(texts)
    agenda_index = next(i for i, text in enumerate(texts) if "No. Item Pages" in text)
    assert all(index not in numbers for index in range(agenda_index + 1))
    assert min(numbers) == agenda_index + 1


# ------------------------------------------------------------------------------- restricted


def test_public_edition_shows_a_restricted_report_as_one_placeholder_page(public_pdf):
    texts = pages_text(public_pdf)
    restricted = [i for i, text in enumerate(texts) if "Document is Restricted" in text]
    assert len(restricted) == 1
    page = texts[restricted[0]]
    assert squashed("Sector-led improvement communications strategy and campaign") in squashed(page)
    assert "Agenda Item 3" in page
    assert "Purpose of report" not in page
    following = texts[restricted[0] + 1]
    assert squashed("Membership and terms of reference for 2019/20") in squashed(following)


def test_public_edition_contains_nothing_of_the_restricted_report(public_pdf):
    assert sample.SECRET_PHRASE not in " ".join(pages_text(public_pdf))
    assert "Helen Reeves" not in " ".join(pages_text(public_pdf))


def test_members_edition_prints_the_restricted_report_in_full(members_pdf):
    text = " ".join(pages_text(members_pdf))
    assert "Document is Restricted" not in text
    assert sample.SECRET_PHRASE in text
    assert "Not for publication" in text


def test_public_edition_withholds_a_restricted_report_even_when_given_its_text():
    document = sample.members_document()
    document["edition"] = "public"
    pdf = render_pack_pdf(document)
    text = " ".join(pages_text(pdf))
    assert text.count("Document is Restricted") == 1
    assert sample.SECRET_PHRASE not in text
    assert sample.SECRET_PHRASE.encode() not in pdf


def test_withholding_keeps_only_the_placeholder_fields():
    document = sample.members_document()
    document["edition"] = "public"
    public = withhold_restricted(document)
    assert public["reports"][0] == {
        "id": "r3",
        "item_number": "3",
        "title": "Sector-led improvement communications strategy and campaign",
        "restricted": True,
    }
    assert public["reports"][1:] == document["reports"][1:]
    assert document["reports"][0]["sections"], "the caller's document is not changed"
    assert withhold_restricted(sample.members_document()) == sample.members_document()


def test_pdf_title_names_the_edition_when_the_given_title_does_not():
    document = sample.members_document()
    document["title"] = "Improvement and Innovation Board, 29 October 2019"
    pdf = render_pack_pdf(document)
    assert _reader(pdf).metadata.title == (
        "Improvement and Innovation Board, 29 October 2019 (members' edition)"
    )


def test_edition_is_named_on_the_cover(public_pdf, members_pdf):
    assert "Public edition" in pages_text(public_pdf)[0]
    assert "Members’ edition" in pages_text(members_pdf)[0]


# ------------------------------------------------------------------------------- tagged PDF


def test_pdf_is_tagged_with_language_and_title(public_pdf):
    reader = _reader(public_pdf)
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] is True or catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert "/StructTreeRoot" in catalog
    assert str(catalog["/Lang"]).startswith("en-GB")
    assert reader.metadata.title == sample.public_document()["title"]
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712


def test_headings_are_tagged_in_order_without_skipping_levels(members_pdf):
    levels = _heading_levels(members_pdf)
    assert levels[0] == 1
    assert levels.count(1) == 1
    assert {2, 3, 4} <= set(levels), "report titles, their parts and user headings"
    for previous, level in zip(levels, levels[1:], strict=False):
        assert level <= previous + 1


def _heading_levels(pdf: bytes) -> list[int]:
    return [int(s[2]) for s in struct_types(pdf) if re.fullmatch(r"/H[1-6]", s)]


def test_user_headings_never_skip_a_level_even_without_section_headings():
    document = sample.public_document()
    report = document["reports"][2]
    report.update(purpose="", summary=[], recommendations=[], recommendations_intro="", actions=[])
    deep = markdown_to_blocks("#### Deep\n\n###### Deeper\n\ntext")
    report["sections"].insert(0, {"heading": "", "paragraphs": [{"number": "1", "blocks": deep}]})
    levels = _heading_levels(render_pack_pdf(document))
    for previous, level in zip(levels, levels[1:], strict=False):
        assert level <= previous + 1


def test_blank_titles_and_headings_still_render_as_pdf_ua():
    document = sample.public_document()
    document["reports"][1]["title"] = " "
    document["reports"][1]["summary"] += markdown_to_blocks("#\n\n## \n\ntext")
    document["reports"][1]["appendices"].append({"title": "", "blocks": []})
    text = " ".join(pages_text(render_pack_pdf(document)))
    assert "Untitled report" in text
    assert "Appendix" in text


def test_tables_have_tagged_header_cells(members_pdf):
    types = struct_types(members_pdf)
    assert types.count("/Table") >= 5
    assert "/TH" in types
    assert types.count("/THead") == types.count("/Table")


def test_links_are_tagged(members_pdf):
    assert "/Link" in struct_types(members_pdf)


# ------------------------------------------------------------------------------- fonts


def test_only_the_shipped_liberation_fonts_are_embedded(members_pdf):
    fonts = embedded_fonts(members_pdf)
    assert set(fonts) <= SHIPPED_FONTS
    assert {"LiberationSans", "LiberationSans-Bold", "LiberationMono"} <= set(fonts)
    assert all(fonts.values()), "every font is embedded"


# ------------------------------------------------------------------------------- determinism


def test_rendering_the_same_document_twice_gives_identical_bytes():
    document = sample.members_document()
    assert render_pack_pdf(document) == render_pack_pdf(copy.deepcopy(document))


def test_creation_date_comes_from_published_at(members_pdf):
    assert _reader(members_pdf).metadata["/CreationDate"] == "D:20191021080000Z"


def test_an_explicit_timestamp_sets_the_creation_date():
    moment = dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    pdf = render_pack_pdf(sample.public_document(), timestamp=moment)
    assert _reader(pdf).metadata["/CreationDate"] == "D:20200102030405Z"


def test_creation_timestamp_defaults():
    assert creation_timestamp({"published_at": "2019-10-21T09:00:00+01:00"}) == 1571644800
    assert creation_timestamp({"published_at": "2019-10-21T08:00:00"}) == 1571644800
    assert creation_timestamp({"published_at": "not a date"}) == 0
    assert creation_timestamp({}) == 0
