"""Every object the OParl API serves validates against the OParl 1.1 JSON schemas (resolved
locally, formats checked), whether read from a list, on its own or embedded; every id it
mentions resolves; and its objects have the shape of the specification's own examples.

The data is the demonstration board (a published pack with exempt items, published minutes
with confidential decisions, two registers), plus a cancelled meeting and a deleted
membership, crawled from the System object as a harvester would."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from minuted.demo import loader
from minuted.governance.models import Membership, MembershipRole
from minuted.interop.oparl.ids import BODY_LISTS, SLUGS
from minuted.interop.oparl.testing import example, schema_errors, type_name_of, validator
from minuted.meetings.models import MeetingStatus
from minuted.testing import make_meeting

BASE = "http://testserver/oparl/v1/"
EPOCH = "2000-01-01T00:00:00+00:00"  # modified_since this: lists include tombstones


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[Path]:
    media = tmp_path_factory.mktemp("oparl-media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        board = loader.load(with_accounts=True, with_meetings=True)
        term = board.organisation.terms.order_by("-start_date").first()
        assert term is not None
        make_meeting(
            board,
            term,
            term.end_date - dt.timedelta(days=10),
            status=MeetingStatus.CANCELLED,
            cancellation_reason="Not enough business.",
        )
        person = board.organisation.people.order_by("pk")[0]
        Membership.objects.create(
            person=person,
            board=board,
            term=term,
            role=MembershipRole.INDEPENDENT_OBSERVER,
            voting_right=False,
            represents="A body that withdrew",
        ).delete()
        yield media
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def crawl(demo: Path, django_db_blocker: Any) -> dict[str, Any]:
    """Every list page and every object reachable from the System object."""
    with django_db_blocker.unblock():
        return _crawl(Client())


def _urls_in(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _urls_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _urls_in(item)
    elif isinstance(value, str) and value.startswith(BASE):
        yield value


def _embedded(value: Any) -> Iterator[dict[str, Any]]:
    """Objects inside an object (a meeting's agenda items, a person's memberships…)."""
    if isinstance(value, dict):
        for item in value.values():
            if isinstance(item, dict) and "type" in item:
                yield item
            yield from _embedded(item)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and "type" in item:
                yield item
            yield from _embedded(item)


def _crawl(client: Client) -> dict[str, Any]:
    objects: dict[str, dict[str, Any]] = {}
    listed: list[dict[str, Any]] = []
    responses: dict[str, Any] = {}
    queue = [BASE]
    while queue:
        url = queue.pop()
        if url in responses:
            continue
        if url.endswith("/download/"):
            responses[url] = client.get(url)
            continue
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        assert response["Content-Type"].startswith("application/json")
        data = response.json()
        responses[url] = data
        if "pagination" in data:
            listed += data["data"]
            queue += [u for u in _urls_in(data["data"]) if u not in responses]
            if "next" in data["links"]:
                queue.append(data["links"]["next"])
            continue
        objects[url] = data
        queue += [u for u in _urls_in(data) if u not in responses]
        # Lists with the tombstones too.
        for key, value in data.items():
            if isinstance(value, str) and value.endswith("s/") and key not in ("id", "web"):
                queue.append(f"{value}?modified_since={EPOCH}&limit=100")
    return {"objects": objects, "listed": listed, "responses": responses}


def test_every_object_served_validates_against_its_schema(crawl):
    errors = [error for obj in crawl["objects"].values() for error in schema_errors(obj)]
    assert errors == []
    served = {type_name_of(obj) for obj in crawl["objects"].values()}
    assert served == {
        "System",
        "Body",
        "Organization",
        "Person",
        "Membership",
        "LegislativeTerm",
        "Meeting",
        "Location",
        "AgendaItem",
        "Paper",
        "Consultation",
        "File",
    }


def test_every_item_of_every_list_page_validates_against_its_schema(crawl):
    assert len(crawl["listed"]) > 100
    errors = [error for obj in crawl["listed"] for error in schema_errors(obj)]
    assert errors == []


def test_tombstones_are_listed_and_validate(crawl):
    gone = [obj for obj in crawl["listed"] if obj.get("deleted")]
    # The deleted membership, as a harvester asking what changed since 2000 sees it.
    assert [type_name_of(obj) for obj in gone] == ["Membership"]
    assert set(gone[0]) == {"id", "type", "created", "modified", "deleted"}
    assert schema_errors(gone[0]) == []
    assert crawl["objects"][gone[0]["id"]] == gone[0]  # fetched on its own: the tombstone


def test_an_object_reads_the_same_listed_embedded_or_on_its_own(crawl):
    objects = crawl["objects"]
    for obj in crawl["listed"]:
        assert objects[obj["id"]] == obj
    for obj in objects.values():
        for inner in _embedded(obj):
            assert objects[inner["id"]] == inner, inner["id"]


def test_every_id_and_link_in_the_api_resolves(crawl):
    mentioned = {url for obj in crawl["objects"].values() for url in _urls_in(obj)}
    assert mentioned <= set(crawl["responses"])  # each was fetched (with 200) by the crawl
    downloads = [u for u in mentioned if u.endswith("/download/")]
    assert downloads
    for url in downloads:
        response = crawl["responses"][url]
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/pdf"


def test_web_links_lead_to_the_public_pages(crawl, db):
    client = Client()
    for type_name in ("Body", "Organization", "Person", "Meeting", "AgendaItem", "Paper"):
        obj = next(o for o in crawl["objects"].values() if type_name_of(o) == type_name)
        page = client.get(obj["web"])
        assert page.status_code == 200, (type_name, obj["web"])
        assert page["Content-Type"].startswith("text/html")


def test_files_point_at_the_public_pdfs_and_carry_their_checksums(crawl, demo, db, settings):
    settings.MEDIA_ROOT = demo  # where the module's versions were stored
    client = Client()
    files = [o for o in crawl["objects"].values() if type_name_of(o) == "File"]
    assert len(files) == 2  # the pack of 29 October and the minutes of 11 July
    for file in files:
        pdf = b"".join(client.get(file["accessUrl"]).streaming_content)  # type: ignore[attr-defined]
        assert pdf.startswith(b"%PDF")
        assert file["size"] == len(pdf)
        assert file["sha512Checksum"] == hashlib.sha512(pdf).hexdigest()
        download = client.get(file["downloadUrl"])
        assert b"".join(download.streaming_content) == pdf  # type: ignore[attr-defined]
        assert download["Content-Disposition"].startswith("attachment")


# The properties each specification example shares with ours: the same names, the same
# JSON types (Meeting-01 is compared with the 29 October meeting, which has them all).
SHARED = {
    "System": {"id", "type", "oparlVersion", "body", "name", "website"},
    "Body": {
        "id",
        "type",
        "system",
        "shortName",
        "name",
        "website",
        "contactEmail",
        "organization",
        "person",
        "meeting",
        "paper",
        "agendaItem",
        "consultation",
        "file",
        "locationList",
        "membership",
        "legislativeTerm",
        "created",
        "modified",
    },
    "Organization": {
        "id",
        "type",
        "body",
        "name",
        "shortName",
        "organizationType",
        "post",
        "meeting",
        "membership",
        "classification",
        "created",
        "modified",
    },
    "Person": {
        "id",
        "type",
        "body",
        "name",
        "familyName",
        "givenName",
        "formOfAddress",
        "membership",
        "created",
        "modified",
    },
    "Meeting": {
        "id",
        "type",
        "name",
        "start",
        "end",
        "location",
        "organization",
        "invitation",
        "agendaItem",
        "created",
        "modified",
    },
    "Paper": {
        "id",
        "type",
        "body",
        "name",
        "date",
        "paperType",
        "consultation",
        "underDirectionOf",
        "created",
        "modified",
    },
    "File": {
        "id",
        "type",
        "name",
        "fileName",
        "mimeType",
        "date",
        "size",
        "accessUrl",
        "downloadUrl",
        "created",
        "modified",
    },
    "Location": {"id", "type", "description", "room", "streetAddress"},
}


@pytest.mark.parametrize("type_name", sorted(SHARED))
def test_objects_have_the_shape_of_the_specification_examples(crawl, type_name):
    sample = example(f"{type_name}-01")
    # The board (not a political group), the meeting with a pack, a place with an address.
    having = {"Organization": "post", "Meeting": "invitation", "Location": "streetAddress"}
    ours = next(
        o
        for o in crawl["objects"].values()
        if type_name_of(o) == type_name and having.get(type_name, "id") in o
    )
    shared = set(sample) & set(ours)
    assert shared >= SHARED[type_name], SHARED[type_name] - shared
    for key in shared:
        assert type(ours[key]) is type(sample[key]), key
    # Embedded objects are of the example's types too (a meeting's location, files, items).
    for key in shared:
        if isinstance(sample[key], dict) and "type" in sample[key]:
            assert ours[key]["type"] == sample[key]["type"]


def test_the_specification_examples_pass_our_validator():
    for name in ("Body", "File", "Location", "Organization", "Paper", "Person", "System"):
        assert list(validator(name).iter_errors(example(f"{name}-01"))) == []
    # Meeting-01 omits an agenda item's "order", which the draft-07 schema requires
    # (tests/oparl_fixtures/README.md): the validator must notice.
    errors = list(validator("Meeting").iter_errors(example("Meeting-01")))
    assert [e.message for e in errors] == ["'order' is a required property"]


def test_the_validator_checks_formats_and_embedded_objects():
    meeting = {
        "id": "not a url",
        "type": "https://schema.oparl.org/1.1/Meeting",
        "start": "2019-10-29T11:00:00",  # no offset
        "agendaItem": [{"id": f"{BASE}agenda-item/1/", "type": "x"}],
        "created": timezone.now().isoformat(),
    }
    messages = {e.message for e in validator("Meeting").iter_errors(meeting)}
    assert "'not a url' is not a 'url'" in messages
    assert "'2019-10-29T11:00:00' is not a 'date-time'" in messages
    assert "'order' is a required property" in messages


def _keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


def test_every_address_and_vendor_property_is_documented(crawl):
    documented = (Path(settings.BASE_DIR) / "docs" / "oparl.md").read_text()
    for name in [*BODY_LISTS.values(), *SLUGS.values()]:
        assert f"/{name}/" in documented, name
    vendor = {k for obj in crawl["objects"].values() for k in _keys(obj) if ":" in k}
    assert len(vendor) > 20
    missing = sorted(k for k in vendor if f"`{k}`" not in documented)
    assert missing == []
