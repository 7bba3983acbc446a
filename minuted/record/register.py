"""The attendance register read through the rules: quorum at every item, and attendance
statistics per member and term."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from minuted.governance.models import Board, Membership, Person, Term
from minuted.governance.services import roster
from minuted.meetings.models import AgendaItem, Meeting, MeetingStatus
from minuted.meetings.rules.agenda import Entry, number_agenda
from minuted.papers.documents import agenda_items
from minuted.record.models import Attendance, Declaration, Minutes
from minuted.record.rules.attendance import (
    ItemQuorum,
    Mark,
    MemberStats,
    Seat,
    Status,
    attendance_statistics,
    inquorate_note,
    quorum_by_item,
    validate_register,
)


def _seat(m: Membership) -> Seat:
    return Seat(
        key=str(m.pk),
        person=m.person.display_name,
        group=m.political_group.name if m.political_group else None,
        role=m.role,
        voting=m.voting_right,
    )


def seats_at(meeting: Meeting) -> list[Seat]:
    memberships = Membership.objects.filter(board=meeting.board, term=meeting.term).select_related(
        "person", "political_group", "term"
    )
    return [_seat(m) for m in memberships if m.is_active_on(meeting.date)]


def marks_at(meeting: Meeting, items: Sequence[AgendaItem] | None = None) -> list[Mark]:
    order = {item.pk: index for index, item in enumerate(items or agenda_items(meeting))}
    return [
        Mark(
            seat=str(a.membership_id),
            status=Status(a.status),
            substitute_for=str(a.substitute_for_id) if a.substitute_for_id else None,
            substitute_sent=a.substitute_sent,
            arrived_at=order.get(a.arrived_at_id) if a.arrived_at_id else None,
            left_after=order.get(a.left_after_id) if a.left_after_id else None,
        )
        for a in Attendance.objects.filter(meeting=meeting)
    ]


@dataclass(frozen=True)
class ItemQuorumRow:
    item: AgendaItem
    number: str
    quorum: ItemQuorum


def quorum_at_items(meeting: Meeting) -> list[ItemQuorumRow]:
    """Quorum at every agenda item, from the register, arrivals and departures, and members
    who left the room for a disclosable pecuniary interest."""
    items = agenda_items(meeting)
    index = {item.pk: i for i, item in enumerate(items)}
    left: dict[int, set[str]] = {}
    for d in Declaration.objects.filter(item__meeting=meeting).select_related("item__meeting"):
        if d.excludes_from_item:
            left.setdefault(index[d.item_id], set()).add(str(d.membership_id))
    requirement = roster(meeting.board, meeting.term, as_at=meeting.date).quorum
    results = quorum_by_item(
        requirement, seats_at(meeting), marks_at(meeting, items), len(items), left
    )
    numbers = agenda_numbers(items)
    return [ItemQuorumRow(items[r.index], numbers[r.index], r) for r in results]


def agenda_numbers(items: Sequence[AgendaItem]) -> list[str]:
    numbers = number_agenda([Entry(key=i.pk, parent=i.parent_id) for i in items])
    return [numbers[i.pk] for i in items]


def inquorate_sentence(meeting: Meeting) -> str:
    rows = quorum_at_items(meeting)
    return inquorate_note([r.quorum for r in rows], [r.number for r in rows])


def register_problems(meeting: Meeting) -> list[str]:
    return validate_register(seats_at(meeting), marks_at(meeting))


def statistics(board: Board, term: Term) -> dict[str, MemberStats]:
    """Attendance per member for the board's meetings held in the term.

    A seat with no mark counts as absent, except at a meeting whose register was transcribed
    from minutes listing only those present and apologies (``Minutes.attendance_as_recorded``):
    there it is not known, so the meeting is left out of that member's figures."""
    return _statistics([(board, term)])[(board.pk, term.pk)]


def _statistics(
    pairs: Sequence[tuple[Board, Term]],
) -> dict[tuple[int, int], dict[str, MemberStats]]:
    """:func:`statistics` for several boards and terms in a fixed number of queries, however
    many meetings were held: pages listing them must not slow down as the record grows."""
    wanted = {(b.pk, t.pk) for b, t in pairs}
    boards, terms = {b for b, _ in wanted}, {t for _, t in wanted}
    meetings = [
        m
        for m in Meeting.objects.filter(
            board_id__in=boards, term_id__in=terms, status=MeetingStatus.HELD
        )
        if (m.board_id, m.term_id) in wanted
    ]
    as_recorded = set(
        Minutes.objects.filter(meeting__in=meetings, attendance_as_recorded=True).values_list(
            "meeting_id", flat=True
        )
    )
    memberships: dict[tuple[int, int], list[Membership]] = {}
    for m in Membership.objects.filter(board_id__in=boards, term_id__in=terms).select_related(
        "person", "political_group", "term"
    ):
        memberships.setdefault((m.board_id, m.term_id), []).append(m)
    # Arrivals and departures do not change the figures, so marks here leave them out.
    marks: dict[int, list[Mark]] = {}
    for a in Attendance.objects.filter(meeting__in=meetings):
        marks.setdefault(a.meeting_id, []).append(
            Mark(
                seat=str(a.membership_id),
                status=Status(a.status),
                substitute_for=str(a.substitute_for_id) if a.substitute_for_id else None,
                substitute_sent=a.substitute_sent,
            )
        )
    registers: dict[tuple[int, int], list[tuple[list[Seat], list[Mark]]]] = {k: [] for k in wanted}
    for meeting in meetings:
        key = (meeting.board_id, meeting.term_id)
        seats = [_seat(m) for m in memberships.get(key, []) if m.is_active_on(meeting.date)]
        meeting_marks = marks.get(meeting.pk, [])
        if meeting.pk in as_recorded:
            marked = {mark.seat for mark in meeting_marks}
            seats = [seat for seat in seats if seat.key in marked]
        registers[key].append((seats, meeting_marks))
    return {key: attendance_statistics(rows) for key, rows in registers.items()}


def person_statistics(person: Person) -> list[tuple[Board, Term, MemberStats]]:
    """The person's attendance on each board and term they sat on, newest first."""
    pairs: dict[tuple[int, int], tuple[Board, Term]] = {}
    for m in (
        Membership.objects.filter(person=person)
        .select_related("board", "term")
        .order_by("-term__start_date", "board__name")
    ):
        pairs.setdefault((m.board_id, m.term_id), (m.board, m.term))
    figures = _statistics(list(pairs.values())) if pairs else {}
    rows = []
    for key, (board, term) in pairs.items():
        stats = figures[key].get(person.display_name)
        if stats is not None and stats.expected + stats.present_as_substitute > 0:
            rows.append((board, term, stats))
    return rows
