"""iCalendar feeds: every meeting once, with a stable UID, London times, where it is or how
to join, and its status (cancelled meetings stay in the feed, marked cancelled)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from minuted.meetings.models import Meeting, MeetingFormat, MeetingStatus
from minuted.testing import make_meeting

LONDON = ZoneInfo("Europe/London")


def events(client: Client, url: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def a_day_in(world, month: int, day: int) -> dt.date:
    """A day of that month and day within this term (which starts 100 days ago)."""
    start = world.term.start_date
    for year in (start.year, start.year + 1):
        candidate = dt.date(year, month, day)
        if world.term.contains(candidate):
            return candidate
    raise AssertionError("the term is a year long")


def test_every_meeting_is_one_event_with_a_stable_uid(world, client):
    first = make_meeting(world.board, world.term)
    second = make_meeting(world.other_board, world.term)
    found = events(client, reverse("calendar"))
    assert set(found) == {f"{first.uid}@testserver", f"{second.uid}@testserver"}
    # The same meeting has the same UID on every fetch and in the board's own calendar.
    assert set(events(client, reverse("calendar"))) == set(found)
    board_events = events(client, reverse("board-calendar", args=[world.board.slug]))
    assert set(board_events) == {f"{first.uid}@testserver"}


def test_times_are_in_london_time_with_the_time_zone_described(world, client):
    summer = a_day_in(world, 7, 15)
    meeting = make_meeting(world.board, world.term, summer, end_time=dt.time(13, 30))
    response = client.get(reverse("calendar"))
    calendar = Calendar.from_ical(response.content)
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["tzid"] == "Europe/London"
    event = events(client, reverse("calendar"))[f"{meeting.uid}@testserver"]
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == dt.datetime.combine(summer, dt.time(11), tzinfo=LONDON)
    assert start.astimezone(dt.UTC).hour == 10  # British Summer Time
    assert end == dt.datetime.combine(summer, dt.time(13, 30), tzinfo=LONDON)
    assert b"DTSTART;TZID=Europe/London:" in response.content


def test_a_meeting_without_an_end_time_has_no_invented_one(world, client):
    meeting = make_meeting(world.board, world.term)
    event = events(client, reverse("calendar"))[f"{meeting.uid}@testserver"]
    assert "dtend" not in event and "duration" not in event


def test_summary_location_and_description_say_what_and_where(world, client):
    meeting = make_meeting(world.board, world.term, address="18 Smith Square, London")
    event = events(client, reverse("calendar"))[f"{meeting.uid}@testserver"]
    page = f"http://testserver{reverse('meeting', args=[world.board.slug, meeting.slug])}"
    assert event["summary"] == f"{world.board.name} meeting"
    assert event["location"] == "Westminster Room, 18 Smith Square, London"
    assert event["url"] == page
    assert page in event["description"]


def test_an_online_meeting_gives_its_joining_link(world, client):
    link = "https://meet.example.org/iib-2024"
    online = make_meeting(
        world.board, world.term, format=MeetingFormat.ONLINE, room="", online_url=link
    )
    hybrid = make_meeting(
        world.other_board, world.term, format=MeetingFormat.HYBRID, online_url=link
    )
    found = events(client, reverse("calendar"))
    assert found[f"{online.uid}@testserver"]["location"] == link
    assert found[f"{online.uid}@testserver"]["url"] == link
    assert found[f"{hybrid.uid}@testserver"]["location"] == "Westminster Room, and online"
    assert found[f"{hybrid.uid}@testserver"]["url"] == link
    assert f"Join online: {link}" in found[f"{hybrid.uid}@testserver"]["description"]


def test_status_follows_the_meeting_and_cancelled_meetings_say_so(world, client):
    scheduled = make_meeting(world.board, world.term)
    confirmed = make_meeting(world.board, world.term, status=MeetingStatus.CONFIRMED)
    cancelled = make_meeting(
        world.board,
        world.term,
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Insufficient business.",
    )
    found = events(client, reverse("calendar"))
    assert found[f"{scheduled.uid}@testserver"]["status"] == "TENTATIVE"
    assert found[f"{confirmed.uid}@testserver"]["status"] == "CONFIRMED"
    gone = found[f"{cancelled.uid}@testserver"]
    assert gone["status"] == "CANCELLED"
    assert gone["summary"].startswith("Cancelled: ")
    assert "Insufficient business." in gone["description"]


def test_a_change_raises_the_sequence_and_the_last_modified_time(world, client):
    meeting = make_meeting(world.board, world.term)
    uid = f"{meeting.uid}@testserver"
    before = events(client, reverse("calendar"))[uid]
    # A change five seconds later (save() would stamp it with the same second).
    Meeting.objects.filter(pk=meeting.pk).update(
        room="Smith Square 1", modified=timezone.now() + dt.timedelta(seconds=5)
    )
    meeting.refresh_from_db()
    after = events(client, reverse("calendar"))[uid]
    assert after.decoded("sequence") > before.decoded("sequence")
    assert after.decoded("last-modified") == meeting.modified.replace(microsecond=0)
    assert after.decoded("dtstamp") == meeting.modified.replace(microsecond=0)


def test_an_unknown_board_has_no_calendar(world, client):
    assert client.get(reverse("board-calendar", args=["no-such-board"])).status_code == 404


@pytest.mark.parametrize("name", ["calendar", "board-calendar"])
def test_queries_do_not_grow_with_the_number_of_meetings(
    world, client, django_assert_max_num_queries, name
):
    args = [world.board.slug] if name == "board-calendar" else []
    for _ in range(2):
        make_meeting(world.board, world.term)
    with django_assert_max_num_queries(4):
        assert len(events(client, reverse(name, args=args))) == 2
    for _ in range(10):
        make_meeting(world.board, world.term)
    with django_assert_max_num_queries(4):
        assert len(events(client, reverse(name, args=args))) == 12
