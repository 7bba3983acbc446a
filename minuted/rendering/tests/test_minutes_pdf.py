"""The minutes PDF: items, decisions, recorded votes, withheld decisions and attendance printed;
user text printed literally; tagged PDF/UA-1 with the shipped fonts only; the same bytes every
time."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from minuted.rendering.blocks import markdown_to_blocks, plain_inlines
from minuted.rendering.pdf import render_minutes_pdf
from minuted.rendering.tests.minutes_sample import VOTE_TOTALS, WITHHELD, minutes_document
from minuted.rendering.tests.test_pack_pdf import (
    A4_POINTS,
    SHIPPED_FONTS,
    _reader,
    embedded_fonts,
    loose,
    pages_text,
    struct_types,
)


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return minutes_document()


@pytest.fixture(scope="module")
def pdf(document) -> bytes:
    return render_minutes_pdf(document)


@pytest.fixture(scope="module")
def text(pdf) -> str:
    return " ".join(pages_text(pdf))


def contains(text: str, phrase: str) -> bool:
    return re.search(loose(phrase), text) is not None


# ------------------------------------------------------------------------------- content


def test_title_block_names_the_board_date_and_venue(text, document):
    assert text.startswith("Note of the meeting")
    assert contains(text, "Title: Improvement and Innovation Board")
    assert contains(text, "Date: " + document["meeting"]["date"])
    assert contains(text, "Venue: " + document["meeting"]["place"])
    assert contains(text, "An attendance list is attached as Appendix A")


def test_items_are_printed_with_their_numbers_and_titles_in_order(text, document):
    positions = []
    for entry in document["items"]:
        match = re.search(loose(f"{entry['number']}. {entry['title']}"), text)
        assert match, entry["title"]
        positions.append(match.start())
    assert positions == sorted(positions)


def test_decisions_votes_and_actions_are_printed(text):
    for phrase in (
        "Members noted the declaration of interest.",
        "Members agreed that lead members will discuss if an item should be confidential.",
        "Members agreed to the development of a communications strategy.",
        "Member Vote",
        "Cllr Joy Allen Against",
        "Cllr Ron Woodley Abstain",
        VOTE_TOTALS,
        "The following action was noted:",
        "Draw up a communications plan for the next meeting. — Officers",
        "Introduced by Matthew Hamilton.",
        "The campaign must be agreed before the summer recess.",
        "declared an other registrable interest",
    ):
        assert contains(text, phrase), phrase


def test_withheld_decisions_print_the_confidential_sentence_after_the_exclusion(text):
    assert contains(text, "Decisions for this item to be kept confidential")
    assert contains(text, WITHHELD)
    exclusion = re.search(loose("RESOLVED that the press and public be excluded"), text)
    withheld = re.search(loose(WITHHELD), text)
    assert exclusion and withheld and exclusion.start() < withheld.start()


def test_appendix_lists_the_attendance_and_the_approval_follows(text, document):
    appendix = re.search(loose("Appendix A — Attendance"), text)
    assert appendix
    rest = text[appendix.start() :]
    for name in document["present"] + document["apologies"] + document["in_attendance"]:
        assert contains(rest, name), name
    for label in ("Present", "Apologies", "In attendance"):
        assert contains(rest, label)
    assert contains(rest, "Approved as a correct record on Thursday 19 September 2019.")


def test_no_approval_line_until_approved(document):
    unapproved = copy.deepcopy(document) | {"approved": {"on": ""}}
    assert "Approved as a correct record" not in " ".join(
        pages_text(render_minutes_pdf(unapproved))
    )


def test_every_page_carries_a_running_footer_with_its_number(pdf):
    texts = pages_text(pdf)
    assert len(texts) > 1
    for index, page_text in enumerate(texts, start=1):
        assert page_text.endswith(f"Page {index} of {len(texts)}"), page_text[-80:]
        assert "Improvement and Innovation Board, Thursday 11 July 2019" in page_text


def test_an_empty_document_still_renders():
    pdf = render_minutes_pdf({})
    assert "Note of the meeting" in " ".join(pages_text(pdf))
    assert "/StructTreeRoot" in _reader(pdf).trailer["/Root"]


# ------------------------------------------------------------------------------- injection

HOSTILE = [
    '#read("/etc/passwd")',
    "#set page(width: 1cm)",
    "$x$",
    "<l>",
    "@r",
    "]",
    "\\",
    '#eval("1 + 1")',
]
HOSTILE_LINE = " ".join(HOSTILE)


@pytest.fixture(scope="module")
def hostile_pdf() -> bytes:
    document = minutes_document()
    document["board"] = HOSTILE_LINE
    document["meeting"]["place"] = HOSTILE_LINE
    document["present"].append(HOSTILE_LINE)
    document["apologies"].append(HOSTILE_LINE)
    document["in_attendance"].append(HOSTILE_LINE)
    document["inquorate"] = HOSTILE_LINE
    document["approved"]["on"] = HOSTILE_LINE
    first, second = document["items"][0], document["items"][1]
    first["title"] = HOSTILE_LINE
    first["exclusion"] = HOSTILE_LINE
    first["urgency_reason"] = HOSTILE_LINE
    first["introduced_by"] = HOSTILE_LINE
    first["declarations"] = [HOSTILE_LINE]
    first["discussion"] = [{"type": "paragraph", "inlines": plain_inlines(HOSTILE_LINE)}]
    first["decisions"][0]["number"] = HOSTILE_LINE
    first["decisions"][0]["text"] = [{"type": "paragraph", "inlines": plain_inlines(HOSTILE_LINE)}]
    first["decisions"][1]["text"] = markdown_to_blocks("# " + HOSTILE_LINE + "\n\n" + "`$x$`")
    second["decisions"][0]["vote"] = HOSTILE_LINE
    second["decisions"][0]["votes"].append({"member": HOSTILE_LINE, "vote": HOSTILE_LINE})
    second["actions"] = [{"text": HOSTILE_LINE, "owner": HOSTILE_LINE}]
    document["items"][2]["decisions_withheld"] = HOSTILE_LINE
    return render_minutes_pdf(document)


def test_user_text_with_typst_syntax_is_printed_literally(hostile_pdf):
    text = " ".join(pages_text(hostile_pdf))
    assert "root:x:0:0" not in text
    occurrences = len(re.findall(loose(HOSTILE_LINE), text))
    # board (title block and every footer), place, 3 attendance lists, inquorate, approval,
    # title, exclusion, urgency, introduced by, declaration, discussion, 2 decisions, vote
    # table, totals, action text and owner, withheld sentence
    assert occurrences >= 21, occurrences
    for fragment in HOSTILE:
        assert contains(text, fragment), fragment


def test_user_text_cannot_change_the_page_size(hostile_pdf):
    for page in _reader(hostile_pdf).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width, 1), round(height, 1)) == (
            round(A4_POINTS[0], 1),
            round(A4_POINTS[1], 1),
        )


def test_characters_the_fonts_lack_are_printed_by_name():
    document = minutes_document()
    document["items"][0]["title"] = "Celebration \U0001f389"
    text = " ".join(pages_text(render_minutes_pdf(document)))
    assert contains(text, "Celebration [party popper]")


def test_a_nested_list_in_the_discussion_is_printed_with_markers_the_font_has():
    # Typst's default second-level marker is missing from Liberation Sans, which PDF/UA-1
    # refuses; the 11 July 2019 demonstration minutes have such a list (item 6).
    document = minutes_document()
    document["items"][0]["discussion"] = markdown_to_blocks(
        "- Access to the programmes was discussed.\n  - Helen fed-back on weekday options."
    )
    text = " ".join(pages_text(render_minutes_pdf(document)))
    assert contains(text, "Helen fed-back on weekday options.")


# ------------------------------------------------------------------------------- tagging


def test_pdf_is_tagged_with_language_and_title(pdf, document):
    reader = _reader(pdf)
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert str(catalog["/Lang"]).startswith("en")
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert reader.metadata.title == document["title"] + " (public edition)"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712


def test_headings_and_vote_table_are_tagged(pdf):
    types = struct_types(pdf)
    levels = [int(t[2:]) for t in types if re.fullmatch(r"/H\d", t)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    assert types.count("/Table") == 1
    assert types.count("/THead") == types.count("/Table")


def test_only_the_shipped_liberation_fonts_are_embedded(pdf):
    fonts = embedded_fonts(pdf)
    assert set(fonts) <= SHIPPED_FONTS
    assert {"LiberationSans", "LiberationSans-Bold"} <= set(fonts)
    assert all(fonts.values()), "every font is embedded"


# ------------------------------------------------------------------------------- determinism


def test_rendering_the_same_document_twice_gives_identical_bytes(pdf, document):
    assert render_minutes_pdf(copy.deepcopy(document)) == pdf
    assert _reader(pdf).metadata["/CreationDate"] == "D:19700101000000Z"
