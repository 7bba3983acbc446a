"""Matters arising on the meeting screen: the actions of the board's earlier meetings with their
origin and state, and one click to put a "Matters arising" item on the agenda."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from minuted.meetings.models import AgendaItem
from minuted.record.models import Action
from minuted.record.services import minutes_for
from minuted.staff.tests.conftest import add, make_meeting


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def titles(meeting):
    return list(AgendaItem.objects.filter(meeting=meeting).values_list("title", flat=True))


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


@pytest.fixture
def previous(world):
    """The board's last meeting, a fortnight ago, whose minutes set three actions."""
    meeting = make_meeting(world.board, world.term, days(-14))
    add(meeting, "Welcome")
    add(meeting, "Communications plan")
    entry = minutes_for(meeting).items.get(agenda_item__title="Communications plan")
    actions: list[tuple[str, dict[str, object]]] = [
        ("Write to every council", {"due_on": days(-2)}),
        ("Report on the survey", {"due_by_next_meeting": True}),
        ("Book the venue", {"done_on": days(-3)}),
    ]
    for text, fields in actions:
        Action.objects.create(item=entry, text=text, owner_role="Officers", **fields)
    return meeting


def url(meeting):
    return reverse("staff:matters-arising-add", args=[meeting.uid])


def test_the_meeting_screen_lists_the_matters_arising_from_the_last_meeting(
    signed_in, world, previous, agenda
):
    meeting = agenda[0].meeting
    text = text_of(signed_in(world.clerk).get(reverse("staff:meeting", args=[meeting.uid])))
    section = text[text.index("Matters arising") :]
    when = f"{previous.date:%A} {previous.date.day} {previous.date:%B %Y}"
    assert f"Write to every council {when} Item 2: Communications plan Officers" in section
    assert "Overdue" in section
    # "By the next meeting" is due on this meeting's day.
    assert "Report on the survey" in section
    assert "Due by this meeting" in section
    # Done since the last meeting: reported at this one.
    assert "Book the venue" in section
    assert "Done" in section


def test_the_button_adds_the_item_after_the_note_of_the_last_meeting(
    signed_in, world, previous, agenda
):
    meeting = agenda[0].meeting
    response = signed_in(world.clerk).post(url(meeting))
    item = AgendaItem.objects.get(meeting=meeting, title="Matters arising")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#item-{item.uid}")
    assert titles(meeting)[:3] == [
        "Welcome, apologies and declarations of interest",
        "Note of the last meeting",
        "Matters arising",
    ]
    assert not item.added_late


def test_once_on_the_agenda_the_button_gives_way_to_a_link(signed_in, world, previous, agenda):
    meeting = agenda[0].meeting
    client = signed_in(world.clerk)
    client.post(url(meeting))
    page = client.get(reverse("staff:meeting", args=[meeting.uid])).content.decode()
    assert "Add a matters arising item" not in page
    # A second click (another tab) adds nothing.
    client.post(url(meeting))
    assert titles(meeting).count("Matters arising") == 1


def test_after_the_deadline_the_item_needs_the_chairs_urgency_reason(
    signed_in, world, previous, late_meeting
):
    client = signed_in(world.clerk)
    response = client.post(url(late_meeting), {"matters-urgency_reason": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_matters-urgency_reason-error"' in html
    assert "Record the chair&#x27;s reason" in html
    assert not late_meeting.items.exists()
    client.post(url(late_meeting), {"matters-urgency_reason": "Actions fall due before then."})
    item = late_meeting.items.get()
    assert (item.title, item.added_late) == ("Matters arising", True)


def test_without_earlier_actions_there_is_nothing_to_add(signed_in, world, agenda):
    page = signed_in(world.clerk).get(reverse("staff:meeting", args=[agenda[0].meeting.uid]))
    assert "No actions from earlier meetings are open" in text_of(page)
    assert "Add a matters arising item" not in page.content.decode()


@pytest.mark.parametrize("who", ["clerk_of_another_board", "member", "officer"])
def test_only_the_boards_clerks_may_add_it(signed_in, world, meeting, who):
    assert signed_in(getattr(world, who)).post(url(meeting)).status_code == 403
    assert not meeting.items.exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(client, meeting):
    assert client.post(url(meeting))["Location"].startswith("/sign-in/")


def test_without_a_note_of_the_last_meeting_it_goes_before_the_confidential_section(
    signed_in, world, previous, meeting
):
    add(meeting, "Welcome")
    add(
        meeting,
        "Improvement support to a council",
        exempt=True,
        exempt_paragraph=3,
        public_interest_reason="Commercially sensitive.",
    )
    signed_in(world.clerk).post(url(meeting))
    assert titles(meeting) == ["Welcome", "Matters arising", "Improvement support to a council"]
