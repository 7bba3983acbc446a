"""OParl lists: pages with first/prev/next/last links, the created_/modified_ filters, a
maximum page size, clear 400s for bad parameters, deleted objects for harvesters asking what
changed, and a number of queries that does not grow with the data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from minuted.governance.models import Membership, Person
from minuted.interop.oparl.params import MAX_LIMIT
from minuted.interop.oparl.testing import publish_meeting, schema_errors
from minuted.meetings.models import Meeting
from minuted.testing import appoint, make_person

BASE = "http://testserver/oparl/v1/"
LONG_AGO = timezone.make_aware(dt.datetime(2019, 1, 1))


def list_url(world: Any, name: str) -> str:
    return f"{BASE}body/{world.organisation.uid}/{name}/"


def get(client: Any, url: str, **params: Any) -> Any:
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_a_list_pages_with_links_that_keep_the_filters(client, world):
    url = list_url(world, "memberships")
    first = get(client, url, limit=1, created_since="2000-01-01")
    assert first["pagination"] == {
        "totalElements": 3,
        "elementsPerPage": 1,
        "currentPage": 1,
        "totalPages": 3,
    }
    assert set(first["links"]) == {"first", "next", "last"}
    assert "created_since=2000-01-01" in first["links"]["next"]
    second = get(client, first["links"]["next"])
    assert set(second["links"]) == {"first", "prev", "next", "last"}
    third = get(client, second["links"]["next"])
    assert "next" not in third["links"]
    ids = [page["data"][0]["id"] for page in (first, second, third)]
    assert len(set(ids)) == 3


def test_pages_run_across_boards_then_political_groups(client, world):
    url = list_url(world, "organizations")
    first = get(client, url, limit=3)
    second = get(client, url, limit=3, page=2)
    kinds = [o["organizationType"] for o in first["data"] + second["data"]]
    assert kinds == ["Gremium", "Gremium", "Fraktion", "Fraktion"]
    assert first["pagination"]["totalElements"] == 4


def test_a_page_past_the_end_is_empty_and_links_back(client, world):
    page = get(client, list_url(world, "memberships"), page=9)
    assert page["data"] == []
    assert page["links"]["prev"].endswith("page=1")


def test_a_limit_above_the_maximum_serves_the_maximum(client, world):
    page = get(client, list_url(world, "people"), limit=MAX_LIMIT * 10)
    assert page["pagination"]["elementsPerPage"] == MAX_LIMIT


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("limit", "0"),
        ("limit", "ten"),
        ("limit", "-5"),
        ("page", "0"),
        ("page", "2.5"),
        ("created_since", "yesterday"),
        ("created_until", "2019-13-01"),
        ("modified_since", "2019-10-29T25:00"),
        ("modified_until", "0001-01-01T00:00:00+05:00"),
    ],
)
def test_a_bad_parameter_is_a_400_that_names_it(client, world, parameter, value):
    response = client.get(list_url(world, "meetings"), {parameter: value})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["parameter"] == parameter
    assert parameter in response.json()["error"]


def test_an_offset_sent_with_an_unencoded_plus_is_understood(client, world):
    # "+01:00" in a query string written by hand arrives as " 01:00".
    response = client.get(list_url(world, "people") + "?created_since=2000-01-01T00:00:00+01:00")
    assert response.status_code == 200
    assert response.json()["pagination"]["totalElements"] == 3


def test_created_filters_select_by_creation(client, world):
    old = make_person(world.organisation, "Ada", "Old")
    Person.objects.filter(pk=old.pk).update(created=LONG_AGO, modified=LONG_AGO)
    url = list_url(world, "people")
    before = get(client, url, created_until="2019-06-01T00:00:00Z")["data"]
    assert [p["familyName"] for p in before] == ["Old"]
    since = get(client, url, created_since="2019-06-01T00:00:00Z")["data"]
    assert "Old" not in [p["familyName"] for p in since]
    assert len(since) == 3


def test_modified_filters_count_changes_to_what_an_object_embeds(client, world):
    url = list_url(world, "people")
    Person.objects.update(created=LONG_AGO, modified=LONG_AGO)
    Membership.objects.update(created=LONG_AGO, modified=LONG_AGO)
    assert get(client, url, modified_since="2019-06-01")["data"] == []
    membership = Membership.objects.get(person__user=world.member)
    membership.voting_right = False  # changes the membership the person object embeds
    membership.save()
    changed = get(client, url, modified_since="2019-06-01")["data"]
    assert [p["id"] for p in changed] == [f"{BASE}person/{membership.person.uid}/"]
    assert get(client, url, modified_until="2019-06-01")["pagination"]["totalElements"] == 2


def test_a_deleted_person_is_listed_as_deleted_to_those_asking_what_changed(client, world):
    person = make_person(world.organisation, "Gone", "Away")
    uid = person.uid
    person.delete()
    url = list_url(world, "people")
    assert all(p.get("deleted") is not True for p in get(client, url)["data"])
    changed = get(client, url, modified_since="2000-01-01")["data"]
    gone = [p for p in changed if p.get("deleted")]
    assert gone == [get(client, f"{BASE}person/{uid}/")]
    assert set(gone[0]) == {"id", "type", "created", "modified", "deleted"}
    assert schema_errors(gone[0]) == []


def test_a_deleted_membership_changes_its_person_and_board(client, world):
    person = make_person(world.organisation, "Brief", "Member")
    membership = appoint(person, world.board, world.term, world.labour)
    uid = membership.uid
    Person.objects.update(modified=LONG_AGO)
    Membership.objects.update(modified=LONG_AGO)
    membership.delete()
    people = get(client, list_url(world, "people"), modified_since="2020-01-01")["data"]
    assert [p["id"] for p in people] == [f"{BASE}person/{person.uid}/"]
    assert people[0].get("membership") is None
    memberships = get(client, list_url(world, "memberships"), modified_since="2020-01-01")
    assert [m["id"] for m in memberships["data"]] == [f"{BASE}membership/{uid}/"]
    assert memberships["data"][0]["deleted"] is True


def test_a_paper_no_longer_published_is_listed_as_deleted(client, world):
    from minuted.papers.publishing import publish_pack

    published = publish_meeting(world)
    url = list_url(world, "papers")
    paper_id = get(client, url)["data"][0]["id"]
    item = published.public_item
    item.exempt = True
    item.exempt_paragraph = 3
    item.public_interest_reason = "The offer is now commercially sensitive."
    item.save()
    publish_pack(published.meeting, world.clerk, reason="Made the support offer exempt")
    assert get(client, url)["data"] == []
    changed = get(client, url, modified_since="2000-01-01")["data"]
    assert [(p["id"], p["deleted"]) for p in changed] == [(paper_id, True)]
    consultations = get(client, list_url(world, "consultations"), modified_since="2000-01-01")
    assert [c.get("deleted") for c in consultations["data"]] == [True]
    agenda = get(client, f"{BASE}meeting/{published.meeting.uid}/")["agendaItem"]
    assert [i["public"] for i in agenda] == [True, False, False]


LISTS = [
    "organizations",
    "people",
    "memberships",
    "legislative-terms",
    "meetings",
    "locations",
    "agenda-items",
    "papers",
    "consultations",
    "files",
]


def queries_per_list(client: Any, world: Any) -> dict[str, tuple[int, int]]:
    """Queries and objects of the first page (of 100) of each list, tombstones included."""
    out = {}
    for name in LISTS:
        params = {"limit": 100, "modified_since": "2000-01-01"}
        client.get(list_url(world, name), params)  # the index is warm either way
        with CaptureQueriesContext(connection) as queries:
            data = get(client, list_url(world, name), **params)["data"]
        out[name] = (len(queries), len(data))
    with CaptureQueriesContext(connection) as queries:
        get(client, f"{BASE}bodies/")
    out["bodies"] = (len(queries), 1)
    return out


def test_list_queries_do_not_grow_with_meetings_or_people(client, world):
    for _ in range(2):
        publish_meeting(world)
    make_person(world.organisation).delete()  # a tombstone in the people list
    small = queries_per_list(client, world)
    for _ in range(10):
        publish_meeting(world)
    for _ in range(6):
        appoint(make_person(world.organisation), world.other_board, world.term, world.labour)
    make_person(world.organisation).delete()
    large = queries_per_list(client, world)
    assert Meeting.objects.count() == 12
    for name in LISTS:
        assert large[name][1] > small[name][1] or name in ("legislative-terms", "organizations")
        assert large[name][0] == small[name][0], name
        assert large[name][0] <= 10, name
