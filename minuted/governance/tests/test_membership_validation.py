"""Membership rules: one chair, no overlaps, substitutes in a group, seats within allocation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from minuted.governance.models import Membership, MembershipRole
from minuted.testing import allocate, appoint, make_group, make_person


def people(world, n):
    return [make_person(world.organisation) for _ in range(n)]


def test_a_board_has_one_chair_at_a_time(world):
    first, second = people(world, 2)
    appoint(first, world.board, world.term, world.conservative, MembershipRole.CHAIR)
    with pytest.raises(ValidationError) as error:
        appoint(second, world.board, world.term, world.labour, MembershipRole.CHAIR)
    assert "already the chair" in error.value.message_dict["role"][0]
    # Nothing was saved for the refused chair.
    assert not Membership.objects.filter(person=second).exists()


def test_a_new_chair_may_follow_one_whose_term_in_the_chair_ended(world):
    first, second = people(world, 2)
    handover = world.term.start_date + dt.timedelta(days=30)
    appoint(
        first, world.board, world.term, world.conservative, MembershipRole.CHAIR, end_date=handover
    )
    appoint(
        second,
        world.board,
        world.term,
        world.labour,
        MembershipRole.CHAIR,
        start_date=handover + dt.timedelta(days=1),
    )
    assert Membership.objects.filter(role=MembershipRole.CHAIR).count() == 2


def test_a_person_cannot_hold_two_overlapping_memberships_of_one_board(world):
    (person,) = people(world, 1)
    appoint(person, world.board, world.term, world.conservative)
    with pytest.raises(ValidationError) as error:
        appoint(person, world.board, world.term, world.conservative, MembershipRole.SUBSTITUTE)
    assert "already has a membership" in error.value.message_dict["person"][0]


def test_a_person_may_sit_on_two_boards(world):
    (person,) = people(world, 1)
    appoint(person, world.board, world.term, world.conservative)
    appoint(person, world.other_board, world.term, world.conservative)
    assert person.memberships.count() == 2


def test_a_substitute_must_belong_to_a_political_group(world):
    (person,) = people(world, 1)
    with pytest.raises(ValidationError) as error:
        appoint(person, world.board, world.term, None, MembershipRole.SUBSTITUTE)
    assert error.value.message_dict["political_group"] == [
        "A substitute must belong to a political group."
    ]


def test_a_group_cannot_fill_more_seats_than_it_is_allocated(world):
    greens = make_group(world.organisation, "Green", 5)
    allocate(world.board, world.term, greens, 1)
    first, second = people(world, 2)
    appoint(first, world.board, world.term, greens)
    with pytest.raises(ValidationError) as error:
        appoint(second, world.board, world.term, greens)
    assert "holds 1 seats" in error.value.message_dict["political_group"][0]


def test_an_observer_of_a_group_fills_one_of_its_seats_but_a_substitute_does_not(world):
    greens = make_group(world.organisation, "Green", 5)
    allocate(world.board, world.term, greens, 1)
    observer, substitute, member = people(world, 3)
    appoint(substitute, world.board, world.term, greens, MembershipRole.SUBSTITUTE)
    appoint(observer, world.board, world.term, greens, MembershipRole.OBSERVER)
    with pytest.raises(ValidationError):
        appoint(member, world.board, world.term, greens)


def test_a_seat_freed_mid_term_can_be_filled(world):
    greens = make_group(world.organisation, "Green", 5)
    allocate(world.board, world.term, greens, 1)
    leaver, joiner = people(world, 2)
    leaving = world.term.start_date + dt.timedelta(days=60)
    appoint(leaver, world.board, world.term, greens, end_date=leaving)
    appoint(joiner, world.board, world.term, greens, start_date=leaving + dt.timedelta(days=1))
    assert Membership.objects.filter(political_group=greens).count() == 2


def test_a_group_without_an_allocation_has_no_seats(world):
    greens = make_group(world.organisation, "Green", 5)
    (person,) = people(world, 1)
    with pytest.raises(ValidationError) as error:
        appoint(person, world.board, world.term, greens)
    assert "has no seats allocated" in error.value.message_dict["political_group"][0]


def test_an_observer_has_no_vote(world):
    (person,) = people(world, 1)
    with pytest.raises(ValidationError) as error:
        appoint(
            person,
            world.board,
            world.term,
            world.labour,
            MembershipRole.OBSERVER,
            voting_right=True,
        )
    assert "voting_right" in error.value.message_dict


def test_an_independent_observer_may_represent_a_body_that_is_not_a_council(world):
    (person,) = people(world, 1)
    membership = Membership(
        person=person,
        board=world.board,
        term=world.term,
        role=MembershipRole.INDEPENDENT_OBSERVER,
        voting_right=False,
        represents="Energy Saving Trust",
    )
    membership.full_clean()  # no authority needed, no group needed


def test_a_membership_must_fall_within_its_term(world):
    (person,) = people(world, 1)
    with pytest.raises(ValidationError) as error:
        appoint(
            person,
            world.board,
            world.term,
            world.conservative,
            start_date=world.term.start_date - dt.timedelta(days=1),
        )
    assert "start_date" in error.value.message_dict


def test_a_member_needs_an_authority_or_a_body_they_represent(world):
    (person,) = people(world, 1)
    membership = Membership(
        person=person,
        board=world.board,
        term=world.term,
        political_group=world.labour,
        role=MembershipRole.MEMBER,
    )
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "authority" in error.value.message_dict
