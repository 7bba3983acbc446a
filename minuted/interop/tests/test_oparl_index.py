"""The OParl entries read from published versions: they follow each publication, keep their
ids when an agenda is renumbered, survive losing the index, and never stop a publication."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from minuted.interop.models import OParlEntry, OParlMeetingState
from minuted.interop.oparl import index
from minuted.interop.oparl.testing import publish_meeting, schema_errors
from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item, move_item
from minuted.papers.models import PackKind
from minuted.papers.publishing import publish_pack
from minuted.record.models import Attendance, MinuteItem
from minuted.record.services import approve_minutes, release_decisions
from minuted.testing import make_meeting, make_report

BASE = "http://testserver/oparl/v1/"


def get(client: Any, url: str, **params: Any) -> Any:
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def agenda(client: Any, meeting: Any) -> dict[str, dict[str, Any]]:
    return {i["name"]: i for i in get(client, f"{BASE}meeting/{meeting.uid}/")["agendaItem"]}


@pytest.fixture
def published(world: Any) -> Any:
    return publish_meeting(world)


def test_an_agenda_item_keeps_its_id_when_the_agenda_is_renumbered(client, world, published):
    before = agenda(client, published.meeting)[published.public_item.title]
    assert before["number"] == "3"
    late = add_item(published.meeting, title="Urgent: flood response", urgency_reason="Floods.")
    for _ in range(3):
        move_item(late, -1)  # to the top: every other item moves down one
    publish_pack(published.meeting, world.clerk, reason="An urgent item")
    after = agenda(client, published.meeting)
    moved = after[published.public_item.title]
    assert moved["number"] == "4"
    assert moved["id"] == before["id"] == f"{BASE}agenda-item/{published.public_item.uid}/"
    # The minutes (published before the change) still attach to the same item.
    assert moved["minuted:decisions"] == before["minuted:decisions"]
    assert after["Urgent: flood response"]["number"] == "1"
    assert moved["modified"] >= before["modified"]


def test_a_new_pack_version_becomes_the_invitation_and_the_old_file_stays(client, world, published):
    first = published.meeting.packs.get()
    publish_pack(published.meeting, world.clerk, reason="A corrected report")
    second = published.meeting.packs.order_by("-number").first()
    meeting = get(client, f"{BASE}meeting/{published.meeting.uid}/")
    assert meeting["invitation"]["id"] == f"{BASE}file/{second.uid}/"
    assert meeting["minuted:earlierFiles"] == [f"{BASE}file/{first.uid}/"]
    old = get(client, f"{BASE}file/{first.uid}/")
    assert old["minuted:latest"] is False
    assert old["accessUrl"].endswith("/pack/v1/public.pdf")
    assert schema_errors(old) == []


def test_released_decisions_appear_once_the_minutes_are_republished(client, world, published):
    later = make_meeting(world.board, world.term, published.meeting.date + dt.timedelta(days=30))
    note = add_item(
        later, title="Note of the last meeting", kind=AgendaItemKind.NOTE_OF_LAST_MEETING
    )
    approve_minutes(published.minutes, note)
    before = agenda(client, published.meeting)[published.exempt_item.title]
    assert "minuted:decisions" not in before
    entry = MinuteItem.objects.get(agenda_item=published.exempt_item)
    release_decisions(entry, note, world.clerk)  # publishes version 2 of the minutes
    after = agenda(client, published.meeting)[published.exempt_item.title]
    assert [d["text"] for d in after["minuted:decisions"]] == [
        "OPARL-CANARY members agreed to bid 2.1 million pounds"
    ]
    assert after["public"] is False  # the item stays exempt; its papers stay unpublished
    assert "consultation" not in after


def test_lost_entries_are_rebuilt_with_the_same_ids_when_next_served(client, published):
    url = f"{BASE}meeting/{published.meeting.uid}/"
    before = get(client, url)
    OParlEntry.objects.all().delete()
    OParlMeetingState.objects.all().delete()
    after = get(client, url)
    assert [i["id"] for i in after["agendaItem"]] == [i["id"] for i in before["agendaItem"]]
    assert after["invitation"]["sha512Checksum"] == before["invitation"]["sha512Checksum"]
    papers = get(client, f"{BASE}body/{published.meeting.board.organisation.uid}/papers/")
    assert len(papers["data"]) == 1


def test_a_failure_to_index_does_not_stop_publishing(client, world, monkeypatch):
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the index is broken")

    monkeypatch.setattr(index, "compute", broken)
    published = publish_meeting(world)  # publishes the pack and the minutes regardless
    assert published.meeting.packs.count() == 1
    assert not OParlEntry.objects.exists()
    monkeypatch.undo()
    meeting = get(client, f"{BASE}meeting/{published.meeting.uid}/")  # catches up
    assert meeting["invitation"]["minuted:version"] == 1
    assert len(meeting["agendaItem"]) == 3


def test_serving_an_up_to_date_index_refreshes_nothing(client, published, monkeypatch):
    calls: list[Any] = []
    monkeypatch.setattr(index, "refresh_meeting", calls.append)
    get(client, f"{BASE}body/{published.meeting.board.organisation.uid}/agenda-items/")
    assert calls == []


def test_a_deleted_meeting_and_its_location_leave_tombstones(client, world):
    meeting = make_meeting(world.board, world.term)
    uid = meeting.uid
    meeting.delete()
    gone = get(client, f"{BASE}meeting/{uid}/")
    assert gone["deleted"] is True
    assert get(client, f"{BASE}location/{uid}/")["deleted"] is True
    listed = get(
        client, f"{BASE}organization/{world.board.uid}/meetings/", modified_since="2000-01-01"
    )
    assert [m["id"] for m in listed["data"]] == [gone["id"]]


def test_removing_a_line_of_the_register_changes_the_meeting(client, world, published):
    url = f"{BASE}meeting/{published.meeting.uid}/"
    before = get(client, url)
    Attendance.objects.filter(meeting=published.meeting, status="apologies").delete()
    after = get(client, url)
    assert after["minuted:apologies"] == []
    assert after["modified"] >= before["modified"]
    assert OParlMeetingState.objects.get(meeting=published.meeting).register_changed is not None


def test_a_supplementary_pack_is_an_auxiliary_file_with_its_papers(client, world):
    meeting = make_meeting(world.board, world.term)
    add_item(meeting, title="Welcome")
    later = add_item(meeting, title="Peer challenge update", kind=AgendaItemKind.SUPPLEMENTAL)
    publish_pack(meeting, world.clerk)
    make_report(later, "Peer challenge update: the report")
    publish_pack(meeting, world.clerk, kind=PackKind.SUPPLEMENTARY)
    obj = get(client, f"{BASE}meeting/{meeting.uid}/")
    supplementary = meeting.packs.get(kind=PackKind.SUPPLEMENTARY)
    assert [f["id"] for f in obj["auxiliaryFile"]] == [f"{BASE}file/{supplementary.uid}/"]
    assert obj["auxiliaryFile"][0]["accessUrl"].endswith("/supplementary/v1/public.pdf")
    item = {i["name"]: i for i in obj["agendaItem"]}["Peer challenge update"]
    paper = get(client, get(client, item["consultation"])["paper"])
    assert paper["name"] == "Peer challenge update: the report"
    assert paper["minuted:file"] == f"{BASE}file/{supplementary.uid}/"
    assert "/supplementary/v1/public/reports/" in paper["web"]
    assert client.get(paper["web"]).status_code == 200
