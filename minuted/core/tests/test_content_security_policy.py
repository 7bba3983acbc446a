"""Every response carries the Content-Security-Policy of SECURE_CSP: pages, JSON, PDFs, feeds,
static files and error pages, so that no inline script or style can run anywhere."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from minuted.core.security import HEADER, ContentSecurityPolicyMiddleware, policy_header
from minuted.publicsite.tests.conftest import held_meeting

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def test_the_policy_allows_nothing_inline_and_no_framing():
    assert policy_header(settings.SECURE_CSP) == POLICY
    assert "unsafe" not in POLICY


def test_a_directive_without_sources_is_written_alone_and_an_empty_one_left_out():
    policy: dict[str, list[str] | bool] = {
        "default-src": ["'self'"],
        "upgrade-insecure-requests": True,
        "report-uri": [],
    }
    assert policy_header(policy) == "default-src 'self'; upgrade-insecure-requests"


@pytest.mark.django_db
def test_an_anonymous_visitor_gets_the_policy_on_pages_json_pdfs_feeds_and_static_files(world):
    meeting = held_meeting(world, timezone.localdate() - dt.timedelta(days=20)).meeting
    client = Client()
    meeting_page = reverse("meeting", args=[world.board.slug, meeting.slug])
    urls = {
        "home page": "/",
        "meeting page": meeting_page,
        "JSON API": "/api/v1/",
        "API docs page": "/api/v1/docs",
        "public PDF": meeting_page + "pack/v1/public.pdf",
        "Atom feed": reverse("papers-feed"),
        "calendar": reverse("calendar"),
        "CSV": reverse("decisions-csv"),
        "stylesheet": "/static/build/minuted.css",
        "sign-in page": reverse("login"),
    }
    types = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert response[HEADER] == POLICY, name
        types[name] = response["Content-Type"].split(";")[0]
    assert types["public PDF"] == "application/pdf"
    assert types["JSON API"] == "application/json"
    assert types["Atom feed"].endswith("xml")


@pytest.mark.django_db
def test_a_clerk_gets_the_policy_on_staff_screens_and_htmx_fragments(world):
    from minuted.staff.tests.conftest import add, make_meeting

    meeting = make_meeting(world.board, world.term, timezone.localdate() + dt.timedelta(days=42))
    add(meeting, "Welcome")
    second = add(meeting, "Minutes of the last meeting")
    client = Client()
    client.force_login(world.clerk)
    screen = client.get(reverse("staff:meeting", args=[meeting.uid]))
    assert screen[HEADER] == POLICY
    move = reverse("staff:item-move", args=[meeting.uid, second.uid])
    fragment = client.post(move, {"direction": "up"}, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert fragment[HEADER] == POLICY


@pytest.mark.django_db
def test_error_pages_carry_the_policy(client):
    assert client.get("/no/such/page/")[HEADER] == POLICY
    assert client.get("/decisions/?from=29%2F10%2F2019")[HEADER] == POLICY  # 400
    assert client.get("/api/v1/meetings/not-a-uuid")[HEADER] == POLICY


@pytest.mark.django_db
@pytest.mark.urls("minuted.core.tests.raising_urls")
def test_a_server_error_page_carries_the_policy():
    client = Client(raise_request_exception=False)
    response = client.get("/test-only/fails/")
    assert response.status_code == 500
    assert response[HEADER] == POLICY


def test_a_policy_a_view_sets_for_itself_is_kept():
    def view(request):
        response = HttpResponse("narrower")
        response[HEADER] = "default-src 'none'"
        return response

    response = ContentSecurityPolicyMiddleware(view)(RequestFactory().get("/"))
    assert response[HEADER] == "default-src 'none'"


@pytest.mark.django_db
def test_an_anonymous_visitor_gets_the_policy_on_a_page_from_the_public_page_cache(world, settings):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()
    client = Client()
    board = reverse("board", args=[world.board.slug])
    client.get(board)
    with CaptureQueriesContext(connection) as queries:
        cached = client.get(board)
    cache.clear()
    assert len(queries) == 1  # served from the cache
    assert cached[HEADER] == POLICY
