"""What every public face reads of the record: decisions and actions from the public edition
of the latest published minutes — confidential ones only once released and republished."""

from __future__ import annotations

import json

from minuted.record.public import latest_minutes, public_actions, public_decisions
from minuted.record.publishing import publish_minutes
from minuted.record.services import approve_minutes, release_decisions
from minuted.record.tests.test_minutes_document import SECRET, recorded  # noqa: F401
from minuted.rendering.blocks import markdown_to_blocks, plain_text


def test_public_decisions_leave_out_confidential_ones_until_released(world, recorded):  # noqa: F811
    minutes, notices, approval = recorded
    assert public_decisions(latest_minutes(board=world.board)) == []  # nothing published
    publish_minutes(minutes, world.clerk)
    decisions = public_decisions(latest_minutes(board=world.board))
    assert [(d.number, d.text) for d in decisions] == [("1.1", "Members noted the declaration.")]
    assert public_actions(latest_minutes(board=world.board)) == []  # item 2's are withheld

    approve_minutes(minutes, approval)
    release_decisions(notices, approval, world.clerk)  # publishes version 2
    versions = latest_minutes(board=world.board)
    assert [v.number for v in versions] == [2]
    assert SECRET in [d.text for d in public_decisions(versions)]
    assert [a.text for a in public_actions(versions)] == ["Officers to negotiate."]
    assert latest_minutes(board=world.other_board) == []
    assert latest_minutes(board=world.board, since=minutes.meeting.date.replace(year=2999)) == []


def test_no_decision_of_an_unpublished_change_reaches_the_public(world, recorded):  # noqa: F811
    minutes, _, _ = recorded
    publish_minutes(minutes, world.clerk)
    entry = minutes.items.all()[0]
    decision = entry.decisions.get()
    decision.text = "A draft rewording, not yet published."
    decision.save()
    versions = latest_minutes(board=world.board)
    assert "draft rewording" not in json.dumps([d.decision for d in public_decisions(versions)])


def test_plain_text_of_blocks_keeps_the_words_not_the_link_targets():
    blocks = markdown_to_blocks("Members **agreed** the [plan](https://example.org/x).\n\n- one")
    assert plain_text(blocks) == "Members agreed the plan. one"
