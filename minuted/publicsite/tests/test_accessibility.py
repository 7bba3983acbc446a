"""Every public page type passes axe-core's WCAG 2.2 AA rules in Debian's Chromium, and reads
the same without JavaScript."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from minuted.governance.demo import loader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_22_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}

PAGES = {
    "home": "/",
    "boards": "/boards/",
    "board": "/boards/improvement-and-innovation-board/",
    "board in an earlier term": "/boards/improvement-and-innovation-board/2018-19/",
    "people": "/people/",
    "person": "/people/judi-billing/",
    "accessibility statement": "/accessibility/",
    "sign in": "/sign-in/",
}


@pytest.fixture
def demo_site(live_server):
    loader.load(with_accounts=False)
    return live_server.url


@pytest.mark.parametrize("name", PAGES)
def test_the_page_has_no_wcag_22_aa_violations(name, demo_site, page):
    response = page.goto(demo_site + PAGES[name])
    assert response.status == 200
    # The stylesheet loaded, so colour contrast is checked against the real design.
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily").startswith(
        "system-ui"
    )
    results = Axe().run(page, options=WCAG_22_AA)
    assert results.violations_count == 0, results.generate_report()


def test_the_board_page_reads_the_same_without_javascript(demo_site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(demo_site + PAGES["board"])
        quorum = page.locator("#quorum").inner_text()
        assert "7 of 19 voting members, from at least 2 political groups" in quorum
        assert page.get_by_role("table", name="Labour (8)").is_visible()
    finally:
        context.close()


def test_the_board_page_can_be_used_by_keyboard_from_the_skip_link(demo_site, page):
    page.goto(demo_site + PAGES["board"])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")
