"""Every public page type passes axe-core's WCAG 2.2 AA rules in Debian's Chromium, and reads
the same without JavaScript."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from minuted.demo import loader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_22_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}
MEETING = "/meetings/improvement-and-innovation-board/2019-10-29/"
PAGES = {
    "home": "/",
    "boards": "/boards/",
    "board": "/boards/improvement-and-innovation-board/",
    "board in an earlier term": "/boards/improvement-and-innovation-board/2018-19/",
    "people": "/people/",
    "person": "/people/judi-billing/",
    "accessibility statement": "/accessibility/",
    "sign in": "/sign-in/",
    "meeting": MEETING,
    "pack agenda, public edition": MEETING + "pack/v1/public/",
    "not found": "/no/such/page/",
}
REPORT_LINKS = "a[href*='/pack/v1/public/reports/']"


@pytest.fixture
def demo_site(live_server):
    loader.load(with_meetings=True)  # the board, and the 29 October 2019 pack published
    return live_server.url


def violations(page) -> str:
    # The stylesheet loaded, so colour contrast is checked against the real design.
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert font.startswith("system-ui")
    results = Axe().run(page, options=WCAG_22_AA)
    return results.generate_report() if results.violations_count else ""


def test_every_public_page_type_has_no_wcag_22_aa_violations(demo_site, page):
    found = {}
    for name, path in PAGES.items():
        response = page.goto(demo_site + path)
        assert response.status == (404 if name == "not found" else 200), name
        found[name] = violations(page)
    # Every report page of the published pack, the restricted ones included.
    page.goto(demo_site + PAGES["pack agenda, public edition"])
    reports = [a.get_attribute("href") for a in page.locator(REPORT_LINKS).all()]
    assert len(reports) == 7
    for href in reports:
        page.goto(demo_site + href)
        found[href] = violations(page)
    assert {name: report for name, report in found.items() if report} == {}


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
