"""Changing the minutes entry by entry (record/editing.py): decisions keep their numbering,
a recorded vote is checked against who may vote at the item, and approved minutes refuse
every change here as well as in the clerk's screen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError

from minuted.governance.models import Membership, MembershipRole
from minuted.meetings.models import AgendaItem, AgendaItemKind, Meeting
from minuted.meetings.services import add_item
from minuted.record import editing
from minuted.record.models import (
    Action,
    Attendance,
    AttendanceStatus,
    Decision,
    Declaration,
    InterestKind,
    LockedError,
    MinuteItem,
    RecordedVote,
)
from minuted.record.services import approve_minutes, minutes_for
from minuted.record.voting import vote_record, voters_at_items
from minuted.testing import appoint, make_meeting, make_person


@dataclass
class Sitting:
    meeting: Meeting
    welcome: MinuteItem
    notices: MinuteItem  # exempt; Pat Price left the room for it
    note: AgendaItem  # the later meeting's item that approves the minutes
    seats: dict[str, Membership]


@pytest.fixture
def sitting(world) -> Sitting:
    """A meeting with a welcome and an exempt item. Present: the member, Ann Archer, Bob Baker,
    Cat Cole and Pat Price; Sue Smith substitutes for Dan Dyer, who sent apologies; Olive Owen
    observes. Pat Price left the room for the exempt item (a disclosable pecuniary interest)."""
    meeting = make_meeting(world.board, world.term)
    add_item(meeting, title="Welcome")
    add_item(
        meeting,
        title="Statutory public notices",
        exempt=True,
        exempt_paragraph=3,
        public_interest_reason="Negotiations are under way.",
    )
    later = make_meeting(world.board, world.term, meeting.date + dt.timedelta(days=60))
    note = add_item(
        later, title="Note of the last meeting", kind=AgendaItemKind.NOTE_OF_LAST_MEETING
    )
    minutes = minutes_for(meeting)
    welcome, notices = list(minutes.items.all())

    def seat(given, family, group, role=MembershipRole.MEMBER):
        person = make_person(world.organisation, given, family)
        return appoint(person, world.board, world.term, group, role)

    con, lab = world.conservative, world.labour
    seats = {
        "member": Membership.objects.get(person__user=world.member, term=world.term),
        "ann": seat("Ann", "Archer", con),
        "bob": seat("Bob", "Baker", lab),
        "cat": seat("Cat", "Cole", lab),
        "dan": seat("Dan", "Dyer", lab),
        "sue": seat("Sue", "Smith", lab, MembershipRole.SUBSTITUTE),
        "olive": seat("Olive", "Owen", None, MembershipRole.OBSERVER),
        "pat": seat("Pat", "Price", con),
    }

    def mark(name, status, **fields):
        Attendance.objects.create(meeting=meeting, membership=seats[name], status=status, **fields)

    for name in ("member", "ann", "bob", "cat", "pat"):
        mark(name, AttendanceStatus.PRESENT)
    mark("dan", AttendanceStatus.APOLOGIES, substitute_sent=True)
    mark("sue", AttendanceStatus.SUBSTITUTE, substitute_for=seats["dan"])
    mark("olive", AttendanceStatus.OBSERVER)
    Declaration.objects.create(
        item=notices.agenda_item,
        membership=seats["pat"],
        kind=InterestKind.DISCLOSABLE_PECUNIARY,
        description="Director of a bidder.",
        left_the_room=True,
    )
    return Sitting(meeting, welcome, notices, note, seats)


def votes(sitting: Sitting, **given: str) -> dict[int, str]:
    return {sitting.seats[name].pk: vote for name, vote in given.items()}


def test_members_present_and_the_substitute_may_vote_but_not_who_left_or_observed(sitting):
    voters = voters_at_items(sitting.meeting)
    names = {m.person.family_name for m in voters[sitting.welcome.agenda_item_id]}
    assert names == {sitting.seats["member"].person.family_name} | {
        "Archer",
        "Baker",
        "Cole",
        "Smith",
        "Price",
    }
    at_notices = {m.person.family_name for m in voters[sitting.notices.agenda_item_id]}
    assert at_notices == names - {"Price"}  # left the room for the item


def test_a_new_decision_is_numbered_after_the_last_and_deleting_closes_up(sitting):
    texts = ["First.", "Second.", "Third."]
    decisions = [editing.save_decision(Decision(item=sitting.welcome, text=t)) for t in texts]
    assert [d.position for d in decisions] == [1, 2, 3]
    editing.delete_decision(decisions[0])
    remaining = Decision.objects.filter(item=sitting.welcome)
    assert [(d.position, d.text) for d in remaining] == [(1, "Second."), (2, "Third.")]


def test_a_recorded_vote_replaces_the_last_and_reads_back_by_side(sitting):
    decision = editing.save_decision(Decision(item=sitting.welcome, text="Agree the budget."))
    editing.record_vote(decision, votes(sitting, ann="against", bob="for"))
    outcome = editing.record_vote(decision, votes(sitting, ann="for", bob="for", cat="abstain"))
    assert outcome.summary == "Carried: 2 for, 0 against, 1 abstention."
    assert RecordedVote.objects.filter(decision=decision).count() == 3  # not 5
    decision.refresh_from_db()
    record = vote_record(decision)
    assert record is not None
    assert [(side, [m.person.family_name for m in ms]) for side, ms in record.sides] == [
        ("For", ["Archer", "Baker"]),
        ("Abstained", ["Cole"]),
    ]


def test_the_casting_vote_is_refused_without_a_tie(sitting):
    decision = editing.save_decision(Decision(item=sitting.welcome, text="Agree the budget."))
    with pytest.raises(ValidationError) as refused:
        editing.record_vote(decision, votes(sitting, ann="for", bob="for", cat="against"), "for")
    assert "casting_vote" in refused.value.message_dict
    assert not RecordedVote.objects.exists()


def test_a_vote_by_someone_who_may_not_vote_is_refused_and_named(sitting):
    decision = editing.save_decision(Decision(item=sitting.notices, text="Award the contract."))
    for name in ("pat", "olive", "dan"):  # left the room; observer; sent apologies
        with pytest.raises(ValidationError) as refused:
            editing.record_vote(decision, votes(sitting, ann="for", **{name: "for"}))
        field = editing.vote_field(sitting.seats[name].pk)
        assert list(refused.value.message_dict) == [field]
    assert "left the room" in refused_message(sitting, decision, "pat")
    assert not RecordedVote.objects.exists()


def refused_message(sitting, decision, name) -> str:
    with pytest.raises(ValidationError) as refused:
        editing.record_vote(decision, votes(sitting, **{name: "for"}))
    return " ".join(refused.value.messages)


def test_approved_minutes_refuse_every_change_in_the_services(sitting):
    decision = editing.save_decision(Decision(item=sitting.welcome, text="Noted."))
    editing.record_vote(decision, votes(sitting, ann="for"))
    action = editing.save_action(Action(item=sitting.welcome, text="Write.", owner_role="Officers"))
    declaration = Declaration.objects.get()
    approve_minutes(sitting.welcome.minutes, sitting.note)
    decision.text = "Changed."
    action.text = "Changed."
    declaration.description = "Changed."
    for change in (
        lambda: editing.save_decision(decision),
        lambda: editing.save_decision(Decision(item=sitting.welcome, text="More.")),
        lambda: editing.delete_decision(decision),
        lambda: editing.record_vote(decision, votes(sitting, ann="against")),
        lambda: editing.remove_vote(decision),
        lambda: editing.save_action(action),
        lambda: editing.save_action(Action(item=sitting.welcome, text="More.", owner_role="X")),
        lambda: editing.delete_action(action),
        lambda: editing.save_declaration(declaration),
        lambda: editing.delete_declaration(declaration),
    ):
        with pytest.raises(LockedError):
            change()
    # Nothing changed: the same decision, vote, action and declaration as before.
    assert Decision.objects.get().text == "Noted."
    assert RecordedVote.objects.get().vote == "for"
    assert Action.objects.get().text == "Write."
    assert Declaration.objects.get().description == "Director of a bidder."
