"""The minutes screen: changing and deleting decisions, actions and declarations, each with its
own form; a declaration's dispensation; who may use these forms, and that approved minutes
refuse them all."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from minuted.governance.models import Membership
from minuted.record.models import (
    Action,
    ActionNote,
    Decision,
    Declaration,
    InterestKind,
    RecordedVote,
)
from minuted.record.services import approve_minutes
from minuted.staff.tests.test_minutes_screen import held, url  # noqa: F401


@pytest.fixture
def entries(world, held):  # noqa: F811
    """Three decisions and an action on the welcome, a declaration by the member on it."""
    meeting, welcome, notices, note = held
    decisions = [
        Decision.objects.create(item=welcome, position=n, text=text)
        for n, text in enumerate(["Noted the update.", "Agreed the plan.", "Thanked Jo."], 1)
    ]
    action = Action.objects.create(
        item=welcome, position=1, text="Write to the minister.", owner_role="Officers"
    )
    declaration = Declaration.objects.create(
        item=welcome.agenda_item,
        membership=Membership.objects.get(person__user=world.member, term=world.term),
        kind=InterestKind.OTHER_REGISTRABLE,
        description="Governor of a school.",
    )
    return meeting, welcome, decisions, action, declaration, note


def entry_url(meeting, minute, name, entry, kind):
    return reverse(
        f"staff:minutes-{name}",
        kwargs={"meeting": meeting.uid, "minute": minute.uid, kind: entry.uid},
    )


def declaration_data(prefix, membership, **changes):
    data = {
        f"{prefix}-membership": str(membership.pk),
        f"{prefix}-kind": InterestKind.DISCLOSABLE_PECUNIARY,
        f"{prefix}-description": "Director of a bidder.",
    }
    data.update({f"{prefix}-{k}": v for k, v in changes.items()})
    return data


def test_changing_a_decision(signed_in, world, entries):
    meeting, welcome, decisions, *_ = entries
    second = decisions[1]
    p = f"edit-decision-{second.pk}"
    response = signed_in(world.clerk).post(
        entry_url(meeting, welcome, "decision", second, "decision"),
        {f"{p}-text": "Agreed the plan, as amended."},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#item-1")
    second.refresh_from_db()
    assert (second.position, second.text) == (2, "Agreed the plan, as amended.")


def test_a_decision_changed_to_nothing_is_refused_beside_its_field(signed_in, world, entries):
    meeting, welcome, decisions, *_ = entries
    p = f"edit-decision-{decisions[0].pk}"
    response = signed_in(world.clerk).post(
        entry_url(meeting, welcome, "decision", decisions[0], "decision"), {f"{p}-text": ""}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f'href="#id_{p}-text"' in page  # the error summary links to the field
    assert f'id="id_{p}-text-error"' in page
    decisions[0].refresh_from_db()
    assert decisions[0].text == "Noted the update."


def test_deleting_a_decision_asks_first_then_the_numbering_closes_up(signed_in, world, entries):
    meeting, welcome, decisions, *_ = entries
    client = signed_in(world.clerk)
    delete = entry_url(meeting, welcome, "decision-delete", decisions[0], "decision")
    asked = client.get(delete)
    assert asked.status_code == 200
    page = asked.content.decode()
    assert "Delete decision 1.1?" in page and "This cannot be undone." in page
    assert "are renumbered" in page
    assert Decision.objects.count() == 3  # asking deletes nothing
    response = client.post(delete)
    assert response.status_code == 302
    assert [(d.position, d.text) for d in Decision.objects.filter(item=welcome)] == [
        (1, "Agreed the plan."),
        (2, "Thanked Jo."),
    ]
    screen = client.get(response["Location"]).content.decode()
    assert "Decision 1.1 is deleted." in screen
    assert "<strong>1.2</strong> Thanked Jo." in screen


def test_deleting_a_decision_deletes_its_recorded_vote(signed_in, world, entries):
    meeting, welcome, decisions, *_ = entries
    member = Membership.objects.get(person__user=world.member, term=world.term)
    RecordedVote.objects.create(decision=decisions[2], membership=member, vote="for")
    response = signed_in(world.clerk).post(
        entry_url(meeting, welcome, "decision-delete", decisions[2], "decision")
    )
    assert response.status_code == 302
    assert not RecordedVote.objects.exists()


def test_changing_an_action(signed_in, world, entries):
    meeting, welcome, _, action, *_ = entries
    p = f"edit-action-{action.pk}"
    response = signed_in(world.clerk).post(
        entry_url(meeting, welcome, "action", action, "action"),
        {
            f"{p}-text": "Write to the minister and the LGA.",
            f"{p}-owner_person": str(world.member.person.pk),
            f"{p}-due_on": "2027-03-31",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.text == "Write to the minister and the LGA."
    assert action.owner_person == world.member.person
    assert action.due_on == dt.date(2027, 3, 31)


def test_deleting_an_action_asks_first_and_says_its_notes_go_too(signed_in, world, entries):
    meeting, welcome, _, action, *_ = entries
    ActionNote.objects.create(action=action, text="Drafted.")
    client = signed_in(world.clerk)
    delete = entry_url(meeting, welcome, "action-delete", action, "action")
    page = client.get(delete).content.decode()
    assert "Delete the action “Write to the minister.”?" in page
    assert "Its 1 progress note on the action log is deleted with it." in page
    assert client.post(delete).status_code == 302
    assert not Action.objects.exists() and not ActionNote.objects.exists()


def test_changing_a_declaration(signed_in, world, entries):
    meeting, welcome, _, _, declaration, _ = entries
    p = f"edit-declaration-{declaration.pk}"
    response = signed_in(world.clerk).post(
        entry_url(meeting, welcome, "declaration", declaration, "declaration"),
        declaration_data(p, declaration.membership, left_the_room="on"),
    )
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert declaration.kind == InterestKind.DISCLOSABLE_PECUNIARY
    assert declaration.left_the_room


def test_deleting_a_declaration(signed_in, world, entries):
    meeting, welcome, _, _, declaration, _ = entries
    client = signed_in(world.clerk)
    delete = entry_url(meeting, welcome, "declaration-delete", declaration, "declaration")
    assert "Delete the declaration by" in client.get(delete).content.decode()
    assert client.post(delete).status_code == 302
    assert not Declaration.objects.exists()


def test_a_dispensation_is_recorded_with_its_grounds_and_dates(signed_in, world, entries):
    meeting, welcome, _, _, declaration, _ = entries
    p = f"edit-declaration-{declaration.pk}"
    client = signed_in(world.clerk)
    response = client.post(
        entry_url(meeting, welcome, "declaration", declaration, "declaration"),
        declaration_data(
            p,
            declaration.membership,
            dispensation_granted_on="2024-05-01",
            dispensation_grounds="Too many members have the interest to be quorate.",
            dispensation_expires_on="2028-04-30",
        ),
    )
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert declaration.dispensation_expires_on == dt.date(2028, 4, 30)
    page = client.get(url(meeting)).content.decode()
    assert "Dispensation granted on" in page and "Too many members have the interest" in page


@pytest.mark.parametrize("editing", [True, False])
def test_a_dispensation_of_more_than_four_years_is_refused_beside_the_field(
    signed_in, world, entries, editing
):
    meeting, welcome, _, _, declaration, _ = entries
    if editing:
        p = f"edit-declaration-{declaration.pk}"
        target = entry_url(meeting, welcome, "declaration", declaration, "declaration")
    else:
        p = f"declaration-{welcome.pk}"
        target = url(meeting, "staff:minutes-declaration-add", welcome)
    response = signed_in(world.clerk).post(
        target,
        declaration_data(
            p,
            declaration.membership,
            dispensation_granted_on="2024-05-01",
            dispensation_grounds="Too many members have the interest to be quorate.",
            dispensation_expires_on="2028-05-02",
        ),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{p}-dispensation_expires_on-error"' in page
    assert f'href="#id_{p}-dispensation_expires_on"' in page
    assert "A dispensation lasts at most four years." in page
    # Nothing saved: the one declaration is as it was.
    declaration = Declaration.objects.get()
    assert declaration.dispensation_granted_on is None
    assert declaration.kind == InterestKind.OTHER_REGISTRABLE


def test_a_dispensation_that_expires_before_it_is_granted_is_refused(signed_in, world, entries):
    meeting, welcome, _, _, declaration, _ = entries
    p = f"edit-declaration-{declaration.pk}"
    response = signed_in(world.clerk).post(
        entry_url(meeting, welcome, "declaration", declaration, "declaration"),
        declaration_data(
            p,
            declaration.membership,
            dispensation_granted_on="2024-05-01",
            dispensation_grounds="Quorum.",
            dispensation_expires_on="2024-04-01",
        ),
    )
    assert response.status_code == 400
    assert "A dispensation expires after it was granted." in response.content.decode()


# --- Who may, and approved minutes -------------------------------------------------------------


def new_endpoints(entries):
    """Every new endpoint with what a browser would post, and how to check it changed nothing."""
    meeting, welcome, decisions, action, declaration, _ = entries
    d, a, x = decisions[0], action, declaration
    return [
        (
            entry_url(meeting, welcome, "decision", d, "decision"),
            {f"edit-decision-{d.pk}-text": "Changed."},
        ),
        (entry_url(meeting, welcome, "decision-delete", d, "decision"), {}),
        (
            entry_url(meeting, welcome, "decision-vote", d, "decision"),
            {f"vote-{d.pk}-member_{x.membership_id}": "for"},
        ),
        (entry_url(meeting, welcome, "decision-vote-remove", d, "decision"), {}),
        (
            entry_url(meeting, welcome, "action", a, "action"),
            {f"edit-action-{a.pk}-text": "Changed.", f"edit-action-{a.pk}-owner_role": "X"},
        ),
        (entry_url(meeting, welcome, "action-delete", a, "action"), {}),
        (
            entry_url(meeting, welcome, "declaration", x, "declaration"),
            declaration_data(f"edit-declaration-{x.pk}", x.membership),
        ),
        (entry_url(meeting, welcome, "declaration-delete", x, "declaration"), {}),
    ]


def unchanged(entries) -> bool:
    _, welcome, _, _, _, _ = entries
    return (
        list(Decision.objects.filter(item=welcome).values_list("position", "text"))
        == [(1, "Noted the update."), (2, "Agreed the plan."), (3, "Thanked Jo.")]
        and not RecordedVote.objects.exists()
        and list(Action.objects.values_list("text", flat=True)) == ["Write to the minister."]
        and list(Declaration.objects.values_list("kind", flat=True))
        == [InterestKind.OTHER_REGISTRABLE]
    )


def test_the_clerk_of_another_board_may_use_none_of_them(signed_in, world, entries):
    client = signed_in(world.clerk_of_another_board)
    for target, data in new_endpoints(entries):
        assert client.post(target, data).status_code == 403, target
        if target.endswith("/delete/"):
            assert client.get(target).status_code == 403, target
    assert unchanged(entries)


def test_an_anonymous_visitor_is_sent_to_sign_in_from_each(client, entries):
    for target, data in new_endpoints(entries):
        response = client.post(target, data)
        assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
    assert unchanged(entries)


def test_an_entry_of_another_item_is_not_found(signed_in, world, entries, held):  # noqa: F811
    meeting, _, decisions, *_ = entries
    notices = held[2]
    response = signed_in(world.clerk).post(
        entry_url(meeting, notices, "decision", decisions[0], "decision"),
        {f"edit-decision-{decisions[0].pk}-text": "Moved."},
    )
    assert response.status_code == 404


def test_after_approval_each_is_refused_with_409_and_nothing_changes(signed_in, world, entries):
    meeting, welcome, _, _, _, note = entries
    approve_minutes(welcome.minutes, note)
    client = signed_in(world.clerk)
    for target, data in new_endpoints(entries):
        response = client.post(target, data)
        assert response.status_code == 409, target
        assert "cannot be changed" in response.content.decode()
        if target.endswith("/delete/"):
            assert client.get(target).status_code == 409, target
    assert unchanged(entries)
    page = client.get(url(meeting)).content.decode()
    assert "Delete decision" not in page and "Change decision" not in page


# --- One page, many forms ----------------------------------------------------------------------


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.ids += [value for name, value in attrs if name == "id" and value]


def test_no_two_elements_share_an_id_even_with_errors(signed_in, world, entries):
    meeting, welcome, decisions, *_ = entries
    p = f"edit-decision-{decisions[0].pk}"
    response = signed_in(world.clerk).post(
        entry_url(meeting, welcome, "decision", decisions[0], "decision"), {f"{p}-text": ""}
    )
    parser = _Ids()
    parser.feed(response.content.decode())
    repeated = {i for i in parser.ids if parser.ids.count(i) > 1}
    assert repeated == set()
    assert len(parser.ids) > 100  # the many forms of both items were there
