"""The clerk's writes to meetings, with a token: through the meeting services and the
model's rules; refused for anyone the policy does not let manage the board."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from minuted.api.tests.conftest import Api, field_errors
from minuted.meetings.models import Meeting
from minuted.testing import make_meeting


def new_meeting(world, **fields):
    day = timezone.localdate() + dt.timedelta(days=40)
    return {"board": str(world.board.uid), "date": day.isoformat(), "start_time": "10:30", **fields}


def test_the_clerk_adds_a_meeting_in_the_term_that_holds_its_date(world, clerk_api):
    response = clerk_api.post("/meetings", new_meeting(world, room="Smith Square 1"))
    assert response.status_code == 201
    body = response.json()
    meeting = Meeting.objects.get(uid=body["uid"])
    assert meeting.term == world.term and meeting.slug == body["slug"] == body["date"]
    assert body["start_time"] == "10:30" and body["status"] == "scheduled"


def test_a_second_meeting_on_the_same_day_gets_its_own_slug(world, clerk_api):
    first = clerk_api.post("/meetings", new_meeting(world, room="Room 1")).json()
    second = clerk_api.post("/meetings", new_meeting(world, room="Room 2")).json()
    assert second["slug"] == first["slug"] + "-2"


def test_a_meeting_outside_every_term_is_refused_naming_the_date(world, clerk_api):
    response = clerk_api.post("/meetings", new_meeting(world, date="2001-01-01", room="Room 1"))
    assert response.status_code == 422
    assert field_errors(response) == {"date": "No term holds this day: give the meeting's term."}
    assert not Meeting.objects.exists()


def test_the_models_rules_come_back_naming_their_fields(world, clerk_api):
    response = clerk_api.post("/meetings", new_meeting(world, format="online", end_time="09:00"))
    assert response.status_code == 422
    errors = field_errors(response)
    assert errors["online_url"] == "An online or hybrid meeting needs its joining link."
    assert errors["end_time"] == "The meeting must end after it starts."


def test_a_malformed_time_is_a_400_naming_the_field(world, clerk_api):
    response = clerk_api.post("/meetings", new_meeting(world, start_time="half past ten"))
    assert response.status_code == 400
    assert list(field_errors(response)) == ["start_time"]
    assert "start_time" in response.json()["detail"]


def test_cancelling_a_meeting_needs_the_reason(world, clerk_api):
    meeting = make_meeting(world.board, world.term)
    refused = clerk_api.patch(f"/meetings/{meeting.uid}", {"status": "cancelled"})
    assert refused.status_code == 422
    assert list(field_errors(refused)) == ["cancellation_reason"]
    done = clerk_api.patch(
        f"/meetings/{meeting.uid}",
        {"status": "cancelled", "cancellation_reason": "Not quorate."},
    )
    assert done.status_code == 200 and done.json()["status"] == "cancelled"
    meeting.refresh_from_db()
    assert meeting.cancellation_reason == "Not quorate."


def test_moving_a_meeting_moves_its_address(world, clerk_api):
    meeting = make_meeting(world.board, world.term)
    day = meeting.date + dt.timedelta(days=7)
    body = clerk_api.patch(f"/meetings/{meeting.uid}", {"date": day.isoformat()}).json()
    assert body["slug"] == day.isoformat() and body["page_url"].endswith(f"/{day.isoformat()}/")


def test_a_field_that_cannot_be_empty_cannot_be_sent_as_null(world, clerk_api):
    meeting = make_meeting(world.board, world.term)
    response = clerk_api.patch(f"/meetings/{meeting.uid}", {"room": None})
    assert response.status_code == 400
    assert list(field_errors(response)) == ["room"]


def test_only_the_boards_clerks_and_administrators_may_change_its_meetings(
    world, member_api, other_clerk_api, admin_api
):
    meeting = make_meeting(world.board, world.term)
    change = {"room": "Another room"}
    response = member_api.patch(f"/meetings/{meeting.uid}", change)
    assert response.status_code == 403
    assert "may not manage" in response.json()["detail"]
    response = other_clerk_api.patch(f"/meetings/{meeting.uid}", change)
    assert response.status_code == 403
    assert "This token is for Resources Board" in response.json()["detail"]
    assert admin_api.patch(f"/meetings/{meeting.uid}", change).status_code == 200
    assert other_clerk_api.post("/meetings", new_meeting(world, room="R")).status_code == 403


def test_writes_need_a_token(world):
    meeting = make_meeting(world.board, world.term)
    response = Api().patch(f"/meetings/{meeting.uid}", {"room": "Another room"})
    assert response.status_code == 401
    meeting.refresh_from_db()
    assert meeting.room == "Westminster Room"


def test_a_signed_in_session_is_not_a_token(world, client):
    meeting = make_meeting(world.board, world.term)
    client.force_login(world.clerk)
    response = client.patch(
        f"/api/v1/meetings/{meeting.uid}", {"room": "X"}, content_type="application/json"
    )
    assert response.status_code == 401


def test_a_meeting_with_a_published_pack_keeps_its_date(published, clerk_api):
    meeting = published.meeting
    moved = (meeting.date + dt.timedelta(days=1)).isoformat()
    response = clerk_api.patch(f"/meetings/{meeting.uid}", {"date": moved})
    assert response.status_code == 422
    assert list(field_errors(response)) == ["date"]
    same_day = clerk_api.patch(f"/meetings/{meeting.uid}", {"date": meeting.date.isoformat()})
    assert same_day.status_code == 200 and same_day.json()["slug"] == meeting.slug
