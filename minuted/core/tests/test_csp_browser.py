"""Under the Content-Security-Policy, in Debian's Chromium, every public page type, the main
staff screens and the API docs page load with ZERO policy violations, and the scripts still
work: GOV.UK Frontend starts, htmx moves an agenda item in place, Swagger UI draws the API."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from minuted.accounts.models import Role, User
from minuted.demo import loader
from minuted.governance.models import Person, Term
from minuted.meetings.models import AgendaItemKind, Meeting
from minuted.papers.models import Report
from minuted.publicsite.tests.test_accessibility import (
    MEETING,
    PAGES,
    REPORT_LINKS,
    STATUS,
    sign_in,
)
from minuted.staff.tests.conftest import add
from minuted.testing import make_meeting, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before any script of each page: records every violation the browser reports.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


class Watch:
    """A page that collects CSP violations and console errors about the policy."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.console: list[str] = []
        page.add_init_script(LISTEN)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console.append(f"page error: {error}"))

    def _console(self, message: Any) -> None:
        if message.type == "error" or "Content Security Policy" in message.text:
            self.console.append(f"{message.type}: {message.text}")

    def visit(self, url: str, status: int = 200) -> None:
        response = self.page.goto(url)
        assert response.status == status, url
        self.page.wait_for_load_state("networkidle")

    def problems(self) -> list[str]:
        found = list(self.page.evaluate("window.__cspViolations"))
        found += [line for line in self.console if "Content Security Policy" in line]
        self.console.clear()
        return found

    def scripts_ran(self) -> bool:
        classes = self.page.evaluate("document.body.className")
        return "js-enabled" in classes and "govuk-frontend-supported" in classes


@pytest.fixture
def site(live_server) -> dict[str, Any]:
    """The demonstration board with its two meetings, and an upcoming meeting with an agenda
    of three items and a draft report for the clerk to work on."""
    board = loader.load(with_meetings=True)
    today = timezone.localdate()
    term = Term.objects.create(
        organisation=board.organisation,
        name="This year",
        slug="this-year",
        start_date=today - dt.timedelta(days=100),
        end_date=today + dt.timedelta(days=265),
    )
    upcoming = make_meeting(board, term, today + dt.timedelta(days=40), status="confirmed")
    add(upcoming, "Welcome, apologies and declarations of interest")
    report_item = add(upcoming, "Sector-led improvement", kind=AgendaItemKind.REPORT)
    add(upcoming, "Any other business")
    clerk = User.objects.get(email="clerk@example.org")
    report = Report.objects.create(
        agenda_item=report_item, title="Sector-led improvement", author=clerk
    )
    return {
        "url": live_server.url,
        "upcoming": upcoming,
        "report": report,
        "held": Meeting.objects.get(board=board, date=dt.date(2019, 10, 29)),
        "earlier": Meeting.objects.get(board=board, date=dt.date(2019, 7, 11)),
    }


def test_an_anonymous_visitor_meets_no_policy_violation_on_any_public_page_type(site, page):
    watch = Watch(page)
    base = site["url"]
    found = {}
    pages = {**PAGES, "search": "/search/?q=climate", "pack report": None}
    for name, path in pages.items():
        if path is None:  # the first report page of the published pack
            watch.visit(base + PAGES["pack agenda, public edition"])
            path = page.locator(REPORT_LINKS).first.get_attribute("href")
        watch.visit(base + path, STATUS.get(name, 200))
        found[name] = watch.problems()
        assert watch.scripts_ran(), name  # GOV.UK Frontend's script is allowed and ran
    # A published PDF opens in Chromium's own viewer under the same policy (the viewer's page
    # once fell foul of object-src 'none' and inline-style rules: crbug.com/271452).
    watch.visit(base + MEETING + "pack/v1/public.pdf")
    viewer = next(f for f in page.frames if f.url.startswith("chrome-extension://"))
    viewer.locator("pdf-viewer").wait_for(state="attached")
    found["pack PDF"] = watch.problems()
    assert {name: lines for name, lines in found.items() if lines} == {}


def test_the_api_docs_page_draws_swagger_ui_with_no_policy_violation(site, page):
    watch = Watch(page)
    watch.visit(site["url"] + "/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Minuted API" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() > 5  # the operations, read from openapi.json
    assert watch.problems() == []


def test_a_clerk_meets_no_policy_violation_on_the_staff_screens_and_htmx_still_works(site, page):
    watch = Watch(page)
    base = site["url"]
    sign_in(page, base, "clerk@example.org")
    upcoming, held, earlier = site["upcoming"], site["held"], site["earlier"]
    screens = {
        "workspace": "/manage/",
        "meeting and agenda builder": f"/manage/meetings/{upcoming.uid}/",
        "report editor": f"/manage/reports/{site['report'].uid}/",
        "attendance": f"/manage/meetings/{held.uid}/attendance/",
        "minutes": f"/manage/meetings/{earlier.uid}/minutes/",
        "minutes of the meeting with a pack": f"/manage/meetings/{held.uid}/minutes/",
    }
    found = {}
    for name, path in screens.items():
        watch.visit(base + path)
        found[name] = watch.problems()
        assert watch.scripts_ran(), name
    assert {name: lines for name, lines in found.items() if lines} == {}

    # The agenda builder: htmx (loaded under the policy) moves an item without a page load.
    watch.visit(base + screens["meeting and agenda builder"])
    assert page.evaluate("typeof window.htmx") == "object"
    page.evaluate("window.__samePage = true")
    titles = page.locator("#agenda tbody th")
    assert re.match(r"\s*Welcome", titles.nth(0).inner_text())
    page.get_by_role(
        "button", name="Move down “Welcome, apologies and declarations of interest”"
    ).click()
    page.get_by_role("status").filter(has_text="is now item 2").wait_for()
    assert re.match(
        r"\s*Sector-led improvement", page.locator("#agenda tbody th").nth(0).inner_text()
    )
    assert page.evaluate("window.__samePage") is True  # swapped in place, not reloaded
    assert watch.problems() == []
    assert watch.console == []  # no other script errors either


def test_an_administrator_meets_no_policy_violation_where_photos_are_uploaded(site, page):
    admin = make_user("csp-admin@example.org", Role.ADMINISTRATOR)
    watch = Watch(page)
    base = site["url"]
    sign_in(page, base, admin.email)
    person = Person.objects.order_by("pk").first()
    assert person is not None
    found = {}
    for name, path in {
        "people": "/admin/governance/person/",
        "a person, with the photo field": f"/admin/governance/person/{person.pk}/change/",
        "a new person": "/admin/governance/person/add/",
        "a membership (autocomplete and dates)": "/admin/governance/membership/add/",
    }.items():
        watch.visit(base + path)
        found[name] = watch.problems()
        if "photo" in name:
            assert page.get_by_label("Photo").count() == 1
    assert {name: lines for name, lines in found.items() if lines} == {}
