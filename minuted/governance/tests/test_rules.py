"""Tests for the pure governance rules (domain-rules.md §3 Quorum, §4 Political balance)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minuted.governance.rules import (
    UNGROUPED,
    Attendee,
    QuorumRequirement,
    QuorumRule,
    SeatAllocation,
    allocate_seats,
    check_quorum,
    quorum_required,
)

# --------------------------------------------------------------------------------------------
# §3 Quorum
# --------------------------------------------------------------------------------------------

# Example pack: 22 places, groups 8 + 8 + 3 + 3 including 4 observers -> 18 voting members.
EXAMPLE_VOTING_MEMBERS = 18
EXAMPLE_OBSERVERS = 4


def example_requirement() -> QuorumRequirement:
    return quorum_required(QuorumRule(), EXAMPLE_VOTING_MEMBERS, EXAMPLE_OBSERVERS)


def members(group: str, count: int, start: int = 0) -> list[Attendee]:
    return [
        Attendee(key=f"{group}-{i}", political_group=group) for i in range(start, start + count)
    ]


def test_one_third_of_eighteen_voting_members_is_six() -> None:
    requirement = example_requirement()

    assert requirement.membership_total == 18
    assert requirement.required == 6
    assert requirement.minimum_groups == 2
    assert (
        requirement.explanation
        == "one third of 18 voting members is 6; at least 2 political groups"
    )
    assert requirement.summary() == "6 of 18 voting members, from at least 2 political groups"


def test_the_fraction_is_rounded_up_with_integer_arithmetic() -> None:
    requirement = quorum_required(QuorumRule(), 20)

    assert requirement.required == 7
    assert requirement.explanation.startswith("one third of 20 voting members is 7 (rounded up)")


def test_observers_count_towards_the_membership_only_when_the_setting_is_on() -> None:
    requirement = quorum_required(QuorumRule(observers_count=True), 18, 4)

    assert requirement.membership_total == 22
    assert requirement.required == 8
    assert (
        "one third of 22 members including observers is 8 (rounded up)" in requirement.explanation
    )
    assert requirement.summary() == (
        "8 of 22 members including observers, from at least 2 political groups"
    )


@pytest.mark.parametrize(
    ("numerator", "denominator", "words"),
    [(1, 4, "one quarter"), (1, 2, "one half"), (2, 5, "2/5"), (2, 6, "one third")],
)
def test_the_fraction_is_named_in_words(numerator: int, denominator: int, words: str) -> None:
    rule = QuorumRule(numerator=numerator, denominator=denominator)

    requirement = quorum_required(rule, 40)

    assert requirement.explanation.startswith(f"{words} of 40 voting members is ")


def test_one_quarter_of_forty_one_is_eleven() -> None:
    requirement = quorum_required(QuorumRule(numerator=1, denominator=4), 41)

    assert requirement.required == 11


def test_a_minimum_head_count_raises_the_quorum_and_says_so() -> None:
    requirement = quorum_required(QuorumRule(minimum_headcount=8), 18)

    assert requirement.required == 8
    assert "one third of 18 voting members is 6" in requirement.explanation
    assert "the minimum head count of 8 applies, so 8 are needed" in requirement.explanation


def test_a_minimum_head_count_below_the_fraction_changes_nothing() -> None:
    requirement = quorum_required(QuorumRule(minimum_headcount=3), 18)

    assert requirement.required == 6
    assert "minimum head count" not in requirement.explanation


def test_a_board_with_no_members_needs_nobody() -> None:
    requirement = quorum_required(QuorumRule(minimum_groups=0), 0)

    assert requirement.required == 0
    assert requirement.summary() == "0 of 0 voting members"


@pytest.mark.parametrize(
    ("rule", "voting", "observers", "message"),
    [
        (QuorumRule(denominator=0), 18, 0, "denominator must be positive"),
        (QuorumRule(numerator=0), 18, 0, "more than nothing"),
        (QuorumRule(numerator=4, denominator=3), 18, 0, "at most the whole membership"),
        (QuorumRule(minimum_headcount=-1), 18, 0, "head count cannot be negative"),
        (QuorumRule(minimum_groups=-1), 18, 0, "political groups cannot be negative"),
        (QuorumRule(), -1, 0, "voting members cannot be negative"),
        (QuorumRule(), 18, -1, "observers cannot be negative"),
    ],
)
def test_an_impossible_rule_or_count_is_rejected(
    rule: QuorumRule, voting: int, observers: int, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        quorum_required(rule, voting, observers)


def test_it_is_quorate_with_six_members_from_two_groups() -> None:
    attendees = members("Labour", 3) + members("Conservative", 3)

    result = check_quorum(example_requirement(), attendees)

    assert result.quorate
    assert result.present == 6
    assert result.groups_present == ("Conservative", "Labour")
    assert result.reasons == ("6 of 6 needed present, from 2 groups (Conservative, Labour)",)


def test_it_is_not_quorate_with_members_of_one_group_only() -> None:
    result = check_quorum(example_requirement(), members("Labour", 6))

    assert not result.quorate
    assert result.present == 6
    assert result.groups_present == ("Labour",)
    assert result.reasons == (
        "counted members present from 1 group (Labour); at least 2 political groups needed",
    )


def test_it_is_not_quorate_with_five_members_from_two_groups() -> None:
    attendees = members("Labour", 3) + members("Plaid Cymru", 2)

    result = check_quorum(example_requirement(), attendees)

    assert not result.quorate
    assert result.present == 5
    assert result.reasons == ("5 counted members present; 6 needed",)


def test_observers_present_do_not_count() -> None:
    observers = [
        Attendee(key=f"observer-{i}", political_group="Labour", counts=False) for i in range(4)
    ]
    attendees = members("Labour", 3) + members("Conservative", 2) + observers

    result = check_quorum(example_requirement(), attendees)

    assert not result.quorate
    assert result.present == 5
    assert "4 attendees not counted (observers, or members who left for an interest)" in (
        result.reasons
    )


def test_the_same_person_listed_twice_is_counted_once() -> None:
    attendees = members("Labour", 3) + members("Conservative", 2) + members("Labour", 1)

    result = check_quorum(example_requirement(), attendees)

    assert not result.quorate
    assert result.present == 5


def test_a_member_who_left_for_an_interest_does_not_count_for_that_item() -> None:
    attendees = members("Labour", 3) + members("Conservative", 3)
    left = Attendee(key="Labour-0", political_group="Labour", counts=False)

    result = check_quorum(example_requirement(), [*attendees, left])

    assert not result.quorate
    assert result.present == 5


def test_members_in_no_group_count_for_head_count_but_not_as_a_group() -> None:
    independents = [Attendee(key=f"independent-{i}", political_group=None) for i in range(5)]

    result = check_quorum(example_requirement(), [*members("Labour", 1), *independents])

    assert not result.quorate
    assert result.present == 6
    assert result.groups_present == ("Labour",)


def test_both_failures_are_reported() -> None:
    result = check_quorum(example_requirement(), members("Labour", 2))

    assert result.reasons == (
        "2 counted members present; 6 needed",
        "counted members present from 1 group (Labour); at least 2 political groups needed",
    )


def test_attendees_may_be_any_iterable() -> None:
    attendees = iter(members("Labour", 3) + members("Conservative", 3))

    assert check_quorum(example_requirement(), attendees).quorate


# --------------------------------------------------------------------------------------------
# §4 Political balance of seats
# --------------------------------------------------------------------------------------------

EXAMPLE_GROUPS = {"A": 36, "B": 15, "C": 6}
EXAMPLE_COMMITTEES = {"Planning": 12, "General Purposes": 10, "Audit": 8, "Scrutiny": 7}


def example_allocation() -> SeatAllocation:
    return allocate_seats(EXAMPLE_GROUPS, 3, EXAMPLE_COMMITTEES)


def test_the_worked_example_gives_the_proportional_totals() -> None:
    allocation = example_allocation()

    assert allocation.group_totals == {"A": 22, "B": 9, "C": 4, UNGROUPED: 2}
    assert allocation.majority_group == "A"


def test_the_majority_group_holds_a_majority_of_every_committee_in_the_worked_example() -> None:
    allocation = example_allocation()

    assert [allocation.seats[name]["A"] for name in EXAMPLE_COMMITTEES] == [7, 6, 5, 4]
    for name, size in EXAMPLE_COMMITTEES.items():
        assert sum(allocation.seats[name].values()) == size


def test_the_worked_example_reproduces_the_documented_allocation() -> None:
    allocation = example_allocation()

    assert allocation.seats == {
        "Planning": {"A": 7, "B": 3, "C": 1, UNGROUPED: 1},
        "General Purposes": {"A": 6, "B": 2, "C": 1, UNGROUPED: 1},
        "Audit": {"A": 5, "B": 2, "C": 1, UNGROUPED: 0},
        "Scrutiny": {"A": 4, "B": 2, "C": 1, UNGROUPED: 0},
    }
    assert list(allocation.seats) == list(EXAMPLE_COMMITTEES)


def test_the_reasons_explain_each_principle_in_words() -> None:
    reasons = example_allocation().reasons

    assert any("A 22.2 -> 22, B 9.25 -> 9, C 3.7 -> 4" in reason for reason in reasons)
    assert "(c) The 2 seats left over go to the 3 members in no group." in reasons
    assert any(
        reason.startswith("(b) A has a majority of the council (36 of 60)") for reason in reasons
    )
    assert any(reason.startswith("(a) ") for reason in reasons)
    assert any(reason.startswith("(d) ") for reason in reasons)


def test_majority_wins_over_proportionality_when_they_clash() -> None:
    # A has 11 of 21 (52%): 52% of 3 x 3 seats is 4.7 -> 5, but a majority of each needs 6.
    allocation = allocate_seats({"A": 11, "B": 10}, 0, {"X": 3, "Y": 3, "Z": 3})

    assert allocation.group_totals == {"A": 6, "B": 3, UNGROUPED: 0}
    assert all(allocation.seats[name]["A"] == 2 for name in ("X", "Y", "Z"))
    assert any(reason.startswith("(b) wins over (c)") for reason in allocation.reasons)


def test_no_group_gets_every_seat_even_when_proportion_would_give_it() -> None:
    # 80 of 81 members: proportion alone would give the big group all 15 seats.
    allocation = allocate_seats({"Big": 80}, 1, {"X": 5, "Y": 5, "Z": 5})

    assert allocation.group_totals == {"Big": 12, UNGROUPED: 3}
    assert all(allocation.seats[name][UNGROUPED] == 1 for name in ("X", "Y", "Z"))
    assert any(reason.startswith("(a) wins over (c)") for reason in allocation.reasons)


def test_a_committee_of_two_is_shared_even_with_a_majority_group() -> None:
    allocation = allocate_seats({"A": 30, "B": 10}, 0, {"Pair": 2, "Big": 9})

    assert allocation.seats["Pair"] == {"A": 1, "B": 1, UNGROUPED: 0}
    assert allocation.seats["Big"]["A"] >= 5


def test_committee_shares_stretch_only_as_far_as_the_majority_rule_needs() -> None:
    # B (2 of 3) must hold each single seat, so it cannot also have its full 6 of the 9.
    committees = {"One": 1, "Two": 1, "Three": 1, "Board": 9}

    allocation = allocate_seats({"A": 1, "B": 2}, 0, committees)

    assert allocation.group_totals == {"A": 4, "B": 8, UNGROUPED: 0}
    assert [allocation.seats[name]["B"] for name in committees] == [1, 1, 1, 5]
    assert "the furthest is 1 seats from its share" in allocation.reasons[-1]


def test_rounding_that_overshoots_takes_back_from_the_smallest_remainder() -> None:
    # Exact shares 1.5, 1.5 and 1.0 of 4 seats: both halves round up to 5, one comes back.
    allocation = allocate_seats({"A": 3, "B": 3, "C": 2}, 0, {"X": 4})

    assert sum(allocation.group_totals.values()) == 4
    assert allocation.group_totals == {"A": 1, "B": 2, "C": 1, UNGROUPED: 0}
    assert any("smallest fractional remainder: A" in reason for reason in allocation.reasons)


def test_seats_left_over_with_nobody_ungrouped_go_to_the_largest_remainder() -> None:
    # Exact shares 1.4, 1.4 and 1.2 of 4 seats round down to 1 each; one seat is left.
    allocation = allocate_seats({"A": 7, "B": 7, "C": 6}, 0, {"X": 4})

    assert allocation.group_totals == {"A": 2, "B": 1, "C": 1, UNGROUPED: 0}


def test_groups_without_members_appear_with_no_seats() -> None:
    allocation = allocate_seats({"A": 5, "Empty": 0}, 2, {"X": 3})

    assert allocation.seats["X"]["Empty"] == 0
    assert allocation.group_totals["Empty"] == 0


def test_a_council_of_one_group_gives_it_every_seat() -> None:
    allocation = allocate_seats({"Only": 12}, 0, {"X": 4, "Y": 1})

    assert allocation.group_totals == {"Only": 5, UNGROUPED: 0}
    assert allocation.seats["X"] == {"Only": 4, UNGROUPED: 0}


@pytest.mark.parametrize(
    ("groups", "ungrouped", "committees", "message"),
    [
        ({"A": -1}, 0, {"X": 3}, "cannot be negative"),
        ({"A": 3}, -1, {"X": 3}, "no group cannot be negative"),
        ({"A": 3}, 0, {}, "at least one committee"),
        ({"A": 3}, 0, {"X": 0}, "needs at least one"),
        ({"A": 3}, 0, {"X": -2}, "needs at least one"),
        ({"A": 0}, 0, {"X": 3}, "no sitting members"),
        ({UNGROUPED: 3}, 0, {"X": 3}, "reserved"),
    ],
)
def test_invalid_councils_and_committees_are_rejected(
    groups: dict[str, int], ungrouped: int, committees: dict[str, int], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        allocate_seats(groups, ungrouped, committees)


Council = dict[str, Any]

councils = st.fixed_dictionaries(
    {
        "groups": st.lists(st.integers(1, 80), min_size=1, max_size=6).map(
            lambda sizes: {f"G{i}": size for i, size in enumerate(sizes)}
        ),
        "ungrouped": st.integers(0, 5),
        "committees": st.lists(st.integers(1, 20), min_size=1, max_size=6).map(
            lambda sizes: {f"C{i}": size for i, size in enumerate(sizes)}
        ),
    }
)


@settings(max_examples=200, deadline=None)
@given(councils)
def test_every_allocation_fills_each_committee_and_matches_the_totals(council: Council) -> None:
    allocation = allocate_seats(council["groups"], council["ungrouped"], council["committees"])
    columns = [*council["groups"], UNGROUPED]

    assert list(allocation.seats) == list(council["committees"])
    for name, size in council["committees"].items():
        assert list(allocation.seats[name]) == columns
        assert sum(allocation.seats[name].values()) == size
        assert min(allocation.seats[name].values()) >= 0
    for column in columns:
        assert (
            sum(row[column] for row in allocation.seats.values()) == allocation.group_totals[column]
        )
    assert sum(allocation.group_totals.values()) == sum(council["committees"].values())


@settings(max_examples=200, deadline=None)
@given(councils)
def test_no_group_holds_every_seat_on_a_shared_committee(council: Council) -> None:
    allocation = allocate_seats(council["groups"], council["ungrouped"], council["committees"])
    parties = len(council["groups"]) + (1 if council["ungrouped"] else 0)

    for name, size in council["committees"].items():
        if size > 1 and parties > 1:
            for group in council["groups"]:
                assert allocation.seats[name][group] < size, (name, group)


@settings(max_examples=200, deadline=None)
@given(councils)
def test_a_majority_group_has_a_majority_of_every_committee(council: Council) -> None:
    groups, ungrouped = council["groups"], council["ungrouped"]
    allocation = allocate_seats(groups, ungrouped, council["committees"])
    total = sum(groups.values()) + ungrouped
    majority = [name for name, size in groups.items() if 2 * size > total]

    assert allocation.majority_group == (majority[0] if majority else None)
    for group in majority:
        for name, size in council["committees"].items():
            held = allocation.seats[name][group]
            # A majority of two seats would be every seat, which (a) forbids when others exist.
            assert 2 * held > size or (size == 2 and held == 1 and total > groups[group])


@settings(max_examples=200, deadline=None)
@given(councils)
def test_without_a_majority_group_totals_are_within_one_of_the_exact_share(
    council: Council,
) -> None:
    groups, ungrouped = council["groups"], council["ungrouped"]
    allocation = allocate_seats(groups, ungrouped, council["committees"])
    total, seats = sum(groups.values()) + ungrouped, sum(council["committees"].values())

    if allocation.majority_group is None:
        for group, size in groups.items():
            assert abs(allocation.group_totals[group] - Fraction(seats * size, total)) < 1


@settings(max_examples=200, deadline=None)
@given(councils)
def test_without_a_majority_group_each_committee_is_within_one_of_proportional(
    council: Council,
) -> None:
    allocation = allocate_seats(council["groups"], council["ungrouped"], council["committees"])
    seats = sum(council["committees"].values())

    if allocation.majority_group is None:
        for name, size in council["committees"].items():
            for column, held in allocation.seats[name].items():
                ideal = Fraction(size * allocation.group_totals[column], seats)
                assert abs(held - ideal) < 1, (name, column)


@settings(max_examples=50, deadline=None)
@given(councils)
def test_the_allocation_is_deterministic(council: Council) -> None:
    first = allocate_seats(council["groups"], council["ungrouped"], council["committees"])
    second = allocate_seats(council["groups"], council["ungrouped"], council["committees"])

    assert first == second
