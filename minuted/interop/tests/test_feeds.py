"""Atom feeds of published papers and decisions: entries from the public editions of the latest
published versions only, with ids that survive a new version."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from xml.etree import ElementTree

from django.test import Client
from django.urls import resolve, reverse

from minuted.interop import exports_urls
from minuted.interop.moderngov import urls as moderngov_urls
from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item
from minuted.papers.publishing import publish_pack, record_report_change
from minuted.papers.tests.conftest import SECRET as EXEMPT_REPORT_TEXT
from minuted.papers.tests.conftest import agenda  # noqa: F401
from minuted.record.models import Decision
from minuted.record.publishing import publish_minutes
from minuted.record.services import approve_minutes, minutes_for, release_decisions
from minuted.record.tests.test_minutes_document import SECRET as CONFIDENTIAL_DECISION
from minuted.record.tests.test_minutes_document import recorded  # noqa: F401
from minuted.testing import make_meeting, make_report

ATOM = "{http://www.w3.org/2005/Atom}"


def read_feed(client: Client, url: str) -> tuple[ElementTree.Element, bytes]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ElementTree.fromstring(response.content), response.content


def entries(feed: ElementTree.Element) -> list[dict[str, str]]:
    return [
        {
            "id": e.findtext(f"{ATOM}id", ""),
            "title": e.findtext(f"{ATOM}title", ""),
            "link": e.find(f"{ATOM}link").get("href", ""),  # type: ignore[union-attr]
            "updated": e.findtext(f"{ATOM}updated", ""),
            "summary": e.findtext(f"{ATOM}summary", ""),
        }
        for e in feed.findall(f"{ATOM}entry")
    ]


def path_of(url: str) -> str:
    return url.removeprefix("http://testserver")


def test_the_papers_feed_has_one_entry_per_public_report(world, client, agenda):  # noqa: F811
    version = publish_pack(agenda.meeting, world.clerk)
    feed, body = read_feed(client, reverse("papers-feed"))
    (entry,) = entries(feed)  # the exempt report is not there at all
    assert entry["title"] == "Climate change support offer"
    match = resolve(path_of(entry["link"]))
    assert match.url_name == "pack-report"
    assert match.kwargs["edition"] == "public" and match.kwargs["report"] == (
        f"r{agenda.public_report.pk}"
    )
    assert client.get(path_of(entry["link"])).status_code == 200
    assert entry["id"] == (
        f"tag:testserver,{agenda.meeting.date:%Y-%m-%d}:papers/{agenda.public_report.uid}"
    )
    assert dt.datetime.fromisoformat(entry["updated"]) == version.published_at
    assert EXEMPT_REPORT_TEXT.encode() not in body
    assert b"Peer challenge contract" not in body  # the exempt report's title


def test_the_feed_itself_is_atom_with_an_id_a_title_an_author_and_a_self_link(world, client):
    feed, _ = read_feed(client, reverse("papers-feed"))
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id") == "http://testserver/feeds/papers.atom"
    assert feed.findtext(f"{ATOM}title") == "LGA: published papers"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == world.organisation.name
    assert feed.findtext(f"{ATOM}updated")
    rels = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert rels["self"] == "http://testserver/feeds/papers.atom"


def test_a_new_version_updates_the_entry_instead_of_adding_one(world, client, agenda):  # noqa: F811
    publish_pack(agenda.meeting, world.clerk)
    (before,) = entries(read_feed(client, reverse("papers-feed"))[0])
    report = agenda.public_report
    report.title = "Climate change support offer, revised"
    report.save()
    record_report_change(report, world.officer, "Title corrected.")
    # Not yet republished: the feed still carries version 1's title.
    assert entries(read_feed(client, reverse("papers-feed"))[0]) == [before]
    publish_pack(agenda.meeting, world.clerk, reason="Title corrected.")
    (after,) = entries(read_feed(client, reverse("papers-feed"))[0])
    assert after["id"] == before["id"]
    assert after["title"] == "Climate change support offer, revised"
    assert resolve(path_of(after["link"])).kwargs["number"] == 2
    assert after["updated"] >= before["updated"]


def test_a_boards_papers_feed_has_only_that_boards_papers(world, client, agenda):  # noqa: F811
    publish_pack(agenda.meeting, world.clerk)
    other = make_meeting(world.other_board, world.term)
    item = add_item(other, title="Budget", kind=AgendaItemKind.REPORT)
    make_report(item, "Budget monitoring")
    publish_pack(other, world.clerk_of_another_board)
    mine = entries(read_feed(client, reverse("board-papers-feed", args=[world.board.slug]))[0])
    theirs = entries(
        read_feed(client, reverse("board-papers-feed", args=[world.other_board.slug]))[0]
    )
    everyone = entries(read_feed(client, reverse("papers-feed"))[0])
    assert [e["title"] for e in mine] == ["Climate change support offer"]
    assert [e["title"] for e in theirs] == ["Budget monitoring"]
    assert sorted(e["title"] for e in everyone) == [
        "Budget monitoring",
        "Climate change support offer",
    ]
    assert client.get(reverse("board-papers-feed", args=["no-such-board"])).status_code == 404


def test_the_decisions_feed_leaves_confidential_decisions_out_until_released(
    world,
    client,
    recorded,  # noqa: F811
):
    minutes, notices, approval = recorded
    publish_minutes(minutes, world.clerk)
    feed, body = read_feed(client, reverse("decisions-feed"))
    (entry,) = entries(feed)
    meeting = minutes.meeting
    assert entry["title"] == (
        f"{world.board.name}, {meeting.date:%A} {meeting.date.day} {meeting.date:%B %Y}: "
        "decision 1.1, Welcome"
    )
    assert "Members noted the declaration." in entry["summary"]
    assert entry["id"] == f"tag:testserver,{meeting.date:%Y-%m-%d}:decisions/{meeting.uid}/1.1"
    assert resolve(path_of(entry["link"]).split("#")[0]).url_name == "minutes-edition"
    assert entry["link"].endswith("/minutes/v1/public/#minute-1")
    assert CONFIDENTIAL_DECISION.encode() not in body

    approve_minutes(minutes, approval)
    release_decisions(notices, approval, world.clerk)  # publishes version 2
    board_feed = reverse("board-decisions-feed", args=[world.board.slug])
    released = entries(read_feed(client, board_feed)[0])
    assert [e["id"] for e in released] == [entry["id"], entry["id"].replace("1.1", "2.1")]
    assert CONFIDENTIAL_DECISION in released[1]["summary"]
    assert (
        entries(
            read_feed(client, reverse("board-decisions-feed", args=[world.other_board.slug]))[0]
        )
        == []
    )


def test_a_draft_decision_never_reaches_the_feed(world, client, recorded):  # noqa: F811
    minutes, _, _ = recorded
    publish_minutes(minutes, world.clerk)
    Decision.objects.create(item=minutes.items.all()[0], position=2, text="A draft, unpublished.")
    _, body = read_feed(client, reverse("decisions-feed"))
    assert b"A draft, unpublished." not in body


def publish_meetings(world, count: int) -> None:
    """Meetings of the board, each with a published pack (one report) and published minutes
    (one decision)."""
    for _ in range(count):
        meeting = make_meeting(world.board, world.term)
        item = add_item(meeting, title="Climate support", kind=AgendaItemKind.REPORT)
        make_report(item, "Climate support offer")
        publish_pack(meeting, world.clerk)
        minutes = minutes_for(meeting)
        Decision.objects.create(item=minutes.items.get(), position=1, text="Noted.")
        publish_minutes(minutes, world.clerk)


FEEDS = ["papers-feed", "board-papers-feed", "decisions-feed", "board-decisions-feed"]


def test_queries_do_not_grow_with_the_number_of_meetings(
    world, client, django_assert_max_num_queries
):
    for count, more in ((2, 2), (12, 10)):
        publish_meetings(world, more)
        for name in FEEDS:
            args = [world.board.slug] if name.startswith("board") else []
            with django_assert_max_num_queries(6):
                found = entries(read_feed(client, reverse(name, args=args))[0])
            assert len(found) == count, name


def test_a_control_character_in_a_title_does_not_stop_the_feed(world, client):
    meeting = make_meeting(world.board, world.term)
    item = add_item(meeting, title="Budget\x0b monitoring", kind=AgendaItemKind.REPORT)
    make_report(item, "Budget\x0c monitoring report")
    publish_pack(meeting, world.clerk)
    (entry,) = entries(read_feed(client, reverse("papers-feed"))[0])
    assert entry["title"] == "Budget monitoring report"


def test_every_open_data_address_is_documented():
    """docs/open-data.md names every calendar, feed, CSV and ModernGov address."""
    documented = (Path(__file__).resolve().parents[3] / "docs" / "open-data.md").read_text()
    routes = [f"/{p.pattern}" for p in exports_urls.urlpatterns]
    routes += [f"/mgWebService.asmx/{p.pattern}" for p in moderngov_urls.urlpatterns]
    missing = [
        r for r in (re.sub(r"<\w+:(\w+)>", r"<\1>", r) for r in routes) if r not in documented
    ]
    assert len(routes) == 13 and missing == []


def test_each_feed_links_to_the_page_it_follows(world, client):
    def alternate(url: str) -> str | None:
        feed, _ = read_feed(client, url)
        links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
        return links["alternate"]

    board = f"http://testserver{reverse('board', args=[world.board.slug])}"
    assert alternate(reverse("decisions-feed")) == "http://testserver/decisions/"
    assert alternate(reverse("papers-feed")) == "http://testserver/"
    assert alternate(reverse("board-papers-feed", args=[world.board.slug])) == board
    assert alternate(reverse("board-decisions-feed", args=[world.board.slug])) == board
