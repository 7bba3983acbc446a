"""Planning a term's calendar: five dates in one go, all saved or none."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from minuted.meetings.models import Meeting


@pytest.fixture
def url(world):
    return reverse("staff:plan", args=[world.board.slug])


def plan_data(world, dates, **fields):
    data = {
        "term": world.term.pk,
        "start_time": "11:00",
        "room": "Westminster Room, 8th Floor",
        "address": "18 Smith Square, London SW1P 3HZ",
        **fields,
    }
    for n, day in enumerate(dates, start=1):
        data[f"date_{n}"] = day if isinstance(day, str) else day.isoformat()
    return data


def five_dates(world):
    start = world.term.start_date + dt.timedelta(days=120)
    return [start + dt.timedelta(weeks=8 * n) for n in range(5)]


def test_an_anonymous_visitor_is_sent_to_sign_in(client, url):
    assert client.get(url)["Location"].startswith("/sign-in/")


@pytest.mark.parametrize("who", ["clerk_of_another_board", "member", "officer"])
def test_only_the_boards_clerk_may_plan_its_meetings(signed_in, world, url, who):
    assert signed_in(getattr(world, who)).get(url).status_code == 403


def test_an_unknown_board_is_not_found(signed_in, world):
    response = signed_in(world.clerk).get(reverse("staff:plan", args=["no-such-board"]))
    assert response.status_code == 404


def test_the_form_has_a_date_for_each_meeting_of_the_year(signed_in, world, url):
    page = signed_in(world.clerk).get(url).content.decode()
    # The board meets 5 times a year.
    assert page.count('type="date"') == 5


def test_it_creates_the_five_meetings(signed_in, world, url):
    dates = five_dates(world)
    response = signed_in(world.clerk).post(url, plan_data(world, dates))
    assert response.status_code == 302
    meetings = Meeting.objects.filter(board=world.board).order_by("date")
    assert [m.date for m in meetings] == dates
    assert {m.start_time for m in meetings} == {dt.time(11, 0)}
    assert meetings[0].slug == dates[0].isoformat()
    assert meetings[0].room == "Westminster Room, 8th Floor"


def test_a_date_outside_the_term_is_refused_beside_it_and_nothing_is_saved(signed_in, world, url):
    dates = five_dates(world)
    dates[3] = world.term.end_date + dt.timedelta(days=1)
    response = signed_in(world.clerk).post(url, plan_data(world, dates))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="govuk-error-summary"' in page
    assert '<a href="#id_date_4">' in page
    assert 'id="id_date_4-error"' in page
    assert "is outside This term" in page
    assert not Meeting.objects.exists()


def test_an_impossible_date_is_refused_and_nothing_is_saved(signed_in, world, url):
    dates: list = five_dates(world)
    dates[1] = "2025-02-31"
    response = signed_in(world.clerk).post(url, plan_data(world, dates))
    assert "Enter a real date" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_date_entered_twice_is_refused(signed_in, world, url):
    dates = five_dates(world)
    dates[4] = dates[0]
    response = signed_in(world.clerk).post(url, plan_data(world, dates))
    assert "You have entered this date twice." in response.content.decode()
    assert not Meeting.objects.exists()


def test_fewer_dates_are_fine_but_at_least_one_is_needed(signed_in, world, url):
    client = signed_in(world.clerk)
    response = client.post(url, plan_data(world, []))
    assert "Enter at least one date." in response.content.decode()
    client.post(url, plan_data(world, five_dates(world)[:2]))
    assert Meeting.objects.count() == 2


def test_the_place_is_required(signed_in, world, url):
    response = signed_in(world.clerk).post(url, plan_data(world, five_dates(world), room=""))
    assert "Say where the meetings are." in response.content.decode()
    assert not Meeting.objects.exists()
