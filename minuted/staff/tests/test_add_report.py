"""Adding a report to an agenda item: a draft, written by an officer chosen by the clerk."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minuted.accounts.models import Role
from minuted.governance.models import Officer
from minuted.papers.models import Report, ReportStatus
from minuted.testing import make_user


def url(item):
    return reverse("staff:report-add", args=[item.meeting.uid, item.uid])


def test_the_form_offers_the_items_title_and_active_officers(signed_in, world, agenda):
    make_user("retired@example.org", Role.OFFICER, is_active=False)
    response = signed_in(world.clerk).get(url(agenda[2]))
    page = response.content.decode()
    assert 'value="Sector-led improvement"' in page
    assert "officer@example.org" in page
    assert "retired@example.org" not in page
    assert "member@example.org" not in page


def test_the_clerk_adds_a_draft_report_by_the_officer(signed_in, world, agenda):
    response = signed_in(world.clerk).post(
        url(agenda[2]), {"title": "Sector-led improvement 2019/20", "author": world.officer.pk}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.agenda_item, report.author, report.status) == (
        agenda[2],
        world.officer,
        ReportStatus.DRAFT,
    )
    assert report.contacts.count() == 0  # the officer has no Officer record


def test_the_authors_officer_record_becomes_the_contact(signed_in, world, agenda):
    Officer.objects.create(
        organisation=world.organisation,
        slug="rachel",
        name="Rachel Bird",
        position="Senior Adviser",
        phone="020 7664 3000",
        email="rachel.bird@example.org",
        user=world.officer,
    )
    signed_in(world.clerk).post(url(agenda[2]), {"title": "A report", "author": world.officer.pk})
    contact = Report.objects.get().contacts.get()
    assert (contact.name, contact.job_title, contact.email) == (
        "Rachel Bird",
        "Senior Adviser",
        "rachel.bird@example.org",
    )


def test_a_member_cannot_be_made_the_author(signed_in, world, agenda):
    response = signed_in(world.clerk).post(
        url(agenda[2]), {"title": "A report", "author": world.member.pk}
    )
    assert 'id="id_author-error"' in response.content.decode()
    assert not Report.objects.exists()


def test_the_author_is_required(signed_in, world, agenda):
    response = signed_in(world.clerk).post(url(agenda[2]), {"title": "A report"})
    assert "Choose the officer who writes the report." in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.parametrize("who", ["clerk_of_another_board", "member", "officer"])
def test_only_the_boards_clerks_may_add_reports(signed_in, world, agenda, who):
    client = signed_in(getattr(world, who))
    response = client.post(url(agenda[2]), {"title": "A", "author": world.officer.pk})
    assert response.status_code == 403
    assert not Report.objects.exists()
