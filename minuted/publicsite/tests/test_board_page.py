"""The public board page: purpose, terms of reference, quorum arithmetic and membership."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from minuted.demo import loader
from minuted.governance.models import MembershipRole
from minuted.publicsite.tests.conftest import held_meeting, past_days
from minuted.testing import appoint, make_meeting, make_person


def text_of(response) -> str:
    """The page as a reader hears it: tags dropped, whitespace collapsed."""
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def iib(db):
    return loader.load(with_accounts=False)


def test_the_board_page_shows_the_2019_20_membership_grouped_by_political_group(client, iib):
    response = client.get(reverse("board", args=[iib.slug]))
    assert response.status_code == 200
    text = text_of(response)
    assert "Membership 2019/20" in text
    for caption in ("Conservative (8)", "Labour (8)", "Liberal Democrat (3)", "Independent (3)"):
        assert caption in text
    assert "Cllr Peter Fleming OBE Chair Sevenoaks District Council" in text
    assert "Sir Stephen Houghton CBE Observer Barnsley Metropolitan Borough Council" in text
    assert "Substitutes Cllr Caroline Leaver Substitute North Devon" in text
    assert "Mr Philip Sellwood Energy Saving Trust" in text


def test_the_board_page_shows_the_quorum_with_its_arithmetic(client, iib):
    text = text_of(client.get(reverse("board", args=[iib.slug])))
    assert "Quorum: 7 of 19 voting members, from at least 2 political groups" in text
    assert "One third of 19 voting members is 7 (rounded up)" in text


def test_an_earlier_terms_page_shows_that_terms_membership_and_quorum(client, iib):
    text = text_of(client.get(reverse("board-term", args=[iib.slug, "2018-19"])))
    assert "Membership 2018/19" in text
    assert "Quorum: 6 of 18 voting members, from at least 2 political groups" in text
    assert "Lord Gary Porter CBE Observer South Holland" in text


def test_the_board_page_shows_purpose_terms_of_reference_and_priorities(client, iib):
    text = text_of(client.get(reverse("board", args=[iib.slug])))
    assert "provide strategic oversight" in text
    assert "Quorum is one third of the members" in text  # terms of reference, as Markdown
    assert "Leadership Lead member: Cllr Judi Billing MBE" in text
    assert "Benn Cain, Member Services Officer" in text
    assert "Annually to the LGA Executive, in July" in text


def test_vacant_seats_are_shown_per_group(client, world):
    appoint(make_person(world.organisation), world.board, world.term, world.labour)
    text = text_of(client.get(reverse("board", args=[world.board.slug])))
    assert text.count("Vacancy — Labour Group") == 7
    assert text.count("Vacancy — Conservative Group") == 7  # the world's member holds one


def test_terms_of_reference_cannot_inject_script(client, world):
    world.board.terms_of_reference = "Hello <script>alert(1)</script> [x](javascript:alert(1))"
    world.board.save()
    html = client.get(reverse("board", args=[world.board.slug])).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text, not run
    assert 'href="javascript' not in html


def test_the_board_page_query_count_does_not_grow_with_the_membership(
    client, world, django_assert_max_num_queries
):
    for _ in range(7):
        appoint(
            make_person(world.organisation),
            world.board,
            world.term,
            world.labour,
            MembershipRole.MEMBER,
        )
    with django_assert_max_num_queries(12):
        client.get(reverse("board", args=[world.board.slug]))


def test_an_unknown_board_is_not_found(client, world):
    assert client.get(reverse("board", args=["no-such-board"])).status_code == 404


def test_the_person_page_lists_their_memberships(client, iib):
    response = client.get(reverse("person", args=["judi-billing"]))
    text = text_of(response)
    assert "Cllr Judi Billing MBE" in text
    assert "Improvement and Innovation Board 2019/20 Deputy Chair Labour North Hertfordshire" in (
        text
    )
    assert "2018/19 Deputy Chair Labour Hertfordshire County Council" in text


def test_the_people_and_boards_lists_link_to_their_pages(client, iib):
    people = client.get(reverse("person-list")).content.decode()
    boards = client.get(reverse("board-list")).content.decode()
    assert reverse("person", args=["peter-fleming"]) in people
    assert reverse("board", args=[iib.slug]) in boards


def test_a_new_site_without_data_says_so_rather_than_failing(client, db):
    for name in ("home", "board-list", "person-list"):
        response = client.get(reverse(name))
        assert response.status_code == 200
    assert "No boards have been set up yet" in text_of(client.get(reverse("board-list")))


def test_a_missing_page_gets_a_helpful_not_found_page(client, world):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in text_of(response)


# --- Meetings by term, feeds and downloads ---------------------------------------------------


def test_the_board_page_lists_the_terms_meetings_with_links_and_cancellations(client, world):
    today = timezone.localdate()
    held = make_meeting(world.board, world.term, today - dt.timedelta(days=30), status="held")
    cancelled = make_meeting(
        world.board,
        world.term,
        today + dt.timedelta(days=30),
        status="cancelled",
        cancellation_reason="Not enough business.",
    )
    make_meeting(world.board, world.last_term, world.last_term.start_date + dt.timedelta(days=9))
    response = client.get(reverse("board", args=[world.board.slug]))
    html = response.content.decode()
    assert f"Meetings {world.term.name}" in text_of(response)
    for meeting in (held, cancelled):
        assert reverse("meeting", args=[world.board.slug, meeting.slug]) in html
    # The cancelled meeting's row carries the tag; last term's meeting is on its own page.
    row = html[html.index(reverse("meeting", args=[world.board.slug, cancelled.slug])) :]
    assert row.index("Cancelled") < row.index("</tr>")
    assert html.count('href="/meetings/') == 2
    assert f"{world.board.name} {world.last_term.name} (1 meeting)" in text_of(response)


def test_an_earlier_terms_page_lists_that_terms_meetings(client, world):
    meeting = make_meeting(
        world.board, world.last_term, world.last_term.start_date + dt.timedelta(days=9)
    )
    response = client.get(reverse("board-term", args=[world.board.slug, world.last_term.slug]))
    assert f"Meetings {world.last_term.name}" in text_of(response)
    assert reverse("meeting", args=[world.board.slug, meeting.slug]) in response.content.decode()


def test_the_board_page_links_to_its_feeds_and_downloads(client, world):
    html = client.get(reverse("board", args=[world.board.slug])).content.decode()
    board, term = world.board.slug, world.term.slug
    for name, args in (
        ("board-calendar", [board]),
        ("board-papers-feed", [board]),
        ("board-decisions-feed", [board]),
        ("board-actions-csv", [board]),
        ("board-membership-csv", [board, term]),
        ("board-attendance-csv", [board, term]),
    ):
        assert f'href="{reverse(name, args=args)}"' in html, name
    assert f'href="{reverse("decisions-csv")}?board={board}"' in html
    assert f'href="{reverse("decision-list")}?board={board}"' in html
    # Feed readers discover the board's feeds from the page head.
    assert f'type="application/atom+xml" title="Papers of the {world.board.name}"' in html


@pytest.mark.urls("minuted.publicsite.tests.urls_without_open_data")
def test_pages_do_not_break_when_feeds_and_search_are_not_installed(client, world):
    for url in ("/", f"/boards/{world.board.slug}/", "/decisions/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert ".atom" not in response.content.decode()
        assert 'action="/search/"' in response.content.decode()


@pytest.mark.parametrize("meetings", [2, 12])
def test_the_board_page_query_count_does_not_grow_with_meetings(
    client, world, django_assert_max_num_queries, meetings
):
    for day in past_days(meetings):
        held_meeting(world, day)
    with django_assert_max_num_queries(17):  # one for the programmes the board oversees
        response = client.get(reverse("board", args=[world.board.slug]))
    assert text_of(response).count("Agenda and minutes") == meetings


def test_the_boards_list_shows_each_boards_next_meeting(client, world):
    today = timezone.localdate()
    make_meeting(
        world.board,
        world.term,
        today + dt.timedelta(days=7),
        status="cancelled",
        cancellation_reason="Moved.",
    )
    nxt = make_meeting(world.board, world.term, today + dt.timedelta(days=14))
    text = text_of(client.get(reverse("board-list")))
    assert f"Next meeting: {nxt.date:%A} {nxt.date.day} {nxt.date:%B %Y}" in text
    assert "No meeting arranged" in text  # the other board


@pytest.mark.parametrize("meetings", [2, 12])
def test_the_boards_list_query_count_does_not_grow_with_meetings(
    client, world, django_assert_max_num_queries, meetings
):
    for n in range(meetings):
        make_meeting(world.board, world.term, timezone.localdate() + dt.timedelta(days=n + 1))
    with django_assert_max_num_queries(3):
        client.get(reverse("board-list"))
