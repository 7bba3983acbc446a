"""The board's membership as at a day: grouped, ordered, with vacancies and its quorum."""

from __future__ import annotations

import datetime as dt

from minuted.governance.models import MembershipRole
from minuted.governance.services import as_at_day, current_term, roster
from minuted.testing import appoint, make_person


def test_vacancies_are_the_seats_a_group_has_not_filled(world):
    r = roster(world.board, world.term)
    labour = next(g for g in r.groups if g.group == world.labour)
    assert (labour.seats, len(labour.members), labour.vacancies) == (8, 0, 8)
    assert labour.group.group_label == "Labour Group"


def test_the_chair_is_listed_first_and_observers_after_members(world):
    observer = make_person(world.organisation, "Olive", "Observer")
    chair = make_person(world.organisation, "Carla", "Chair")
    appoint(observer, world.board, world.term, world.labour, MembershipRole.OBSERVER)
    plain = make_person(world.organisation, "Mo", "Member")
    appoint(plain, world.board, world.term, world.labour)
    appoint(chair, world.board, world.term, world.labour, MembershipRole.CHAIR)
    labour = next(g for g in roster(world.board, world.term).groups if g.group == world.labour)
    assert [m.person.given_name for m in labour.members] == ["Carla", "Mo", "Olive"]


def test_a_member_who_has_left_is_not_on_the_roster_after_leaving(world):
    leaver = make_person(world.organisation, "Lee", "Leaver")
    left = world.term.start_date + dt.timedelta(days=10)
    appoint(leaver, world.board, world.term, world.labour, end_date=left)
    before = roster(world.board, world.term, as_at=left)
    after = roster(world.board, world.term, as_at=left + dt.timedelta(days=1))
    assert leaver in [m.person for g in before.groups for m in g.members]
    assert leaver not in [m.person for g in after.groups for m in g.members]


def test_a_past_term_is_shown_as_at_its_last_day(world):
    assert as_at_day(world.last_term) == world.last_term.end_date


def test_the_current_term_is_the_one_holding_today(world):
    assert current_term(world.board) == world.term


def test_observers_count_towards_the_quorum_only_when_the_board_says_so(world):
    for _ in range(5):
        appoint(make_person(world.organisation), world.board, world.term, world.labour)
    appoint(
        make_person(world.organisation),
        world.board,
        world.term,
        world.labour,
        MembershipRole.OBSERVER,
    )
    # 6 voting: the world's member + 5; one observer.
    assert roster(world.board, world.term).quorum.membership_total == 6
    world.board.observers_count_towards_membership = True
    world.board.save()
    assert roster(world.board, world.term).quorum.membership_total == 7
