"""The search page in Debian's Chromium on the demonstration data: searching and filtering
with the GET form, paging, and an error, each passing axe-core's WCAG 2.2 AA rules."""

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


def assert_accessible(page):
    results = Axe().run(page, options=WCAG_22_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def demo_site(live_server):
    loader.load(with_accounts=True, with_meetings=True)
    return live_server.url


def test_a_visitor_searches_filters_and_pages_through_results(demo_site, page):
    page.goto(demo_site + "/search/")
    assert_accessible(page)  # the empty form

    main = page.locator("#main-content")  # the header has a search box of its own
    main.get_by_label("Search reports, agendas, minutes, decisions and people").fill("climate")
    main.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_load_state()
    status = page.get_by_role("status")
    assert "results for “climate”" in status.inner_text()
    assert page.title().split(" results")[0].isdigit()  # the count, read out with the title
    assert page.locator("mark").first.inner_text().lower() == "climate"
    assert_accessible(page)

    page.get_by_label("Show").select_option(label="Decisions")
    page.get_by_label("Meetings from").fill("2019-07-11")
    page.get_by_label("Meetings to").fill("11/07/2019")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "kind=decision" in page.url and "from=2019-07-11" in page.url
    assert {t.inner_text() for t in page.locator(".govuk-tag").all()} <= {"Decision"}
    assert_accessible(page)

    # Every person's entry holds a membership, so "Board" finds more than a page.
    page.goto(demo_site + "/search/?q=board&kind=person")
    assert "showing 1 to 20" in page.get_by_role("status").inner_text()
    page.get_by_role("link", name="Next page").click()
    page.wait_for_load_state()
    assert "page=2" in page.url and "showing 21 to" in page.get_by_role("status").inner_text()
    assert_accessible(page)

    page.locator("ol.govuk-list a").first.click()
    page.wait_for_load_state()
    assert "/people/" in page.url


def test_a_bad_date_is_explained_accessibly(demo_site, page):
    response = page.goto(demo_site + "/search/?q=climate&from=11 July")
    assert response.status == 400
    assert "From must be a real date" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
