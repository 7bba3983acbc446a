"""Attendance: the register, quorum item by item, and attendance statistics.

Sources: Local Government Act 1972 Sch.12 para 40 (the names of the members present are
recorded); domain-rules.md §7 (attendance statuses and the figures published per member and
term), §3 (who counts towards the quorum, evaluated per item) and §5 (a member with a
disclosable pecuniary interest who leaves the room for an item does not count for it; Localism
Act 2011 ss.30-34). The quorum arithmetic itself is :mod:`minuted.governance.rules.quorum`.

Plain data in (seats of the board for the term and the register marks of a meeting); lists of
problems in words, or frozen results with human-readable reasons, out. No Django.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import Literal

from minuted.governance.rules.quorum import (
    Attendee,
    QuorumRequirement,
    QuorumResult,
    check_quorum,
)
from minuted.governance.rules.wording import plural, round_half_up

SUBSTITUTE_ROLE = "substitute"
"""The role of a seat held by a named substitute, who sits only in a member's place."""

OBSERVER_ROLES = frozenset({"observer", "independent_observer"})
"""Roles that never count towards the quorum and never vote (domain-rules.md §3)."""


class Status(StrEnum):
    """A register entry's status (domain-rules.md §7)."""

    PRESENT = "present"
    SUBSTITUTE = "substitute"  # present as substitute for a named member
    APOLOGIES = "apologies"
    ABSENT = "absent"  # absent without apologies
    OBSERVER = "observer"  # attended as observer
    VIRTUAL = "virtual"  # attended virtually


IN_THE_ROOM = frozenset({Status.PRESENT, Status.SUBSTITUTE, Status.OBSERVER, Status.VIRTUAL})
"""Statuses of someone who attended (in person or virtually) for at least part of a meeting."""

_MARKED: Mapping[Status, str] = {
    Status.PRESENT: "present",
    Status.SUBSTITUTE: "as a substitute",
    Status.APOLOGIES: "as sending apologies",
    Status.ABSENT: "absent",
    Status.OBSERVER: "as attending as an observer",
    Status.VIRTUAL: "as attending virtually",
}


@dataclass(frozen=True)
class Seat:
    """One membership of the board for the term.

    ``role`` is one of "chair", "vice_chair", "deputy_chair", "member", "substitute",
    "observer", "independent_observer". ``group`` is the political group, None for none.
    """

    key: str
    person: str
    group: str | None
    role: str
    voting: bool

    def holds_vote(self) -> bool:
        """A voting member's seat: voting, and neither an observer's nor a substitute's.

        A substitute's seat carries a vote only while sitting in a member's place.
        """
        return self.voting and self.role not in OBSERVER_ROLES and self.role != SUBSTITUTE_ROLE


@dataclass(frozen=True)
class Mark:
    """The register entry for one seat at one meeting (domain-rules.md §7).

    ``arrived_at`` and ``left_after`` are 0-based positions in the agenda: the first and the
    last item attended (None: from the start, to the end). ``substitute_for`` is the key of
    the seat of the member replaced (status SUBSTITUTE only); ``substitute_sent`` goes with
    apologies. ``virtual_counts`` is the board's setting for whether virtual attendance counts
    towards the quorum: off by default, since for formal council meetings in England attendance
    in person is what counts (2021 High Court ruling); advisory boards meeting fully online may
    switch it on.
    """

    seat: str
    status: Status
    substitute_for: str | None = None
    substitute_sent: bool = False
    arrived_at: int | None = None
    left_after: int | None = None
    virtual_counts: bool = False

    def attends(self, index: int) -> bool:
        """Whether this person was in the room (or online) for agenda item ``index``."""
        if self.status not in IN_THE_ROOM:
            return False
        after_arrival = self.arrived_at is None or self.arrived_at <= index
        before_leaving = self.left_after is None or index <= self.left_after
        return after_arrival and before_leaving


def _group_words(group: str | None) -> str:
    return group if group is not None else "no political group"


def _role_words(role: str) -> str:
    article = "an" if role[:1] in {"a", "e", "i", "o", "u"} else "a"
    return f"{article} {role.replace('_', ' ')}"


