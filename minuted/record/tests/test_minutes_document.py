"""The minutes as documents: confidential decisions stay out of the public edition until the
board releases them; recorded votes carry their totals."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from pypdf import PdfReader

from minuted.governance.models import Membership
from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item
from minuted.papers.models import PackEdition
from minuted.record.documents import minutes_document
from minuted.record.models import (
    CONFIDENTIAL_DECISIONS,
    Action,
    Decision,
    Declaration,
    InterestKind,
    RecordedVote,
)
from minuted.record.services import approve_minutes, minutes_for, release_decisions
from minuted.rendering.pdf import render_minutes_pdf
from minuted.testing import make_meeting

SECRET = "Members agreed to bid 2.1 million pounds for the contract."


@pytest.fixture
def recorded(world):
    meeting = make_meeting(world.board, world.term)
    add_item(meeting, title="Welcome")
    add_item(
        meeting,
        title="Statutory public notices",
        exempt=True,
        exempt_paragraph=3,
        public_interest_reason="Negotiations are under way.",
    )
    minutes = minutes_for(meeting)
    welcome, notices = list(minutes.items.all())
    Decision.objects.create(item=welcome, position=1, text="Members noted the declaration.")
    Decision.objects.create(item=notices, position=1, text=SECRET)
    Action.objects.create(item=notices, text="Officers to negotiate.", owner_role="Officers")
    later = make_meeting(world.board, world.term, meeting.date + dt.timedelta(days=60))
    approval = add_item(
        later, title="Note of the last meeting", kind=AgendaItemKind.NOTE_OF_LAST_MEETING
    )
    return minutes, notices, approval


def test_confidential_decisions_are_absent_from_the_public_minutes(recorded):
    minutes, _, _ = recorded
    public = minutes_document(minutes, PackEdition.PUBLIC)
    assert SECRET not in json.dumps(public)
    assert "Officers to negotiate." not in json.dumps(public)
    assert public["items"][1]["decisions_withheld"] == CONFIDENTIAL_DECISIONS
    assert "paragraph 3 of Part 1 of Schedule 12A" in public["items"][1]["exclusion"]
    members = minutes_document(minutes, PackEdition.MEMBERS)
    assert SECRET in json.dumps(members)


def test_released_decisions_appear_in_the_public_minutes(recorded):
    minutes, notices, approval = recorded
    approve_minutes(minutes, approval)
    release_decisions(notices, approval)
    minutes.refresh_from_db()
    public = json.dumps(minutes_document(minutes, PackEdition.PUBLIC))
    assert SECRET in public
    assert CONFIDENTIAL_DECISIONS not in public


def test_a_recorded_vote_carries_each_vote_and_the_totals(world, recorded):
    minutes, _, _ = recorded
    welcome = minutes.items.all()[0]
    decision = Decision.objects.create(
        item=welcome, position=2, text="Agree the budget.", recorded_vote=True, casting_vote="for"
    )
    member = Membership.objects.get(person__user=world.member, term=world.term)
    RecordedVote.objects.create(decision=decision, membership=member, vote="against")
    other = Membership.objects.exclude(pk=member.pk).filter(board=world.board)[0]
    RecordedVote.objects.create(decision=decision, membership=other, vote="for")
    document = minutes_document(minutes, PackEdition.PUBLIC)
    vote = document["items"][0]["decisions"][1]["vote"]
    assert vote.startswith("Carried") and "casting vote" in vote


def test_declarations_appear_under_their_item_and_together(world, recorded):
    minutes, notices, _ = recorded
    member = Membership.objects.get(person__user=world.member, term=world.term)
    day = minutes.meeting.date
    Declaration.objects.create(
        item=notices.agenda_item,
        membership=member,
        kind=InterestKind.OTHER_REGISTRABLE,
        description="Director of a printing firm that places notices",
        left_the_room=True,
        dispensation_granted_on=day - dt.timedelta(days=30),
        dispensation_expires_on=day + dt.timedelta(days=300),
        dispensation_grounds="Without it the board could not be quorate.",
    )
    document = minutes_document(minutes, PackEdition.PUBLIC)
    under_item = document["items"][1]["declarations"]
    assert len(under_item) == 1 and "Director of a printing firm" in under_item[0]
    assert "dispensation until" in under_item[0] and "left the room" in under_item[0]
    assert document["declarations"] == [{"item": "2", "text": under_item[0]}]
    assert document["items"][0]["declarations"] == []


def test_the_minutes_pdf_lists_declarations_of_interest(world, recorded):
    minutes, _, _ = recorded
    pdf = render_minutes_pdf(minutes_document(minutes, PackEdition.PUBLIC))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Declarations of interest" in text
    assert "No declarations of interest were made." in text
