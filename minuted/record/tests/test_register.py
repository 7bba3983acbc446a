"""The register read through the rules: quorum at each item and attendance statistics,
shown on the person's public page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minuted.governance.models import Membership
from minuted.meetings.models import MeetingStatus
from minuted.meetings.services import add_item
from minuted.record.models import Attendance, AttendanceStatus, Declaration, InterestKind
from minuted.record.register import (
    person_statistics,
    quorum_at_items,
    register_problems,
    statistics,
)
from minuted.record.services import minutes_for
from minuted.testing import appoint, make_meeting, make_person


@pytest.fixture
def held(world):
    """A held meeting with 3 Conservative and 3 Labour members, quorum 2 of 6 + 2 groups."""
    meeting = make_meeting(world.board, world.term, status=MeetingStatus.HELD)
    for _ in range(2):
        appoint(make_person(world.organisation), world.board, world.term, world.conservative)
    for _ in range(3):
        appoint(make_person(world.organisation), world.board, world.term, world.labour)
    items = [add_item(meeting, title=t) for t in ("Welcome", "Planning", "Any other business")]
    return meeting, items


def mark(meeting, membership, status=AttendanceStatus.PRESENT, **fields):
    return Attendance.objects.create(
        meeting=meeting, membership=membership, status=status, **fields
    )


def test_quorum_is_shown_for_every_item_and_a_pecuniary_interest_takes_a_member_out(world, held):
    meeting, items = held
    members = list(Membership.objects.filter(board=world.board, term=world.term))
    con = [m for m in members if m.political_group == world.conservative][:1]
    lab = [m for m in members if m.political_group == world.labour][:1]
    for m in con + lab:
        mark(meeting, m)
    Declaration.objects.create(
        item=items[1],
        membership=con[0],
        kind=InterestKind.DISCLOSABLE_PECUNIARY,
        description="Owns the site",
        left_the_room=True,
    )
    rows = quorum_at_items(meeting)
    assert [r.number for r in rows] == ["1", "2", "3"]
    assert [r.quorum.result.quorate for r in rows] == [True, False, True]


def test_the_person_page_shows_the_attendance_rate(client, world, held):
    meeting, _ = held
    membership = Membership.objects.get(person__user=world.member, term=world.term)
    mark(meeting, membership)
    second = make_meeting(
        world.board, world.term, meeting.date.replace(day=1), status=MeetingStatus.HELD
    )
    mark(second, membership, AttendanceStatus.APOLOGIES)
    (board, term, stats) = person_statistics(membership.person)[0]
    assert (stats.expected, stats.present, stats.apologies, stats.rate_percent()) == (
        2,
        1,
        1,
        "50%",
    )
    page = client.get(reverse("person", args=[membership.person.slug])).content.decode()
    assert "Attendance rate" in page and "50%" in page


def test_a_register_with_a_substitute_for_a_member_also_present_is_reported(world, held):
    meeting, _ = held
    member = Membership.objects.get(person__user=world.member, term=world.term)
    substitute = appoint(
        make_person(world.organisation), world.board, world.term, world.conservative, "substitute"
    )
    mark(meeting, member)
    mark(meeting, substitute, AttendanceStatus.SUBSTITUTE, substitute_for=member)
    problems = register_problems(meeting)
    assert problems and any("present" in p for p in problems)


def test_an_unmarked_member_counts_as_absent_from_a_register_kept_in_minuted(world, held):
    meeting, _ = held
    member = Membership.objects.get(person__user=world.member, term=world.term)
    others = Membership.objects.filter(board=world.board, term=world.term).exclude(pk=member.pk)
    mark(meeting, others[0])
    stats = statistics(world.board, world.term)[member.person.display_name]
    assert (stats.expected, stats.absent) == (1, 1)


def test_an_unmarked_member_is_not_known_in_a_register_as_recorded_in_minutes(world, held):
    # Transcribed minutes list only who came and who sent apologies: a seat with no mark is
    # left out of that member's figures rather than counted absent.
    meeting, _ = held
    minutes = minutes_for(meeting)
    minutes.attendance_as_recorded = True
    minutes.save()
    member = Membership.objects.get(person__user=world.member, term=world.term)
    others = list(
        Membership.objects.filter(board=world.board, term=world.term).exclude(pk=member.pk)
    )
    mark(meeting, others[0])
    mark(meeting, others[1], AttendanceStatus.APOLOGIES)
    stats = statistics(world.board, world.term)
    assert member.person.display_name not in stats
    assert stats[others[0].person.display_name].rate_percent() == "100%"
    assert stats[others[1].person.display_name].apologies == 1
    assert person_statistics(member.person) == []
