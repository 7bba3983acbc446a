"""The people list and a person's page: memberships, attendance statistics and the public
register of interests (a sensitive interest only as the fact of one)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from minuted.governance.models import Person
from minuted.publicsite.tests.conftest import held_meeting, past_days, text_of
from minuted.record.models import RegisterEntry
from minuted.testing import appoint, make_person

pytestmark = pytest.mark.django_db

SENSITIVE = "Lives at 12 Acacia Avenue, next to the depot"


def person_of(user) -> Person:
    return Person.objects.get(user=user)


def test_the_people_list_shows_what_each_person_sits_on_today(client, world):
    text = text_of(client.get(reverse("person-list")))
    member = person_of(world.member)
    former = person_of(world.former_member)
    assert f"{member.display_name} {world.board.name} (member) Conservative" in text
    assert f"{former.display_name} No current membership" in text


def test_the_people_list_links_to_each_persons_page(client, world):
    html = client.get(reverse("person-list")).content.decode()
    for person in Person.objects.all():
        assert reverse("person", args=[person.slug]) in html


@pytest.mark.parametrize("count", [2, 12])
def test_the_people_list_query_count_does_not_grow_with_people_or_meetings(
    client, world, django_assert_max_num_queries, count
):
    for day in past_days(count):
        held_meeting(world, day)
    for n in range(count):  # people on the other board, and people who sit on none
        person = make_person(world.organisation)
        if n < 6:
            appoint(person, world.other_board, world.term, world.labour)
    with django_assert_max_num_queries(3):
        client.get(reverse("person-list"))


def test_the_person_page_shows_memberships_attendance_and_the_public_register(client, world):
    member = person_of(world.member)
    held_meeting(world, timezone.localdate() - dt.timedelta(days=20))
    RegisterEntry.objects.create(
        person=member,
        category="employment",
        description="Director, Hertfordshire Printing Ltd",
        registered_on=timezone.localdate() - dt.timedelta(days=200),
    )
    text = text_of(client.get(reverse("person", args=[member.slug])))
    assert f"{world.board.name} {world.term.name} Member Conservative" in text
    # One meeting held, attended: expected 1, present 1, as substitute 0, apologies 0 …
    assert f"{world.board.name} {world.term.name} 1 1 0 0 0 100%" in text
    assert "Employment, office, trade, profession or vocation Director, Hertfordshire" in text


def test_a_sensitive_interest_is_withheld_but_its_existence_is_stated(client, world):
    member = person_of(world.member)
    RegisterEntry.objects.create(
        person=member,
        category="land",
        description=SENSITIVE,
        registered_on=timezone.localdate() - dt.timedelta(days=200),
        sensitive=True,
    )
    response = client.get(reverse("person", args=[member.slug]))
    assert SENSITIVE not in response.content.decode()
    assert "details of which are withheld under section 32(2)" in text_of(response)


@pytest.mark.parametrize("meetings", [2, 12])
def test_the_person_page_query_count_does_not_grow_with_meetings(
    client, world, django_assert_max_num_queries, meetings
):
    for day in past_days(meetings):
        held_meeting(world, day)
    member = person_of(world.member)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("person", args=[member.slug]))
    assert f" {meetings} {meetings} 0 0 0 100%" in text_of(response)
