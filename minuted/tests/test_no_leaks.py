"""Nothing exempt leaks: a unique canary in every exempt or confidential field, then a crawl of
every URL pattern the site has — pages, search, feeds, calendars, OParl, ModernGov XML, CSV,
the JSON API, pack and minutes PDFs (text extracted), 403 and 404 pages — as an anonymous
visitor and as a member of another board. Any canary in any response fails the test.

The URLs come from the URL configuration: every pattern is filled from the objects below, so
a new endpoint is crawled without editing this test (and a pattern whose parameters cannot be
filled fails it, so that someone teaches it how). Links found in HTML pages are followed too,
and every address is also asked for with a search query for a word that sits next to every
canary, so a search or filter that reaches exempt text shows it."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from django.utils import timezone
from pypdf import PdfReader

from minuted.governance.models import Membership
from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item
from minuted.papers.publishing import publish_pack
from minuted.programme.models import Output, Programme, Theme
from minuted.record.interests import save_entry
from minuted.record.models import (
    Action,
    Attendance,
    AttendanceStatus,
    Decision,
    Declaration,
    InterestKind,
    RecordedVote,
    RegisterCategory,
    RegisterEntry,
)
from minuted.record.publishing import publish_minutes
from minuted.record.services import minutes_for
from minuted.testing import appoint, make_meeting, make_person, make_report

pytestmark = pytest.mark.django_db

# Every secret carries a canary of its own (so a failure says what leaked) beside a common
# word the crawl searches for.
NEIGHBOUR = "zebrafinch"
SECRETS = (
    "REPORTTITLE",
    "REPORTTEXT",
    "REPORTSUMMARY",
    "RECOMMENDATION",
    "REPORTACTIONS",
    "DISCUSSION",
    "DECISION",
    "ACTION",
    "SENSITIVE",
    "PROGRAMME",
)
# Whole canary names only: a PDF's compressed bytes can hold "QZX" and capitals by chance.
CANARY = re.compile("QZX(?:" + "|".join(sorted(SECRETS, key=len, reverse=True)) + ")")
SKIPPED_PREFIXES = ("admin/",)  # the Django admin: staff only, and not ours to crawl
MAX_URLS_PER_PATTERN = 24
# Addresses the anonymous crawl must have read with a 200: one of each kind of public data.
REACHED = (
    "/reports/",  # a public report page of a published pack
    "/minutes/v1/public",  # public minutes, page and PDF
    "public.pdf",
    "/decisions/",
    "/search/",
    "calendar.ics",
    ".atom",
    ".csv",
    "/oparl/v1/paper/",
    "/oparl/v1/agenda-item/",
    "/mgWebService.asmx/GetMeeting",
    "/api/v1/",
    "/programmes/",
)
MAX_FOLLOWED = 1000  # links found in pages, beyond every address made from the patterns


def secret(name: str) -> str:
    return f"{NEIGHBOUR} QZX{name} {NEIGHBOUR}"


@dataclass
class Secrets:
    """The objects whose identifiers fill URL patterns."""

    values: dict[str, list[str]]


@pytest.fixture
def secrets(world: Any) -> Secrets:
    today = timezone.localdate()
    held = make_meeting(world.board, world.term, today - dt.timedelta(days=10))
    add_item(held, title="Welcome", today=today - dt.timedelta(days=60))
    exempt = add_item(
        held,
        title="Property matters",
        kind=AgendaItemKind.REPORT,
        exempt=True,
        exempt_paragraph=3,
        public_interest_reason="Negotiations continue.",
        today=today - dt.timedelta(days=60),
    )
    public = add_item(
        held, title="Climate support", kind=AgendaItemKind.REPORT, today=today - dt.timedelta(60)
    )
    report = make_report(exempt, secret("REPORTTITLE"), text=secret("REPORTTEXT"))
    report.summary = secret("REPORTSUMMARY")
    report.recommendations = secret("RECOMMENDATION")
    report.actions = secret("REPORTACTIONS")
    report.save()
    open_report = make_report(public, "Climate support offer", text=f"About {NEIGHBOUR}s.")
    publish_pack(held, world.clerk)

    member = Membership.objects.get(person__user=world.member, term=world.term)
    labour = appoint(make_person(world.organisation), world.board, world.term, world.labour)
    for seat in (member, labour):
        Attendance.objects.create(meeting=held, membership=seat, status=AttendanceStatus.PRESENT)
    minutes = minutes_for(held)
    confidential = minutes.items.get(agenda_item=exempt)
    confidential.discussion = secret("DISCUSSION")
    confidential.save()
    decision = Decision.objects.create(
        item=confidential, position=1, text=secret("DECISION"), recorded_vote=True
    )
    RecordedVote.objects.create(decision=decision, membership=member, vote="for")
    action = Action.objects.create(item=confidential, text=secret("ACTION"), owner_role="Officers")
    declaration = Declaration.objects.create(
        item=public, membership=member, kind=InterestKind.OTHER_REGISTRABLE, description="Trustee"
    )
    Decision.objects.create(
        item=minutes.items.get(agenda_item=public), position=1, text="Members noted the offer."
    )
    publish_minutes(minutes, world.clerk)

    entry = save_entry(
        RegisterEntry(
            person=member.person,
            category=RegisterCategory.LAND,
            description=secret("SENSITIVE"),
            registered_on=today - dt.timedelta(days=30),
            sensitive=True,
        ),
        world.member,
        "Registered",
    )
    upcoming = make_meeting(world.board, world.term, today + dt.timedelta(days=20))
    programmes = [
        Programme.objects.create(
            organisation=world.organisation,
            board=world.board,
            name=name,
            slug=slug,
            start_date=today - dt.timedelta(days=100),
            end_date=today + dt.timedelta(days=265),
            is_public=public,
        )
        for name, slug, public in (
            ("Improvement programme", "public-programme", True),
            ("Draft programme", "private-programme", False),
        )
    ]
    theme = Theme.objects.create(programme=programmes[1], name="Theme")
    Output.objects.create(
        programme=programmes[1], theme=theme, reference="1.1", description=secret("PROGRAMME")
    )

    objects = [held, exempt, report, confidential, decision, action, declaration, entry]
    return Secrets(
        {
            "board": [world.board.slug, world.other_board.slug],
            "term": [world.term.slug],
            "meeting": [held.slug, upcoming.slug],
            "person": [member.person.slug],
            "programme": [p.slug for p in programmes],
            "edition": ["public", "members"],
            "report": [f"r{report.pk}", f"r{open_report.pk}"],
            "number": ["1"],
            "uuid": [str(o.uid) for o in [*objects, *programmes]],
            "int": sorted({"1", *(str(o.pk) for o in objects), str(world.board.pk)}),
            # Query strings tried on every address: search words, and the parameters the
            # ModernGov-compatible service and filters take.
            "queries": [
                f"q={NEIGHBOUR}",
                f"lMeetingId={held.pk}",
                f"lCommitteeId={world.board.pk}&sFromDate=01/01/2000&sToDate=31/12/2099",
                f"board={world.board.slug}",
            ],
            "str": [
                world.board.slug,
                held.slug,
                member.person.slug,
                f"r{report.pk}",
                "public",
                "members",
                str(held.uid),
            ],
        }
    )


def patterns(resolvers: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    """Every URL pattern of the site as a route string, from the root resolver."""
    for entry in resolvers:
        pattern = entry.pattern
        if not isinstance(pattern, RoutePattern):
            raise AssertionError(f"{prefix}{pattern}: only path() routes can be crawled")
        route = prefix + str(pattern)  # a RoutePattern prints its route
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            yield from patterns(entry.url_patterns, route)
        else:
            yield route


PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def fill(route: str, secrets: Secrets) -> list[str]:
    """URLs for a route, every parameter filled from the secrets (by name, else by type)."""
    slots = list(PARAMETER.finditer(route))
    choices = []
    for slot in slots:
        name, converter = slot["name"], slot["converter"] or "str"
        if converter == "uuid":
            options = secrets.values["uuid"]
        elif converter == "int":
            options = secrets.values["number"] if name == "number" else secrets.values["int"]
        else:
            options = secrets.values.get(name, secrets.values["str"])
        choices.append(options)
    urls = []
    for combination in itertools.islice(itertools.product(*choices), MAX_URLS_PER_PATTERN):
        url = route
        for slot, value in zip(slots, combination, strict=True):
            url = url.replace(slot.group(0), value, 1)
        urls.append("/" + url)
    return urls


HREF = re.compile(r"""href="(/[^"#]*)""")
ABSOLUTE = re.compile(r"""https?://testserver(/[^"'<>\s#]*)""")


