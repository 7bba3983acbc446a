"""The search interface, on whichever database the suite runs: ranking, filters, snippets,
and queries that would be syntax errors if passed to the database as typed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item
from minuted.papers.publishing import publish_pack
from minuted.search.backends import START, STOP, backend_for, fts5_query
from minuted.search.models import Entry, Kind
from minuted.search.services import Filters, marked_html, search
from minuted.testing import make_meeting, make_organisation, make_report


def publish(world, board, title, text, day=None, clerk=None):
    """A meeting of ``board`` with one public report, published."""
    meeting = make_meeting(board, world.term, day)
    item = add_item(meeting, title=title, kind=AgendaItemKind.REPORT)
    make_report(item, title, text=text)
    clerk = clerk or world.clerk
    if not board.clerks.filter(pk=clerk.pk).exists():
        board.clerks.add(clerk)
    publish_pack(meeting, clerk)
    return meeting


def test_the_backend_is_the_one_for_the_database_in_use(db):
    expected = {"sqlite": "sqlite-fts5", "postgresql": "postgresql"}[connection.vendor]
    assert backend_for().name == expected
    assert search("anything").backend == expected


def test_words_are_stemmed_so_a_plural_finds_the_singular(world, published):
    assert search("supports offers").total == search("support offer").total > 0


def test_a_match_in_the_title_ranks_above_a_match_in_the_body(world):
    publish(world, world.board, "Library services", "Nothing here about the lido.")
    publish(world, world.board, "Lido refurbishment", "Repairs to the pool.")
    results = search("lido", Filters(kinds=(Kind.REPORT,))).results
    assert [r.title for r in results] == ["Lido refurbishment", "Library services"]


def test_all_words_must_match_phrases_exclusions_and_alternatives_work(world):
    publish(world, world.board, "Waste collection", "Weekly bin collection for rural areas.")
    publish(world, world.board, "Bus services", "Rural bus routes are under review.")
    reports = Filters(kinds=(Kind.REPORT,))
    titles = lambda q: sorted(r.title for r in search(q, reports).results)  # noqa: E731
    assert titles("rural bin") == ["Waste collection"]
    assert titles('"bus routes"') == ["Bus services"]
    assert titles('"routes bus"') == []  # a phrase keeps its order
    assert titles("rural -bin") == ["Bus services"]
    assert titles("bin or bus") == ["Bus services", "Waste collection"]


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced quote',
        'climate"',
        "climate AND OR NOT",
        "NEAR(climate support, 2)",
        "title:climate",
        "clim*",
        "^climate",
        "(climate",
        "climate)",
        "- - -",
        "''",
        "\\",
        "climate \x00 support",
        "a" * 5000,
        "🌍 climate",
        f"{START}climate{STOP}",
        "-climate",
        "or",
        "  ",
        "'; DROP TABLE search_entry; --",
    ],
)
def test_no_query_is_a_syntax_error(world, published, query):
    results = search(query)
    assert results.total >= 0
    assert Entry.objects.exists()  # and nothing was harmed


def test_operators_a_user_types_are_only_words(world, published):
    # "NEAR" and a column filter would change the query if FTS5 read them.
    assert search("climate NEAR").total == 0  # "near" is a word that must match too
    assert search("climate support").total == search('"climate" support').total
    assert search("title:climate").total == search("title climate").total


def test_the_query_language_becomes_quoted_fts5_strings():
    assert fts5_query('climate "peer challenge" -secret or x*') == (
        '("climate" AND ("peer challenge" OR "x")) NOT ("secret")'
    )
    # Punctuation inside a word makes a phrase of its parts, as FTS5 reads "e-mail".
    assert fts5_query('NEAR(a b) col:"x y') == '"NEAR a" AND "b" AND "col x" AND "y"'
    assert fts5_query("-only -negative") is None
    assert fts5_query("*** ()") is None


def test_snippets_mark_the_matched_words_and_escape_everything_else(world):
    text = 'Officers <script>alert("x")</script> & partners propose a **windfarm** levy.'
    publish(world, world.board, "Energy <b>levy</b>", text)
    (result,) = search("windfarm", Filters(kinds=(Kind.REPORT,))).results
    assert "<mark>windfarm</mark>" in result.snippet_html
    assert "<script>" not in result.snippet_html and "&lt;script&gt;" in result.snippet_html
    assert "&amp; partners" in result.snippet_html
    assert str(result.title_html) == "Energy &lt;b&gt;levy&lt;/b&gt;"


def test_text_cannot_smuggle_in_the_highlight_marks(world):
    publish(world, world.board, "Markers", f"A {START}<img src=x>{STOP} windfarm.")
    (result,) = search("windfarm", Filters(kinds=(Kind.REPORT,))).results
    assert "<img" not in result.snippet_html
    assert result.snippet_html.count("<mark>") == 1


def test_marked_html_closes_a_mark_left_open():
    assert str(marked_html(f"{START}a<b")) == "<mark>a&lt;b</mark>"


def test_filter_by_board(world, published):
    publish(world, world.other_board, "Climate budget", "Money.", clerk=world.clerk)
    by_board = search("climate", Filters(board=world.other_board)).results
    assert {r.board_slug for r in by_board} == {world.other_board.slug}
    assert search("climate").total > len(by_board)


def test_filter_by_board_finds_people_through_their_memberships(world):
    member = world.member.person
    found = search(member.family_name, Filters(board=world.board)).results
    assert [r.url for r in found] == [f"/people/{member.slug}/"]
    assert search(member.family_name, Filters(board=world.other_board)).total == 0


def test_filter_by_kind(world, published):
    found = search("climate", Filters(kinds=(Kind.AGENDA_ITEM,))).results
    assert [r.kind for r in found] == ["item"]
    assert [r.url for r in found] == [
        f"/meetings/{world.board.slug}/{published.meeting.slug}/#agenda"
    ]


def test_filter_by_dates_keeps_meetings_in_the_range_and_leaves_undated_people_out(world):
    soon = timezone.localdate() + dt.timedelta(days=30)  # ahead of the publication deadline
    early = publish(world, world.board, "Flood plan", "Early.", day=soon)
    publish(world, world.board, "Flood plan revisited", "Later.", day=soon + dt.timedelta(days=40))
    in_range = search("flood", Filters(since=early.date, until=early.date + dt.timedelta(days=1)))
    assert {r.date for r in in_range.results} == {early.date}
    assert search("flood", Filters(since=early.date + dt.timedelta(days=2))).total == 2
    person = world.member.person
    assert search(person.family_name, Filters(since=early.date)).total == 0


def test_another_organisations_entries_are_not_found_within_an_organisation(world, published):
    elsewhere = make_organisation("elsewhere", "Elsewhere Council")
    Entry.objects.create(organisation=elsewhere, kind=Kind.BOARD, title="Climate Board")
    ours = search("climate", Filters(organisation=world.organisation)).results
    assert ours and "Climate Board" not in [r.title for r in ours]
    (theirs,) = search("climate", Filters(organisation=elsewhere)).results
    assert theirs.title == "Climate Board"


def test_results_come_a_page_at_a_time_with_the_total(world):
    for n in range(5):
        publish(world, world.board, f"Pothole report {n}", "Roads.")
    first = search("pothole", Filters(kinds=(Kind.REPORT,)), page=1, per_page=2)
    third = search("pothole", Filters(kinds=(Kind.REPORT,)), page=3, per_page=2)
    assert (first.total, first.pages, len(first.results)) == (5, 3, 2)
    assert (third.first, third.last, len(third.results)) == (5, 5, 1)
    beyond = search("pothole", Filters(kinds=(Kind.REPORT,)), page=9, per_page=2)
    assert (beyond.total, beyond.results) == (5, [])
    seen = {
        r.title
        for p in (1, 2, 3)
        for r in search("pothole", Filters(kinds=(Kind.REPORT,)), page=p, per_page=2).results
    }
    assert len(seen) == 5  # no result on two pages, none missed
