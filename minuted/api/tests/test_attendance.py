"""The attendance register: public once the meeting is held; kept by the clerk, all of a
change or none of it, checked by the register's rules."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from minuted.api.tests.conftest import field_errors
from minuted.governance.models import Membership, MembershipRole
from minuted.meetings.services import add_item
from minuted.record.models import Attendance, OtherAttendee
from minuted.testing import appoint, make_meeting, make_person


def test_the_register_of_a_held_meeting_is_public(published, anonymous):
    OtherAttendee.objects.create(meeting=published.meeting, name="Jane Officer", role="Adviser")
    body = anonymous.get(f"/meetings/{published.meeting.uid}/attendance").json()
    assert body["held"] is True
    assert [m["status"] for m in body["members"]] == ["present", "present"]
    assert {m["political_group"]["name"] for m in body["members"]} == {"Conservative", "Labour"}
    assert body["others"][0]["name"] == "Jane Officer"


def test_the_register_is_not_public_before_the_meeting_is_held(world, anonymous):
    meeting = make_meeting(world.board, world.term)
    member = Membership.objects.get(person__user=world.member, term=world.term)
    Attendance.objects.create(meeting=meeting, membership=member, status="apologies")
    body = anonymous.get(f"/meetings/{meeting.uid}/attendance").json()
    assert body["held"] is False and body["members"] == [] and body["others"] == []


def yesterdays_meeting(world):
    meeting = make_meeting(world.board, world.term, timezone.localdate() - dt.timedelta(days=1))
    member = Membership.objects.get(person__user=world.member, term=world.term)
    return meeting, member


def test_the_clerk_marks_the_register_and_the_meeting_is_held(world, clerk_api):
    meeting, member = yesterdays_meeting(world)
    response = clerk_api.patch(
        f"/meetings/{meeting.uid}/attendance",
        {"marks": [{"membership": str(member.uid), "status": "present"}]},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["held"] is True  # someone was present, on or after the day
    assert [(m["membership"], m["status"]) for m in body["members"]] == [
        (str(member.uid), "present")
    ]


def test_arrivals_are_given_by_agenda_item(world, clerk_api):
    meeting, member = yesterdays_meeting(world)
    add_item(meeting, title="Welcome", urgency_reason="Transcribed.")
    second = add_item(meeting, title="Finance", urgency_reason="Transcribed.")
    mark = {"membership": str(member.uid), "status": "present", "arrived_at": str(second.uid)}
    body = clerk_api.patch(f"/meetings/{meeting.uid}/attendance", {"marks": [mark]}).json()
    assert body["members"][0]["arrived_at"] == "2"


def test_a_mark_is_taken_away_with_null(world, clerk_api):
    meeting, member = yesterdays_meeting(world)
    Attendance.objects.create(meeting=meeting, membership=member, status="absent")
    response = clerk_api.patch(
        f"/meetings/{meeting.uid}/attendance",
        {"marks": [{"membership": str(member.uid), "status": None}]},
    )
    assert response.status_code == 200 and response.json()["members"] == []
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_a_register_the_rules_refuse_is_not_saved_at_all(world, clerk_api):
    meeting, member = yesterdays_meeting(world)
    substitute = appoint(
        make_person(world.organisation),
        world.board,
        world.term,
        world.conservative,
        role=MembershipRole.SUBSTITUTE,
    )
    marks = [
        {"membership": str(member.uid), "status": "present"},
        # The member replaced must have sent apologies, not be present.
        {
            "membership": str(substitute.uid),
            "status": "substitute",
            "substitute_for": str(member.uid),
        },
    ]
    response = clerk_api.patch(f"/meetings/{meeting.uid}/attendance", {"marks": marks})
    assert response.status_code == 422
    assert "marks" in field_errors(response)
    assert not Attendance.objects.filter(meeting=meeting).exists()  # not even the first mark
    meeting.refresh_from_db()
    assert meeting.status == "scheduled"


def test_a_mark_for_someone_not_on_the_board_is_refused_naming_it(world, clerk_api):
    meeting, member = yesterdays_meeting(world)
    outsider = Membership.objects.get(person__user=world.member_of_another_board)
    marks = [
        {"membership": str(member.uid), "status": "present"},
        {"membership": str(outsider.uid), "status": "present"},
    ]
    response = clerk_api.patch(f"/meetings/{meeting.uid}/attendance", {"marks": marks})
    assert response.status_code == 422
    assert list(field_errors(response)) == ["marks.1.membership"]
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_a_models_rule_on_a_mark_names_the_mark_and_field(world, clerk_api):
    meeting, member = yesterdays_meeting(world)
    mark = {"membership": str(member.uid), "status": "present", "substitute_sent": True}
    response = clerk_api.patch(f"/meetings/{meeting.uid}/attendance", {"marks": [mark]})
    assert response.status_code == 422
    assert field_errors(response) == {
        "marks.0.substitute_sent": "A substitute is sent only with apologies."
    }


def test_an_unknown_status_is_a_400_naming_the_mark(world, clerk_api):
    meeting, member = yesterdays_meeting(world)
    mark = {"membership": str(member.uid), "status": "asleep"}
    response = clerk_api.patch(f"/meetings/{meeting.uid}/attendance", {"marks": [mark]})
    assert response.status_code == 400
    assert list(field_errors(response)) == ["marks.0.status"]


def test_officers_and_guests_in_attendance_are_added_and_removed(world, clerk_api, member_api):
    meeting, _ = yesterdays_meeting(world)
    path = f"/meetings/{meeting.uid}/attendance/others"
    added = clerk_api.post(path, {"name": "Jane Officer", "role": "Adviser"})
    assert added.status_code == 201 and added.json()["kind"] == "officer"
    uid = added.json()["uid"]
    assert member_api.delete(f"{path}/{uid}").status_code == 403
    assert clerk_api.delete(f"{path}/{uid}").status_code == 204
    assert not OtherAttendee.objects.filter(meeting=meeting).exists()


def test_only_the_boards_clerks_keep_its_register(world, member_api, other_clerk_api):
    meeting, member = yesterdays_meeting(world)
    body = {"marks": [{"membership": str(member.uid), "status": "present"}]}
    for refused in (member_api, other_clerk_api):
        assert refused.patch(f"/meetings/{meeting.uid}/attendance", body).status_code == 403
    assert not Attendance.objects.exists()
