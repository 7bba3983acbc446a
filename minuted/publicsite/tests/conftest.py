"""Meetings as the public pages see them: published packs with an exempt report, published
minutes with a confidential decision, and a register of who attended."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from minuted.governance.models import Membership, MembershipRole
from minuted.meetings.models import AgendaItemKind, Meeting
from minuted.meetings.services import add_item
from minuted.papers.publishing import publish_pack
from minuted.papers.tests.conftest import SECRET as SECRET_REPORT
from minuted.record.models import Action as MinuteAction
from minuted.record.models import Attendance, Decision, OtherAttendee
from minuted.record.publishing import publish_minutes
from minuted.record.services import minutes_for
from minuted.testing import make_meeting, make_report

SECRET_DECISION = "Members agreed to bid 2.1 million pounds for the contract."
SECRETS = (SECRET_REPORT, SECRET_DECISION, "Peer challenge contract")

__all__ = ["SECRETS", "SECRET_DECISION", "SECRET_REPORT", "held_meeting", "text_of"]


def text_of(response: Any) -> str:
    """The page as a reader hears it: tags dropped, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@dataclass
class Held:
    meeting: Meeting
    public_report: Any
    exempt_report: Any


def held_meeting(world: Any, day: dt.date, board: Any = None, minutes: bool = True) -> Held:
    """A meeting held on ``day``: a welcome, an exempt item whose report (the "Peer challenge
    contract") holds SECRET_REPORT, and a public report; its pack published; the member
    present; and, with ``minutes``, minutes published with a public decision on the public
    item and SECRET_DECISION kept confidential on the exempt one."""
    board = board or world.board
    meeting = make_meeting(board, world.term, day, status="held")
    agreed = day - dt.timedelta(days=30)  # the agenda was agreed in good time
    add_item(meeting, agreed, title="Welcome, apologies and declarations of interest")
    exempt_item = add_item(
        meeting,
        agreed,
        title="Procurement of the peer challenge contract",
        kind=AgendaItemKind.REPORT,
        exempt=True,
        exempt_paragraph=3,
        public_interest_reason="Commercially sensitive while the tender is open.",
    )
    public_item = add_item(
        meeting, agreed, title="Climate change support", kind=AgendaItemKind.REPORT
    )
    held = Held(
        meeting=meeting,
        exempt_report=make_report(exempt_item, "Peer challenge contract", text=SECRET_REPORT),
        public_report=make_report(public_item, "Climate change support offer"),
    )
    clerk = board.clerks.first()
    publish_pack(meeting, clerk)
    for membership in Membership.objects.filter(board=board, term=world.term):
        Attendance.objects.create(meeting=meeting, membership=membership, status="present")
    OtherAttendee.objects.create(meeting=meeting, name="Benn Cain", role="Member Services Officer")
    if minutes:
        record = minutes_for(meeting)
        _, exempt_minute, public_minute = list(record.items.order_by("agenda_item__position"))
        Decision.objects.create(
            item=public_minute, position=1, text="Members agreed the climate support offer."
        )
        Decision.objects.create(item=exempt_minute, position=1, text=SECRET_DECISION)
        MinuteAction.objects.create(
            item=exempt_minute, text="Officers to negotiate the bid.", owner_role="Officers"
        )
        publish_minutes(record, clerk)
    return held


@pytest.fixture
def held(world: Any) -> Held:
    return held_meeting(world, timezone.localdate() - dt.timedelta(days=20))


def past_days(count: int, start: int = 10) -> list[dt.date]:
    """Distinct days within the world's term, before today."""
    return [timezone.localdate() - dt.timedelta(days=start + 3 * n) for n in range(count)]


def substitute_membership(world: Any) -> Membership:
    from minuted.testing import appoint, make_person

    return appoint(
        make_person(world.organisation, "Kelham", "Cooke"),
        world.board,
        world.term,
        world.conservative,
        MembershipRole.SUBSTITUTE,
    )
