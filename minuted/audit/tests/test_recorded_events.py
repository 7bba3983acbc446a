"""Each audited event leaves an entry saying who did what, with a before/after summary."""

import datetime as dt

from django.http import HttpResponse
from django.utils import timezone

from minuted.audit.context import AuditContextMiddleware
from minuted.audit.models import AuditEntry
from minuted.audit.services import record
from minuted.governance.models import Membership
from minuted.governance.services import save_membership
from minuted.papers.publishing import publish_pack
from minuted.papers.tests.conftest import agenda  # noqa: F401
from minuted.record.editing import delete_action, save_decision
from minuted.record.models import Attendance, AttendanceStatus
from minuted.record.publishing import publish_minutes
from minuted.record.services import approve_minutes, release_decisions
from minuted.record.tests.test_minutes_document import recorded  # noqa: F401
from minuted.testing import make_meeting


def last(action):
    return AuditEntry.objects.filter(action=action).order_by("-id").first()


def test_publishing_and_republishing_a_pack_are_recorded_with_the_reason(world, agenda):  # noqa: F811
    publish_pack(agenda.meeting, world.clerk)
    publish_pack(agenda.meeting, world.clerk, reason="A late report added")
    first, again = last("pack.publish"), last("pack.republish")
    assert first.who == world.clerk and first.after["number"] == 1
    assert again.who_label == "clerk@example.org"
    assert again.summary == "A late report added"
    assert again.after == {
        "meeting": str(agenda.meeting.uid), "kind": "main", "number": 2,
        "reason": "A late report added",
    }  # fmt: skip


def test_publishing_approving_and_releasing_minutes_are_recorded(world, recorded):  # noqa: F811
    minutes, notices, approval = recorded
    publish_minutes(minutes, world.clerk)
    approve_minutes(minutes, approval)
    release_decisions(notices, approval, world.clerk)
    assert last("minutes.publish").who == world.clerk
    assert last("minutes.approve").after == {"approved_on": str(approval.meeting.date)}
    released = last("minutes.release")
    assert released.who == world.clerk
    assert released.after == {"released_on": str(approval.meeting.date)}
    # the release republished the minutes, with the release as the reason
    assert "released" in last("minutes.republish").summary


def test_an_edit_to_a_decision_records_the_text_before_and_after(world, recorded):  # noqa: F811
    _, notices, _ = recorded
    decision = notices.decisions.get()
    old_text = decision.text
    decision.text = "Members agreed the notices."
    save_decision(decision)
    entry = last("minutes.decision.save")
    assert entry.before == {"text": old_text}
    assert entry.after == {"text": "Members agreed the notices."}
    assert entry.object_uid == str(decision.uid)


def test_deleting_an_action_records_what_it_said(world, recorded):  # noqa: F811
    _, notices, _ = recorded
    delete_action(notices.actions.get())
    assert last("minutes.action.delete").before["text"] == "Officers to negotiate."


def test_a_membership_change_records_the_fields_that_changed(world):
    membership = Membership.objects.get(person__user=world.member)
    membership.end_date = timezone.localdate() + dt.timedelta(days=10)
    save_membership(membership)
    entry = last("membership.save")
    assert entry.before == {"end_date": None}
    assert entry.after == {"end_date": str(membership.end_date)}


def test_attendance_changed_after_the_meeting_is_recorded(world):
    held = make_meeting(world.board, world.term, timezone.localdate() - dt.timedelta(days=7))
    membership = Membership.objects.get(person__user=world.member)
    mark = Attendance.objects.create(
        meeting=held, membership=membership, status=AttendanceStatus.ABSENT
    )
    mark.status = AttendanceStatus.PRESENT
    mark.save()
    entry = last("attendance.change")
    assert entry.before == {"status": "absent"}
    assert entry.after == {"status": "present"}
    mark.delete()
    assert last("attendance.change").before["status"] == "present"


def test_attendance_taken_before_or_on_the_day_is_not_an_audited_change(world):
    coming = make_meeting(world.board, world.term)
    membership = Membership.objects.get(person__user=world.member)
    Attendance.objects.create(meeting=coming, membership=membership, status="apologies")
    assert not AuditEntry.objects.filter(action="attendance.change").exists()


def test_a_role_change_and_a_deactivation_are_recorded(world):
    officer = world.officer
    officer.role = "clerk"
    officer.save()
    assert last("user.change").before == {"role": "officer"}
    assert last("user.change").after == {"role": "clerk"}
    officer.is_active = False
    officer.save()
    entry = last("user.change")
    assert entry.summary == "Account deactivated"
    assert entry.after == {"is_active": False}


def test_a_name_change_is_not_a_role_change(world):
    before = AuditEntry.objects.filter(action="user.change").count()
    world.officer.first_name = "Olive"
    world.officer.save()
    assert AuditEntry.objects.filter(action="user.change").count() == before


def test_a_failed_sign_in_records_the_address_tried_and_where_from(client, world):
    response = client.post(
        "/sign-in/",
        {"username": "clerk@example.org", "password": "wrong"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 200  # the form again, with its error
    entry = last("auth.login_failed")
    assert entry.who is None
    assert entry.who_label == "clerk@example.org"
    assert entry.ip_address == "203.0.113.9"
    assert "wrong" not in str(entry.before) + str(entry.after) + entry.summary


def test_entries_made_during_a_request_name_its_user_and_address(rf, world):
    request = rf.post("/manage/anything", REMOTE_ADDR="198.51.100.7")
    request.user = world.clerk

    def view(request):
        record("test.event", summary="done in a view")  # a service not told who acts
        return HttpResponse()

    AuditContextMiddleware(view)(request)
    entry = last("test.event")
    assert entry.who == world.clerk
    assert entry.ip_address == "198.51.100.7"
