"""Papers: the reports of the latest published packs, as their public editions print them."""

from __future__ import annotations

from minuted.api.tests.conftest import EXEMPT_REPORT
from minuted.papers.publishing import publish_pack


def test_papers_list_only_the_reports_the_public_may_read(published, anonymous):
    response = anonymous.get("/papers")
    body = response.json()
    assert [p["title"] for p in body["results"]] == ["Climate change support offer"]
    paper = body["results"][0]
    assert paper["uid"] == str(published.public_report.uid)
    assert paper["item_number"] == "3" and paper["purpose"] == "For decision."
    assert paper["pack"] == {
        "kind": "main",
        "version": 1,
        "published_at": paper["pack"]["published_at"],
    }
    assert paper["page_url"].endswith(f"/pack/v1/public/reports/r{published.public_report.pk}/")
    assert EXEMPT_REPORT not in response.content.decode()


def test_a_paper_shows_its_content_as_the_public_edition_prints_it(published, anonymous):
    meeting, report = published.meeting, published.public_report
    body = anonymous.get(f"/meetings/{meeting.uid}/papers/{report.uid}").json()
    content = body["content"]
    assert content["title"] == "Climate change support offer"
    assert content["sections"][0]["heading"] == "Background"
    assert content["sections"][0]["paragraphs"][0]["number"] == "1"


def test_an_exempt_paper_is_not_found(published, anonymous):
    meeting, report = published.meeting, published.exempt_report
    response = anonymous.get(f"/meetings/{meeting.uid}/papers/{report.uid}")
    assert response.status_code == 404
    assert EXEMPT_REPORT not in response.content.decode()
    listed = anonymous.get(f"/meetings/{meeting.uid}/papers").json()
    assert [p["uid"] for p in listed] == [str(published.public_report.uid)]


def test_a_report_changed_after_publication_stays_as_published_until_republished(
    world, published, anonymous
):
    report = published.public_report
    report.title = "A title not yet published"
    report.save()
    assert anonymous.get("/papers").json()["results"][0]["title"] == "Climate change support offer"
    publish_pack(published.meeting, world.clerk, reason="Retitled.")
    [paper] = anonymous.get("/papers").json()["results"]
    assert (paper["title"], paper["pack"]["version"]) == ("A title not yet published", 2)


def test_papers_filter_by_board_and_dates(world, published, anonymous):
    day = published.meeting.date.isoformat()
    assert anonymous.get("/papers", board=world.board.slug).json()["count"] == 1
    assert anonymous.get("/papers", board=world.other_board.slug).json()["count"] == 0
    assert anonymous.get("/papers", since=day, until=day).json()["count"] == 1
    assert anonymous.get("/papers", until="2000-01-01").json()["count"] == 0
