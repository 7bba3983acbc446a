"""Previewing both editions of the pack before publishing: rendered, never stored."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minuted.papers.models import PackVersion, Report, ReportStatus


@pytest.fixture
def exempt_report(world, agenda):
    return Report.objects.create(
        agenda_item=agenda[3],
        title="Support to a council in difficulty",
        summary="The council's finances are confidential.",
        author=world.officer,
        status=ReportStatus.READY,
    )


def url(meeting, edition):
    return reverse("staff:meeting-preview", args=[meeting.uid, edition])


def test_the_public_edition_withholds_the_exempt_report(signed_in, world, report, exempt_report):
    meeting = report.agenda_item.meeting
    page = signed_in(world.clerk).get(url(meeting, "public")).content.decode()
    assert "Improvement support to a council" in page  # the agenda line stays
    assert "Document is Restricted" in page
    assert "finances are confidential" not in page
    assert "CONFIDENTIAL SECTION - START" in page
    assert not PackVersion.objects.exists()


def test_the_members_edition_includes_the_exempt_report(signed_in, world, exempt_report):
    meeting = exempt_report.agenda_item.meeting
    page = signed_in(world.clerk).get(url(meeting, "members")).content.decode()
    assert "finances are confidential" in page.replace("&#x27;", "'")
    assert "Document is Restricted" not in page


def test_it_previews_the_next_version(signed_in, world, report):
    response = signed_in(world.clerk).get(url(report.agenda_item.meeting, "public"))
    assert response.context["document"]["version"] == 1
    assert "not published" in response.content.decode()


def test_an_unknown_edition_is_not_found(signed_in, world, meeting):
    assert signed_in(world.clerk).get(url(meeting, "draft")).status_code == 404


@pytest.mark.parametrize("who", ["clerk_of_another_board", "member", "officer"])
def test_only_the_boards_clerks_may_preview(signed_in, world, meeting, who):
    assert signed_in(getattr(world, who)).get(url(meeting, "members")).status_code == 403
