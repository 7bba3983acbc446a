"""Votes read from the record: who may vote at each agenda item (from the attendance register
and the declarations of interest), and a decision's recorded vote with the names on each
side. The rules are in rules/votes.py; changing a vote is in editing.py."""

from __future__ import annotations

from dataclasses import dataclass

from minuted.governance.models import Membership
from minuted.meetings.models import Meeting
from minuted.papers.documents import agenda_items
from minuted.record.models import Decision, Declaration
from minuted.record.register import marks_at, seats_at
from minuted.record.rules.votes import Outcome, Vote, count_votes, voters_at_item

VOTE_LABELS = {Vote.FOR: "For", Vote.AGAINST: "Against", Vote.ABSTAIN: "Abstained"}


def voters_at_items(meeting: Meeting) -> dict[int, list[Membership]]:
    """Who may vote at each agenda item, keyed by the item's id, in the order of the board's
    membership: voting members present or online and substitutes in a member's place, while
    in the room, less members with a disclosable pecuniary interest in the item and no
    dispensation, whether or not they left the room (the same reading of the register as
    register.quorum_at_items)."""
    items = agenda_items(meeting)
    index = {item.pk: i for i, item in enumerate(items)}
    left: dict[int, set[str]] = {}
    for d in Declaration.objects.filter(item__meeting=meeting).select_related("item__meeting"):
        if d.bars_from_voting and d.item_id in index:
            left.setdefault(index[d.item_id], set()).add(str(d.membership_id))
    seats = seats_at(meeting)
    marks = marks_at(meeting, items)
    memberships = Membership.objects.select_related("person").in_bulk(
        [int(seat.key) for seat in seats]
    )
    return {
        item.pk: [
            memberships[int(key)]
            for key in voters_at_item(seats, marks, i, frozenset(left.get(i, ())))
        ]
        for i, item in enumerate(items)
    }


@dataclass(frozen=True)
class VoteRecord:
    """A recorded vote as read back: the outcome with its totals, and the members on each
    side (for, against, abstained), by name."""

    outcome: Outcome
    sides: list[tuple[str, list[Membership]]]


def vote_record(decision: Decision) -> VoteRecord | None:
    """The decision's recorded vote, or None when it was not taken by one. Reads
    ``decision.votes`` (prefetch ``votes__membership__person``)."""
    if not decision.recorded_vote:
        return None
    votes = list(decision.votes.all())
    casting = Vote(decision.casting_vote) if decision.casting_vote else None
    outcome = count_votes({str(v.membership_id): Vote(v.vote) for v in votes}, casting)
    sides = []
    for side, label in VOTE_LABELS.items():
        members = sorted(
            (v.membership for v in votes if v.vote == side),
            key=lambda m: (m.person.family_name, m.person.given_name, m.pk),
        )
        if members:
            sides.append((label, members))
    return VoteRecord(outcome, sides)
