"""Counting votes on a decision (domain-rules.md §6).

Source: Local Government Act 1972 Sch.12 para 39 — questions are decided by a majority of the
members present and voting, and the person presiding has a second or casting vote in the case
of an equality of votes. Recorded votes (each member's for / against / abstain, recorded
immediately after the vote at budget decision meetings) follow the Local Authorities
(Standing Orders) (England) (Amendment) Regulations 2014, SI 2014/165: the mapping of member to
vote passed to :func:`count_votes` is that record. No Django.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from enum import StrEnum

from minuted.governance.rules.wording import plural
from minuted.record.rules.attendance import SUBSTITUTE_ROLE, Mark, Seat, Status


class Vote(StrEnum):
    """One member's vote."""

    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


@dataclass(frozen=True)
class Outcome:
    """The result of a vote, with a sentence for the minutes."""

    carried: bool
    for_: int
    against: int
    abstained: int
    casting_vote_used: bool
    summary: str


def count_votes(votes: Mapping[str, Vote], casting_vote: Vote | None = None) -> Outcome:
    """Count a vote (Local Government Act 1972 Sch.12 para 39; SI 2014/165; domain-rules §6).

    ``votes`` maps each member who voted (the chair included, voting as a member) to their
    vote. A motion is carried by a majority of those present and voting: more for than
    against. Abstentions are counted and reported but are not votes cast, so they never affect
    the result.

    On an equality of votes the chair may give a casting vote (``casting_vote``), which decides
    the question: ``FOR`` carries it, ``AGAINST`` loses it. A tie with no casting vote is not
    carried. A casting vote given when the votes are not tied is ignored
    (``casting_vote_used`` is False).

    Raises ``ValueError`` if ``casting_vote`` is ``ABSTAIN`` (a casting vote must be for or
    against) or if a vote is not one of :class:`Vote`'s values.
    """
    casting = None if casting_vote is None else Vote(casting_vote)
    if casting is Vote.ABSTAIN:
        raise ValueError("a casting vote must be for or against, not an abstention")
    counted = [Vote(vote) for vote in votes.values()]
    for_ = counted.count(Vote.FOR)
    against = counted.count(Vote.AGAINST)
    abstained = counted.count(Vote.ABSTAIN)

    figures = f"{for_} for, {against} against"
    if abstained:
        figures += f", {plural(abstained, 'abstention')}"

    tie = for_ == against
    casting_vote_used = tie and casting is not None
    if casting_vote_used:
        carried = casting is Vote.FOR
        verdict = "Carried" if carried else "Lost"
        summary = f"{verdict} on the chair's casting vote: {figures}."
    elif tie:
        carried = False
        summary = f"Not carried: {figures}; the chair did not use a casting vote."
    else:
        carried = for_ > against
        summary = f"{'Carried' if carried else 'Lost'}: {figures}."

    return Outcome(
        carried=carried,
        for_=for_,
        against=against,
        abstained=abstained,
        casting_vote_used=casting_vote_used,
        summary=summary,
    )


def voters_at_item(
    seats: Sequence[Seat],
    marks: Sequence[Mark],
    index: int,
    barred_by_interest: AbstractSet[str] = frozenset(),
) -> list[str]:
    """The keys of the seats whose holders may vote on agenda item ``index`` (0-based), in the
    order of ``seats`` (domain-rules.md §3, §5, §6).

    Source: Local Government Act 1972 Sch.12 para 39 (members present and voting); Localism
    Act 2011 s.31 (a member with a disclosable pecuniary interest may not vote); the example
    pack's terms of reference (substitutes vote in the place of the member they replace;
    observers never vote). Those who may vote are, of the people in the room (or online) for
    the item (:meth:`Mark.attends`):

    - voting members (:meth:`Seat.holds_vote`) marked present or attending virtually;
    - substitutes (a seat with role "substitute", status SUBSTITUTE) in the place of a voting
      member, under their own seat's key (it is they who vote);
    - but not those in ``barred_by_interest`` (seat keys of members with a disclosable
      pecuniary interest in the item and no dispensation: they may not vote even if they
      stayed in the room).

    Observers, non-voting seats, and anyone marked absent or sending apologies may not. As in
    :func:`~minuted.record.rules.attendance.quorum_by_item`, the first mark of a seat is
    read and marks for unknown seats are ignored.
    """
    by_key: dict[str, Seat] = {}
    for seat in seats:
        by_key.setdefault(seat.key, seat)
    first: dict[str, Mark] = {}
    for mark in marks:
        if mark.seat in by_key:
            first.setdefault(mark.seat, mark)
    voters: list[str] = []
    for key, seat in by_key.items():
        marked = first.get(key)
        if marked is None or key in barred_by_interest or not marked.attends(index):
            continue
        if marked.status in (Status.PRESENT, Status.VIRTUAL):
            if seat.holds_vote():
                voters.append(key)
        elif marked.status is Status.SUBSTITUTE and seat.role == SUBSTITUTE_ROLE:
            member = by_key.get(marked.substitute_for or "")
            if member is not None and member.holds_vote():
                voters.append(key)
    return voters
