"""Published packs and minutes to search, with exempt and confidential text in them that must
never be found."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item
from minuted.papers.publishing import publish_pack
from minuted.papers.tests.conftest import SECRET as PACK_SECRET
from minuted.papers.tests.conftest import agenda  # noqa: F401 -- the published-pack fixture
from minuted.record.models import Action, Decision
from minuted.record.publishing import publish_minutes
from minuted.record.services import minutes_for
from minuted.testing import make_meeting

__all__ = ["PACK_SECRET", "DECISION_SECRET", "DISCUSSION_SECRET"]

DECISION_SECRET = "Members agreed to bid 2.1 million pounds for the Zanzibar contract."
DISCUSSION_SECRET = "The Quetzal negotiation stalled over pensions."


@pytest.fixture
def published(world: Any, agenda: Any) -> Any:  # noqa: F811
    """The agenda (an exempt report with PACK_SECRET and a public report), published."""
    publish_pack(agenda.meeting, world.clerk)
    return agenda


@dataclass
class Recorded:
    meeting: Any
    minutes: Any
    welcome: Any  # minute items
    notices: Any
    climate: Any
    approval: Any  # the later meeting's "note of the last meeting" item


@pytest.fixture
def recorded(world: Any) -> Recorded:
    """Minutes of a meeting, published: a public item with a decision and an action, and an
    exempt item whose discussion and confidential decision are secret."""
    meeting = make_meeting(world.board, world.term)
    add_item(meeting, title="Welcome")
    add_item(
        meeting,
        title="Statutory public notices",
        exempt=True,
        exempt_paragraph=3,
        public_interest_reason="Negotiations are under way.",
    )
    add_item(meeting, title="Climate action plan")
    minutes = minutes_for(meeting)
    welcome, notices, climate = list(minutes.items.all())
    welcome.discussion = "The chair welcomed members to the Harrogate venue."
    welcome.save()
    notices.discussion = DISCUSSION_SECRET
    notices.decisions_confidential = True
    notices.save()
    Decision.objects.create(item=notices, position=1, text=DECISION_SECRET)
    Action.objects.create(item=notices, text="Officers to negotiate.", owner_role="Officers")
    climate.discussion = "Members discussed retrofitting council housing."
    climate.save()
    Decision.objects.create(item=climate, position=1, text="Members agreed the heat pump pilot.")
    Action.objects.create(
        item=climate, text="Draft a newsletter on insulation.", owner_role="Officers"
    )
    publish_minutes(minutes, world.clerk)
    later = make_meeting(world.board, world.term, meeting.date + dt.timedelta(days=60))
    approval = add_item(
        later, title="Note of the last meeting", kind=AgendaItemKind.NOTE_OF_LAST_MEETING
    )
    return Recorded(meeting, minutes, welcome, notices, climate, approval)