def _mark_problems(seat: Seat, mark: Mark) -> list[str]:
    """Problems with one mark on its own."""
    who = seat.person
    problems: list[str] = []
    if mark.substitute_for is not None and mark.status is not Status.SUBSTITUTE:
        problems.append(
            f"{who} is marked {_MARKED[mark.status]} but names a member replaced; "
            "only a substitute replaces a member."
        )
    if mark.status is Status.SUBSTITUTE:
        if seat.role != SUBSTITUTE_ROLE:
            problems.append(
                f"{who} cannot substitute: theirs is {_role_words(seat.role)} seat, "
                "not a substitute's seat."
            )
        if mark.substitute_for is None:
            problems.append(f"{who} is marked as a substitute but not for whom.")
    elif seat.role == SUBSTITUTE_ROLE and mark.status in {Status.PRESENT, Status.VIRTUAL}:
        problems.append(
            f"{who} holds a substitute's seat and is marked {_MARKED[mark.status]}; "
            "mark them as substitute for the member replaced, or as an observer."
        )
    if mark.substitute_sent and mark.status is not Status.APOLOGIES:
        problems.append(
            f"{who} is marked {_MARKED[mark.status]}; 'substitute sent' goes only with apologies."
        )
    if mark.status not in IN_THE_ROOM:
        if mark.arrived_at is not None or mark.left_after is not None:
            problems.append(
                f"{who} is marked {_MARKED[mark.status]} but has a time of arriving or leaving."
            )
        return problems
    for what, index in (("arrived at", mark.arrived_at), ("left after", mark.left_after)):
        if index is not None and index < 0:
            problems.append(f"{who} {what} agenda position {index}, which is not on the agenda.")
    arrived, left = mark.arrived_at, mark.left_after
    if arrived is not None and left is not None and arrived > left:
        problems.append(
            f"{who} is recorded as arriving for item {arrived + 1} on the agenda "
            f"but leaving after item {left + 1}."
        )
    return problems


def _substitution_problems(substitute: Seat, member: Seat, member_mark: Mark | None) -> list[str]:
    """Problems with one substitution: the substitute's seat against the member replaced."""
    sub, who = substitute.person, member.person
    problems: list[str] = []
    if not member.holds_vote():
        problems.append(
            f"{sub} cannot substitute for {who}: theirs is {_role_words(member.role)} seat "
            "without a member's vote; substitutes replace voting members."
        )
    if substitute.group != member.group:
        problems.append(
            f"{sub} ({_group_words(substitute.group)}) cannot substitute for {who} "
            f"({_group_words(member.group)}): a substitute must be from the same political group."
        )
    if member_mark is None:
        problems.append(
            f"{who} is replaced by {sub} but has no entry; they should be marked as apologies."
        )
    elif member_mark.status in IN_THE_ROOM:
        problems.append(
            f"{who} is marked {_MARKED[member_mark.status]} but is replaced by {sub}; "
            "a member who is replaced cannot also attend."
        )
    elif member_mark.status is Status.ABSENT:
        problems.append(
            f"{who} is replaced by {sub} but is marked absent; they should be marked as apologies."
        )
    elif not member_mark.substitute_sent:
        problems.append(
            f"{who}'s apologies say no substitute was sent, but {sub} substituted for them."
        )
    return problems


