"""The public page cache: anonymous visitors get a stored page for one small query; any save
retires it; signed-in users, API clients and staff screens never see a stored page."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from minuted.core.pagecache import generation


@pytest.fixture
def caching(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def board_page(client, world):
    return client.get(reverse("board", args=[world.board.slug]))


def test_an_anonymous_visitor_gets_the_stored_page_for_one_query(client, world, caching):
    first = board_page(client, world)
    with CaptureQueriesContext(connection) as queries:
        second = board_page(client, world)
    assert second.status_code == 200
    assert second.content == first.content
    assert len(queries) == 1  # the generation
    assert second["X-Frame-Options"] == first["X-Frame-Options"]


def test_any_save_retires_the_stored_pages(client, world, caching):
    before = generation()
    assert world.board.name.encode() in board_page(client, world).content
    world.board.name = "Renamed Board"
    world.board.save()
    assert generation() > before
    assert b"Renamed Board" in board_page(client, world).content


def test_a_signed_in_visitor_never_gets_or_leaves_a_stored_page(client, world, caching):
    client.force_login(world.member)
    signed_in = board_page(client, world)
    assert b"Sign out" in signed_in.content
    client.logout()
    anonymous = board_page(client, world)
    assert b"Sign out" not in anonymous.content
    client.force_login(world.member)
    assert b"Sign out" in board_page(client, world).content


def test_requests_with_credentials_and_staff_screens_are_not_cached(client, world, caching):
    board_page(client, world)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("board", args=[world.board.slug]), HTTP_AUTHORIZATION="Bearer x")
    assert len(queries) > 1  # rendered afresh
    client.force_login(world.clerk)
    client.get(reverse("staff:workspace"))
    client.logout()
    # Anonymous: sent to sign in, never the clerk's page.
    assert client.get(reverse("staff:workspace")).status_code == 302


def test_off_when_the_setting_is_zero(client, world, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    cache.clear()
    board_page(client, world)
    with CaptureQueriesContext(connection) as queries:
        board_page(client, world)
    assert len(queries) > 1


def test_pages_are_kept_per_host_because_open_data_carries_absolute_urls(
    client, world, caching, settings
):
    settings.ALLOWED_HOSTS = ["testserver", "minuted.example.org"]
    url = "/oparl/v1/"  # the OParl System object: every id in it is an absolute URL
    here = client.get(url).content
    there = client.get(url, HTTP_HOST="minuted.example.org").content
    assert b"minuted.example.org" in there and b"minuted.example.org" not in here


def test_rebuilding_the_derived_indexes_does_not_bump_the_generation(world, caching):
    from minuted.search.indexing import reindex_all

    before = generation()
    reindex_all()
    assert generation() == before
