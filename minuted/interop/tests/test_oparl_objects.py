"""What the OParl objects say: governance as committees and political groups, meetings with
their public pack and minutes as files, exempt items as non-public with nothing of their
papers, and Minuted's own facts under ``minuted:`` — only public ones, whoever asks."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from django.test import Client

from minuted.governance.models import Membership
from minuted.interop.oparl.testing import (
    CONFIDENTIAL_ACTION,
    CONFIDENTIAL_DECISION,
    EXEMPT_REPORT_TEXT,
    EXEMPT_REPORT_TITLE,
    Published,
    publish_meeting,
    schema_errors,
)
from minuted.meetings.models import MeetingStatus
from minuted.testing import make_meeting

BASE = "http://testserver/oparl/v1/"


@pytest.fixture
def published(world: Any) -> Published:
    return publish_meeting(world)


def get(client: Client, url: str, **params: Any) -> Any:
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    data = response.json()
    for obj in data["data"] if "pagination" in data else [data]:
        assert schema_errors(obj) == []
    return data


def body_of(client: Client) -> Any:
    return get(client, get(client, BASE)["body"])["data"][0]


def everything(client: Client) -> str:
    """Every list of the body, every page, with tombstones, as one text."""
    body = body_of(client)
    texts = [json.dumps(body)]
    for key, url in body.items():
        if isinstance(url, str) and url.endswith("s/") and key != "web":
            page: Any = get(client, url, limit=100, modified_since="2000-01-01")
            texts.append(json.dumps(page))
            while "next" in page["links"]:
                page = get(client, page["links"]["next"])
                texts.append(json.dumps(page))
    return "\n".join(texts)


def test_the_system_object_is_the_entry_point(client, world):
    response = client.get("/oparl/v1/")
    system = response.json()
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert system["id"] == BASE
    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    assert system["body"] == BASE + "bodies/"
    assert schema_errors(system) == []


def test_ids_are_absolute_urls_on_the_host_asked(client, world, settings):
    settings.ALLOWED_HOSTS = ["data.example.org"]
    system = client.get("/oparl/v1/", HTTP_HOST="data.example.org", secure=True).json()
    assert system["id"] == "https://data.example.org/oparl/v1/"
    body = client.get(system["body"], HTTP_HOST="data.example.org", secure=True).json()
    assert (
        body["data"][0]["id"] == f"https://data.example.org/oparl/v1/body/{world.organisation.uid}/"
    )


def test_ids_use_uids_and_survive_renaming(client, world):
    before = get(client, f"{BASE}organization/{world.board.uid}/")
    world.board.slug = "renamed-board"
    world.board.name = "Renamed Board"
    world.board.save()
    after = get(client, before["id"])
    assert after["id"] == before["id"] == f"{BASE}organization/{world.board.uid}/"
    assert after["name"] == "Renamed Board"
    assert after["web"].endswith("/boards/renamed-board/")


def test_the_body_is_the_organisation_with_its_terms_and_lists(client, world):
    body = body_of(client)
    assert body["name"] == world.organisation.name
    assert [t["name"] for t in body["legislativeTerm"]] == ["Last term", "This term"]
    for name in ("organization", "person", "meeting", "paper", "membership", "agendaItem"):
        assert get(client, body[name])["pagination"]["currentPage"] == 1


def test_boards_are_committees_and_political_groups_are_factions(client, world):
    organizations = get(client, body_of(client)["organization"])["data"]
    kinds = {o["name"]: o["organizationType"] for o in organizations}
    assert kinds[world.board.name] == "Gremium"
    assert kinds[world.other_board.name] == "Gremium"
    assert kinds["Conservative"] == kinds["Labour"] == "Fraktion"
    board = next(o for o in organizations if o["name"] == world.board.name)
    assert board["minuted:quorum"] == {
        "numerator": 1,
        "denominator": 3,
        "minimumHeadcount": None,
        "minimumGroups": 2,
        "observersCount": False,
    }
    assert board["memberCount"] == 1  # the member; the former member sat last term
    assert get(client, board["meeting"])["data"] == []


def test_a_membership_names_its_group_voting_right_role_and_dates(client, world):
    membership = Membership.objects.get(person__user=world.member)
    obj = get(client, f"{BASE}membership/{membership.uid}/")
    assert obj["person"] == f"{BASE}person/{membership.person.uid}/"
    assert obj["organization"] == f"{BASE}organization/{world.board.uid}/"
    assert obj["onBehalfOf"] == f"{BASE}organization/{world.conservative.uid}/"
    assert obj["votingRight"] is True
    assert obj["role"] == "Member"
    assert obj["startDate"] == world.term.start_date.isoformat()
    assert obj["endDate"] == world.term.end_date.isoformat()


def test_a_person_shows_public_fields_only(client, world):
    person = Membership.objects.get(person__user=world.member).person
    person.email = "private@example.org"
    person.phone = "020 7946 0000"
    person.save()
    obj = get(client, f"{BASE}person/{person.uid}/")
    assert obj["familyName"] == person.family_name
    assert [m["role"] for m in obj["membership"]] == ["Member"]
    assert "private@example.org" not in json.dumps(obj)
    assert "7946" not in json.dumps(obj)


def test_the_meeting_invites_with_the_public_pack_and_records_with_the_public_minutes(
    client, published
):
    meeting = get(client, f"{BASE}meeting/{published.meeting.uid}/")
    pack = published.meeting.packs.get()
    minutes = published.meeting.minutes_versions.get()
    invitation, protocol = meeting["invitation"], meeting["resultsProtocol"]
    assert invitation["id"] == f"{BASE}file/{pack.uid}/"
    assert invitation["accessUrl"].endswith("/pack/v1/public.pdf")
    assert invitation["sha512Checksum"] == hashlib.sha512(pack.public_pdf.read()).hexdigest()
    assert invitation["size"] == pack.public_pdf.size
    assert protocol["id"] == f"{BASE}file/{minutes.uid}/"
    assert protocol["accessUrl"].endswith("/minutes/v1/public.pdf")
    assert meeting["meetingState"] == "Held"
    assert meeting["cancelled"] is False
    assert meeting["location"]["room"] == "Westminster Room"


def test_a_file_downloads_the_public_edition_only(client, published):
    pack = published.meeting.packs.get()
    response = client.get(f"{BASE}file/{pack.uid}/download/")
    body = b"".join(response.streaming_content)
    assert body == pack.public_pdf.read()
    assert body != pack.members_pdf.read()
    assert response["Content-Disposition"].startswith("attachment")


def test_a_cancelled_meeting_says_so(client, world):
    meeting = make_meeting(
        world.board,
        world.term,
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Not enough business.",
    )
    obj = get(client, f"{BASE}meeting/{meeting.uid}/")
    assert obj["cancelled"] is True
    assert obj["meetingState"] == "Cancelled"
    assert obj["minuted:cancellationReason"] == "Not enough business."


def test_an_online_meeting_has_its_joining_link_and_no_location(client, world):
    meeting = make_meeting(
        world.board, world.term, format="online", online_url="https://meet.example.org/b"
    )
    obj = get(client, f"{BASE}meeting/{meeting.uid}/")
    assert "location" not in obj
    assert obj["minuted:onlineUrl"] == "https://meet.example.org/b"
    assert client.get(f"{BASE}location/{meeting.uid}/").status_code == 404


def test_an_exempt_item_is_not_public_and_has_nothing_of_its_papers(client, published):
    meeting = get(client, f"{BASE}meeting/{published.meeting.uid}/")
    items = {i["name"]: i for i in meeting["agendaItem"]}
    exempt = items[published.exempt_item.title]
    assert exempt["public"] is False
    assert exempt["number"] == "2"
    assert "consultation" not in exempt
    public = items[published.public_item.title]
    assert public["public"] is True
    consultation = get(client, public["consultation"])
    paper = get(client, consultation["paper"])
    assert paper["name"] == "Climate change support offer"
    assert paper["consultation"] == [consultation]
    papers = get(client, body_of(client)["paper"])["data"]
    assert [p["name"] for p in papers] == ["Climate change support offer"]


def test_nothing_exempt_or_confidential_reaches_any_list(client, published):
    text = everything(client)
    assert "OPARL-CANARY" not in text
    for secret in (
        EXEMPT_REPORT_TEXT,
        EXEMPT_REPORT_TITLE,
        CONFIDENTIAL_DECISION,
        CONFIDENTIAL_ACTION,
    ):
        assert secret not in text
    assert published.exempt_item.title in text  # the exempt item's title is public


def test_a_member_of_the_board_sees_what_everyone_sees(client, world, published):
    anonymous = everything(client)
    client.force_login(world.member)
    signed_in = everything(client)
    assert "OPARL-CANARY" not in signed_in
    assert len(signed_in) == len(anonymous)


def test_public_decisions_and_actions_appear_and_confidential_ones_are_withheld(client, published):
    meeting = get(client, f"{BASE}meeting/{published.meeting.uid}/")
    items = {i["name"]: i for i in meeting["agendaItem"]}
    public = items[published.public_item.title]
    assert public["resolutionText"] == "Members agreed the support offer."
    assert public["minuted:decisions"] == [
        {"number": "3.1", "text": "Members agreed the support offer."}
    ]
    assert public["minuted:actions"] == [
        {"text": "Officers to publish the offer.", "owner": "Officers"}
    ]
    exempt = items[published.exempt_item.title]
    assert "resolutionText" not in exempt
    assert exempt["minuted:decisionsWithheld"].startswith("Decisions for this item to be kept")
    assert "paragraph 3 of Part 1 of Schedule 12A" in exempt["minuted:exclusion"]


def test_the_register_apologies_declarations_and_quorum_are_vendor_properties(
    client, world, published
):
    meeting = get(client, f"{BASE}meeting/{published.meeting.uid}/")
    member = Membership.objects.get(person__user=world.member).person
    assert meeting["participant"] == [f"{BASE}person/{member.uid}/"]
    assert len(meeting["minuted:apologies"]) == 1
    assert {a["status"] for a in meeting["minuted:attendance"]} == {"present", "apologies"}
    declaration = meeting["minuted:declarations"][0]
    assert declaration["item"] == "3"
    assert "A trustee of a climate charity." in declaration["text"]
    assert meeting["minuted:quorum"]["required"] == 1  # one third of 2 voting members
    assert meeting["minuted:quorum"]["minimumGroups"] == 2
    items = {i["name"]: i for i in meeting["agendaItem"]}
    assert items[published.public_item.title]["minuted:declarations"] == [declaration["text"]]


def test_a_register_is_public_only_once_the_meeting_is_held(client, world, published):
    published.meeting.status = MeetingStatus.CONFIRMED
    published.meeting.save()
    meeting = get(client, f"{BASE}meeting/{published.meeting.uid}/")
    assert "participant" not in meeting
    assert "minuted:attendance" not in meeting
    assert "minuted:apologies" not in meeting


def test_unknown_objects_and_types_are_404_in_json(client, world):
    for url in (
        f"{BASE}meeting/not-a-uid/",
        f"{BASE}meeting/{world.board.uid}/",  # a board's uid is not a meeting's
        f"{BASE}paper/00000000-0000-0000-0000-000000000000/",
        f"{BASE}spaceship/{world.board.uid}/",
        f"{BASE}body/{world.board.uid}/people/",
        f"{BASE}body/{world.organisation.uid}/spaceships/",
        f"{BASE}organization/{world.conservative.uid}/meetings/",
        # PostgreSQL refuses a NUL in a query: these were 500s there.
        f"{BASE}paper/%00/",
        f"{BASE}file/%00/download/",
        f"{BASE}agenda-item/{'x' * 81}/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["error"]


def test_the_api_is_read_only_and_open_to_other_origins(client, world):
    refused = client.post("/oparl/v1/")
    assert refused.status_code == 405
    assert refused["Allow"] == "GET, HEAD, OPTIONS"
    preflight = client.options("/oparl/v1/")
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_an_organisation_not_served_is_not_found(client, world, settings):
    settings.MINUTED_ORGANISATION = "another-organisation"
    assert client.get(f"{BASE}body/{world.organisation.uid}/").status_code == 404
    assert client.get(f"{BASE}organization/{world.board.uid}/").status_code == 404
    assert get(client, f"{BASE}bodies/")["data"] == []


def test_a_cached_response_keeps_the_ids_of_the_host_asked(client, world, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60  # the public page cache (core/pagecache.py) is on
    settings.ALLOWED_HOSTS = ["a.example.org", "b.example.org"]
    first = client.get("/oparl/v1/", HTTP_HOST="a.example.org").json()
    second = client.get("/oparl/v1/", HTTP_HOST="b.example.org").json()
    assert first["id"] == "http://a.example.org/oparl/v1/"
    assert second["id"] == "http://b.example.org/oparl/v1/"
