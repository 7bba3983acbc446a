"""Counting votes on a decision (domain-rules.md §6).

Source: Local Government Act 1972 Sch.12 para 39 — questions are decided by a majority of the
members present and voting, and the person presiding has a second or casting vote in the case
of an equality of votes. Recorded votes (each member's for / against / abstain, recorded
immediately after the vote at budget decision meetings) follow the Local Authorities
(Standing Orders) (England) (Amendment) Regulations 2014, SI 2014/165: the mapping of member to
vote passed to :func:`count_votes` is that record. No Django.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from minuted.governance.rules.wording import plural


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
