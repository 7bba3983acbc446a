"""The whole journey in Debian's Chromium: the clerk builds an agenda, the officer writes the
report, the clerk publishes, and the public sees the agenda without the exempt report. The
meeting screen and the report editor pass axe-core's WCAG 2.2 AA rules on the way."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from minuted.accounts.models import User
from minuted.accounts.services import confirmed_device, two_factor_required
from minuted.accounts.tests.otp import code_for, give_device
from minuted.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_22_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
    }
}
SECRET = "The council's reserves fall short by four million pounds."


def sign_in(page, base, email):
    # Clerks and administrators give a code from their authenticator app after the password.
    user = User.objects.get(email=email)
    device = None
    if two_factor_required(user):
        device = confirmed_device(user) or give_device(user)
    page.goto(base + "/manage/")
    # Not signed in: the workspace sends the visitor to sign in, then back.
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if device is not None:
        page.wait_for_url(base + reverse("account-code"))
        page.get_by_label("Code", exact=True).fill(code_for(device))
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url(base + "/manage/")


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def assert_accessible(page):
    results = Axe().run(page, options=WCAG_22_AA)
    assert results.violations_count == 0, results.generate_report()


def add_item(page, title, kind="Standard item"):
    page.get_by_label("Title").fill(title)
    page.get_by_label("Kind").select_option(label=kind)


def submit(page, name):
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_a_clerk_and_an_officer_prepare_and_publish_a_pack(live_server, page, world, meeting):
    base = live_server.url
    meeting_url = base + reverse("staff:meeting", args=[meeting.uid])

    # The clerk builds the agenda.
    sign_in(page, base, world.clerk.email)
    assert_accessible(page)  # the workspace
    page.get_by_role("link", name=re.compile(f"{meeting.date.day} {meeting.date:%B %Y}")).click()
    page.wait_for_url(meeting_url)

    add_item(page, "Welcome, apologies and declarations of interest")
    submit(page, "Add item")
    add_item(page, "Improvement support to a council", kind="Report")
    page.get_by_label("Exempt: to be considered in private").check()
    page.get_by_label("Schedule 12A paragraph").select_option("3")
    page.get_by_label("Why the public interest").fill("Negotiations with a council continue.")
    submit(page, "Add item")
    add_item(page, "Sector-led improvement", kind="Report")
    submit(page, "Add item")
    agenda = page.locator("#agenda")
    assert "Exempt, paragraph 3" in agenda.inner_text()

    # A report on each report item, both written by the officer.
    for title in ("Improvement support to a council", "Sector-led improvement"):
        page.get_by_role("link", name=f"Add a report to “{title}”").click()
        page.get_by_label("Author").select_option(label=world.officer.email)
        submit(page, "Add report")
    assert agenda.get_by_text("Draft").count() == 2

    # Moving an item with htmx swaps the agenda in place.
    page.get_by_role("button", name="Move down “Welcome, apologies").click()
    page.wait_for_selector("#agenda p[role=status]")
    assert page.url.startswith(meeting_url)
    first_row = agenda.locator("tbody tr[id]").first
    assert "Improvement support to a council" in first_row.inner_text()
    page.get_by_role("button", name="Move up “Welcome, apologies").click()
    page.wait_for_selector("#agenda p[role=status]:has-text('is now item 1')")
    assert_accessible(page)
    sign_out(page)

    # The officer writes both reports and marks them ready.
    sign_in(page, base, world.officer.email)
    page.get_by_role("link", name="Improvement support to a council").click()
    page.get_by_label("Summary").fill(SECRET)
    submit(page, "Mark as ready for publication")
    assert "marked as ready" in page.locator(".govuk-notification-banner").inner_text()
    page.goto(base + "/manage/")
    page.get_by_role("link", name="Sector-led improvement").click()
    page.get_by_label("Summary").fill("The programme is on track.")
    page.get_by_label("Recommendations (optional)", exact=True).fill("Note the report.")
    page.locator("#id_sections-0-heading").fill("Background")
    page.locator("#id_sections-0-paragraphs-0-text").fill("The board agreed the programme.")
    submit(page, "Save")
    preview = page.locator("#preview")
    assert "1." in preview.locator(".minuted-paragraph__number").first.inner_text()
    assert "The board agreed the programme." in preview.inner_text()
    assert_accessible(page)
    submit(page, "Mark as ready for publication")
    assert "Ready for publication" in page.locator("main").inner_text()
    sign_out(page)

    # The clerk publishes.
    sign_in(page, base, world.clerk.email)
    page.goto(meeting_url)
    assert page.locator("#problems").count() == 0
    assert "cannot be undone" in page.locator("#publish").inner_text()
    submit(page, "Publish version 1")
    assert (
        "Version 1 of the agenda pack is published."
        in page.locator(".govuk-notification-banner").inner_text()
    )
    public_link = page.get_by_role("link", name="Version 1 (public edition)")
    public_url = public_link.get_attribute("href")
    assert public_url == f"/meetings/{world.board.slug}/{meeting.slug}/pack/v1/public/"
    sign_out(page)

    # The public sees the agenda, and nothing of the exempt report.
    response = page.goto(base + public_url)
    assert response.status == 200
    text = page.locator("main").inner_text()
    assert "Welcome, apologies and declarations of interest" in text
    assert "Improvement support to a council" in text
    assert "Sector-led improvement" in text
    assert SECRET not in page.content()
