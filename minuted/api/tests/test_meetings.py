"""Meetings as anyone reads them: when and where, the agenda as published (never before), the
published versions of the pack and minutes."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from minuted.api.tests.conftest import EXEMPT_REPORT
from minuted.meetings.services import add_item
from minuted.papers.publishing import publish_pack
from minuted.record.publishing import publish_minutes
from minuted.record.services import minutes_for
from minuted.testing import make_meeting


def test_meetings_are_listed_oldest_first_with_what_is_published(world, published, anonymous):
    upcoming = make_meeting(world.board, world.term)
    body = anonymous.get("/meetings").json()
    assert [m["uid"] for m in body["results"]] == [str(published.meeting.uid), str(upcoming.uid)]
    held, planned = body["results"]
    assert held["pack_published"] and held["minutes_published"] and held["status"] == "held"
    assert not planned["pack_published"] and not planned["minutes_published"]
    assert planned["start_time"] == "11:00" and planned["place"] == "Westminster Room"
    assert planned["page_url"].endswith(f"/meetings/{world.board.slug}/{upcoming.slug}/")


def test_meetings_filter_by_board_dates_and_status_and_sort_newest_first(world, anonymous):
    today = timezone.localdate()
    days = [today + dt.timedelta(days=n) for n in (10, 20, 30)]
    for day in days:
        make_meeting(world.board, world.term, day)
    make_meeting(world.other_board, world.term, days[0])
    since = anonymous.get("/meetings", board=world.board.slug, since=days[1].isoformat()).json()
    assert [m["date"] for m in since["results"]] == [d.isoformat() for d in days[1:]]
    until = anonymous.get("/meetings", until=days[0].isoformat()).json()
    assert until["count"] == 2
    newest = anonymous.get("/meetings", board=str(world.board.uid), order="-date").json()
    assert [m["date"] for m in newest["results"]] == [d.isoformat() for d in reversed(days)]
    assert anonymous.get("/meetings", status="held").json()["count"] == 0


def test_a_published_meeting_shows_its_public_agenda_with_exempt_titles_but_no_exempt_papers(
    published, anonymous
):
    response = anonymous.get(f"/meetings/{published.meeting.uid}")
    body = response.json()
    assert body["agenda_source"] == "pack"
    items = [e for e in body["agenda"] if e["type"] == "item"]
    assert [(e["number"], e["exempt"]) for e in items] == [("1", False), ("2", True), ("3", False)]
    assert items[1]["title"] == "Procurement of the peer challenge contract"
    assert items[1]["papers"] == []
    assert [p["title"] for p in items[2]["papers"]] == ["Climate change support offer"]
    assert any(e["type"] == "marker" for e in body["agenda"])  # the confidential section
    assert EXEMPT_REPORT not in response.content.decode()
    assert "Peer challenge contract" not in response.content.decode()  # the report's own title


def test_a_published_meeting_links_the_public_editions_of_its_pack_and_minutes(
    published, anonymous
):
    body = anonymous.get(f"/meetings/{published.meeting.uid}").json()
    [pack] = body["packs"]
    assert pack["kind"] == "main" and pack["version"] == 1 and pack["latest"]
    assert pack["pdf_url"].endswith("/pack/v1/public.pdf")
    assert len(pack["pdf_sha256"]) == 64
    [minutes] = body["minutes"]
    assert minutes["pdf_url"].endswith("/minutes/v1/public.pdf")
    assert body["minutes_approved_on"] is None
    pdf = Client().get(pack["pdf_url"].removeprefix("http://testserver"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_an_agenda_is_not_public_before_its_pack_is_published(world, anonymous):
    meeting = make_meeting(world.board, world.term)
    add_item(meeting, title="Draft item the clerk may still withdraw")
    response = anonymous.get(f"/meetings/{meeting.uid}")
    body = response.json()
    assert body["agenda_source"] is None and body["agenda"] == []
    assert "Draft item" not in response.content.decode()


def test_a_meeting_minuted_without_a_pack_lists_the_items_of_its_public_minutes(world, anonymous):
    meeting = make_meeting(world.board, world.term, timezone.localdate() - dt.timedelta(days=3))
    add_item(meeting, title="Welcome", urgency_reason="Transcribed.")
    add_item(
        meeting,
        title="Property matters",
        exempt=True,
        exempt_paragraph=3,
        public_interest_reason="Negotiations continue.",
        urgency_reason="Transcribed.",
    )
    publish_minutes(minutes_for(meeting), world.clerk)
    body = anonymous.get(f"/meetings/{meeting.uid}").json()
    assert body["agenda_source"] == "minutes"
    assert [(e["number"], e["title"], e["exempt"]) for e in body["agenda"]] == [
        ("1", "Welcome", False),
        ("2", "Property matters", True),
    ]


def test_a_second_version_of_the_pack_is_the_latest(world, published, anonymous):
    publish_pack(published.meeting, world.clerk, reason="A late correction.")
    body = anonymous.get(f"/meetings/{published.meeting.uid}").json()
    assert [(p["version"], p["latest"]) for p in body["packs"]] == [(1, False), (2, True)]
    assert body["packs"][1]["reason"] == "A late correction."
    paper = body["agenda"][-1]["papers"][0]
    assert (
        anonymous.get(paper["url"].removeprefix("http://testserver/api/v1")).json()["pack"][
            "version"
        ]
        == 2
    )


def test_an_unknown_meeting_is_a_json_404(world, anonymous):
    response = anonymous.get(f"/meetings/{world.board.uid}")
    assert response.status_code == 404
    assert response.json()["detail"] == "No such meeting."
