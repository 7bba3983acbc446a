"""Every public page type passes axe-core's WCAG 2.2 AA rules in Debian's Chromium, and reads
the same without JavaScript."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django.utils import timezone

from minuted.accounts.models import User
from minuted.demo import loader
from minuted.governance.models import Board, Term
from minuted.testing import make_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_22_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}
BOARD = "improvement-and-innovation-board"
MEETING = f"/meetings/{BOARD}/2019-10-29/"  # its pack published, its register taken
EARLIER = f"/meetings/{BOARD}/2019-07-11/"  # held, with published minutes and no pack here
PAGES = {
    "home": "/",
    "boards": "/boards/",
    "board": f"/boards/{BOARD}/",
    "board in an earlier term": f"/boards/{BOARD}/2018-19/",
    "people": "/people/",
    "person": "/people/judi-billing/",
    "accessibility statement": "/accessibility/",
    "sign in": "/sign-in/",
    "meeting with a published pack": MEETING,
    "meeting with published minutes": EARLIER,
    "public agenda item": MEETING + "items/6/",
    "exempt agenda item": MEETING + "items/3/",
    "agenda item of minutes without a pack": EARLIER + "items/3/",
    "pack agenda, public edition": MEETING + "pack/v1/public/",
    "minutes, public edition": EARLIER + "minutes/v1/public/",
    "decisions": "/decisions/",
    "decisions of a board and dates": f"/decisions/?board={BOARD}&from=2019-01-01&to=2019-12-31",
    "decisions with a bad filter": "/decisions/?from=29%2F10%2F2019",
    "programme dashboard, with charts": "/programmes/sli-2019-20/",
    "programme held with its reported result": "/programmes/sli-2018-19/",
    "not found": "/no/such/page/",
}
STATUS = {"not found": 404, "decisions with a bad filter": 400}
REPORT_LINKS = "a[href*='/pack/v1/public/reports/']"
ITEM_LINKS = "#agenda-items a[href*='/items/']"


@dataclass
class Site:
    url: str
    cancelled: str  # the page of a cancelled meeting


@pytest.fixture
def demo_site(live_server) -> Site:
    """The demonstration board with both its meetings, and this year an upcoming meeting and
    a cancelled one, so the home page lists them."""
    board = loader.load(with_meetings=True)
    today = timezone.localdate()
    term = Term.objects.create(
        organisation=board.organisation,
        name="This year",
        slug="this-year",
        start_date=today - dt.timedelta(days=100),
        end_date=today + dt.timedelta(days=265),
    )
    make_meeting(board, term, today + dt.timedelta(days=20), status="confirmed")
    cancelled = make_meeting(
        board,
        term,
        today + dt.timedelta(days=50),
        status="cancelled",
        cancellation_reason="There was not enough business to transact.",
    )
    return Site(live_server.url, f"/meetings/{BOARD}/{cancelled.slug}/")


def violations(page) -> str:
    # The stylesheet loaded, so colour contrast is checked against the real design.
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert font.startswith("system-ui")
    results = Axe().run(page, options=WCAG_22_AA)
    return results.generate_report() if results.violations_count else ""


def sign_in(page, site: str, email: str) -> None:
    """Signs the browser in as ``email`` with a session made by Django's test client."""
    client = Client()
    client.force_login(User.objects.get(email=email))
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": site}])


def test_every_public_page_type_has_no_wcag_22_aa_violations(demo_site, page):
    site = demo_site.url
    found = {}
    for name, path in {**PAGES, "cancelled meeting": demo_site.cancelled}.items():
        response = page.goto(site + path)
        assert response.status == STATUS.get(name, 200), name
        found[name] = violations(page)
    # Every report page of the published pack, the restricted ones included.
    page.goto(site + PAGES["pack agenda, public edition"])
    reports = [a.get_attribute("href") for a in page.locator(REPORT_LINKS).all()]
    assert len(reports) == 7
    # Every agenda item's page, exempt and public.
    page.goto(site + MEETING)
    items = {a.get_attribute("href").split("#")[0] for a in page.locator(ITEM_LINKS).all()}
    assert len(items) == 10
    for href in reports + sorted(items):
        page.goto(site + href)
        found[href] = violations(page)
    assert {name: report for name, report in found.items() if report} == {}


def test_pages_the_boards_clerk_sees_have_no_wcag_22_aa_violations(demo_site, page):
    # The demo member's term ended in 2020; the clerk may still read the exempt papers.
    sign_in(page, demo_site.url, "clerk@example.org")
    found = {}
    for path in (
        MEETING,  # with the members' edition downloads
        MEETING + "items/3/",  # the exempt item, pointing to the members' edition
        MEETING + "pack/v1/members/",
        EARLIER + "minutes/v1/members/",
    ):
        assert page.goto(demo_site.url + path).status == 200, path
        found[path] = violations(page)
        if path.endswith("items/3/"):  # the clerk is shown where to read the exempt report
            assert page.locator("a[href*='/pack/v1/members/reports/']").count() == 1
    assert {name: report for name, report in found.items() if report} == {}


def test_the_board_page_reads_the_same_without_javascript(demo_site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(demo_site.url + PAGES["board"])
        quorum = page.locator("#quorum").inner_text()
        assert "7 of 19 voting members, from at least 2 political groups" in quorum
        assert page.get_by_role("table", name="Labour (8)").is_visible()
    finally:
        context.close()


def test_decisions_can_be_filtered_without_javascript(demo_site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(demo_site.url + "/decisions/")
        page.get_by_label("Board").select_option(label=Board.objects.get().name)
        page.get_by_label("Meetings from").fill("2019-07-01")
        page.get_by_label("Meetings to").fill("2019-07-31")
        page.get_by_role("button", name="Apply filters").click()
        assert f"board={BOARD}" in page.url and "from=2019-07-01" in page.url
        assert page.get_by_role("heading", name="12 decisions of the").is_visible()
    finally:
        context.close()


def test_the_site_search_box_is_in_the_header_of_every_page(demo_site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(demo_site.url + PAGES["board"])
        search = page.get_by_role("search", name="Site")
        search.get_by_label("Search papers, decisions, meetings and people").fill("climate")
        search.get_by_role("button", name="Search").click()
        assert page.url.startswith(demo_site.url + "/search/?q=climate")
    finally:
        context.close()


def test_the_board_page_can_be_used_by_keyboard_from_the_skip_link(demo_site, page):
    page.goto(demo_site.url + PAGES["board"])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")