def validate_register(seats: Sequence[Seat], marks: Sequence[Mark]) -> list[str]:
    """Check a meeting's register; return the problems in words (empty when it is sound).

    Sources: domain-rules.md §7 (statuses; apologies with or without a substitute sent) and
    §6 (names of members present, apologies and substitutions recorded in the minutes, Local
    Government Act 1972 Sch.12 para 40). The substitution rules are the example pack's terms
    of reference:

    - every mark is for a seat of the board, and each seat is marked at most once;
    - only status SUBSTITUTE names a member replaced, and a substitute names one;
    - a substitute holds a seat with role "substitute", is from the same political group as
      the member replaced, and replaces a voting member (not an observer or another
      substitute);
    - one substitute replaces at most one member, and one member is replaced at most once;
    - the member replaced is not also present (in person, virtually or as an observer) and is
      marked as apologies, with "substitute sent";
    - "substitute sent" only with apologies; times of arriving and leaving only for someone who
      attended, with the arrival no later than the leaving.

    When a seat is marked twice, the first mark is the one checked.
    """
    by_key: dict[str, Seat] = {}
    problems: list[str] = []
    for seat in seats:
        if seat.key in by_key:
            problems.append(f"Seat {seat.key!r} ({seat.person}) is listed more than once.")
        by_key.setdefault(seat.key, seat)

    def who(key: str) -> str:
        seat = by_key.get(key)
        return seat.person if seat is not None else f"seat {key!r}"

    first: dict[str, Mark] = {}
    for mark in marks:
        if mark.seat not in by_key:
            problems.append(f"There is an entry for seat {mark.seat!r}, which is not on the board.")
            continue
        earlier = first.get(mark.seat)
        if earlier is None:
            first[mark.seat] = mark
            problems.extend(_mark_problems(by_key[mark.seat], mark))
        elif (
            earlier.status is Status.SUBSTITUTE
            and mark.status is Status.SUBSTITUTE
            and earlier.substitute_for is not None
            and mark.substitute_for is not None
            and earlier.substitute_for != mark.substitute_for
        ):
            problems.append(
                f"{who(mark.seat)} is marked as substituting for both "
                f"{who(earlier.substitute_for)} and {who(mark.substitute_for)}; "
                "a substitute replaces one member only."
            )
        else:
            problems.append(f"{who(mark.seat)} is marked more than once.")

    replaced_by: dict[str, list[str]] = {}
    for mark in first.values():
        if mark.status is not Status.SUBSTITUTE or mark.substitute_for is None:
            continue
        member = by_key.get(mark.substitute_for)
        if member is None:
            problems.append(
                f"{who(mark.seat)} is marked as substituting for seat {mark.substitute_for!r}, "
                "which is not on the board."
            )
            continue
        replaced_by.setdefault(member.key, []).append(mark.seat)
        problems.extend(_substitution_problems(by_key[mark.seat], member, first.get(member.key)))
    for member_key, substitutes in replaced_by.items():
        if len(substitutes) > 1:
            names = " and ".join(who(key) for key in substitutes)
            problems.append(
                f"{who(member_key)} is replaced by both {names}; "
                "a member can be replaced by one substitute only."
            )
    return problems


@dataclass(frozen=True)
class ItemQuorum:
    """The quorum for one agenda item (``index`` is its 0-based position on the agenda)."""

    index: int
    result: QuorumResult


_NO_ONE_LEFT: Mapping[int, AbstractSet[str]] = MappingProxyType({})


def _attendee(
    seat: Seat, mark: Mark, by_key: Mapping[str, Seat], left: AbstractSet[str]
) -> Attendee:
    """Someone in the room for an item, as the quorum rule sees them."""
    stayed = seat.key not in left
    if mark.status is Status.SUBSTITUTE:
        member = by_key.get(mark.substitute_for) if mark.substitute_for is not None else None
        if seat.role == SUBSTITUTE_ROLE and member is not None and member.holds_vote():
            # The substitute fills the member's seat: counted under the member's key and group,
            # so one seat never counts twice.
            return Attendee(member.key, member.group, counts=stayed)
        return Attendee(seat.key, seat.group, counts=False)
    in_person = mark.status is Status.PRESENT
    counted_online = mark.status is Status.VIRTUAL and mark.virtual_counts
    counts = (in_person or counted_online) and seat.holds_vote() and stayed
    return Attendee(seat.key, seat.group, counts=counts)


