"""Publishing a pack: versioned, immutable, and nothing exempt in the public edition."""

from __future__ import annotations

import hashlib
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item
from minuted.papers.models import PackKind, PackVersion, ReportRevision
from minuted.papers.models.pack import ImmutableError
from minuted.papers.publishing import publish_pack, record_report_change
from minuted.papers.tests.conftest import SECRET
from minuted.testing import make_report


def pdf_text(field) -> str:
    field.open("rb")
    try:
        reader = PdfReader(io.BytesIO(field.read()))
    finally:
        field.close()
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def file_bytes(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def test_publishing_creates_version_one_with_both_editions(world, agenda):
    version = publish_pack(agenda.meeting, world.clerk)
    assert (version.number, version.kind) == (1, PackKind.MAIN)
    assert hashlib.sha256(file_bytes(version.members_pdf)).hexdigest() == (
        version.members_pdf_sha256
    )
    assert file_bytes(version.public_pdf).startswith(b"%PDF")
    agenda.public_report.refresh_from_db()
    assert agenda.public_report.published_version == 1  # now changes need a reason


def test_the_public_edition_holds_no_text_of_an_exempt_report(world, agenda):
    version = publish_pack(agenda.meeting, world.clerk)
    public_pdf, members_pdf = pdf_text(version.public_pdf), pdf_text(version.members_pdf)
    assert SECRET not in public_pdf
    assert "Document is Restricted" in public_pdf
    assert SECRET in members_pdf
    # The agenda line of the exempt item stays public (domain rules §2).
    assert "Procurement of the peer challenge contract" in public_pdf
    assert SECRET not in json.dumps(version.public_document)


def test_republishing_needs_a_reason(world, agenda):
    publish_pack(agenda.meeting, world.clerk)
    with pytest.raises(ValidationError) as error:
        publish_pack(agenda.meeting, world.clerk)
    assert "reason" in error.value.message_dict
    assert PackVersion.objects.count() == 1


def test_republishing_makes_version_two_and_leaves_version_one_byte_for_byte(world, agenda):
    first = publish_pack(agenda.meeting, world.clerk)
    before = file_bytes(first.public_pdf), file_bytes(first.members_pdf), first.public_document
    agenda.public_report.summary = "A corrected summary."
    agenda.public_report.save()
    record_report_change(agenda.public_report, world.clerk, "Corrected the summary.")
    second = publish_pack(agenda.meeting, world.clerk, reason="Corrected summary in item 3")
    first.refresh_from_db()
    assert second.number == 2
    assert (file_bytes(first.public_pdf), file_bytes(first.members_pdf)) == before[:2]
    assert first.public_document == before[2]
    assert "A corrected summary." in pdf_text(second.public_pdf)
    assert "A corrected summary." not in pdf_text(first.public_pdf)


def test_a_published_version_cannot_be_changed_or_deleted(world, agenda):
    version = publish_pack(agenda.meeting, world.clerk)
    version.reason = "tampered"
    with pytest.raises(ImmutableError):
        version.save()
    with pytest.raises(ImmutableError):
        version.delete()


def test_only_the_boards_clerks_may_publish(world, agenda):
    for user in (world.member, world.officer, world.clerk_of_another_board, world.anonymous):
        with pytest.raises(PermissionDenied):
            publish_pack(agenda.meeting, user)
    assert not PackVersion.objects.exists()


def test_a_draft_or_missing_report_stops_publication_and_says_which(world, agenda):
    agenda.public_report.status = "draft"
    agenda.public_report.save()
    add_item(agenda.meeting, title="Innovation Zone 2020", kind=AgendaItemKind.REPORT)
    with pytest.raises(ValidationError) as error:
        publish_pack(agenda.meeting, world.clerk)
    messages = error.value.messages
    assert "The report “Climate change support offer” is still a draft." in messages
    assert any("“Innovation Zone 2020” has no report yet" in m for m in messages)
    assert not PackVersion.objects.exists()


def test_a_supplementary_pack_holds_only_the_items_to_follow(world, agenda):
    publish_pack(agenda.meeting, world.clerk)
    late = add_item(agenda.meeting, title="Audit consultation", kind=AgendaItemKind.SUPPLEMENTAL)
    make_report(late, "Audit consultation response", text="The late report's own words.")
    supplement = publish_pack(agenda.meeting, world.clerk, kind=PackKind.SUPPLEMENTARY)
    assert (supplement.kind, supplement.number) == (PackKind.SUPPLEMENTARY, 1)
    titles = [r["title"] for r in supplement.public_document["reports"]]
    assert titles == ["Audit consultation response"]
    assert "The late report's own words." in pdf_text(supplement.public_pdf)


def test_changing_a_published_report_needs_a_reason_and_is_recorded(world, agenda):
    publish_pack(agenda.meeting, world.clerk)
    report = agenda.public_report
    report.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        record_report_change(report, world.officer, "")
    assert "reason" in error.value.message_dict
    record_report_change(report, world.officer, "Figures updated after the quarter closed.")
    revision = ReportRevision.objects.get(report=report)
    assert (revision.number, revision.reason) == (2, "Figures updated after the quarter closed.")
    assert revision.content["title"] == "Climate change support offer"


def test_agenda_numbers_and_the_confidential_section_reach_the_document(world, agenda):
    version = publish_pack(agenda.meeting, world.clerk)
    rows = [r.get("number") or r["text"] for r in version.public_document["agenda"]]
    assert rows == ["1", "CONFIDENTIAL SECTION - START", "2", "CONFIDENTIAL SECTION - END", "3"]


def test_the_public_edition_names_an_exempt_report_by_its_agenda_item_only(world, agenda):
    report = agenda.exempt_report
    report.title = "Purchase of 12 High Street from Mr A. Vendor"
    report.save()
    version = publish_pack(agenda.meeting, world.clerk)
    restricted = [r for r in version.public_document["reports"] if r.get("restricted")]
    assert [r["title"] for r in restricted] == ["Procurement of the peer challenge contract"]
    assert "High Street" not in json.dumps(version.public_document)
    assert "High Street" not in pdf_text(version.public_pdf)
    assert "High Street" in pdf_text(version.members_pdf)
