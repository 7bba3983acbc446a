"""A member's register of interests: edited by the member or their clerk, with history;
sensitive entries never reach the public register."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from minuted.record.interests import public_register, save_entry, withheld_interests
from minuted.record.models import RegisterCategory, RegisterEntry

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def person(world):
    return world.member.person


def entry(person, **fields):
    defaults = {
        "category": RegisterCategory.LAND,
        "description": "House in the ward",
        "registered_on": dt.date(2025, 6, 1),
    }
    return RegisterEntry(person=person, **{**defaults, **fields})


def test_the_member_and_their_clerk_may_change_the_register(world, person):
    save_entry(entry(person), world.member, "Registered on election")
    save_entry(entry(person, description="Shares in Acme"), world.clerk, "Entered for the member")
    assert RegisterEntry.objects.filter(person=person).count() == 2


@pytest.mark.parametrize(
    "who", ["member_of_another_board", "officer", "clerk_of_another_board", "anonymous"]
)
def test_others_may_not_change_a_members_register(world, person, who):
    with pytest.raises(PermissionDenied):
        save_entry(entry(person), getattr(world, who), "Tampering")
    assert not RegisterEntry.objects.exists()


def test_every_change_is_kept_with_who_made_it(world, person):
    e = save_entry(entry(person), world.member, "Registered")
    e.description = "House and garden in the ward"
    save_entry(e, world.member, "Corrected")
    history = list(e.changes.values_list("summary", "snapshot__description", "changed_by"))
    assert history == [
        ("Registered", "House in the ward", world.member.pk),
        ("Corrected", "House and garden in the ward", world.member.pk),
    ]


def test_sensitive_and_ended_entries_are_not_on_the_public_register(world, person):
    shown = save_entry(entry(person), world.member, "a")
    save_entry(entry(person, sensitive=True, description="Home address"), world.member, "b")
    save_entry(
        entry(person, ended_on=dt.date(2026, 1, 1), description="Old job"), world.member, "c"
    )
    assert list(public_register(person, TODAY)) == [shown]


def test_an_entry_needs_a_category_and_description(world, person):
    with pytest.raises(ValidationError):
        save_entry(entry(person, description=""), world.member, "empty")


def test_the_public_person_page_shows_the_register_without_sensitive_entries(client, world, person):
    from django.urls import reverse

    save_entry(entry(person, registered_on=dt.date(2020, 1, 1)), world.member, "a")
    save_entry(
        entry(
            person,
            sensitive=True,
            description="Home address in Leeds",
            registered_on=dt.date(2020, 1, 1),
        ),
        world.member,
        "b",
    )
    page = client.get(reverse("person", args=[person.slug])).content.decode()
    assert "House in the ward" in page
    assert "Home address in Leeds" not in page
    # The register says that there is a withheld interest, never what it is.
    assert "an interest the details of which are withheld under section 32(2)" in page


def test_withheld_interests_are_counted_while_current(world, person):
    save_entry(entry(person, sensitive=True, description="Home address"), world.member, "a")
    save_entry(
        entry(person, sensitive=True, ended_on=dt.date(2026, 1, 1), description="Old home"),
        world.member,
        "b",
    )
    assert withheld_interests(person, TODAY) == 1


def test_an_interest_cannot_end_before_it_was_registered(world, person):
    with pytest.raises(ValidationError) as refused:
        save_entry(entry(person, ended_on=dt.date(2025, 5, 31)), world.member, "backwards")
    assert "ended_on" in refused.value.message_dict
    assert not RegisterEntry.objects.exists()