def quorum_by_item(
    rule_requirement: QuorumRequirement,
    seats: Sequence[Seat],
    marks: Sequence[Mark],
    item_count: int,
    left_for_interest: Mapping[int, AbstractSet[str]] = _NO_ONE_LEFT,
) -> list[ItemQuorum]:
    """Whether each agenda item was quorate (domain-rules.md §3, §5, §7).

    Sources: the example pack's terms of reference (domain-rules.md §3); Localism Act 2011
    ss.30-34 (a member with a disclosable pecuniary interest may not take part in the item).

    For each item ``0 .. item_count - 1``, those counted are:

    - voting members (``Seat.holds_vote``) marked present, or marked virtual when the mark's
      ``virtual_counts`` setting is on;
    - substitutes (a seat with role "substitute", status SUBSTITUTE) in a voting member's
      place, counted in that member's seat and political group;
    - and of those, only people in the room for the item (``arrived_at <= index <=
      left_after``) who are not in ``left_for_interest[index]`` (seat keys of those who left
      the room for a disclosable pecuniary interest in that item).

    Observers, non-voting seats, virtual attendance that does not count, and invalid
    substitutions are passed to :func:`check_quorum` as attendees who do not count. A register
    with problems (see :func:`validate_register`) is read cautiously: the first mark of a seat
    is used, unknown seats are ignored, and a seat both attended by its member and filled by a
    substitute counts once.

    Raises ``ValueError`` for a negative ``item_count`` or a ``left_for_interest`` index that
    is not on the agenda.
    """
    if item_count < 0:
        raise ValueError(f"number of agenda items cannot be negative, got {item_count}")
    for index in left_for_interest:
        if not 0 <= index < item_count:
            raise ValueError(
                f"a member left for an interest at agenda position {index}, "
                f"but the agenda has {plural(item_count, 'item')}"
            )
    by_key: dict[str, Seat] = {}
    for seat in seats:
        by_key.setdefault(seat.key, seat)
    first: dict[str, Mark] = {}
    for mark in marks:
        if mark.seat in by_key:
            first.setdefault(mark.seat, mark)

    items: list[ItemQuorum] = []
    for index in range(item_count):
        left = left_for_interest.get(index, frozenset())
        attendees = [
            _attendee(by_key[mark.seat], mark, by_key, left)
            for mark in first.values()
            if mark.attends(index)
        ]
        items.append(ItemQuorum(index, check_quorum(rule_requirement, attendees)))
    return items


def first_inquorate(items: Sequence[ItemQuorum]) -> ItemQuorum | None:
    """The earliest item on the agenda that was not quorate, or None if all were."""
    return min((item for item in items if not item.result.quorate), key=_index, default=None)


def _index(item: ItemQuorum) -> int:
    return item.index


def _shortfall(result: QuorumResult) -> str:
    parts: list[str] = []
    if result.present < result.required:
        parts.append(
            f"{plural(result.present, 'counted member')} present; {result.required} needed"
        )
    if len(result.groups_present) < result.minimum_groups:
        groups = plural(len(result.groups_present), "political group")
        parts.append(f"counted members from {groups}; at least {result.minimum_groups} needed")
    return "; ".join(parts)


def inquorate_note(items: Sequence[ItemQuorum], item_numbers: Sequence[str]) -> str:
    """A sentence for the minutes on when the meeting was inquorate, or "" if it never was.

    ``item_numbers`` are the numbers printed on the agenda, by 0-based position. A run of
    inquorate items that lasts to the last item reads "from item 6"; a run that ends earlier
    (quorum regained, say after a late arrival) reads "for item 6" or "for items 6 to 7". Each
    run gets a sentence, with the shortfall at its first item, e.g. "The meeting was inquorate
    from item 6 (4 counted members present; 6 needed)." (domain-rules.md §3, §6).

    Raises ``ValueError`` if an item has no number in ``item_numbers``.
    """
    ordered = sorted(items, key=_index)
    for item in ordered:
        if not 0 <= item.index < len(item_numbers):
            raise ValueError(f"no item number given for agenda position {item.index}")

    runs: list[list[ItemQuorum]] = []
    in_run = False
    for item in ordered:
        if item.result.quorate:
            in_run = False
        elif in_run:
            runs[-1].append(item)
        else:
            runs.append([item])
            in_run = True

    sentences: list[str] = []
    for run in runs:
        start, end = item_numbers[run[0].index], item_numbers[run[-1].index]
        if run[-1] is ordered[-1]:
            span = f"from item {start}"
        elif len(run) == 1:
            span = f"for item {start}"
        else:
            span = f"for items {start} to {end}"
        sentences.append(f"The meeting was inquorate {span} ({_shortfall(run[0].result)}).")
    return " ".join(sentences)


