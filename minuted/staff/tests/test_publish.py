"""Publishing the pack from the meeting screen: a numbered, immutable version; a reason from
the second version on; nothing published while problems remain.

Publishing renders both editions to PDF (minuted/rendering/pdf.py, typst)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minuted.papers.models import PackVersion, ReportStatus


def url(meeting):
    return reverse("staff:meeting-publish", args=[meeting.uid])


@pytest.fixture
def ready_meeting(report, agenda):
    """Every report item has a ready report (the exempt item's is a verbal update now)."""
    report.status = ReportStatus.READY
    report.save()
    agenda[3].kind = "verbal_update"
    agenda[3].presenter = "The Chief Executive"
    agenda[3].save()
    return report.agenda_item.meeting


def test_the_clerk_publishes_the_first_version(signed_in, world, ready_meeting):
    client = signed_in(world.clerk)
    response = client.post(url(ready_meeting), follow=True)
    version = PackVersion.objects.get(meeting=ready_meeting)
    assert (version.number, version.published_by) == (1, world.clerk)
    page = response.content.decode()
    assert "govuk-notification-banner--success" in page
    assert "Version 1 of the agenda pack is published." in page
    board, slug = ready_meeting.board.slug, ready_meeting.slug
    assert f'href="/meetings/{board}/{slug}/pack/v1/public/"' in page
    # The report now belongs to a published pack: later changes need a reason.
    assert ready_meeting.items.get(kind="report").reports.get().published_version == 1


def test_the_second_version_needs_a_reason(signed_in, world, ready_meeting):
    client = signed_in(world.clerk)
    client.post(url(ready_meeting))
    response = client.post(url(ready_meeting), {"publish-reason": ""})
    assert 'id="id_publish-reason-error"' in response.content.decode()
    assert PackVersion.objects.count() == 1
    client.post(url(ready_meeting), {"publish-reason": "A late correction to item 3."})
    assert PackVersion.objects.get(number=2).reason == "A late correction to item 3."


def test_nothing_is_published_while_a_report_is_a_draft(signed_in, world, report, agenda):
    meeting = report.agenda_item.meeting
    response = signed_in(world.clerk).post(url(meeting))
    assert "is still a draft" in response.content.decode()
    assert not PackVersion.objects.exists()


@pytest.mark.parametrize("who", ["clerk_of_another_board", "member", "officer"])
def test_only_the_boards_clerks_may_publish(signed_in, world, ready_meeting, who):
    assert signed_in(getattr(world, who)).post(url(ready_meeting)).status_code == 403
    assert not PackVersion.objects.exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(client, ready_meeting):
    assert client.post(url(ready_meeting))["Location"].startswith("/sign-in/")
    assert not PackVersion.objects.exists()
