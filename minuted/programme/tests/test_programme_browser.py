"""The programme journey in Debian's Chromium: the officer enters a quarter's actuals, the
programme manager signs them off, the clerk puts the outputs-delivered table in a report and
publishes the pack, and the public dashboard shows the new roll-up. The return, programme and
dashboard pages pass axe-core's WCAG 2.2 AA rules on the way."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item
from minuted.programme.tests.test_returns import Scene
from minuted.staff.tests.test_journey_browser import assert_accessible, sign_in, sign_out, submit
from minuted.testing import make_meeting, make_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_actuals_signed_off_reach_a_published_report_and_the_dashboard(live_server, page, world):
    scene = Scene(world)
    quarter = scene.periods[0]
    meeting = make_meeting(world.board, world.term)
    add_item(meeting, title="Welcome, apologies and declarations of interest")
    item = add_item(meeting, title="Improvement programme", kind=AgendaItemKind.REPORT)
    make_report(item, "Improvement programme: progress", author=world.officer)
    base = live_server.url
    dashboard = base + reverse("programme", args=[scene.programme.slug])

    # The officer enters the quarter's actuals and submits them.
    sign_in(page, base, world.officer.email)
    page.get_by_role("link", name=scene.programme.name).click()
    assert_accessible(page)
    page.get_by_role("link", name=f"Enter – 1.1 Peer challenges, {quarter.name}").click()
    page.get_by_label("Peer challenges delivered (peer challenges)").fill("lots")
    submit(page, "Save as draft")
    assert "Enter the actual for “Peer challenges delivered” as a number." in page.inner_text(
        ".govuk-error-summary"
    )
    assert_accessible(page)  # the page with its errors
    page.get_by_label("Peer challenges delivered (peer challenges)").fill("120")
    page.get_by_label("Online hub launched").select_option("yes")
    page.get_by_label("Commentary").fill("120 peer challenges, and the hub is live.")
    submit(page, "Submit for sign-off")
    assert "Submitted for sign-off." in page.inner_text(".govuk-notification-banner")
    sign_out(page)

    # The programme manager signs them off.
    sign_in(page, base, scene.manager.email)
    page.get_by_role("link", name=scene.programme.name).click()
    page.get_by_role("link", name=f"1.1 Peer challenges: {quarter.name}").click()
    assert "locks the return" in page.inner_text("#sign-off-form")
    assert_accessible(page)
    submit(page, "Sign off")
    assert "Signed off" in page.inner_text(".govuk-notification-banner")
    sign_out(page)

    # The clerk puts the table in the report and publishes the pack.
    sign_in(page, base, world.clerk.email)
    page.get_by_role("link", name=scene.programme.name).click()
    page.get_by_text("Add another board's activity").click()  # open the details
    assert_accessible(page)  # with the clerk's forms: import, tables, activity
    page.get_by_label("Report", exact=True).select_option(
        label=f"Improvement programme: progress ({meeting.date:%-d %B %Y})"
    )
    page.get_by_label("Outputs delivered, with when and the KPIs met").check()
    page.get_by_label("Up to the end of").select_option(label=quarter.name)
    submit(page, "Add the table")
    assert "The table is now at the end of “Background”." in page.inner_text(
        ".govuk-notification-banner"
    )
    page.goto(base + reverse("staff:meeting", args=[meeting.uid]))
    submit(page, "Publish version 1")
    sign_out(page)

    # The public sees the table in the published report and the roll-up on the dashboard.
    page.goto(base + reverse("meeting", args=[world.board.slug, meeting.slug]))
    page.get_by_role("link", name="Improvement programme: progress").first.click()
    table = page.locator("table", has_text="When delivered")
    assert "120 against a target of at least 110 peer challenges (exceeded)" in table.inner_text()
    page.goto(dashboard)
    assert "2 of 2 targets met or exceeded" in page.inner_text(".govuk-panel")
    assert f"at the end of {quarter.name}" in page.inner_text(".govuk-panel")
    assert "120 peer challenges, and the hub is live." in page.inner_text("main")
    assert_accessible(page)
