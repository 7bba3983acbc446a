"""Organisations, boards, terms, groups, people and memberships: public, read by anyone."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from minuted.record.models import RegisterCategory, RegisterEntry
from minuted.testing import appoint, make_board, make_organisation, make_person


def test_boards_are_listed_with_their_organisation_and_quorum_rule(world, anonymous):
    body = anonymous.get("/boards").json()
    assert body["count"] == 2
    names = [b["name"] for b in body["results"]]
    assert names == sorted(names)
    board = next(b for b in body["results"] if b["uid"] == str(world.board.uid))
    assert board["organisation"]["slug"] == "lga"
    assert board["quorum_rule"] == {
        "numerator": 1,
        "denominator": 3,
        "minimum_headcount": None,
        "minimum_groups": 2,
        "observers_count": False,
    }
    assert board["page_url"].endswith(f"/boards/{world.board.slug}/")


def test_boards_filter_by_organisation(world, anonymous):
    other = make_organisation("wlga", "Welsh Local Government Association")
    make_board(other, "Wales Board")
    by_slug = anonymous.get("/boards", organisation="wlga").json()
    assert [b["name"] for b in by_slug["results"]] == ["Wales Board"]
    by_uid = anonymous.get("/boards", organisation=str(world.organisation.uid)).json()
    assert by_uid["count"] == 2


def test_a_board_shows_the_quorum_its_current_term_needs(world, anonymous):
    body = anonymous.get(f"/boards/{world.board.uid}").json()
    assert body["current_term"]["slug"] == world.term.slug
    # One voting member this term (the member): a third of one, rounded up, is one.
    assert body["quorum"]["membership_total"] == 1
    assert body["quorum"]["required"] == 1
    assert body["quorum"]["summary"].startswith("1 of 1 voting members")


def test_an_unknown_board_is_a_json_404(world, anonymous):
    response = anonymous.get("/boards/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404
    assert response.json()["detail"] == "No such board."


def test_terms_are_listed_newest_first(world, anonymous):
    body = anonymous.get("/terms").json()
    assert [t["name"] for t in body["results"]] == ["This term", "Last term"]


def test_groups_are_listed_with_their_group_offices(world, anonymous):
    body = anonymous.get("/groups").json()
    assert [g["name"] for g in body["results"]] == ["Conservative", "Labour"]
    assert body["results"][1]["group_office_email"] == "labour@example.org"


def test_people_are_listed_without_their_contact_details_or_account(world, anonymous):
    person = world.member.person
    person.email = "private.address@example.org"
    person.phone = "07700 900123"
    person.save()
    response = anonymous.get("/people")
    assert response.json()["count"] == 3
    assert "private.address" not in response.content.decode()
    assert "07700" not in response.content.decode()
    assert "member@example.org" not in response.content.decode()


def test_people_filter_by_board(world, anonymous):
    body = anonymous.get("/people", board=world.other_board.slug).json()
    assert [p["uid"] for p in body["results"]] == [str(world.member_of_another_board.person.uid)]


def test_a_person_shows_memberships_and_a_public_register_that_withholds_sensitive_interests(
    world, anonymous
):
    person = world.member.person
    today = timezone.localdate()
    for description, sensitive in (("Director of Acme Ltd", False), ("Home address", True)):
        RegisterEntry.objects.create(
            person=person,
            category=RegisterCategory.LAND,
            description=description,
            registered_on=today - dt.timedelta(days=10),
            sensitive=sensitive,
        )
    response = anonymous.get(f"/people/{person.uid}")
    body = response.json()
    assert [m["board"]["slug"] for m in body["memberships"]] == [world.board.slug]
    assert body["memberships"][0]["political_group"]["name"] == "Conservative"
    assert [i["description"] for i in body["interests"]] == ["Director of Acme Ltd"]
    assert body["withheld_interests"] == 1
    assert "Home address" not in response.content.decode()


def test_memberships_filter_by_board_term_person_and_day(world, anonymous):
    every = anonymous.get("/memberships", board=world.board.slug).json()
    assert every["count"] == 2  # the member this term, the former member last term
    this_term = anonymous.get("/memberships", board=world.board.slug, term=world.term.slug).json()
    assert [m["person"]["uid"] for m in this_term["results"]] == [str(world.member.person.uid)]
    last_year = timezone.localdate() - dt.timedelta(days=200)
    on_day = anonymous.get("/memberships", board=world.board.slug, on=last_year.isoformat())
    assert [m["person"]["uid"] for m in on_day.json()["results"]] == [
        str(world.former_member.person.uid)
    ]
    by_person = anonymous.get("/memberships", person=str(world.member.person.uid)).json()
    assert by_person["count"] == 1
    membership = by_person["results"][0]
    assert membership["role"] == "member" and membership["voting_right"] is True
    assert membership["start_date"] == world.term.start_date.isoformat()


def test_a_membership_ending_early_does_not_hold_after_its_end(world, anonymous):
    person = make_person(world.organisation)
    end = timezone.localdate() - dt.timedelta(days=5)
    appoint(person, world.board, world.term, world.labour, end_date=end)
    today = anonymous.get("/memberships", person=person.slug, on=timezone.localdate().isoformat())
    assert today.json()["count"] == 0
    before = anonymous.get("/memberships", person=person.slug, on=end.isoformat())
    assert before.json()["count"] == 1
