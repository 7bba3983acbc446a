"""The action log screen: a board's actions, overdue first, with notes and closing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from minuted.meetings.services import add_item
from minuted.record.models import Action, ActionNote
from minuted.record.services import minutes_for
from minuted.testing import make_meeting, make_person


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def url(world):
    return reverse("staff:actions", args=[world.board.slug])


@pytest.fixture
def entry(world):
    meeting = make_meeting(world.board, world.term)
    add_item(meeting, title="Communications plan")
    return minutes_for(meeting).items.all()[0]


@pytest.fixture
def owner(world):
    return make_person(world.organisation, "Olu", "Owner")


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


@pytest.fixture
def later(entry, owner):
    return Action.objects.create(
        item=entry, text="Draw up a plan", owner_person=owner, due_on=days(30)
    )


@pytest.fixture
def late(entry, owner):
    return Action.objects.create(
        item=entry, text="Write to councils", owner_role="Officers", due_on=days(-2)
    )


def test_an_anonymous_visitor_is_sent_to_sign_in(client, url):
    assert client.get(url)["Location"].startswith("/sign-in/")


@pytest.mark.parametrize("who", ["clerk_of_another_board", "member", "officer"])
def test_only_the_boards_clerks_and_administrators_see_it(signed_in, world, url, who):
    assert signed_in(getattr(world, who)).get(url).status_code == 403


@pytest.mark.parametrize("who", ["clerk", "administrator"])
def test_the_clerk_and_an_administrator_see_it(signed_in, world, url, who):
    assert signed_in(getattr(world, who)).get(url).status_code == 200


def test_others_may_not_post_either(signed_in, world, url, later):
    data = {"action": str(later.uid), "do": "note", f"note-{later.uid}-text": "Sneaky"}
    assert signed_in(world.member).post(url, data).status_code == 403
    assert not ActionNote.objects.exists()


def test_the_workspace_links_to_the_log(signed_in, world, url):
    assert url in signed_in(world.clerk).get(reverse("staff:workspace")).content.decode()


def test_the_log_puts_overdue_first_with_a_red_tag(
    signed_in, world, url, entry, owner, later, late
):
    Action.objects.create(item=entry, text="Book a room", owner_role="Clerk", due_on=days(3))
    Action.objects.create(
        item=entry, text="Long done", owner_role="Clerk", due_on=days(-30), done_on=days(-31)
    )
    response = signed_in(world.clerk).get(url)
    text = text_of(response)
    order = [
        text.index(t) for t in ("Write to councils", "Book a room", "Draw up a plan", "Long done")
    ]
    assert order == sorted(order)
    html = response.content.decode()
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in html
    assert '<strong class="govuk-tag govuk-tag--yellow">Due soon</strong>' in html
    assert '<strong class="govuk-tag govuk-tag--blue">Open</strong>' in html
    assert '<strong class="govuk-tag govuk-tag--green">Done</strong>' in html
    assert "Item 1: Communications plan" in text
    assert "Cllr Olu Owner" in text or "Olu Owner" in text


def test_the_clerk_adds_a_progress_note(signed_in, world, url, later):
    data = {"action": str(later.uid), "do": "note", f"note-{later.uid}-text": "Draft circulated."}
    response = signed_in(world.clerk).post(url, data)
    assert response.status_code == 302
    assert response["Location"] == f"{url}#action-{later.uid}"
    (note,) = ActionNote.objects.all()
    assert (note.action, note.text, note.written_by) == (later, "Draft circulated.", world.clerk)
    assert "Draft circulated." in text_of(signed_in(world.clerk).get(url))


def test_an_empty_note_is_an_error_beside_the_field(signed_in, world, url, later):
    data = {"action": str(later.uid), "do": "note", f"note-{later.uid}-text": ""}
    response = signed_in(world.clerk).post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_note-{later.uid}-text-error"' in html
    assert "Enter a progress note." in html
    assert not ActionNote.objects.exists()


def test_closing_an_action_records_the_reference_and_moves_it_to_done(
    signed_in, world, url, later, late
):
    data = {
        "action": str(late.uid),
        "do": "close",
        f"close-{late.uid}-reference": "June board, item 4",
    }
    response = signed_in(world.clerk).post(url, data)
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.done_on == timezone.localdate()
    assert late.closed_reference == "June board, item 4"
    page = text_of(signed_in(world.clerk).get(url))
    text = page[page.index("Action From Owner Due State") :]  # the table, not the banner
    assert text.index("Draw up a plan") < text.index("Write to councils")
    assert "reported at June board, item 4" in text


def test_closing_needs_a_reference(signed_in, world, url, late):
    data = {"action": str(late.uid), "do": "close", f"close-{late.uid}-reference": " "}
    response = signed_in(world.clerk).post(url, data)
    assert response.status_code == 200
    assert "Enter where the action was reported done." in response.content.decode()
    late.refresh_from_db()
    assert late.done_on is None


def test_an_action_of_another_board_is_not_found(signed_in, world, url, owner):
    meeting = make_meeting(world.other_board, world.term)
    add_item(meeting, title="Budget")
    other = Action.objects.create(
        item=minutes_for(meeting).items.all()[0], text="Elsewhere", owner_role="Officers"
    )
    data = {"action": str(other.uid), "do": "close", f"close-{other.uid}-reference": "x"}
    assert signed_in(world.clerk).post(url, data).status_code == 404
