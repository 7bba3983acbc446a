"""Political balance of seats (domain rules §4): the worked example and properties."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minuted.governance.rules import (
    UNGROUPED,
    SeatAllocation,
    allocate_seats,
)

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
