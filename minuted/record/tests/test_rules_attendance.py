"""Attendance (domain rules §3, §5, §7): the register, quorum by item, statistics."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minuted.governance.rules.quorum import QuorumRequirement, QuorumRule, quorum_required
from minuted.record.rules.attendance import (
    Mark,
    MemberStats,
    Seat,
    Status,
    attendance_statistics,
    first_inquorate,
    inquorate_note,
    quorum_by_item,
    validate_register,
)


def group_seats(prefix: str, group: str, size: int, first_role: str) -> list[Seat]:
    """``size`` places for a group: the first with ``first_role``, the last an observer."""
    roles = [first_role] + ["member"] * (size - 2) + ["observer"]
    return [
        Seat(f"{prefix}{i}", f"{group} person {i}", group, role, role != "observer")
        for i, role in enumerate(roles)
    ]


# The example pack: 22 places, groups 8 + 8 + 3 + 3 including 4 observers -> 18 voting members;
# plus named substitutes (one for A, two for B, one for C).
SEATS: list[Seat] = [
    *group_seats("a", "A", 8, "chair"),
    *group_seats("b", "B", 8, "vice_chair"),
    *group_seats("c", "C", 3, "member"),
    *group_seats("d", "D", 3, "member"),
    Seat("sa", "A substitute", "A", "substitute", True),
    Seat("sb", "B substitute", "B", "substitute", True),
    Seat("sb2", "B second substitute", "B", "substitute", True),
    Seat("sc", "C substitute", "C", "substitute", True),
]
OBSERVERS = ["a7", "b7", "c2", "d2"]
ITEMS = 8
NUMBERS = [str(n) for n in range(1, ITEMS + 1)]


def requirement() -> QuorumRequirement:
    return quorum_required(QuorumRule(), 18, 4)


def register(*marks: Mark) -> list[Mark]:
    """The given marks, and apologies for every other seat except the substitutes'."""
    marked = {mark.seat for mark in marks}
    rest = [
        Mark(seat.key, Status.APOLOGIES)
        for seat in SEATS
        if seat.key not in marked and seat.role != "substitute"
    ]
    return [*marks, *rest]


def present(*keys: str) -> list[Mark]:
    return [Mark(key, Status.PRESENT) for key in keys]


SIX_FROM_TWO_GROUPS = present("a0", "a1", "a2", "b0", "b1", "b2")


# --- the register ---------------------------------------------------------------------------


def test_example_board_has_eighteen_voting_members_and_needs_six() -> None:
    assert sum(seat.holds_vote() for seat in SEATS) == 18
    assert requirement().required == 6
    assert requirement().minimum_groups == 2


def test_sound_register_with_a_substitution_has_no_problems() -> None:
    marks = register(
        *present("a0", "a1"),
        Mark("b3", Status.APOLOGIES, substitute_sent=True),
        Mark("sb", Status.SUBSTITUTE, substitute_for="b3"),
    )

    assert validate_register(SEATS, marks) == []


def test_substitute_must_be_from_the_same_political_group() -> None:
    marks = register(
        Mark("a3", Status.APOLOGIES, substitute_sent=True),
        Mark("sc", Status.SUBSTITUTE, substitute_for="a3"),
    )

    assert validate_register(SEATS, marks) == [
        "C substitute (C) cannot substitute for A person 3 (A): "
        "a substitute must be from the same political group."
    ]


def test_member_replaced_must_not_also_be_present() -> None:
    for status in (Status.PRESENT, Status.VIRTUAL, Status.OBSERVER):
        marks = register(Mark("a3", status), Mark("sa", Status.SUBSTITUTE, substitute_for="a3"))

        [problem] = validate_register(SEATS, marks)
        assert problem.startswith("A person 3 is marked")
        assert problem.endswith("a member who is replaced cannot also attend.")


