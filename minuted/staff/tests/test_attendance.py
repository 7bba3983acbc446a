"""The attendance register: one form for every seat, checked row by row and as a whole, saved
all together or not at all; quorum at each item; officers and guests in attendance."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from minuted.governance.models import MembershipRole
from minuted.meetings.models import MeetingStatus
from minuted.record.models import Attendance, AttendanceStatus, OtherAttendee
from minuted.staff.tests.conftest import make_meeting
from minuted.testing import appoint, make_person


def url(meeting):
    return reverse("staff:attendance", kwargs={"meeting": meeting.uid})


def seat(world, group, role=MembershipRole.MEMBER):
    return appoint(make_person(world.organisation), world.board, world.term, group, role=role)


@pytest.fixture
def seats(world):
    """Three Conservative and three Labour members, and a substitute in each group (the
    member of the world is a fourth Conservative). Quorum: a third of 7 is 3, from 2 groups."""
    return {
        "con": [
            world.member.person.memberships.get(board=world.board),
            *(seat(world, world.conservative) for _ in range(3)),
        ],
        "lab": [seat(world, world.labour) for _ in range(3)],
        "con_sub": seat(world, world.conservative, MembershipRole.SUBSTITUTE),
        "lab_sub": seat(world, world.labour, MembershipRole.SUBSTITUTE),
    }


def form_data(meeting, marks=None):
    """The register as posted: every seat not recorded, except ``marks`` (membership →
    field values)."""
    data = {}
    for membership in meeting.board.memberships.filter(term=meeting.term):
        prefix = f"seat-{membership.uid}"
        data[f"{prefix}-status"] = ""
        data[f"{prefix}-arrived_at"] = ""
        data[f"{prefix}-left_after"] = ""
        if membership.role == MembershipRole.SUBSTITUTE:
            data[f"{prefix}-substitute_for"] = ""
    for membership, fields in (marks or {}).items():
        for name, value in fields.items():
            data[f"seat-{membership.uid}-{name}"] = value
    return data


# --- Who may ---------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_sign_in(client, world, meeting):
    assert client.get(url(meeting))["Location"].startswith("/sign-in/")


@pytest.mark.parametrize("who", ["clerk", "administrator"])
def test_the_clerk_and_an_administrator_may_keep_the_register(signed_in, world, meeting, who):
    assert signed_in(getattr(world, who)).get(url(meeting)).status_code == 200


@pytest.mark.parametrize("who", ["clerk_of_another_board", "member", "officer"])
def test_others_may_not(signed_in, world, meeting, who):
    client = signed_in(getattr(world, who))
    assert client.get(url(meeting)).status_code == 403
    assert client.post(url(meeting), form_data(meeting)).status_code == 403
    other = reverse("staff:attendance-other-add", kwargs={"meeting": meeting.uid})
    assert client.post(other, {"other-name": "A", "other-kind": "guest"}).status_code == 403


# --- The form --------------------------------------------------------------------------------


def test_every_seat_has_a_labelled_row_in_group_order(signed_in, world, meeting, agenda, seats):
    response = signed_in(world.clerk).get(url(meeting))
    page = response.content.decode()
    assert page.index("Conservative group") < page.index("Labour group")
    con_sub, lab = seats["con_sub"], seats["lab"][0]
    assert page.index(con_sub.person.display_name) < page.index("Labour group")
    assert page.index("Labour group") < page.index(lab.person.display_name)
    name = lab.person.display_name
    assert f'for="id_seat-{lab.uid}-status">Attendance of {name}</label>' in page
    # Only substitutes say whose place they take, and only members of their own group.
    assert f'id="id_seat-{lab.uid}-substitute_for"' not in page
    form = next(f for f in response.context["register"].forms if f.membership == con_sub)
    offered = [label for value, label in form.fields["substitute_for"].choices if value]
    assert offered == [m.person.display_name for m in seats["con"]]
    assert "1 Welcome, apologies and declarations of interest" in page


def test_saving_a_register(signed_in, world, meeting, agenda, seats):
    con, lab = seats["con"], seats["lab"]
    marks = {
        con[0]: {"status": AttendanceStatus.APOLOGIES, "substitute_sent": "on"},
        seats["con_sub"]: {"status": AttendanceStatus.SUBSTITUTE, "substitute_for": con[0].uid},
        con[1]: {"status": AttendanceStatus.PRESENT, "left_after": agenda[2].uid},
        lab[0]: {"status": AttendanceStatus.PRESENT, "arrived_at": agenda[1].uid},
        lab[1]: {"status": AttendanceStatus.ABSENT},
    }
    response = signed_in(world.clerk).post(url(meeting), form_data(meeting, marks))
    assert response.status_code == 302
    saved = {a.membership: a for a in Attendance.objects.filter(meeting=meeting)}
    assert {m: a.status for m, a in saved.items()} == {m: f["status"] for m, f in marks.items()}
    assert saved[con[0]].substitute_sent
    assert saved[seats["con_sub"]].substitute_for == con[0]
    assert saved[con[1]].left_after == agenda[2]
    assert saved[lab[0]].arrived_at == agenda[1]
    page = signed_in(world.clerk).get(url(meeting)).content.decode()
    assert "The register is saved." in page
    assert f'<option value="{con[0].uid}" selected>' in page

    # Clearing a status takes the seat off the register.
    marks[lab[1]] = {"status": ""}
    signed_in(world.clerk).post(url(meeting), form_data(meeting, marks))
    assert not Attendance.objects.filter(meeting=meeting, membership=lab[1]).exists()


def test_a_substitute_for_a_member_of_another_group_is_refused(
    signed_in, world, meeting, agenda, seats
):
    lab, con_sub = seats["lab"], seats["con_sub"]
    marks = {
        seats["con"][1]: {"status": AttendanceStatus.PRESENT},
        lab[0]: {"status": AttendanceStatus.APOLOGIES, "substitute_sent": "on"},
        con_sub: {"status": AttendanceStatus.SUBSTITUTE, "substitute_for": lab[0].uid},
    }
    response = signed_in(world.clerk).post(url(meeting), form_data(meeting, marks))
    assert response.status_code == 400
    page = response.content.decode()
    message = "Choose a member of the substitute&#x27;s own political group."
    assert "There is a problem" in page
    assert f'href="#id_seat-{con_sub.uid}-substitute_for">{message}' in page
    assert f'id="id_seat-{con_sub.uid}-substitute_for-error"' in page
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_the_register_is_checked_as_a_whole_and_nothing_is_saved(
    signed_in, world, meeting, agenda, seats
):
    con = seats["con"]
    marks = {
        con[0]: {"status": AttendanceStatus.PRESENT},
        seats["con_sub"]: {"status": AttendanceStatus.SUBSTITUTE, "substitute_for": con[0].uid},
    }
    response = signed_in(world.clerk).post(url(meeting), form_data(meeting, marks))
    assert response.status_code == 400
    assert response.context["register"].problems
    assert f"#id_seat-{con[0].uid}-status" in [e["href"] for e in response.context["errors"]]
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_a_row_is_checked_by_the_model(signed_in, world, meeting, agenda, seats):
    member = seats["lab"][0]
    marks = {member: {"status": AttendanceStatus.PRESENT, "substitute_sent": "on"}}
    response = signed_in(world.clerk).post(url(meeting), form_data(meeting, marks))
    assert response.status_code == 400
    assert "A substitute is sent only with apologies." in response.content.decode()
    assert not Attendance.objects.filter(meeting=meeting).exists()


# --- Quorum ----------------------------------------------------------------------------------


def test_quorum_at_each_item(signed_in, world, meeting, agenda, seats):
    client = signed_in(world.clerk)
    con, lab = seats["con"], seats["lab"]
    present = {"status": AttendanceStatus.PRESENT}
    client.post(url(meeting), form_data(meeting, {con[0]: present, lab[0]: present}))
    page = client.get(url(meeting)).content.decode()
    assert page.count("Not quorate") == len(agenda)
    assert "2 counted members present; 3 needed" in page

    client.post(
        url(meeting), form_data(meeting, {con[0]: present, con[1]: present, lab[0]: present})
    )
    page = client.get(url(meeting)).content.decode()
    assert "Not quorate" not in page
    assert page.count(">Quorate<") == len(agenda)


def test_quorum_needs_two_groups(signed_in, world, meeting, agenda, seats):
    client = signed_in(world.clerk)
    present = {"status": AttendanceStatus.PRESENT}
    client.post(url(meeting), form_data(meeting, {m: present for m in seats["con"]}))
    assert client.get(url(meeting)).content.decode().count("Not quorate") == len(agenda)


# --- Officers and guests ---------------------------------------------------------------------


def test_adding_an_officer_in_attendance(signed_in, world, meeting):
    client = signed_in(world.clerk)
    add = reverse("staff:attendance-other-add", kwargs={"meeting": meeting.uid})
    data = {"other-name": "Jane Smith", "other-role": "Head of Policy", "other-kind": "officer"}
    assert client.post(add, data).status_code == 302
    other = OtherAttendee.objects.get(meeting=meeting)
    assert (other.name, other.role, other.kind) == ("Jane Smith", "Head of Policy", "officer")
    assert "Jane Smith, Head of Policy (officer)" in client.get(url(meeting)).content.decode()

    response = client.post(add, {"other-name": "", "other-kind": "guest"})
    assert response.status_code == 400
    assert 'href="#id_other-name"' in response.content.decode()


# --- Cost ------------------------------------------------------------------------------------


def test_the_page_costs_a_bounded_number_of_queries(
    signed_in, world, meeting, agenda, django_assert_max_num_queries
):
    for group in (world.conservative, world.labour):
        for _ in range(8 if group == world.labour else 7):
            seat(world, group)
        for _ in range(2):
            seat(world, group, MembershipRole.SUBSTITUTE)
    client = signed_in(world.clerk)
    members = list(meeting.board.memberships.filter(term=meeting.term))
    assert len(members) == 20
    present = {"status": AttendanceStatus.PRESENT}
    voting = [m for m in members if m.role == MembershipRole.MEMBER]
    client.post(url(meeting), form_data(meeting, {m: present for m in voting[:10]}))
    assert Attendance.objects.filter(meeting=meeting).count() == 10
    with django_assert_max_num_queries(40):
        response = client.get(url(meeting))
    assert response.status_code == 200


# --- A register taken on the day records that the meeting was held --------------------------


@pytest.mark.parametrize(
    ("days_ago", "status", "becomes"),
    [
        (0, MeetingStatus.CONFIRMED, MeetingStatus.HELD),  # taken on the day
        (3, MeetingStatus.SCHEDULED, MeetingStatus.HELD),  # written up afterwards
        (-3, MeetingStatus.SCHEDULED, MeetingStatus.SCHEDULED),  # apologies ahead of it
        (3, MeetingStatus.CANCELLED, MeetingStatus.CANCELLED),
    ],
)
def test_a_register_with_someone_present_marks_the_meeting_held(
    signed_in, world, seats, days_ago, status, becomes
):
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    meeting = make_meeting(world.board, world.term, day, status=status)
    marks = {seats["con"][0]: {"status": AttendanceStatus.PRESENT}}
    assert signed_in(world.clerk).post(url(meeting), form_data(meeting, marks)).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == becomes


def test_a_register_of_apologies_alone_does_not_mark_the_meeting_held(signed_in, world, seats):
    meeting = make_meeting(world.board, world.term, timezone.localdate())
    marks = {seats["con"][0]: {"status": AttendanceStatus.APOLOGIES}}
    signed_in(world.clerk).post(url(meeting), form_data(meeting, marks))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED


def test_members_as_recorded_in_minutes_are_listed_apart_and_not_offered_to_the_clerk(
    signed_in, world, meeting
):
    OtherAttendee.objects.create(
        meeting=meeting,
        kind=OtherAttendee.Kind.MEMBER,
        name="Cllr Ron Woodley",
        role="Deputy-chairman, Southend-on-Sea Borough Council",
    )
    page = signed_in(world.clerk).get(url(meeting)).content.decode()
    recorded = page.split('id="as-recorded"')[1].split('id="quorum"')[0]
    assert "Cllr Ron Woodley, Deputy-chairman" in recorded
    assert "Cllr Ron Woodley" not in page.split('id="others"')[1]
    assert 'value="member"' not in page
    response = signed_in(world.clerk).post(
        reverse("staff:attendance-other-add", args=[meeting.uid]),
        {"other-name": "Someone", "other-role": "", "other-kind": "member"},
    )
    assert response.status_code == 400
    assert OtherAttendee.objects.filter(meeting=meeting).count() == 1


def test_once_the_minutes_are_approved_the_register_is_locked(signed_in, world, seats):
    from minuted.meetings.models import AgendaItemKind
    from minuted.meetings.services import add_item
    from minuted.record.models import LockedError
    from minuted.record.services import approve_minutes, minutes_for

    meeting = make_meeting(world.board, world.term, timezone.localdate() - dt.timedelta(days=9))
    add_item(meeting, title="Welcome", today=meeting.date - dt.timedelta(days=30))
    marks = {seats["con"][0]: {"status": AttendanceStatus.PRESENT}}
    signed_in(world.clerk).post(url(meeting), form_data(meeting, marks))
    later = make_meeting(world.board, world.term, timezone.localdate() + dt.timedelta(days=20))
    note = add_item(
        later, title="Note of the last meeting", kind=AgendaItemKind.NOTE_OF_LAST_MEETING
    )
    approve_minutes(minutes_for(meeting), note)

    page = signed_in(world.clerk).get(url(meeting)).content.decode()
    assert 'id="locked"' in page
    marks = {seats["con"][0]: {"status": AttendanceStatus.ABSENT}}
    response = signed_in(world.clerk).post(url(meeting), form_data(meeting, marks))
    assert response.status_code == 409
    mark = Attendance.objects.get(meeting=meeting, membership=seats["con"][0])
    assert mark.status == AttendanceStatus.PRESENT
    other = signed_in(world.clerk).post(
        reverse("staff:attendance-other-add", args=[meeting.uid]),
        {"other-name": "A late guest", "other-role": "", "other-kind": "guest"},
    )
    assert other.status_code == 409
    # Below the screen, the model refuses too.
    mark.status = AttendanceStatus.ABSENT
    with pytest.raises(LockedError):
        mark.save()
    with pytest.raises(LockedError):
        OtherAttendee.objects.create(meeting=meeting, name="Someone")