@dataclass(frozen=True)
class MemberStats:
    """One person's attendance over a set of meetings (domain-rules.md §7).

    ``expected + present_as_substitute`` counts every meeting they were due at or sat at;
    ``present + attended_as_observer + apologies + absent == expected``.
    """

    seat_person: str
    expected: int
    present: int
    present_as_substitute: int
    apologies: int
    absent: int
    rate: Fraction | None
    attended_as_observer: int = 0

    def rate_percent(self) -> str:
        """The attendance rate as a whole percentage ("83%"), or "—" when nothing was expected."""
        if self.rate is None:
            return "—"
        return f"{round_half_up(self.rate * 100)}%"


_Attendance = Literal["present", "observed", "apologies", "absent"]
_PREFERENCE: tuple[_Attendance, ...] = ("present", "observed", "apologies", "absent")


def _own_seat_attendance(seat: Seat, mark: Mark | None) -> _Attendance:
    if mark is None or mark.status is Status.ABSENT:
        return "absent"
    if mark.status is Status.APOLOGIES:
        return "apologies"
    if mark.status is Status.OBSERVER and seat.role not in OBSERVER_ROLES:
        return "observed"
    return "present"


def attendance_statistics(
    meetings: Sequence[tuple[Sequence[Seat], Sequence[Mark]]],
) -> dict[str, MemberStats]:
    """Attendance figures per person, as councils publish them for each member (§7).

    Source: domain-rules.md §7. ``meetings`` holds, for each meeting, the seats of the board
    at that meeting and its register. Results are keyed by ``Seat.person`` (the display name),
    in order of first appearance, so figures for one person across terms or seats add up.
    Definitions, counted per meeting:

    - **expected**: meetings at which the person held a seat other than a substitute's (their
      own meetings, observers' seats included);
    - **present**: of those, meetings they attended: marked present or virtual, or marked as an
      observer when their seat is an observer's (a substitute mark on their own seat, an error
      :func:`validate_register` reports, is read as present);
    - **attended_as_observer**: of those, meetings at which a member's seat was marked as
      attending as an observer (attended, but not as a member, so not in the rate);
    - **apologies**: of those, meetings they sent apologies for;
    - **absent**: of those, meetings they were marked absent without apologies or not marked
      at all;
    - **present_as_substitute**: meetings at which they sat, on a substitute's seat, as
      substitute for a member; these are not expected meetings;
    - **rate**: present / expected, exactly; None when nothing was expected.

    If a person holds more than one own seat at a meeting, the meeting counts once, with the
    best of their marks. Only the first mark of a seat is read.
    """
    totals: dict[str, dict[str, int]] = {}

    def tally(person: str) -> dict[str, int]:
        return totals.setdefault(
            person, {name: 0 for name in ("expected", "substitute", *_PREFERENCE)}
        )

    for seats, marks in meetings:
        first: dict[str, Mark] = {}
        for entry in marks:
            first.setdefault(entry.seat, entry)
        own: dict[str, list[_Attendance]] = {}
        substituted: set[str] = set()
        for seat in seats:
            tally(seat.person)
            mark = first.get(seat.key)
            if seat.role != SUBSTITUTE_ROLE:
                own.setdefault(seat.person, []).append(_own_seat_attendance(seat, mark))
            elif mark is not None and mark.status is Status.SUBSTITUTE:
                substituted.add(seat.person)
        for person, outcomes in own.items():
            counts = tally(person)
            counts["expected"] += 1
            counts[min(outcomes, key=_PREFERENCE.index)] += 1
        for person in substituted:
            tally(person)["substitute"] += 1

    return {
        person: MemberStats(
            seat_person=person,
            expected=counts["expected"],
            present=counts["present"],
            present_as_substitute=counts["substitute"],
            apologies=counts["apologies"],
            absent=counts["absent"],
            rate=Fraction(counts["present"], counts["expected"]) if counts["expected"] else None,
            attended_as_observer=counts["observed"],
        )
        for person, counts in totals.items()
    }
