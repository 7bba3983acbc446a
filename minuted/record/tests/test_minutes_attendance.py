"""The attendance list of the minutes: members present (observers and substitutes named as
such, then members as recorded in transcribed minutes), apologies, and officers and guests in
attendance."""

from __future__ import annotations

import pytest

from minuted.governance.models import Membership
from minuted.meetings.services import add_item
from minuted.papers.models import PackEdition
from minuted.record.documents import minutes_document
from minuted.record.models import Attendance, AttendanceStatus, OtherAttendee
from minuted.record.services import minutes_for
from minuted.testing import appoint, make_meeting, make_person


@pytest.fixture
def meeting(world):
    meeting = make_meeting(world.board, world.term)
    add_item(meeting, title="Welcome")
    return meeting


def test_members_as_recorded_are_listed_as_present_not_in_attendance(world, meeting):
    OtherAttendee.objects.create(
        meeting=meeting,
        kind=OtherAttendee.Kind.MEMBER,
        name="Cllr Ron Woodley",
        role="Deputy-chairman, Southend-on-Sea Borough Council",
    )
    OtherAttendee.objects.create(meeting=meeting, name="Dennis Skinner", role="Head of Improvement")
    document = minutes_document(minutes_for(meeting), PackEdition.PUBLIC)
    assert document["present"] == [
        "Cllr Ron Woodley, Deputy-chairman, Southend-on-Sea Borough Council"
    ]
    assert document["in_attendance"] == ["Dennis Skinner, Head of Improvement"]


def test_an_observer_who_attended_is_listed_as_present_and_as_an_observer(world, meeting):
    observer = appoint(make_person(world.organisation), world.board, world.term, None, "observer")
    Attendance.objects.create(
        meeting=meeting, membership=observer, status=AttendanceStatus.OBSERVER
    )
    member = Membership.objects.get(person__user=world.member, term=world.term)
    Attendance.objects.create(meeting=meeting, membership=member, status=AttendanceStatus.PRESENT)
    document = minutes_document(minutes_for(meeting), PackEdition.PUBLIC)
    assert sorted(document["present"]) == sorted(
        [member.person.display_name, f"{observer.person.display_name} (observer)"]
    )