def text_of(response: Any) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        reader = PdfReader(io.BytesIO(body))
        text = " ".join(page.extract_text() or "" for page in reader.pages)
        return text + body.decode("latin-1")
    return body.decode("utf-8", errors="replace")


def crawl(
    client: Client, start: list[str], queries: list[str]
) -> tuple[dict[str, list[str]], list[str], set[str]]:
    """Fetch every start URL (and each with each of the ``queries``) and the links found in
    pages; return the canaries found per URL, the URLs that failed with a server error, and
    the URLs answered with 200."""
    leaks: dict[str, list[str]] = {}
    errors: list[str] = []
    queue = [u for url in start for u in (url, *(f"{url}?{q}" for q in queries))]
    everything_started = len(set(queue))
    seen: set[str] = set()
    answered: set[str] = set()
    while queue and len(seen) < everything_started + MAX_FOLLOWED:
        url = queue.pop(0)
        if url in seen or url.startswith(("/static/", "/admin/")):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code >= 500:
            errors.append(f"{url} → {response.status_code}")
            continue
        if response.status_code == 200:
            answered.add(url)
        text = text_of(response)
        found = sorted(set(CANARY.findall(text)))
        if found:
            leaks[url] = found
        if not response.get("Content-Type", "").startswith("application/pdf"):
            # Relative links in pages, and absolute ones anywhere (OParl, feeds, XML).
            for link in HREF.findall(text) + ABSOLUTE.findall(text):
                path = urlsplit(link.replace("&amp;", "&").replace("\\/", "/"))
                target = path.path + (f"?{path.query}" if path.query else "")
                if target not in seen:
                    queue.append(target)
    return leaks, errors, answered


