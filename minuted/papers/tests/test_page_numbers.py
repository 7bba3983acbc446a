"""Publishing gives the public edition the members' edition's page numbers, so that members and
the public can say "page 5" in the meeting and mean the same page."""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader

from minuted.papers.models import ReportParagraph
from minuted.papers.publishing import publish_pack
from minuted.rendering.pdf import report_page_ranges

LONG = (
    "The contract covers peer challenges, their preparation and their follow-up visits across "
    "the country, and officers have set out the options for its procurement in detail. "
) * 12


def pages_text(field: Any) -> list[str]:
    with field.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def footer_numbers(texts: list[str]) -> dict[int, int]:
    """Physical page index -> the number printed in its footer ("Page 3")."""
    return {
        index: int(match.group(1))
        for index, text in enumerate(texts)
        if (match := re.search(r"Page (\d+)$", text))
    }


def agenda_ranges(texts: list[str], document: dict[str, Any]) -> dict[str, str]:
    """Item number -> the page range its agenda line prints."""
    agenda = next(text for text in texts if "No. Item Pages" in text)
    ranges = {}
    for entry in document["agenda"]:
        if entry["type"] == "item" and entry["reports"]:
            line = re.escape(f"{entry['number']}. {entry['title']}")
            match = re.search(line + r" (\d+(?: - \d+)?)(?= |$)", agenda)
            assert match, entry
            ranges[entry["number"]] = match.group(1)
    return ranges


def test_the_public_edition_keeps_the_members_page_numbers(world, agenda):
    section = agenda.exempt_report.sections.get()
    for position in range(3, 12):  # an exempt report of several pages, one page in public
        ReportParagraph.objects.create(section=section, position=position, text=LONG)

    version = publish_pack(agenda.meeting, world.clerk)
    members_doc, public_doc = version.members_document, version.public_document
    members, public = pages_text(version.members_pdf), pages_text(version.public_pdf)

    ranges = report_page_ranges(members_doc)
    assert public_doc["page_numbers"] == {key: list(pages) for key, pages in ranges.items()}
    exempt_id, public_id = (f"r{agenda.exempt_report.pk}", f"r{agenda.public_report.pk}")
    assert ranges[exempt_id][1] >= ranges[exempt_id][0] + 2, "the placeholder saves pages"
    assert "Document is Restricted" in " ".join(public)

    assert agenda_ranges(public, public_doc) == agenda_ranges(members, members_doc)

    numbers = footer_numbers(public)
    starts = {}
    for report in public_doc["reports"]:
        starts[report["id"]] = next(i for i in sorted(numbers) if report["title"] in public[i])
        assert numbers[starts[report["id"]]] == ranges[report["id"]][0], report["title"]
    assert numbers[starts[exempt_id]] == 1
    public_pages = [numbers[i] for i in sorted(numbers) if i >= starts[public_id]]
    first, last = ranges[public_id]
    assert public_pages == list(range(first, last + 1)), "the public report's own pages"
