"""In Debian's Chromium: a clerk creates an API token from My meetings, copies it from the page
that shows it once, and revokes it; every screen passes axe-core's WCAG 2.2 AA rules, errors
included."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minuted.api.models import ApiToken
from minuted.api.tokens import user_for_token
from minuted.staff.tests.test_journey_browser import assert_accessible, sign_in, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_clerk_creates_copies_and_revokes_an_api_token(live_server, page, world):
    base = live_server.url
    sign_in(page, base, world.clerk.email)
    page.goto(base + reverse("staff:me"))
    page.get_by_role("link", name="Create and revoke your API tokens").click()
    page.wait_for_url(base + reverse("staff:api-tokens"))
    assert "You have no API tokens" in page.locator("main").inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Create an API token").click()
    page.wait_for_url(base + reverse("staff:api-token-new"))
    assert_accessible(page)
    page.get_by_label("Board").select_option(label="Choose a board")
    submit(page, "Create the token")
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)  # the errors, summarised and beside each field

    page.get_by_label("What is the token for?").fill("Committee import")
    page.get_by_label("Board").select_option(label=world.board.name)
    submit(page, "Create the token")
    token = page.locator("#api-token").input_value()
    assert user_for_token(token) == world.clerk
    assert "only time the token is shown" in page.locator("main").inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="I have copied the token").click()
    page.wait_for_url(base + reverse("staff:api-tokens"))
    assert token not in page.content()
    assert "Committee import" in page.locator("#tokens").inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Revoke “Committee import”").click()
    assert "This cannot be undone" in page.locator("main").inner_text()
    assert_accessible(page)
    submit(page, "Revoke the token")
    page.wait_for_url(base + reverse("staff:api-tokens"))
    assert "Revoked" in page.locator("#tokens").inner_text()
    assert_accessible(page)  # with the success banner
    assert ApiToken.objects.get().revoked_at is not None
    assert user_for_token(token) is None