def test_member_replaced_should_be_marked_as_apologies() -> None:
    absent = register(Mark("a3", Status.ABSENT), Mark("sa", Status.SUBSTITUTE, substitute_for="a3"))
    unmarked = [m for m in absent if m.seat != "a3"]
    no_substitute_sent = [
        replace(m, status=Status.APOLOGIES) if m.seat == "a3" else m for m in absent
    ]

    assert validate_register(SEATS, absent) == [
        "A person 3 is replaced by A substitute but is marked absent; "
        "they should be marked as apologies."
    ]
    assert (
        "has no entry; they should be marked as apologies" in validate_register(SEATS, unmarked)[0]
    )
    assert validate_register(SEATS, no_substitute_sent) == [
        "A person 3's apologies say no substitute was sent, but A substitute substituted for them."
    ]


def test_non_substitute_seat_cannot_substitute() -> None:
    marks = register(
        Mark("a3", Status.APOLOGIES, substitute_sent=True),
        Mark("a4", Status.SUBSTITUTE, substitute_for="a3"),
    )

    assert validate_register(SEATS, marks) == [
        "A person 4 cannot substitute: theirs is a member seat, not a substitute's seat."
    ]


def test_substitute_cannot_replace_an_observer() -> None:
    marks = register(
        Mark("b7", Status.APOLOGIES, substitute_sent=True),
        Mark("sb", Status.SUBSTITUTE, substitute_for="b7"),
    )

    [problem] = validate_register(SEATS, marks)
    assert problem.startswith(
        "B substitute cannot substitute for B person 7: theirs is an observer"
    )


def test_member_cannot_be_replaced_twice() -> None:
    marks = register(
        Mark("b3", Status.APOLOGIES, substitute_sent=True),
        Mark("sb", Status.SUBSTITUTE, substitute_for="b3"),
        Mark("sb2", Status.SUBSTITUTE, substitute_for="b3"),
    )

    assert validate_register(SEATS, marks) == [
        "B person 3 is replaced by both B substitute and B second substitute; "
        "a member can be replaced by one substitute only."
    ]


def test_substitute_cannot_replace_two_members() -> None:
    marks = register(
        Mark("b3", Status.APOLOGIES, substitute_sent=True),
        Mark("b4", Status.APOLOGIES, substitute_sent=True),
        Mark("sb", Status.SUBSTITUTE, substitute_for="b3"),
        Mark("sb", Status.SUBSTITUTE, substitute_for="b4"),
    )

    assert validate_register(SEATS, marks) == [
        "B substitute is marked as substituting for both B person 3 and B person 4; "
        "a substitute replaces one member only."
    ]


def test_substitute_for_is_only_for_a_substitute_and_a_substitute_names_whom() -> None:
    marks = register(Mark("a4", Status.PRESENT, substitute_for="a3"), Mark("sa", Status.SUBSTITUTE))

    assert validate_register(SEATS, marks) == [
        "A person 4 is marked present but names a member replaced; "
        "only a substitute replaces a member.",
        "A substitute is marked as a substitute but not for whom.",
    ]


def test_unknown_seats_double_marks_and_times_are_checked() -> None:
    marks = register(
        Mark("zz", Status.PRESENT),
        Mark("a0", Status.PRESENT, arrived_at=4, left_after=2),
        Mark("a0", Status.ABSENT),
        Mark("a1", Status.ABSENT, left_after=3, substitute_sent=True),
    )

    assert validate_register(SEATS, marks) == [
        "There is an entry for seat 'zz', which is not on the board.",
        "A person 0 is recorded as arriving for item 5 on the agenda but leaving after item 3.",
        "A person 0 is marked more than once.",
        "A person 1 is marked absent; 'substitute sent' goes only with apologies.",
        "A person 1 is marked absent but has a time of arriving or leaving.",
    ]


# --- quorum item by item --------------------------------------------------------------------


def test_six_members_from_two_groups_are_quorate_at_every_item() -> None:
    items = quorum_by_item(requirement(), SEATS, register(*SIX_FROM_TWO_GROUPS), ITEMS)

    assert [item.index for item in items] == list(range(ITEMS))
    assert all(item.result.quorate for item in items)
    assert items[0].result.groups_present == ("A", "B")
    assert first_inquorate(items) is None
    assert inquorate_note(items, NUMBERS) == ""


