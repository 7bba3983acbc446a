"""For tests of the OParl API (and any test that crawls it): the OParl 1.1 JSON schemas,
resolved locally, with checks for the formats they use; and a meeting with exempt and
confidential content published in a pack and minutes."""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

SCHEMA_BASE = "https://schema.oparl.org/1.1/"


def shared_data() -> Path:
    """The OParl schemas and examples, kept with the tests (interop/tests/oparl_fixtures/)."""
    return Path(__file__).resolve().parent.parent / "tests" / "oparl_fixtures"


def _url(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return "T" in value and moment.tzinfo is not None  # OParl requires the offset


def format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    checker.checks("url")(_url)
    checker.checks("date")(_date)
    checker.checks("date-time")(_date_time)
    return checker


@functools.cache
def _registry() -> tuple[Registry, dict[str, dict[str, Any]]]:
    schemas: dict[str, dict[str, Any]] = {}
    resources = []
    for path in sorted((shared_data() / "schema").glob("*.json")):
        schema = json.loads(path.read_text())
        name = path.stem
        schemas[name] = schema
        resource = Resource.from_contents(schema, default_specification=DRAFT7)
        # The schemas refer to each other as "File.json" and as "Organization".
        resources += [(f"{SCHEMA_BASE}{name}", resource), (f"{SCHEMA_BASE}{name}.json", resource)]
    return Registry().with_resources(resources), schemas


def validator(type_name: str) -> Draft7Validator:
    registry, schemas = _registry()
    return Draft7Validator(schemas[type_name], registry=registry, format_checker=format_checker())


def type_name_of(obj: dict[str, Any]) -> str:
    kind = str(obj.get("type", ""))
    if not kind.startswith(SCHEMA_BASE):
        raise AssertionError(f"not an OParl 1.1 object: {obj.get('id')} has type {kind!r}")
    return kind.removeprefix(SCHEMA_BASE)


def schema_errors(obj: dict[str, Any]) -> list[str]:
    """Every way ``obj`` breaks its type's schema (embedded objects included), as text."""
    return [
        f"{obj.get('id')}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(type_name_of(obj)).iter_errors(obj)
    ]


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((shared_data() / "examples" / f"{name}.json").read_text())
    return data


# --- A published meeting with something to hide ----------------------------------------------

EXEMPT_REPORT_TEXT = "OPARL-CANARY the bid from Acme Holdings is 4.2 million pounds"
EXEMPT_REPORT_TITLE = "OPARL-CANARY peer challenge contract"
CONFIDENTIAL_DECISION = "OPARL-CANARY members agreed to bid 2.1 million pounds"
CONFIDENTIAL_ACTION = "OPARL-CANARY officers to negotiate the price"


@dataclass
class Published:
    meeting: Any
    welcome: Any
    exempt_item: Any
    public_item: Any
    public_report: Any
    exempt_report: Any
    minutes: Any


def publish_meeting(world: Any, day: dt.date | None = None) -> Published:
    """A meeting of the world's board: a welcome, an exempt report and a public report, its
    pack published; then held, with apologies, a declaration, a public decision and action,
    and a confidential decision and action on the exempt item, its minutes published."""
    from minuted.governance.models import Membership
    from minuted.meetings.models import AgendaItemKind
    from minuted.meetings.services import add_item
    from minuted.papers.publishing import publish_pack
    from minuted.record.models import (
        Action,
        Attendance,
        AttendanceStatus,
        Decision,
        Declaration,
        InterestKind,
    )
    from minuted.record.publishing import publish_minutes
    from minuted.record.services import minutes_for
    from minuted.testing import appoint, make_meeting, make_person, make_report

    meeting = make_meeting(world.board, world.term, day)
    welcome = add_item(meeting, title="Welcome, apologies and declarations of interest")
    exempt_item = add_item(
        meeting,
        title="Procurement of the peer challenge contract",
        kind=AgendaItemKind.REPORT,
        exempt=True,
        exempt_paragraph=3,
        public_interest_reason="Commercially sensitive while the tender is open.",
    )
    public_item = add_item(meeting, title="Climate change support", kind=AgendaItemKind.REPORT)
    exempt_report = make_report(exempt_item, EXEMPT_REPORT_TITLE, text=EXEMPT_REPORT_TEXT)
    public_report = make_report(public_item, "Climate change support offer")
    publish_pack(meeting, world.clerk)

    member = Membership.objects.get(board=world.board, term=world.term, person__user=world.member)
    absent = (
        Membership.objects.filter(board=world.board, term=world.term, political_group=world.labour)
        .order_by("pk")
        .first()
    ) or appoint(make_person(world.organisation), world.board, world.term, world.labour)
    Attendance.objects.create(meeting=meeting, membership=member, status=AttendanceStatus.PRESENT)
    Attendance.objects.create(meeting=meeting, membership=absent, status=AttendanceStatus.APOLOGIES)
    meeting.status = "held"
    meeting.save()
    Declaration.objects.create(
        item=public_item,
        membership=member,
        kind=InterestKind.OTHER_REGISTRABLE,
        description="A trustee of a climate charity.",
    )
    minutes = minutes_for(meeting)
    entries = {entry.agenda_item_id: entry for entry in minutes.items.all()}
    secret = entries[exempt_item.pk]
    secret.decisions_confidential = True
    secret.save()
    Decision.objects.create(item=secret, position=1, text=CONFIDENTIAL_DECISION)
    Action.objects.create(item=secret, text=CONFIDENTIAL_ACTION, owner_role="Officers")
    Decision.objects.create(
        item=entries[public_item.pk], position=1, text="Members agreed the support offer."
    )
    Action.objects.create(
        item=entries[public_item.pk], text="Officers to publish the offer.", owner_role="Officers"
    )
    publish_minutes(minutes, world.clerk)
    return Published(
        meeting=meeting,
        welcome=welcome,
        exempt_item=exempt_item,
        public_item=public_item,
        public_report=public_report,
        exempt_report=exempt_report,
        minutes=minutes,
    )
