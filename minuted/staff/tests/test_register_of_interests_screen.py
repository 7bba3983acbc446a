"""The register of interests screen: the member keeps their own at /manage/me/interests/, a
clerk of their board keeps it at /manage/people/<person>/interests/; every change is kept, and
sensitive details never reach the public person page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from minuted.record.interests import save_entry
from minuted.record.models import RegisterCategory, RegisterChange, RegisterEntry

MINE = reverse("staff:my-interests")


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def person(world):
    return world.member.person


@pytest.fixture
def theirs(person):
    """The member's register, as a clerk reaches it."""
    return reverse("staff:interests", args=[person.slug])


@pytest.fixture
def land(world, person):
    entry = RegisterEntry(
        person=person,
        category=RegisterCategory.LAND,
        description="House in the ward",
        registered_on=dt.date(2025, 6, 1),
    )
    return save_entry(entry, world.member, "Registered")


def entry_data(**fields) -> dict[str, str]:
    data = {
        "category": "employment",
        "description": "Director, Acme Widgets Ltd",
        "registered_on": "2026-01-05",
        "ended_on": "",
    }
    data.update(fields)
    return {f"entry-{k}": v for k, v in data.items() if v is not None}


def test_an_anonymous_visitor_is_sent_to_sign_in(client, world, theirs):
    assert client.get(MINE)["Location"].startswith("/sign-in/")
    assert client.post(theirs, entry_data())["Location"].startswith("/sign-in/")
    assert not RegisterEntry.objects.exists()


def test_the_member_adds_an_interest_and_the_change_is_recorded(signed_in, world, person):
    response = signed_in(world.member).post(MINE, entry_data(spouse_or_partner="on"))
    entry = RegisterEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{MINE}#entry-{entry.uid}"
    assert (entry.person, entry.category, entry.registered_on) == (
        person,
        RegisterCategory.EMPLOYMENT,
        dt.date(2026, 1, 5),
    )
    assert entry.spouse_or_partner
    (change,) = RegisterChange.objects.all()
    assert (change.entry, change.changed_by, change.summary) == (entry, world.member, "Registered")


def test_the_member_sees_their_register_by_category_with_its_history(
    signed_in, world, person, land
):
    text = text_of(signed_in(world.member).get(MINE))
    assert "My register of interests" in text
    assert "Land House in the ward Sunday 1 June 2025 Current" in text
    # The history says who changed what, and when.
    assert f"{world.member} Registered Land: House in the ward" in text


def test_editing_an_entry_records_what_changed(signed_in, world, land):
    url = reverse("staff:my-interest", args=[land.uid])
    client = signed_in(world.member)
    response = client.post(
        url, entry_data(category="land", description="House and garden", registered_on="1/6/2025")
    )
    assert response.status_code == 302
    land.refresh_from_db()
    assert land.description == "House and garden"
    assert list(land.changes.values_list("summary", flat=True)) == [
        "Registered",
        "Changed the description",
    ]
    assert "Changed the description" in text_of(client.get(url))


def test_ending_an_entry_keeps_it_with_its_end_date(signed_in, world, land):
    url = reverse("staff:my-interest", args=[land.uid])
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    signed_in(world.member).post(
        url,
        entry_data(
            category="land",
            description=land.description,
            registered_on="2025-06-01",
            ended_on=yesterday.isoformat(),
        ),
    )
    land.refresh_from_db()
    assert land.ended_on == yesterday
    assert land.changes.last().summary == f"Ended on {yesterday.day} {yesterday:%B %Y}"
    text = text_of(signed_in(world.member).get(MINE))
    assert f"House in the ward Sunday 1 June 2025 Ended {yesterday:%A} {yesterday.day}" in text


def test_saving_an_unchanged_entry_records_nothing(signed_in, world, land):
    url = reverse("staff:my-interest", args=[land.uid])
    signed_in(world.member).post(
        url, entry_data(category="land", description=land.description, registered_on="2025-06-01")
    )
    assert land.changes.count() == 1


def test_the_clerk_of_the_members_board_may_keep_the_register(signed_in, world, person, theirs):
    client = signed_in(world.clerk)
    assert client.get(theirs).status_code == 200
    response = client.post(theirs, entry_data())
    assert response["Location"].startswith(theirs)
    assert RegisterChange.objects.get().changed_by == world.clerk


def test_the_workspace_links_the_clerk_to_each_members_register(signed_in, world, theirs):
    assert theirs in signed_in(world.clerk).get(reverse("staff:workspace")).content.decode()


