"""Quorum (domain rules §3): the example pack's worked example and the edge cases."""

from __future__ import annotations

import pytest

from minuted.governance.rules import (
    Attendee,
    QuorumRequirement,
    QuorumRule,
    check_quorum,
    quorum_required,
)

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
