"""The clerk's minutes screen: the minute of each item, decisions, actions, declarations;
publishing; approval at a later meeting locks the minutes; releasing confidential decisions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from minuted.governance.models import Membership
from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item
from minuted.record.models import (
    Action,
    Decision,
    Declaration,
    InterestKind,
    MinuteItem,
    MinutesVersion,
)
from minuted.record.services import minutes_for
from minuted.testing import make_meeting

SECRET = "Members agreed to bid 2.1 million pounds for the contract."


@pytest.fixture
def held(world):
    """A meeting with a welcome and an exempt item, and a later meeting that notes it."""
    meeting = make_meeting(world.board, world.term)
    add_item(meeting, title="Welcome")
    add_item(
        meeting,
        title="Statutory public notices",
        exempt=True,
        exempt_paragraph=3,
        public_interest_reason="Negotiations are under way.",
    )
    later = make_meeting(world.board, world.term, meeting.date + dt.timedelta(days=60))
    note = add_item(
        later, title="Note of the last meeting", kind=AgendaItemKind.NOTE_OF_LAST_MEETING
    )
    minutes = minutes_for(meeting)
    welcome, notices = list(minutes.items.all())
    return meeting, welcome, notices, note


def url(meeting, name="staff:minutes", minute=None):
    kwargs = {"meeting": meeting.uid}
    if minute is not None:
        kwargs["minute"] = minute.uid
    return reverse(name, kwargs=kwargs)


def test_an_anonymous_visitor_is_sent_to_sign_in(client, held):
    assert client.get(url(held[0]))["Location"].startswith("/sign-in/")


@pytest.mark.parametrize("who", ["clerk", "administrator"])
def test_the_clerk_and_an_administrator_may_keep_the_minutes(signed_in, world, held, who):
    response = signed_in(getattr(world, who)).get(url(held[0]))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="item-1"' in page and 'id="item-2"' in page
    assert "Keep decisions confidential" in page  # only the exempt item has it
    assert page.count("Keep decisions confidential") == 1


@pytest.mark.parametrize("who", ["clerk_of_another_board", "member", "officer"])
def test_others_may_not(signed_in, world, held, who):
    meeting, welcome, _, _ = held
    client = signed_in(getattr(world, who))
    assert client.get(url(meeting)).status_code == 403
    posted = client.post(url(meeting, "staff:minutes-item", welcome), {"minute-x": "y"})
    assert posted.status_code == 403
    assert client.post(url(meeting, "staff:minutes-publish")).status_code == 403


def test_the_meeting_screen_links_to_the_minutes(signed_in, world, held):
    page = signed_in(world.clerk).get(reverse("staff:meeting", args=[held[0].uid]))
    assert url(held[0]) in page.content.decode()


def test_saving_an_item_s_discussion(signed_in, world, held):
    meeting, welcome, _, _ = held
    prefix = f"minute-{welcome.pk}"
    response = signed_in(world.clerk).post(
        url(meeting, "staff:minutes-item", welcome),
        {f"{prefix}-introduced_by": "The Chair", f"{prefix}-discussion": "- Members noted."},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#item-1")
    welcome.refresh_from_db()
    assert (welcome.introduced_by, welcome.discussion) == ("The Chair", "- Members noted.")


def test_adding_a_decision_and_an_action(signed_in, world, held):
    meeting, welcome, _, _ = held
    client = signed_in(world.clerk)
    d = f"decision-{welcome.pk}"
    response = client.post(
        url(meeting, "staff:minutes-decision-add", welcome),
        {f"{d}-text": "Members noted the report."},
    )
    assert response.status_code == 302
    decision = Decision.objects.get(item=welcome)
    assert (decision.position, decision.text) == (1, "Members noted the report.")
    a = f"action-{welcome.pk}"
    person = world.member.person
    response = client.post(
        url(meeting, "staff:minutes-action-add", welcome),
        {
            f"{a}-text": "Write to the minister.",
            f"{a}-owner_person": str(person.pk),
            f"{a}-due_by_next_meeting": "on",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(item=welcome)
    assert action.owner_person == person and action.due_by_next_meeting
    page = client.get(url(meeting)).content.decode()
    assert "1.1" in page and "Members noted the report." in page
    assert "Write to the minister." in page


def test_an_action_without_an_owner_is_refused_beside_the_field(signed_in, world, held):
    meeting, welcome, _, _ = held
    a = f"action-{welcome.pk}"
    response = signed_in(world.clerk).post(
        url(meeting, "staff:minutes-action-add", welcome),
        {f"{a}-text": "Write to the minister.", f"{a}-owner_person": "", f"{a}-owner_role": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert f'id="id_{a}-owner_role-error"' in page
    assert "Say who owns the action." in page
    assert not Action.objects.exists()


def test_adding_a_declaration(signed_in, world, held):
    meeting, _, notices, _ = held
    membership = Membership.objects.get(person__user=world.member, board=world.board)
    p = f"declaration-{notices.pk}"
    response = signed_in(world.clerk).post(
        url(meeting, "staff:minutes-declaration-add", notices),
        {
            f"{p}-membership": str(membership.pk),
            f"{p}-kind": InterestKind.DISCLOSABLE_PECUNIARY,
            f"{p}-description": "Director of a bidder.",
            f"{p}-left_the_room": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#item-2")
    declaration = Declaration.objects.get()
    assert declaration.item == notices.agenda_item and declaration.left_the_room


def test_publishing_version_1_then_version_2_needs_a_reason(signed_in, world, held):
    meeting = held[0]
    client = signed_in(world.clerk)
    response = client.post(url(meeting, "staff:minutes-publish"))
    assert response.status_code == 302
    public = reverse(
        "minutes-edition",
        kwargs={
            "board": world.board.slug,
            "meeting": meeting.slug,
            "number": 1,
            "edition": "public",
        },
    )
    page = client.get(response["Location"]).content.decode()
    assert "Version 1 of the minutes is published" in page and public in page
    refused = client.post(url(meeting, "staff:minutes-publish"), {"publish-reason": ""})
    assert refused.status_code == 400
    assert "Say why a new version of the minutes is published." in refused.content.decode()
    assert MinutesVersion.objects.count() == 1
    again = client.post(url(meeting, "staff:minutes-publish"), {"publish-reason": "A correction."})
    assert again.status_code == 302
    assert MinutesVersion.objects.count() == 2


def test_approving_at_a_later_meeting_locks_the_minutes(signed_in, world, held):
    meeting, welcome, _, note = held
    client = signed_in(world.clerk)
    response = client.post(
        url(meeting, "staff:minutes-approve"), {"approve-approved_at_item": str(note.uid)}
    )
    assert response.status_code == 302
    page = client.get(url(meeting)).content.decode()
    assert "Approved as a correct record on" in page
    assert f"minute-{welcome.pk}-discussion" not in page  # no edit forms
    assert "Add decision" not in page
    prefix = f"minute-{welcome.pk}"
    refused = client.post(
        url(meeting, "staff:minutes-item", welcome),
        {f"{prefix}-introduced_by": "Someone", f"{prefix}-discussion": "Rewritten."},
    )
    assert refused.status_code == 409
    assert "cannot be changed" in refused.content.decode()
    welcome.refresh_from_db()
    assert welcome.discussion == ""
    a = f"action-{welcome.pk}"
    assert (
        client.post(
            url(meeting, "staff:minutes-action-add", welcome),
            {f"{a}-text": "Late.", f"{a}-owner_role": "Officers"},
        ).status_code
        == 409
    )
    assert not Action.objects.exists()


def test_approving_at_an_item_that_is_not_a_later_note_is_refused(signed_in, world, held):
    meeting, welcome, _, _ = held
    response = signed_in(world.clerk).post(
        url(meeting, "staff:minutes-approve"),
        {"approve-approved_at_item": str(welcome.agenda_item.uid)},
    )
    assert response.status_code == 400
    assert not minutes_for(meeting).is_approved


def test_releasing_after_approval_shows_the_decision_on_the_public_minutes(
    client, signed_in, world, held
):
    meeting, _, notices, note = held
    Decision.objects.create(item=notices, position=1, text=SECRET)
    clerk = signed_in(world.clerk)
    assert clerk.post(url(meeting, "staff:minutes-publish")).status_code == 302
    clerk.post(url(meeting, "staff:minutes-approve"), {"approve-approved_at_item": str(note.uid)})
    response = clerk.post(
        url(meeting, "staff:minutes-release", notices),
        {f"release-{notices.pk}-released_at_item": str(note.uid)},
    )
    assert response.status_code == 302
    notices = MinuteItem.objects.get(pk=notices.pk)
    assert notices.released_on == note.meeting.date
    assert list(MinutesVersion.objects.values_list("number", flat=True)) == [1, 2]
    clerk.logout()
    public = reverse(
        "minutes-edition",
        kwargs={
            "board": world.board.slug,
            "meeting": meeting.slug,
            "number": 2,
            "edition": "public",
        },
    )
    assert SECRET in client.get(public).content.decode()