@pytest.mark.parametrize("who", ["clerk_of_another_board", "member_of_another_board", "officer"])
def test_others_may_neither_see_nor_change_the_register(signed_in, world, theirs, land, who):
    client = signed_in(getattr(world, who))
    assert client.get(theirs).status_code == 403
    assert client.post(theirs, entry_data()).status_code == 403
    edit = reverse("staff:interest", args=[land.person.slug, land.uid])
    assert client.post(edit, entry_data(description="Tampered")).status_code == 403
    land.refresh_from_db()
    assert land.description == "House in the ward"
    assert RegisterEntry.objects.count() == 1


def test_an_entry_of_someone_else_is_not_found_on_my_register(signed_in, world, land):
    other = world.member_of_another_board
    url = reverse("staff:my-interest", args=[land.uid])
    assert signed_in(other).post(url, entry_data(description="Tampered")).status_code == 404
    land.refresh_from_db()
    assert land.description == "House in the ward"


def test_a_user_who_is_not_a_member_has_no_register_of_their_own(signed_in, world):
    assert signed_in(world.officer).get(MINE).status_code == 404


def test_an_empty_description_is_an_error_beside_the_field(signed_in, world):
    response = signed_in(world.member).post(MINE, entry_data(description="  "))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_entry-description">Describe the interest.</a>' in html
    assert 'id="id_entry-description-error"' in html
    assert "govuk-textarea--error" in html
    assert not RegisterEntry.objects.exists()
    assert not RegisterChange.objects.exists()


def test_an_end_before_the_registration_is_an_error_beside_the_field(signed_in, world, land):
    url = reverse("staff:my-interest", args=[land.uid])
    response = signed_in(world.member).post(
        url,
        entry_data(
            category="land",
            description="Changed",
            registered_on="2025-06-01",
            ended_on="2025-05-01",
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_entry-ended_on-error"' in html
    assert "The end date must be on or after the date registered, 1 June 2025." in html
    land.refresh_from_db()
    assert (land.description, land.ended_on) == ("House in the ward", None)
    assert land.changes.count() == 1
    # The page still names the entry as saved, not as typed.
    assert "Changed" not in text_of(response).split("Change or end an interest")[0]


def test_a_missing_category_and_an_unreal_date_are_errors(signed_in, world):
    response = signed_in(world.member).post(
        MINE, entry_data(category=None, registered_on="31/2/2026")
    )
    html = response.content.decode()
    assert '<a href="#id_entry-category_0">Choose the category of the interest.</a>' in html
    assert "Enter a real date, for example 29 October 2019." in html
    assert not RegisterEntry.objects.exists()


def test_a_sensitive_entry_is_shown_to_the_member_and_clerk_but_not_the_public(
    signed_in, client, world, person, theirs
):
    signed_in(world.member).post(
        MINE, entry_data(category="land", description="Home at 4 Elm Road", sensitive="on")
    )
    entry = RegisterEntry.objects.get()
    assert entry.sensitive
    assert RegisterChange.objects.get().summary == "Registered"
    assert "Home at 4 Elm Road" in text_of(signed_in(world.member).get(MINE))
    clerk_page = text_of(signed_in(world.clerk).get(theirs))
    assert "Home at 4 Elm Road Monday 5 January 2026 Current Sensitive" in clerk_page
    assert "Withheld from the public register" in clerk_page
    client.logout()
    public = client.get(reverse("person", args=[person.slug])).content.decode()
    assert "Home at 4 Elm Road" not in public


def test_marking_an_entry_sensitive_is_in_its_history(signed_in, world, land):
    url = reverse("staff:my-interest", args=[land.uid])
    signed_in(world.member).post(
        url,
        entry_data(
            category="land",
            description=land.description,
            registered_on="2025-06-01",
            sensitive="on",
        ),
    )
    assert land.changes.last().summary == "Marked sensitive"


def test_my_meetings_links_to_my_register(signed_in, world):
    assert MINE in signed_in(world.member).get(reverse("staff:me")).content.decode()


def test_a_new_member_is_reminded_of_the_28_days(signed_in, world, person):
    membership = person.memberships.get()
    membership.start_date = timezone.localdate() - dt.timedelta(days=3)
    membership.save()
    deadline = membership.start_date + dt.timedelta(days=28)
    text = text_of(signed_in(world.member).get(MINE))
    assert f"within 28 days of becoming a member: by {deadline.day} {deadline:%B %Y}" in text


@pytest.mark.parametrize("entries", [2, 20])
def test_the_number_of_queries_does_not_grow_with_the_register(
    signed_in, world, person, entries, django_assert_max_num_queries
):
    for n in range(entries):
        entry = RegisterEntry(
            person=person,
            category=RegisterCategory.SECURITIES,
            description=f"Shares {n}",
            registered_on=dt.date(2025, 1, 1),
        )
        save_entry(entry, world.member, "Registered")
    client = signed_in(world.member)
    with django_assert_max_num_queries(10):
        assert client.get(MINE).status_code == 200
