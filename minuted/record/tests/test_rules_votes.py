"""Votes (domain rules §6; Local Government Act 1972 Sch.12 para 39; SI 2014/165), and who
may vote at an item (§3, §5)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minuted.record.rules.attendance import Mark, Seat, Status
from minuted.record.rules.votes import Vote, count_votes, voters_at_item


def ballot(for_: int, against: int, abstain: int = 0) -> dict[str, Vote]:
    votes = [Vote.FOR] * for_ + [Vote.AGAINST] * against + [Vote.ABSTAIN] * abstain
    return {f"member-{i}": vote for i, vote in enumerate(votes)}


def test_more_for_than_against_is_carried() -> None:
    outcome = count_votes(ballot(7, 3, 1))

    assert outcome.carried
    assert (outcome.for_, outcome.against, outcome.abstained) == (7, 3, 1)
    assert not outcome.casting_vote_used
    assert outcome.summary == "Carried: 7 for, 3 against, 1 abstention."


def test_more_against_than_for_is_lost() -> None:
    outcome = count_votes(ballot(3, 7, 2))

    assert not outcome.carried
    assert outcome.summary == "Lost: 3 for, 7 against, 2 abstentions."


def test_tie_without_a_casting_vote_is_not_carried() -> None:
    outcome = count_votes(ballot(5, 5))

    assert not outcome.carried
    assert not outcome.casting_vote_used
    assert outcome.summary == "Not carried: 5 for, 5 against; the chair did not use a casting vote."


def test_tie_decided_for_by_the_chairs_casting_vote() -> None:
    outcome = count_votes(ballot(5, 5), casting_vote=Vote.FOR)

    assert outcome.carried
    assert outcome.casting_vote_used
    assert outcome.summary == "Carried on the chair's casting vote: 5 for, 5 against."


def test_tie_decided_against_by_the_chairs_casting_vote() -> None:
    outcome = count_votes(ballot(5, 5), casting_vote=Vote.AGAINST)

    assert not outcome.carried
    assert outcome.casting_vote_used
    assert outcome.summary == "Lost on the chair's casting vote: 5 for, 5 against."


def test_casting_vote_is_ignored_when_the_votes_are_not_tied() -> None:
    outcome = count_votes(ballot(4, 6), casting_vote=Vote.FOR)

    assert not outcome.carried
    assert not outcome.casting_vote_used
    assert outcome.summary == "Lost: 4 for, 6 against."


def test_abstentions_do_not_count_towards_the_majority() -> None:
    outcome = count_votes(ballot(2, 1, 10))

    assert outcome.carried
    assert outcome.abstained == 10


def test_an_abstention_is_not_a_valid_casting_vote() -> None:
    with pytest.raises(ValueError, match="for or against"):
        count_votes(ballot(5, 5), casting_vote=Vote.ABSTAIN)
    with pytest.raises(ValueError, match="for or against"):
        count_votes(ballot(6, 5), casting_vote=Vote.ABSTAIN)


def test_recorded_votes_may_be_given_as_their_values() -> None:
    outcome = count_votes({"Ann": Vote("for"), "Bo": Vote("against"), "Cy": Vote("for")})

    assert outcome.carried
    assert outcome.summary == "Carried: 2 for, 1 against."


votes_strategy = st.dictionaries(st.text(min_size=1, max_size=8), st.sampled_from(list(Vote)))
casting_strategy = st.none() | st.sampled_from([Vote.FOR, Vote.AGAINST])


@settings(max_examples=200, deadline=None)
@given(votes=votes_strategy, casting=casting_strategy)
def test_carried_exactly_when_a_majority_or_the_casting_vote_is_for(
    votes: dict[str, Vote], casting: Vote | None
) -> None:
    outcome = count_votes(votes, casting)

    assert outcome.for_ + outcome.against + outcome.abstained == len(votes)
    tie = outcome.for_ == outcome.against
    assert outcome.casting_vote_used == (tie and casting is not None)
    assert outcome.carried == (outcome.for_ > outcome.against or (tie and casting is Vote.FOR))


@settings(max_examples=200, deadline=None)
@given(votes=votes_strategy, casting=casting_strategy, extra=st.integers(0, 20))
def test_adding_abstentions_never_changes_the_result(
    votes: dict[str, Vote], casting: Vote | None, extra: int
) -> None:
    more = {**votes, **{f"abstainer {i}": Vote.ABSTAIN for i in range(extra)}}

    assert count_votes(more, casting).carried == count_votes(votes, casting).carried


# --- Who may vote at an item ------------------------------------------------------------------

SEATS = [
    Seat("ann", "Ann", "A", "chair", True),
    Seat("bo", "Bo", "B", "member", True),
    Seat("cy", "Cy", "B", "member", True),
    Seat("obs", "Olive", None, "observer", False),
    Seat("sub", "Sue", "B", "substitute", True),
    Seat("nv", "Nick", "A", "member", False),
]


def test_voting_members_present_or_online_may_vote() -> None:
    marks = [Mark("ann", Status.PRESENT), Mark("bo", Status.VIRTUAL), Mark("cy", Status.ABSENT)]

    assert voters_at_item(SEATS, marks, 0) == ["ann", "bo"]


def test_observers_non_voting_seats_and_apologies_may_not_vote() -> None:
    marks = [
        Mark("obs", Status.OBSERVER),
        Mark("nv", Status.PRESENT),
        Mark("bo", Status.APOLOGIES),
        Mark("cy", Status.OBSERVER),  # a member attending as an observer
    ]

    assert voters_at_item(SEATS, marks, 0) == []


def test_a_substitute_votes_in_the_place_of_a_voting_member() -> None:
    marks = [
        Mark("cy", Status.APOLOGIES, substitute_sent=True),
        Mark("sub", Status.SUBSTITUTE, substitute_for="cy"),
    ]

    assert voters_at_item(SEATS, marks, 0) == ["sub"]


def test_a_substitute_for_an_observer_or_marked_present_on_their_own_seat_may_not_vote() -> None:
    assert voters_at_item(SEATS, [Mark("sub", Status.SUBSTITUTE, substitute_for="obs")], 0) == []
    assert voters_at_item(SEATS, [Mark("sub", Status.PRESENT)], 0) == []


def test_only_those_in_the_room_for_the_item_may_vote() -> None:
    marks = [Mark("ann", Status.PRESENT, arrived_at=2), Mark("bo", Status.PRESENT, left_after=0)]

    assert voters_at_item(SEATS, marks, 0) == ["bo"]
    assert voters_at_item(SEATS, marks, 1) == []
    assert voters_at_item(SEATS, marks, 2) == ["ann"]


def test_a_member_who_left_for_a_disclosable_pecuniary_interest_may_not_vote() -> None:
    marks = [Mark("ann", Status.PRESENT), Mark("bo", Status.PRESENT)]

    assert voters_at_item(SEATS, marks, 0, frozenset({"ann"})) == ["bo"]
