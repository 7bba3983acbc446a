"""The home page: upcoming meetings of every board, the latest public papers and decisions
(read from the public editions only), and a search box."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from minuted.publicsite.tests.conftest import SECRETS, held_meeting, past_days, text_of
from minuted.testing import make_meeting

pytestmark = pytest.mark.django_db


def test_upcoming_meetings_of_every_board_are_listed_soonest_first(client, world):
    today = timezone.localdate()
    later = make_meeting(world.board, world.term, today + dt.timedelta(days=40))
    sooner = make_meeting(world.other_board, world.term, today + dt.timedelta(days=5))
    make_meeting(world.board, world.term, today - dt.timedelta(days=5))  # past: not upcoming
    html = client.get(reverse("home")).content.decode()
    first = html.index(reverse("meeting", args=[world.other_board.slug, sooner.slug]))
    second = html.index(reverse("meeting", args=[world.board.slug, later.slug]))
    assert first < second
    assert html.count('href="/meetings/') == 2


def test_a_cancelled_upcoming_meeting_is_marked_cancelled(client, world):
    make_meeting(
        world.board,
        world.term,
        timezone.localdate() + dt.timedelta(days=12),
        status="cancelled",
        cancellation_reason="Not enough business.",
    )
    text = text_of(client.get(reverse("home")))
    assert "Cancelled" in text


def test_latest_papers_and_decisions_come_from_the_public_editions(client, world):
    held = held_meeting(world, timezone.localdate() - dt.timedelta(days=20))
    response = client.get(reverse("home"))
    text = text_of(response)
    assert "Climate change support offer" in text  # the public report
    assert "Members agreed the climate support offer." in text  # the public decision
    for secret in SECRETS:
        assert secret not in response.content.decode()
    item = reverse("item", args=[world.board.slug, held.meeting.slug, "3"])
    assert f"{item}#r{held.public_report.pk}" in response.content.decode()


def test_a_decision_links_to_its_meetings_minutes(client, world):
    held = held_meeting(world, timezone.localdate() - dt.timedelta(days=20))
    minutes = reverse("minutes-edition", args=[world.board.slug, held.meeting.slug, 1, "public"])
    assert f"{minutes}#minute-3" in client.get(reverse("home")).content.decode()


def test_the_home_page_has_a_search_box_that_asks_the_search_page(client, world):
    html = client.get(reverse("home")).content.decode()
    assert 'action="/search/" method="get" role="search"' in html
    assert 'id="home-search" name="q"' in html


def test_every_page_header_has_a_search_box(client, world):
    for url in (reverse("board-list"), reverse("person-list"), "/no/such/page/"):
        html = client.get(url).content.decode()
        assert 'id="header-search" name="q"' in html, url


@pytest.mark.parametrize("meetings", [2, 12])
def test_the_home_page_query_count_does_not_grow_with_meetings(
    client, world, django_assert_max_num_queries, meetings
):
    for day in past_days(meetings):
        held_meeting(world, day)
    for n in range(meetings):
        make_meeting(world.board, world.term, timezone.localdate() + dt.timedelta(days=n + 1))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("home"))
    assert response.status_code == 200
