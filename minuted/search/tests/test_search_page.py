"""The search page: results with their count, filters as a GET form, pagination, and a 400
naming the parameter for bad input."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item
from minuted.papers.publishing import publish_pack
from minuted.search.tests.conftest import PACK_SECRET
from minuted.testing import make_meeting, make_report

URL = reverse("search")


def test_the_page_lists_results_with_their_count_kind_and_link(client, world, published):
    response = client.get(URL, {"q": "climate"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 results for “climate”" in page
    meeting = published.meeting
    report_url = f"/meetings/{world.board.slug}/{meeting.slug}/pack/v1/public/reports/"
    assert report_url in page
    assert "<mark>Climate</mark>" in page
    assert "<title>2 results for “climate” – Search" in page


def test_without_a_query_the_page_offers_the_form(client, world):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
    assert "result" not in response.context["values"]["q"]


def test_nothing_exempt_is_found_on_the_page(client, world, published):
    for words in ("Acme Holdings", "4.2 million pounds"):
        response = client.get(URL, {"q": words})
        assert response.context["results"].total == 0
        assert PACK_SECRET not in response.content.decode()
    # The exempt report's title is not found; its item's line on the public agenda is.
    response = client.get(URL, {"q": "peer challenge contract"})
    assert [r.title for r in response.context["results"].results] == [
        "Procurement of the peer challenge contract"
    ]
    assert "No results for “Acme”" in client.get(URL, {"q": "Acme"}).content.decode()


def test_user_text_in_a_result_is_escaped(client, world):
    meeting = make_meeting(world.board, world.term)
    item = add_item(meeting, title="<script>alert(1)</script> Allotments", kind="report")
    make_report(item, "<img src=x onerror=alert(1)> Allotments", text="Allotments are full.")
    publish_pack(meeting, world.clerk)
    page = client.get(URL, {"q": "allotments"}).content.decode()
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Allotments</mark>" in page


def test_the_filters_narrow_the_results_and_stay_selected(client, world, published):
    response = client.get(URL, {"q": "climate", "kind": "item", "board": world.board.slug})
    assert [r.kind for r in response.context["results"].results] == ["item"]
    page = response.content.decode()
    assert f'<option value="{world.board.slug}" selected>' in page
    assert '<option value="item" selected>' in page
    assert "Clear filters" in page
    day = published.meeting.date.isoformat()
    response = client.get(URL, {"q": "climate", "from": day, "to": day})
    assert response.context["results"].total == 2
    assert f'value="{day}"' in response.content.decode()
    uk_day = published.meeting.date.strftime("%d/%m/%Y")  # the way people write dates here
    response = client.get(URL, {"q": "climate", "from": uk_day, "to": uk_day})
    assert response.context["results"].total == 2


@pytest.mark.parametrize(
    ("params", "parameter", "message"),
    [
        ({"from": "29 October"}, "from", "From must be a real date, like 29/10/2019"),
        ({"to": "2019-02-30"}, "to", "To must be a real date, like 29/10/2019"),
        ({"to": "10/29/2019"}, "to", "To must be a real date"),
        ({"from": "2019-10-29", "to": "2019-10-01"}, "to", "To must be the same as or after"),
        ({"kind": "minutes-draft"}, "kind", "Choose a kind of result"),
        ({"board": "no-such-board"}, "board", "Choose a board from the list"),
        ({"page": "two"}, "page", "The page must be a whole number"),
        ({"page": "0"}, "page", "The page must be a whole number"),
        # More digits than int() converts: was a 500.
        ({"page": "9" * 5000}, "page", "The page must be a whole number"),
        ({"page": "7"}, "page", "There is only 1 page of results"),
        ({"q": "x" * 201}, "q", "Search for at most 200 characters"),
    ],
)
def test_bad_input_answers_400_naming_the_parameter(
    client, world, published, params, parameter, message
):
    response = client.get(URL, {"q": "climate", **params})
    assert response.status_code == 400
    assert response.context["errors"] == {parameter: response.context["errors"][parameter]}
    page = response.content.decode()
    assert message in page and "There is a problem" in page
    assert "<title>Error: " in page


def test_results_come_in_pages_whose_links_keep_the_query_and_filters(client, world):
    meeting = make_meeting(world.board, world.term)
    for n in range(23):
        add_item(meeting, title=f"Hedgerow survey part {n}")
    add_item(meeting, title="Hedgerow report", kind=AgendaItemKind.REPORT)
    make_report(meeting.items.last(), "Hedgerow report")
    publish_pack(meeting, world.clerk)
    first = client.get(URL, {"q": "hedgerow", "kind": "item"})
    assert first.context["results"].total == 24
    page = first.content.decode()
    assert "24 results for “hedgerow”, showing 1 to 20." in page
    assert 'href="?q=hedgerow&amp;kind=item&amp;page=2" rel="next"' in page
    second = client.get(URL, {"q": "hedgerow", "kind": "item", "page": "2"})
    assert len(second.context["results"].results) == 4
    assert 'aria-current="page">2<' in "".join(second.content.decode().split())


def publish_meetings(world, count):
    for n in range(count):
        meeting = make_meeting(world.board, world.term)
        item = add_item(meeting, title=f"Libraries strategy {n}", kind=AgendaItemKind.REPORT)
        make_report(item, f"Libraries strategy {n}", text="Opening hours of libraries.")
        publish_pack(meeting, world.clerk)


@pytest.mark.parametrize("meetings", [2, 12])
def test_the_number_of_queries_does_not_grow_with_the_meetings(
    client, world, meetings, django_assert_max_num_queries
):
    publish_meetings(world, meetings)
    # The organisation (for the page and its header), whether it is the only one, its
    # boards, the search and its count.
    with django_assert_max_num_queries(6):
        response = client.get(URL, {"q": "libraries", "board": world.board.slug})
    assert response.context["results"].total == 2 * meetings  # an item and a report each
