"""The decisions page: every decision the public minutes print, newest meeting first,
filtered by board and date with a GET form, paginated, each linking to its minutes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from minuted.publicsite.decisions import PER_PAGE
from minuted.publicsite.tests.conftest import SECRETS, held_meeting, past_days, text_of
from minuted.record.models import Decision
from minuted.record.publishing import publish_minutes
from minuted.record.services import minutes_for

pytestmark = pytest.mark.django_db

AGREED = "Members agreed the climate support offer."


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def decisions(client, **params):
    return client.get(reverse("decision-list"), params)


def test_decisions_are_listed_from_the_public_minutes_without_confidential_ones(client, world):
    held_meeting(world, days_ago(20))
    response = decisions(client)
    assert response.status_code == 200
    assert AGREED in text_of(response)
    for secret in SECRETS:
        assert secret not in response.content.decode()


def test_each_decision_links_to_its_meetings_minutes(client, world):
    held = held_meeting(world, days_ago(20))
    minutes = reverse("minutes-edition", args=[world.board.slug, held.meeting.slug, 1, "public"])
    assert f'href="{minutes}#minute-3"' in decisions(client).content.decode()


def test_the_newest_meetings_decisions_come_first(client, world):
    older = held_meeting(world, days_ago(40)).meeting
    newer = held_meeting(world, days_ago(20)).meeting
    html = decisions(client).content.decode()
    assert html.index(f"/{newer.slug}/minutes/") < html.index(f"/{older.slug}/minutes/")


def test_decisions_can_be_filtered_by_board(client, world):
    held_meeting(world, days_ago(20))
    other = held_meeting(world, days_ago(30), board=world.other_board).meeting
    html = decisions(client, board=world.other_board.slug).content.decode()
    assert f"/meetings/{world.other_board.slug}/{other.slug}/minutes/" in html
    assert f"/meetings/{world.board.slug}/" not in html
    assert f'<option value="{world.other_board.slug}" selected>' in html


def test_decisions_can_be_filtered_by_the_date_of_the_meeting(client, world):
    early = held_meeting(world, days_ago(40)).meeting
    middle = held_meeting(world, days_ago(30)).meeting
    late = held_meeting(world, days_ago(20)).meeting
    html = decisions(client, **{"from": days_ago(35).isoformat(), "to": days_ago(25).isoformat()})
    html = html.content.decode()
    assert f"/{middle.slug}/minutes/" in html
    assert f"/{early.slug}/minutes/" not in html and f"/{late.slug}/minutes/" not in html


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"from": "29/10/2019"}, "'from'"),
        ({"to": "2019-02-30"}, "'to'"),
        ({"from": "2019-10-29", "to": "2019-01-01"}, "'to'"),
        ({"board": "no-such-board"}, "'board'"),
        ({"page": "two"}, "'page'"),
        ({"page": "0"}, "'page'"),
        ({"page": "99"}, "'page'"),
        ({"page": "²"}, "'page'"),  # isdigit() is true, int() refuses it: was a 500
        ({"page": "9" * 5000}, "'page'"),  # too many digits for int(): was a 500
    ],
)
def test_bad_filters_get_a_clear_error_naming_the_parameter(client, world, params, parameter):
    response = decisions(client, **params)
    assert response.status_code == 400
    assert "There is a problem" in text_of(response)
    assert parameter in response.content.decode().replace("&#x27;", "'")


def test_the_filters_keep_their_values_after_an_error(client, world):
    html = decisions(client, board=world.board.slug, to="nonsense").content.decode()
    assert 'value="nonsense"' in html
    assert f'<option value="{world.board.slug}" selected>' in html


def test_decisions_are_paginated_keeping_the_filters(client, world):
    day = days_ago(20)
    held = held_meeting(world, day, minutes=False)
    record = minutes_for(held.meeting)
    item = record.items.order_by("agenda_item__position").last()
    assert item is not None
    for n in range(PER_PAGE + 3):
        Decision.objects.create(item=item, position=n + 1, text=f"Decision number {n + 1}.")
    publish_minutes(record, world.clerk)
    first = text_of(decisions(client, board=world.board.slug))
    assert f"{PER_PAGE + 3} decisions of the" in first and "page 1 of 2" in first
    assert "Decision number 25." in first and "Decision number 26." not in first
    second = decisions(client, board=world.board.slug, page="2")
    assert "Decision number 26." in text_of(second)
    assert f'href="?board={world.board.slug}" rel="prev"' in second.content.decode()


@pytest.mark.parametrize("meetings", [2, 12])
def test_the_decisions_page_query_count_does_not_grow_with_meetings(
    client, world, django_assert_max_num_queries, meetings
):
    for day in past_days(meetings):
        held_meeting(world, day)
    with django_assert_max_num_queries(5):
        response = decisions(client)
    assert text_of(response).count(AGREED) == meetings
