"""The clerk's writes to agendas, through minuted/meetings/services.py (add_item, save_item)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from minuted.api.tests.conftest import Api, field_errors
from minuted.meetings.models import AgendaItem
from minuted.meetings.services import add_item
from minuted.testing import make_meeting


def test_the_clerk_adds_an_item_at_the_end_of_the_agenda(world, clerk_api):
    meeting = make_meeting(world.board, world.term)
    add_item(meeting, title="Welcome")
    response = clerk_api.post(
        f"/meetings/{meeting.uid}/items", {"title": "Climate change", "kind": "report"}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["number"] == "2" and body["kind"] == "report" and not body["added_late"]
    assert AgendaItem.objects.get(uid=body["uid"]).position == 2


def test_a_sub_item_is_numbered_under_its_parent(world, clerk_api):
    meeting = make_meeting(world.board, world.term)
    parent = add_item(meeting, title="Updates")
    body = clerk_api.post(
        f"/meetings/{meeting.uid}/items", {"title": "Finance", "parent": str(parent.uid)}
    ).json()
    assert body["number"] == "1.1" and body["parent"] == str(parent.uid)


def test_an_exempt_item_needs_its_paragraph_and_reason(world, clerk_api):
    meeting = make_meeting(world.board, world.term)
    response = clerk_api.post(f"/meetings/{meeting.uid}/items", {"title": "Land", "exempt": True})
    assert response.status_code == 422
    assert set(field_errors(response)) == {"exempt_paragraph", "public_interest_reason"}
    assert not AgendaItem.objects.exists()


def test_a_paragraph_outside_schedule_12a_is_a_400(world, clerk_api):
    meeting = make_meeting(world.board, world.term)
    response = clerk_api.post(
        f"/meetings/{meeting.uid}/items", {"title": "Land", "exempt_paragraph": 9}
    )
    assert response.status_code == 400
    assert list(field_errors(response)) == ["exempt_paragraph"]


def test_an_item_added_after_the_deadline_needs_the_chairs_urgency_reason(world, clerk_api):
    meeting = make_meeting(world.board, world.term, timezone.localdate() + dt.timedelta(days=1))
    refused = clerk_api.post(f"/meetings/{meeting.uid}/items", {"title": "Flood response"})
    assert refused.status_code == 422
    assert list(field_errors(refused)) == ["urgency_reason"]
    accepted = clerk_api.post(
        f"/meetings/{meeting.uid}/items",
        {"title": "Flood response", "urgency_reason": "The floods came after the deadline."},
    )
    assert accepted.status_code == 201 and accepted.json()["added_late"]


def test_an_item_no_longer_exempt_loses_its_exemption(world, clerk_api):
    meeting = make_meeting(world.board, world.term)
    item = add_item(
        meeting,
        title="Land",
        exempt=True,
        exempt_paragraph=3,
        public_interest_reason="Negotiations.",
    )
    body = clerk_api.patch(f"/meetings/{meeting.uid}/items/{item.uid}", {"exempt": False}).json()
    assert (body["exempt"], body["exempt_paragraph"], body["public_interest_reason"]) == (
        False,
        None,
        "",
    )


def test_an_item_is_changed_through_the_models_rules(world, clerk_api):
    meeting = make_meeting(world.board, world.term)
    item = add_item(meeting, title="Update")
    path = f"/meetings/{meeting.uid}/items/{item.uid}"
    refused = clerk_api.patch(path, {"kind": "verbal_update"})
    assert refused.status_code == 422
    assert list(field_errors(refused)) == ["presenter"]
    done = clerk_api.patch(path, {"kind": "verbal_update", "presenter": "Jane Smith"})
    assert done.status_code == 200 and done.json()["presenter"] == "Jane Smith"


def test_the_clerk_reads_the_agenda_being_built_and_no_one_else(world, clerk_api, member_api):
    meeting = make_meeting(world.board, world.term)
    add_item(meeting, title="Land", exempt=True, exempt_paragraph=3, public_interest_reason="N.")
    path = f"/meetings/{meeting.uid}/items"
    [item] = clerk_api.get(path).json()
    assert item["public_interest_reason"] == "N." and item["exempt_paragraph"] == 3
    assert member_api.get(path).status_code == 403
    assert Api().get(path).status_code == 401


def test_an_item_of_another_meeting_is_not_found(world, clerk_api):
    meeting = make_meeting(world.board, world.term)
    other = make_meeting(world.board, world.term, meeting.date + dt.timedelta(days=1))
    item = add_item(other, title="Elsewhere")
    response = clerk_api.patch(f"/meetings/{meeting.uid}/items/{item.uid}", {"title": "Moved"})
    assert response.status_code == 404
