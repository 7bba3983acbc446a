"""The report editor: the standard template as one form, saved whole or not at all; after
publication every change needs a reason and is kept as a revision."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minuted.papers.models import (
    ReportContact,
    ReportParagraph,
    ReportRevision,
    ReportSection,
    ReportStatus,
)
from minuted.staff.tests.conftest import editor_data


def url(report):
    return reverse("staff:report", args=[report.uid])


@pytest.fixture
def written(report):
    """The report with a background section of two paragraphs, the second with a
    sub-paragraph."""
    report.summary = "The programme is on track."
    report.save()
    section = ReportSection.objects.create(report=report, position=0, heading="Background")
    first = ReportParagraph.objects.create(section=section, position=0, text="First.")
    second = ReportParagraph.objects.create(section=section, position=1, text="Second.")
    ReportParagraph.objects.create(section=section, position=0, parent=second, text="Under.")
    assert first.pk
    return report


def test_an_anonymous_visitor_is_sent_to_sign_in(client, report):
    assert client.get(url(report))["Location"].startswith("/sign-in/")


@pytest.mark.parametrize("who", ["officer", "clerk", "administrator"])
def test_the_author_and_the_boards_clerk_may_edit(signed_in, world, report, who):
    assert signed_in(getattr(world, who)).get(url(report)).status_code == 200


@pytest.mark.parametrize("who", ["clerk_of_another_board", "member"])
def test_nobody_else_may_edit(signed_in, world, report, who):
    assert signed_in(getattr(world, who)).get(url(report)).status_code == 403


def test_another_officer_may_not_edit(signed_in, world, report):
    from minuted.accounts.models import Role
    from minuted.testing import make_user

    other = make_user("other-officer@example.org", Role.OFFICER)
    assert signed_in(other).get(url(report)).status_code == 403


def test_it_saves_the_structured_content_and_numbers_it_in_the_preview(signed_in, world, report):
    client = signed_in(world.officer)
    data = editor_data(
        report,
        **{
            "report-purpose": "decision",
            "report-summary": "The programme is **on track**.",
            "report-recommendations": "Note the report.\nAgree the plan.",
            "sections-0-heading": "Background",
            "sections-0-paragraphs-0-text": "The board agreed the programme in June.",
            "sections-0-paragraphs-TOTAL_FORMS": "1",
            "contacts-0-name": "Rachel Bird",
            "contacts-0-email": "rachel.bird@example.org",
        },
    )
    response = client.post(url(report), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.purpose, report.recommendation_lines) == (
        "decision",
        ["Note the report.", "Agree the plan."],
    )
    section = report.sections.get()
    assert section.paragraphs.get().text == "The board agreed the programme in June."
    assert report.contacts.get().name == "Rachel Bird"
    # A second paragraph, as a sub-paragraph of the first, and a new section.
    data = editor_data(
        report,
        **{
            "sections-0-paragraphs-1-text": "In particular, the peer challenge.",
            "sections-0-paragraphs-1-sub": "on",
            "sections-1-heading": "Proposals",
            "sections-1-paragraphs-0-text": "A new offer to councils.",
        },
    )
    client.post(url(report), data)
    page = client.get(url(report)).content.decode()
    preview = page[page.index('id="preview"') :]
    assert '<span class="minuted-paragraph__number">1.</span>' in preview
    assert '<span class="minuted-paragraph__number">1.1</span>' in preview
    assert '<span class="minuted-paragraph__number">2.</span>' in preview
    assert "<strong>on track</strong>" in preview
    assert "Paragraph 1.1" in page  # the editor labels each paragraph with its number


def test_a_table_is_saved_from_lines_with_a_header(signed_in, world, written):
    data = editor_data(
        written,
        **{
            "sections-0-paragraphs-3-table": "Output | Target\nPeer challenges | 40",
            "sections-0-paragraphs-3-caption": "Outputs",
        },
    )
    signed_in(world.officer).post(url(written), data)
    table = ReportParagraph.objects.get(table__isnull=False).table
    assert table == {
        "caption": "Outputs",
        "header": ["Output", "Target"],
        "rows": [["Peer challenges", "40"]],
    }


def test_a_ragged_table_is_refused_beside_the_field(signed_in, world, written):
    data = editor_data(written, **{"sections-0-paragraphs-3-table": "A | B\n1 | 2 | 3"})
    response = signed_in(world.officer).post(url(written), data)
    assert 'id="id_sections-0-paragraphs-3-table-error"' in response.content.decode()
    assert not ReportParagraph.objects.filter(table__isnull=False).exists()


def test_nothing_is_half_saved_when_one_part_is_invalid(signed_in, world, written):
    data = editor_data(
        written,
        **{
            "report-summary": "A new summary.",
            "contacts-0-name": "Rachel Bird",
            # A sub-paragraph cannot open a section.
            "sections-0-paragraphs-0-sub": "on",
        },
    )
    response = signed_in(world.officer).post(url(written), data)
    page = response.content.decode()
    assert 'class="govuk-error-summary"' in page
    assert 'id="id_sections-0-paragraphs-0-sub-error"' in page
    written.refresh_from_db()
    assert written.summary == "The programme is on track."
    assert not ReportContact.objects.exists()


def test_removing_a_paragraph_keeps_its_sub_paragraph_under_the_one_above(
    signed_in, world, written
):
    data = editor_data(written, **{"sections-0-paragraphs-1-remove": "on"})
    signed_in(world.officer).post(url(written), data)
    under = ReportParagraph.objects.get(text="Under.")
    assert under.parent is not None
    assert under.parent.text == "First."
    assert not ReportParagraph.objects.filter(text="Second.").exists()


def test_removing_a_section_removes_its_paragraphs(signed_in, world, written):
    signed_in(world.officer).post(url(written), editor_data(written, **{"sections-0-DELETE": "on"}))
    assert not ReportSection.objects.exists()
    assert not ReportParagraph.objects.exists()


def test_marking_ready_needs_a_summary(signed_in, world, report):
    client = signed_in(world.officer)
    response = client.post(url(report), {**editor_data(report), "action": "ready"})
    assert "Write a summary before marking the report ready." in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_the_author_marks_the_report_ready_and_back_to_draft(signed_in, world, written):
    client = signed_in(world.officer)
    client.post(url(written), {**editor_data(written), "action": "ready"})
    written.refresh_from_db()
    assert written.status == ReportStatus.READY
    client.post(url(written), {**editor_data(written), "action": "draft"})
    written.refresh_from_db()
    assert written.status == ReportStatus.DRAFT


def test_editing_a_published_report_without_a_reason_is_refused(signed_in, world, written):
    written.published_version = 1
    written.save()
    data = editor_data(written, **{"report-summary": "Changed after publication."})
    response = signed_in(world.officer).post(url(written), data)
    page = response.content.decode()
    assert 'id="id_change-reason-error"' in page
    assert "say why it is changing" in page
    written.refresh_from_db()
    assert written.summary == "The programme is on track."
    assert not ReportRevision.objects.exists()


def test_editing_a_published_report_with_a_reason_records_a_revision(signed_in, world, written):
    written.published_version = 1
    written.save()
    data = editor_data(
        written,
        **{"report-summary": "Corrected figures.", "change-reason": "The KPI was misprinted."},
    )
    assert signed_in(world.officer).post(url(written), data).status_code == 302
    revision = ReportRevision.objects.get()
    assert (revision.number, revision.reason, revision.changed_by) == (
        2,
        "The KPI was misprinted.",
        world.officer,
    )
    assert revision.content["summary"][0]["inlines"][0]["text"] == "Corrected figures."


def test_saving_a_published_report_unchanged_needs_no_reason(signed_in, world, written):
    written.published_version = 1
    written.save()
    response = signed_in(world.officer).post(url(written), editor_data(written), follow=True)
    assert "There were no changes to save." in response.content.decode()
    assert not ReportRevision.objects.exists()


def test_the_editor_shows_the_meetings_deadline(signed_in, world, report):
    response = signed_in(world.officer).get(url(report))
    publish_by = response.context["deadline"].deadline.publish_by
    assert f"{publish_by.day} {publish_by:%B %Y}" in response.content.decode()