def test_six_members_from_one_group_are_not_quorate() -> None:
    marks = register(*present("a0", "a1", "a2", "a3", "a4", "a5"))
    items = quorum_by_item(requirement(), SEATS, marks, ITEMS)

    assert not any(item.result.quorate for item in items)
    assert inquorate_note(items, NUMBERS) == (
        "The meeting was inquorate from item 1 "
        "(counted members from 1 political group; at least 2 needed)."
    )


def test_inquorate_from_the_item_after_two_members_leave() -> None:
    leaving = [Mark(m.seat, Status.PRESENT, left_after=4) for m in SIX_FROM_TWO_GROUPS[:2]]
    marks = register(*leaving, *SIX_FROM_TWO_GROUPS[2:])
    items = quorum_by_item(requirement(), SEATS, marks, ITEMS)

    assert [item.result.quorate for item in items] == [True] * 5 + [False] * 3
    inquorate = first_inquorate(items)
    assert inquorate is not None and inquorate.index == 5
    assert inquorate_note(items, NUMBERS) == (
        "The meeting was inquorate from item 6 (4 counted members present; 6 needed)."
    )


def test_member_who_left_for_an_interest_does_not_count_for_that_item_only() -> None:
    marks = register(*SIX_FROM_TWO_GROUPS)
    items = quorum_by_item(requirement(), SEATS, marks, ITEMS, left_for_interest={5: {"a1"}})

    assert [item.result.present for item in items] == [6, 6, 6, 6, 6, 5, 6, 6]
    assert [item.index for item in items if not item.result.quorate] == [5]
    assert inquorate_note(items, NUMBERS) == (
        "The meeting was inquorate for item 6 (5 counted members present; 6 needed)."
    )


def test_observers_never_count() -> None:
    observers = [Mark(key, Status.PRESENT) for key in OBSERVERS]
    marks = register(*SIX_FROM_TWO_GROUPS[:5], *observers)
    items = quorum_by_item(requirement(), SEATS, marks, ITEMS)

    assert all(item.result.present == 5 and not item.result.quorate for item in items)
    assert "4 attendees not counted (observers, or members who left for an interest)" in (
        items[0].result.reasons
    )


def test_late_arrival_counts_from_their_first_item() -> None:
    marks = register(*SIX_FROM_TWO_GROUPS[:5], Mark("c0", Status.PRESENT, arrived_at=3))
    items = quorum_by_item(requirement(), SEATS, marks, ITEMS)

    assert [item.result.present for item in items] == [5, 5, 5, 6, 6, 6, 6, 6]
    assert inquorate_note(items, NUMBERS) == (
        "The meeting was inquorate for items 1 to 3 (5 counted members present; 6 needed)."
    )


def test_substitute_counts_in_the_members_place() -> None:
    marks = register(
        *SIX_FROM_TWO_GROUPS[:3],
        *present("c0", "c1"),
        Mark("b3", Status.APOLOGIES, substitute_sent=True),
        Mark("sb", Status.SUBSTITUTE, substitute_for="b3"),
    )
    items = quorum_by_item(requirement(), SEATS, marks, ITEMS)

    assert all(item.result.quorate for item in items)
    assert items[0].result.groups_present == ("A", "B", "C")


def test_virtual_attendance_counts_only_where_the_board_allows_it() -> None:
    def quorate(virtual_counts: bool) -> bool:
        online = Mark("b2", Status.VIRTUAL, virtual_counts=virtual_counts)
        marks = register(*SIX_FROM_TWO_GROUPS[:5], online)
        return quorum_by_item(requirement(), SEATS, marks, 1)[0].result.quorate

    assert not quorate(virtual_counts=False)
    assert quorate(virtual_counts=True)


def test_interest_at_an_item_not_on_the_agenda_is_refused() -> None:
    with pytest.raises(ValueError, match="agenda has 8 items"):
        quorum_by_item(requirement(), SEATS, [], ITEMS, left_for_interest={8: {"a1"}})


@settings(max_examples=200, deadline=None)
@given(
    statuses=st.lists(st.sampled_from(list(Status)), min_size=4, max_size=4),
    arrivals=st.lists(st.none() | st.integers(0, ITEMS - 1), min_size=4, max_size=4),
)
def test_observers_never_change_the_count(
    statuses: list[Status], arrivals: list[int | None]
) -> None:
    observers = [
        Mark(key, status, arrived_at=arrived, virtual_counts=True)
        for key, status, arrived in zip(OBSERVERS, statuses, arrivals, strict=True)
    ]
    base = register(*SIX_FROM_TWO_GROUPS[:5])

    with_observers = quorum_by_item(requirement(), SEATS, [*observers, *base], ITEMS)
    assert [item.result.present for item in with_observers] == [5] * ITEMS