def crawl_as(client: Client, secrets: Secrets) -> tuple[dict[str, list[str]], list[str], set[str]]:
    start = []
    for route in patterns(get_resolver().url_patterns):
        urls = fill(route, secrets)
        assert urls, f"no URL could be made for the pattern {route!r}"
        start.extend(urls)
    start.append("/no-such-page/")  # the 404 page
    return crawl(client, start, secrets.values["queries"])


@pytest.fixture
def raising_client(settings: Any) -> Iterator[Client]:
    """A client that reports server errors as responses; with the public page cache on, so
    that what it stores for anonymous visitors is crawled too."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield Client(raise_request_exception=False)
    cache.clear()


def test_nothing_exempt_reaches_an_anonymous_visitor(secrets, raising_client):
    leaks, errors, answered = crawl_as(raising_client, secrets)
    assert leaks == {}
    assert errors == []
    # The crawl reached the data, in every format, not just error pages.
    for reached in REACHED:
        assert any(reached in url for url in answered), f"nothing under {reached} answered"


def test_nothing_exempt_reaches_a_member_of_another_board(secrets, world, raising_client):
    raising_client.force_login(world.member_of_another_board)
    leaks, errors, answered = crawl_as(raising_client, secrets)
    assert len(answered) > 100
    assert leaks == {}
    assert errors == []


def test_the_canaries_are_there_to_be_found(secrets, world, raising_client):
    """The crawl would see a leak: the board's own member reads the exempt report, the
    confidential decision and their own sensitive interest where they are entitled to."""
    raising_client.force_login(world.member)
    leaks, _, _ = crawl_as(raising_client, secrets)
    found = {canary for canaries in leaks.values() for canary in canaries}
    assert found == {f"QZX{name}" for name in SECRETS}
