"""The public edition keeps the members' edition's page numbers: given the members' ranges as
``page_numbers``, its agenda prints them and each report (a restricted report's placeholder
page or a full report) starts at the members' first page, so that "page 27" is the same page
in both editions. Without ``page_numbers`` pages are numbered as laid out."""

from __future__ import annotations

import copy
import io
import re
from typing import Any

import pypdf
import pytest

from minuted.rendering.blocks import markdown_to_blocks
from minuted.rendering.pdf import (
    render_pack_pdf,
    render_pack_pdf_with_ranges,
    report_page_ranges,
)
from minuted.rendering.tests import sample
from minuted.rendering.tests.test_pack_pdf import pages_text, printed_page_numbers, squashed


def _long_confidential(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with its restricted report (r3) made a dozen pages long, as item 3 of the
    October 2019 pack is (pages 1 - 16)."""
    document = copy.deepcopy(document)
    report = document["reports"][0]
    assert report["id"] == "r3" and report["restricted"]
    if document["edition"] == "members":
        report["appendices"] = [
            {"title": f"Appendix {letter}", "blocks": markdown_to_blocks(sample.LOREM)}
            for letter in "ABCDEFGHIJ"
        ]
    return document


def _with_ranges(document: dict[str, Any], ranges: dict[str, tuple[int, int]]) -> dict[str, Any]:
    document = copy.deepcopy(document)
    document["page_numbers"] = {report_id: list(pages) for report_id, pages in ranges.items()}
    return document


def _agenda_ranges(texts: list[str], document: dict[str, Any]) -> dict[str, str]:
    """Item number -> the page range the agenda prints for it."""
    agenda = next(text for text in texts if "No. Item Pages" in text)
    ranges = {}
    for entry in document["agenda"]:
        if entry["type"] != "item" or not entry["reports"]:
            continue
        label = re.escape(f"{entry['number']}. {entry['title']}")
        match = re.search(label + r" (\d+(?: - \d+)?)(?= |$)", agenda)
        assert match, f"no page range for item {entry['number']} on the agenda"
        ranges[entry["number"]] = match.group(1)
    return ranges


def _report_pages(texts: list[str], document: dict[str, Any]) -> dict[str, list[int]]:
    """Report id -> the numbers printed in the footers of the pages it occupies, from the
    page its title first appears on to the page before the next report's."""
    numbers = printed_page_numbers(texts)
    numbered = sorted(numbers)
    starts = []
    for report in document["reports"]:
        title = squashed(report["title"])
        starts.append(next(i for i in numbered if title in squashed(texts[i])))
    ends = [start - 1 for start in starts[1:]] + [numbered[-1]]
    return {
        report["id"]: [numbers[index] for index in range(start, end + 1)]
        for report, start, end in zip(document["reports"], starts, ends, strict=True)
    }


@pytest.fixture(scope="module", params=["sample", "long confidential report"])
def editions(request) -> dict[str, Any]:
    """Both editions rendered as publishing does: the public edition given the members'."""
    members, public = sample.members_document(), sample.public_document()
    if request.param != "sample":
        members, public = _long_confidential(members), _long_confidential(public)
    members_pdf, ranges = render_pack_pdf_with_ranges(members)
    public = _with_ranges(public, ranges)
    return {
        "members": members,
        "public": public,
        "ranges": ranges,
        "members_texts": pages_text(members_pdf),
        "public_texts": pages_text(render_pack_pdf(public)),
    }


# ------------------------------------------------------------------------------- the ranges


def test_report_page_ranges_are_the_printed_pages_of_each_report():
    document = sample.members_document()
    texts = pages_text(render_pack_pdf(document))
    ranges = report_page_ranges(document)
    assert list(ranges) == ["r3", "r5", "r6", "r7"]
    pages = _report_pages(texts, document)
    for report_id, (first, last) in ranges.items():
        assert (pages[report_id][0], pages[report_id][-1]) == (first, last), report_id
    assert ranges["r3"][0] == 1
    spans = list(ranges.values())
    for (_, last), (first, _) in zip(spans, spans[1:], strict=False):
        assert first == last + 1, "each report starts on the page after the last one ends"


def test_rendering_with_ranges_gives_the_same_pdf_and_ranges():
    document = sample.members_document()
    pdf, ranges = render_pack_pdf_with_ranges(document)
    assert pdf == render_pack_pdf(document)
    assert ranges == report_page_ranges(document)


def test_the_restricted_report_is_longer_for_members_than_its_placeholder(editions):
    first, last = editions["ranges"]["r3"]
    assert last > first, "the test needs the public edition to save pages"
    assert report_page_ranges(editions["public"])["r3"] == (first, first)


# ------------------------------------------------------------------------------- public edition


def test_public_agenda_shows_the_same_ranges_as_the_members_agenda(editions):
    members = _agenda_ranges(editions["members_texts"], editions["members"])
    public = _agenda_ranges(editions["public_texts"], editions["public"])
    assert public == members
    first, last = editions["ranges"]["r3"]
    assert members["3"] == f"{first} - {last}"


def test_each_public_report_starts_on_the_members_first_page_number(editions):
    pages = _report_pages(editions["public_texts"], editions["public"])
    for report_id, (first, _) in editions["ranges"].items():
        assert pages[report_id][0] == first, report_id
    placeholder = pages["r3"]
    assert placeholder == [1]
    start = next(i for i, t in enumerate(editions["public_texts"]) if "Document is Restricted" in t)
    assert editions["public_texts"][start].endswith("Page 1")
    assert editions["public_texts"][start + 1].endswith(f"Page {editions['ranges']['r5'][0]}")


def test_a_full_public_report_spans_the_members_page_numbers(editions):
    members = _report_pages(editions["members_texts"], editions["members"])
    public = _report_pages(editions["public_texts"], editions["public"])
    for report in editions["public"]["reports"]:
        if report["restricted"]:
            continue
        first, last = editions["ranges"][report["id"]]
        assert public[report["id"]] == members[report["id"]] == list(range(first, last + 1))


def test_the_public_edition_reports_its_given_page_numbers_as_laid_out(editions):
    ranges = report_page_ranges(editions["public"])
    for report_id, pages in ranges.items():
        if report_id != "r3":
            assert pages == editions["ranges"][report_id]


def test_given_page_numbers_are_the_pdf_page_labels_too(editions):
    public = render_pack_pdf(editions["public"])
    labels = pypdf.PdfReader(io.BytesIO(public)).page_labels
    numbers = printed_page_numbers(editions["public_texts"])
    assert {index: labels[index] for index in numbers} == {
        index: str(number) for index, number in numbers.items()
    }


# ------------------------------------------------------------------------------- without them


def test_without_page_numbers_the_public_edition_is_numbered_as_laid_out():
    document = sample.public_document()
    texts = pages_text(render_pack_pdf(document))
    pages = _report_pages(texts, document)
    assert pages["r3"] == [1]
    assert pages["r5"][0] == 2
    flat = [number for report in document["reports"] for number in pages[report["id"]]]
    assert flat == list(range(1, len(flat) + 1))
    assert report_page_ranges(document) == {
        report_id: (numbers[0], numbers[-1]) for report_id, numbers in pages.items()
    }
    agenda = _agenda_ranges(texts, document)
    assert agenda["3"] == "1"
    assert agenda["5"] == f"{pages['r5'][0]} - {pages['r5'][-1]}"


def test_empty_page_numbers_change_nothing():
    document = sample.public_document()
    given = copy.deepcopy(document)
    given["page_numbers"] = {}
    assert render_pack_pdf(given) == render_pack_pdf(document)


def test_malformed_page_numbers_are_ignored():
    document = sample.public_document()
    given = copy.deepcopy(document)
    given["page_numbers"] = {
        "r3": [0, 4],
        "r5": "17",
        "r6": [9, 8],
        "r7": [1, 2, 3],
        "nope": [5, 6],
    }
    assert render_pack_pdf(given) == render_pack_pdf(document)
    given["page_numbers"] = ["r3", 1, 2]
    assert render_pack_pdf(given) == render_pack_pdf(document)


def test_only_the_reports_given_page_numbers_are_renumbered():
    document = sample.public_document()
    document["page_numbers"] = {"r6": [40, 41]}
    texts = pages_text(render_pack_pdf(document))
    pages = _report_pages(texts, document)
    assert pages["r3"] == [1]
    assert pages["r5"][0] == 2
    assert pages["r6"] == [40, 41]
    assert pages["r7"][0] == 42
    agenda = _agenda_ranges(texts, document)
    assert (agenda["3"], agenda["6"]) == ("1", "40 - 41")
    assert agenda["7"] == f"42 - {pages['r7'][-1]}"
