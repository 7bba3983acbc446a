"""Decisions and actions as the latest published minutes print them: confidential ones only
once released and republished; never the rows a clerk is editing."""

from __future__ import annotations

import datetime as dt

from minuted.api.tests.conftest import CONFIDENTIAL_ACTION, CONFIDENTIAL_DECISION
from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item
from minuted.record.models import Decision
from minuted.record.services import release_decisions
from minuted.testing import make_meeting


def test_decisions_come_from_the_public_minutes_without_confidential_ones(published, anonymous):
    response = anonymous.get("/decisions")
    [decision] = response.json()["results"]
    assert decision["number"] == "3.1" and decision["text"] == "Members noted the offer."
    assert decision["item_title"] == "Climate change support"
    assert decision["meeting"]["uid"] == str(published.meeting.uid)
    assert decision["minutes_version"] == 1
    assert CONFIDENTIAL_DECISION not in response.content.decode()


def test_a_decision_recorded_after_publication_is_not_public_until_republished(
    published, anonymous
):
    entry = published.minutes.items.get(agenda_item=published.public_item)
    Decision.objects.create(item=entry, position=2, text="A draft decision.")
    assert "A draft decision." not in anonymous.get("/decisions").content.decode()


def test_released_decisions_appear_once_the_minutes_are_republished(world, published, anonymous):
    later = make_meeting(world.board, world.term, published.meeting.date + dt.timedelta(days=40))
    at = add_item(later, title="Release of decisions", kind=AgendaItemKind.STANDARD)
    confidential = published.minutes.items.get(agenda_item=published.exempt_item)
    release_decisions(confidential, at, world.clerk)  # republishes the minutes as version 2
    body = anonymous.get("/decisions").json()
    assert CONFIDENTIAL_DECISION in [d["text"] for d in body["results"]]
    assert {d["minutes_version"] for d in body["results"]} == {2}


def test_actions_of_items_kept_confidential_are_withheld(published, anonymous):
    response = anonymous.get("/actions")
    [action] = response.json()["results"]
    assert action["text"] == "Circulate the offer to councils." and action["owner"] == "Officers"
    assert action["item_number"] == "3"
    assert CONFIDENTIAL_ACTION not in response.content.decode()


def test_decisions_and_actions_filter_by_board_and_dates(world, published, anonymous):
    for path in ("/decisions", "/actions"):
        assert anonymous.get(path, board=world.board.slug).json()["count"] == 1
        assert anonymous.get(path, board=str(world.other_board.uid)).json()["count"] == 0
        assert anonymous.get(path, since="2999-01-01").json()["count"] == 0
