"""Creating reports with the board's required standard sections."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from minuted.governance.models import Officer
from minuted.papers.models import BoardReportSettings, ReportParagraph
from minuted.papers.publishing import problems_before_publishing, publish_pack
from minuted.papers.services import create_report, missing_required_sections


@pytest.fixture
def requires_finance_and_wales(world):
    return BoardReportSettings.objects.create(
        board=world.board, required_sections=["financial", "wales"]
    )


def test_a_new_report_starts_with_the_boards_required_sections(
    world, agenda, requires_finance_and_wales
):
    report = create_report(agenda.public_item, "Innovation Zone 2020", author=world.officer)
    headings = [(s.heading, s.standard) for s in report.sections.all()]
    assert headings == [
        ("Financial implications", "financial"),
        ("Implications for Wales", "wales"),
    ]
    assert report.status == "draft"


def test_the_authors_officer_record_becomes_the_contact(world, agenda):
    officer = Officer.objects.create(
        organisation=world.organisation,
        slug="a-officer",
        name="Ann Officer",
        position="Adviser",
        email="ann@example.org",
        user=world.officer,
    )
    report = create_report(agenda.public_item, "Innovation Zone 2020", author=world.officer)
    contact = report.contacts.get()
    assert (contact.name, contact.job_title, contact.officer) == ("Ann Officer", "Adviser", officer)


def test_a_required_section_left_empty_stops_publication(world, agenda, requires_finance_and_wales):
    assert missing_required_sections(agenda.public_report) == [
        "Financial implications",
        "Implications for Wales",
    ]
    problems = problems_before_publishing(agenda.meeting)
    assert (
        "The report “Climate change support offer” has no “Financial implications” section, "
        "which this board requires." in problems
    )
    with pytest.raises(ValidationError):
        publish_pack(agenda.meeting, world.clerk)


def test_filled_required_sections_let_the_report_through(world, agenda, requires_finance_and_wales):
    for report in (agenda.public_report, agenda.exempt_report):
        for position, (heading, standard) in enumerate(
            [("Financial implications", "financial"), ("Implications for Wales", "wales")]
        ):
            section = report.sections.create(
                position=10 + position, heading=heading, standard=standard
            )
            ReportParagraph.objects.create(section=section, text="None.")
    assert problems_before_publishing(agenda.meeting) == []


def test_unknown_standard_sections_are_refused(world):
    settings = BoardReportSettings(board=world.board, required_sections=["astrology"])
    with pytest.raises(ValidationError) as error:
        settings.full_clean()
    assert "astrology" in error.value.message_dict["required_sections"][0]


def test_a_sub_paragraph_stays_under_a_numbered_paragraph_of_its_section(agenda):
    section = agenda.public_report.sections.get()
    table = ReportParagraph.objects.create(section=section, table={"header": ["a"], "rows": []})
    other = agenda.exempt_report.sections.get().paragraphs.first()
    for parent in (table, other):
        with pytest.raises(ValidationError):
            ReportParagraph(section=section, parent=parent, text="x").full_clean()
