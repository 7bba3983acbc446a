from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item
from minuted.testing import make_meeting, make_report

SECRET = "The bid from Acme Holdings is 4.2 million pounds"


@dataclass
class Agenda:
    meeting: Any
    welcome: Any
    exempt_item: Any
    public_item: Any
    exempt_report: Any
    public_report: Any


@pytest.fixture
def agenda(world) -> Agenda:
    """A meeting of the board with a welcome item, an exempt report and a public report."""
    meeting = make_meeting(world.board, world.term)
    welcome = add_item(meeting, title="Welcome, apologies and declarations of interest")
    exempt_item = add_item(
        meeting,
        title="Procurement of the peer challenge contract",
        kind=AgendaItemKind.REPORT,
        exempt=True,
        exempt_paragraph=3,
        public_interest_reason="Commercially sensitive while the tender is open.",
    )
    public_item = add_item(meeting, title="Climate change support", kind=AgendaItemKind.REPORT)
    return Agenda(
        meeting=meeting,
        welcome=welcome,
        exempt_item=exempt_item,
        public_item=public_item,
        exempt_report=make_report(exempt_item, "Peer challenge contract", text=SECRET),
        public_report=make_report(public_item, "Climate change support offer"),
    )
