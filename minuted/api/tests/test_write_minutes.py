"""The clerk's writes to the minutes: decisions (numbered within their item, with recorded
votes) and actions, through minuted/record/editing.py; approval locks them (409)."""

from __future__ import annotations

import datetime as dt

import pytest

from minuted.api.tests.conftest import CONFIDENTIAL_DECISION, field_errors
from minuted.governance.models import Membership
from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item
from minuted.record.models import Action, Decision, Minutes
from minuted.record.services import approve_minutes
from minuted.testing import appoint, make_meeting, make_person


def decisions_path(published):
    return f"/meetings/{published.meeting.uid}/items/{published.public_item.uid}/decisions"


def test_the_clerk_adds_decisions_numbered_within_their_item(published, clerk_api):
    response = clerk_api.post(decisions_path(published), {"text": "Agree the offer."})
    assert response.status_code == 201
    body = response.json()
    assert body["number"] == "3.2"  # after the decision the fixture recorded
    assert body["item"] == str(published.public_item.uid)
    assert Decision.objects.get(uid=body["uid"]).text == "Agree the offer."


def test_a_blank_decision_is_refused_naming_the_text(published, clerk_api):
    response = clerk_api.post(decisions_path(published), {"text": ""})
    assert response.status_code == 422
    assert list(field_errors(response)) == ["text"]


def test_deleting_a_decision_closes_up_the_numbers(published, clerk_api):
    first = Decision.objects.get(item__agenda_item=published.public_item)
    second = clerk_api.post(decisions_path(published), {"text": "Agree the offer."}).json()
    assert clerk_api.delete(f"/decisions/{first.uid}").status_code == 204
    assert (
        clerk_api.patch(f"/decisions/{second['uid']}", {"text": "Agreed."}).json()["number"]
        == "3.1"
    )


def test_a_recorded_vote_counts_only_those_who_may_vote(world, published, clerk_api):
    decision = Decision.objects.get(item__agenda_item=published.public_item)
    present = Membership.objects.filter(board=world.board, term=world.term)
    votes = [{"membership": str(m.uid), "vote": "for"} for m in present]
    body = clerk_api.put(f"/decisions/{decision.uid}/vote", {"votes": votes}).json()
    assert body["recorded_vote"] and body["vote"].startswith("Carried")
    assert len(body["votes"]) == 2
    assert clerk_api.delete(f"/decisions/{decision.uid}/vote").json()["recorded_vote"] is False


def test_a_vote_by_a_member_not_present_is_refused_naming_it(world, published, clerk_api):
    decision = Decision.objects.get(item__agenda_item=published.public_item)
    present = list(Membership.objects.filter(board=world.board, term=world.term))
    absent = appoint(make_person(world.organisation), world.board, world.term, world.labour)
    votes = [{"membership": str(m.uid), "vote": "for"} for m in [*present, absent]]
    response = clerk_api.put(f"/decisions/{decision.uid}/vote", {"votes": votes})
    assert response.status_code == 422
    assert list(field_errors(response)) == ["votes.2.vote"]
    assert "not recorded in the attendance register" in field_errors(response)["votes.2.vote"]


def test_the_clerk_reads_the_minutes_with_what_is_kept_confidential(
    published, clerk_api, member_api
):
    path = f"/meetings/{published.meeting.uid}/minutes"
    body = clerk_api.get(path).json()
    assert [i["number"] for i in body["items"]] == ["1", "2", "3"]
    assert body["items"][1]["decisions_confidential"] is True
    assert body["items"][1]["decisions"][0]["text"] == CONFIDENTIAL_DECISION
    assert member_api.get(path).status_code == 403


def actions_path(published):
    return f"/meetings/{published.meeting.uid}/items/{published.public_item.uid}/actions"


def test_the_clerk_sets_an_action_with_its_owner_and_due_date(world, published, clerk_api):
    owner = world.member.person
    response = clerk_api.post(
        actions_path(published),
        {"text": "Write to councils.", "owner_person": str(owner.uid), "due_by_next_meeting": True},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["owner"] == owner.display_name and body["number"] == 2
    assert body["due"] is None  # no later meeting yet


def test_an_action_needs_an_owner(published, clerk_api):
    response = clerk_api.post(actions_path(published), {"text": "Write to councils."})
    assert response.status_code == 422
    assert field_errors(response) == {"owner_role": "Say who owns the action."}


def test_an_actions_owner_is_a_member_of_the_board(world, published, clerk_api):
    stranger = world.member_of_another_board.person
    response = clerk_api.post(
        actions_path(published), {"text": "Write.", "owner_person": str(stranger.uid)}
    )
    assert response.status_code == 422
    assert list(field_errors(response)) == ["owner_person"]


@pytest.fixture
def approved(world, published):
    later = make_meeting(world.board, world.term, published.meeting.date + dt.timedelta(days=30))
    at = add_item(later, title="Note of the last meeting", kind=AgendaItemKind.NOTE_OF_LAST_MEETING)
    approve_minutes(published.minutes, at)
    return published


def test_approved_minutes_refuse_every_change_to_their_decisions_with_409(approved, clerk_api):
    decision = Decision.objects.get(item__agenda_item=approved.public_item)
    refusals = [
        clerk_api.post(decisions_path(approved), {"text": "Another."}),
        clerk_api.patch(f"/decisions/{decision.uid}", {"text": "Changed."}),
        clerk_api.delete(f"/decisions/{decision.uid}"),
        clerk_api.delete(f"/decisions/{decision.uid}/vote"),
        clerk_api.post(actions_path(approved), {"text": "More.", "owner_role": "Officers"}),
    ]
    for response in refusals:
        assert response.status_code == 409
        assert "approved as a correct record" in response.json()["detail"]
    decision.refresh_from_db()
    assert decision.text == "Members noted the offer."


def test_an_action_of_approved_minutes_can_still_be_closed_but_not_changed(approved, clerk_api):
    action = Action.objects.get(item__agenda_item=approved.public_item)
    changed = clerk_api.patch(f"/actions/{action.uid}", {"text": "Something else."})
    assert changed.status_code == 409
    closed = clerk_api.patch(
        f"/actions/{action.uid}",
        {"done_on": approved.meeting.date.isoformat(), "closed_reference": "Reported in May."},
    )
    assert closed.status_code == 200
    assert closed.json()["done_on"] == approved.meeting.date.isoformat()
    assert clerk_api.delete(f"/actions/{action.uid}").status_code == 409


def test_only_the_boards_clerks_change_its_minutes(published, member_api, other_clerk_api):
    decision = Decision.objects.get(item__agenda_item=published.public_item)
    for refused in (member_api, other_clerk_api):
        assert refused.patch(f"/decisions/{decision.uid}", {"text": "X"}).status_code == 403
        assert refused.post(decisions_path(published), {"text": "X"}).status_code == 403


def test_a_refused_decision_leaves_no_minutes_behind(world, clerk_api):
    meeting = make_meeting(world.board, world.term)
    item = add_item(meeting, title="Welcome")
    response = clerk_api.post(f"/meetings/{meeting.uid}/items/{item.uid}/decisions", {"text": ""})
    assert response.status_code == 422
    assert not Minutes.objects.filter(meeting=meeting).exists()
