"""The minutes screen in Debian's Chromium: with a recorded vote, a declaration and an action on
the page, every form open, after a refused casting vote and on the page that confirms a
deletion, it passes axe-core's WCAG 2.2 AA rules; the clerk records a vote by keyboard-
reachable radios, one group per member."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minuted.record import editing
from minuted.record.models import Action, Decision
from minuted.record.tests.test_minutes_editing import sitting  # noqa: F401
from minuted.staff.tests.test_journey_browser import assert_accessible, sign_in, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_every_form(page):
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")


def test_the_minutes_screen_with_a_recorded_vote_is_accessible(
    live_server,
    page,
    world,
    sitting,  # noqa: F811
):
    budget = Decision.objects.create(item=sitting.welcome, position=1, text="Agree the budget.")
    seats = sitting.seats
    editing.record_vote(
        budget, {seats["ann"].pk: "for", seats["bob"].pk: "against", seats["cat"].pk: "abstain"}
    )
    Decision.objects.create(item=sitting.welcome, position=2, text="Agree the fees.")
    Action.objects.create(item=sitting.welcome, position=1, text="Write.", owner_role="Officers")
    base = live_server.url
    screen = base + reverse("staff:minutes", args=[sitting.meeting.uid])

    sign_in(page, base, world.clerk.email)
    page.goto(screen)
    assert "Carried: 1 for, 1 against, 1 abstention." not in page.content()  # a tie: 1–1
    assert "Not carried: 1 for, 1 against, 1 abstention" in page.locator("#item-1").inner_text()
    assert "Pat" in page.locator("#item-2").inner_text()  # the declaration
    open_every_form(page)
    assert_accessible(page)

    # The clerk records the vote on decision 1.2, a member at a time.
    page.goto(screen)
    page.get_by_text("Record a vote on decision 1.2").click()
    form = page.locator(f"#vote-{Decision.objects.get(position=2).pk}")
    for who, vote in (("ann", "For"), ("bob", "For"), ("cat", "Against")):
        group = form.get_by_role("group", name=seats[who].person.display_name)
        group.get_by_label(vote, exact=True).check()
    form.get_by_role("group", name="Chair’s casting vote").get_by_label("For").check()
    submit(page, "Save the vote on decision 1.2")
    # Not a tie, so the casting vote is refused beside its field and summarised at the top.
    summary = page.locator(".govuk-error-summary")
    assert "only when the votes are equal" in summary.inner_text()
    open_every_form(page)
    assert_accessible(page)
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.name").endswith("casting_vote")

    form.get_by_role("group", name="Chair’s casting vote").get_by_label("None").check()
    submit(page, "Save the vote on decision 1.2")
    assert "Carried: 2 for, 1 against." in page.locator(".govuk-notification-banner").inner_text()

    # Deleting asks first, on a page of its own.
    page.get_by_role("link", name="Delete decision 1.1").click()
    page.wait_for_load_state()
    assert "Delete decision 1.1?" in page.locator("h1").inner_text()
    assert_accessible(page)
    submit(page, "Yes, delete decision 1.1")
    assert "<strong>1.1</strong> Agree the fees." in page.content()