# --- statistics -----------------------------------------------------------------------------

BOARD = [
    Seat("m1", "Alice", "A", "chair", True),
    Seat("m2", "Bob", "A", "member", True),
    Seat("s1", "Carol", "A", "substitute", True),
    Seat("o1", "Dan", "B", "observer", False),
]
MEETINGS: list[tuple[Sequence[Seat], Sequence[Mark]]] = [
    (
        BOARD,
        [
            Mark("m1", Status.PRESENT),
            Mark("m2", Status.APOLOGIES, substitute_sent=True),
            Mark("s1", Status.SUBSTITUTE, substitute_for="m2"),
            Mark("o1", Status.OBSERVER),
        ],
    ),
    (BOARD, [Mark("m1", Status.VIRTUAL), Mark("m2", Status.ABSENT), Mark("o1", Status.APOLOGIES)]),
    (BOARD, [Mark("m1", Status.APOLOGIES), Mark("m2", Status.PRESENT)]),
]


def test_statistics_over_several_meetings() -> None:
    stats = attendance_statistics(MEETINGS)

    assert list(stats) == ["Alice", "Bob", "Carol", "Dan"]
    assert stats["Alice"] == MemberStats("Alice", 3, 2, 0, 1, 0, Fraction(2, 3))
    assert stats["Bob"] == MemberStats("Bob", 3, 1, 0, 1, 1, Fraction(1, 3))
    assert stats["Alice"].rate_percent() == "67%"
    assert stats["Bob"].rate_percent() == "33%"


def test_observer_seat_marked_observer_is_present_and_no_mark_is_absent() -> None:
    dan = attendance_statistics(MEETINGS)["Dan"]

    assert (dan.expected, dan.present, dan.apologies, dan.absent) == (3, 1, 1, 1)


def test_substitute_attendance_is_counted_separately_and_not_expected() -> None:
    carol = attendance_statistics(MEETINGS)["Carol"]

    assert carol == MemberStats("Carol", 0, 0, 1, 0, 0, None)
    assert carol.rate_percent() == "—"


def test_member_marked_as_observer_attended_but_is_not_present() -> None:
    stats = attendance_statistics([(BOARD, [Mark("m1", Status.OBSERVER)])])["Alice"]

    assert (stats.expected, stats.present, stats.attended_as_observer) == (1, 0, 1)
    assert stats.rate == 0


def test_person_is_followed_across_terms_by_name() -> None:
    new_term = [Seat("m9", "Alice", "A", "member", True)]
    stats = attendance_statistics([*MEETINGS, (new_term, [Mark("m9", Status.PRESENT)])])

    assert stats["Alice"].expected == 4
    assert stats["Alice"].present == 3
    assert stats["Alice"].rate_percent() == "75%"


def test_rate_is_rounded_to_a_whole_percent() -> None:
    stats = MemberStats("Eve", 6, 5, 0, 1, 0, Fraction(5, 6))

    assert stats.rate_percent() == "83%"
    assert MemberStats("Eve", 8, 5, 0, 3, 0, Fraction(5, 8)).rate_percent() == "63%"


def test_no_meetings_give_no_statistics() -> None:
    assert attendance_statistics([]) == {}


marks_strategy = st.lists(
    st.builds(Mark, seat=st.sampled_from([s.key for s in BOARD]), status=st.sampled_from(Status)),
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(registers=st.lists(marks_strategy, max_size=6))
def test_every_expected_meeting_is_accounted_for_once(registers: list[list[Mark]]) -> None:
    stats = attendance_statistics([(BOARD, marks) for marks in registers])

    for member in stats.values():
        outcomes = member.present + member.attended_as_observer + member.apologies + member.absent
        assert outcomes == member.expected
        assert member.expected in (0, len(registers))
        assert member.rate is None or 0 <= member.rate <= 1
