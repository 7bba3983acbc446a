"""Loads a readable YAML description of an organisation's boards (see iib.yaml).

Every reference is checked before anything is written, and everything is written in one
transaction with each record validated by the same rules as the admin, so a faulty file
leaves the database as it was."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from django.db import transaction

from minuted.accounts.models import Role, User
from minuted.demo.meetings import MEETING_2019_10_29, load_meetings
from minuted.demo.programme import load_activity, load_programmes
from minuted.demo.record import MEETING_2019_07_11, load_record
from minuted.governance.authorities import load_authorities
from minuted.governance.models import (
    Authority,
    Board,
    Membership,
    MembershipRole,
    Officer,
    Organisation,
    Person,
    PoliticalGroup,
    PriorityTheme,
    SeatAllocation,
    Term,
)
from minuted.governance.models.membership import OBSERVER_ROLES
from minuted.governance.services import save_membership
from minuted.meetings.models import Meeting
from minuted.meetings.services import deadline_status
from minuted.papers.publishing import publish_pack

IIB = Path(__file__).resolve().parent / "iib.yaml"
DEMO_PASSWORD = "minuted-demo"


class DemoDataError(ValueError):
    pass


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    description: str


DEMO_ACCOUNTS = (
    DemoAccount("admin@example.org", Role.ADMINISTRATOR, "administrator"),
    DemoAccount("clerk@example.org", Role.CLERK, "clerk of the Improvement and Innovation Board"),
    DemoAccount("officer@example.org", Role.OFFICER, "officer (Dennis Skinner)"),
    DemoAccount("member@example.org", Role.MEMBER, "member (Cllr Liz Green, Vice-Chair)"),
    DemoAccount("manager@example.org", Role.OFFICER, "programme manager of the 2019/20 programme"),
)


def read(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise DemoDataError(f"{path}: expected a mapping at the top")
    _check_references(data)
    return data


def _check_references(data: dict[str, Any]) -> None:
    """Every slug and code the file uses must be defined in it (or be a known GSS code)."""
    problems: list[str] = []
    for key in ("organisation", "political_groups", "officers", "terms", "people", "board"):
        if key not in data:
            problems.append(f"missing section {key!r}")
    if problems:
        raise DemoDataError("; ".join(problems))
    people = {p["slug"] for p in data["people"]}
    groups = {g["slug"] for g in data["political_groups"]}
    officers = {o["slug"] for o in data["officers"]}
    terms = {t["slug"] for t in data["terms"]}
    board = data["board"]
    if board.get("contact_officer") and board["contact_officer"] not in officers:
        problems.append(f"contact officer {board['contact_officer']!r} is not among officers")
    for term, allocation in board.get("seat_allocations", {}).items():
        if term not in terms:
            problems.append(f"seat allocation for unknown term {term!r}")
        problems += [f"seats for unknown group {g!r}" for g in allocation if g not in groups]
    roles = set(MembershipRole.values)
    for term, rows in board.get("memberships", {}).items():
        if term not in terms:
            problems.append(f"memberships for unknown term {term!r}")
        for row in rows:
            if row["person"] not in people:
                problems.append(f"{term}: unknown person {row['person']!r}")
            if row.get("group") and row["group"] not in groups:
                problems.append(f"{term}: unknown group {row['group']!r}")
            if row["role"] not in roles:
                problems.append(f"{term}: unknown role {row['role']!r}")
    for term, themes in board.get("priority_themes", {}).items():
        problems += [
            f"{term}: unknown lead member {t['lead_member']!r}"
            for t in themes
            if t.get("lead_member") and t["lead_member"] not in people
        ]
    if problems:
        raise DemoDataError("; ".join(problems))


def _create(model: Any, **fields: Any) -> Any:
    obj = model(**fields)
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def load(path: Path = IIB, with_accounts: bool = True, with_meetings: bool = False) -> Board:
    """Load the file into an empty database and return its board. With meetings, also the
    meetings of meeting-2019-10-29.yaml (the pack published as the demo clerk when there are
    accounts) and of meeting-2019-07-11.yaml, and the record of both: registers, declarations,
    and the minutes of 11 July 2019, published (with accounts) and approved on 29 October."""
    data = read(path)
    if not Authority.objects.exists():
        load_authorities()
    authorities = {a.gss_code: a for a in Authority.objects.all()}

    org_data = dict(data["organisation"])
    for key in ("carers_allowance_hourly", "carers_allowance_hourly_london"):
        if org_data.get(key) is not None:
            org_data[key] = Decimal(str(org_data[key]))
    organisation = _create(Organisation, **org_data)
    groups = {
        g["slug"]: _create(PoliticalGroup, organisation=organisation, position=i, **g)
        for i, g in enumerate(data["political_groups"])
    }
    officers = {
        o["slug"]: _create(Officer, organisation=organisation, **o) for o in data["officers"]
    }
    terms = {
        t["slug"]: _create(
            Term,
            organisation=organisation,
            slug=t["slug"],
            name=t["name"],
            start_date=_day(t["start_date"]),
            end_date=_day(t["end_date"]),
        )
        for t in data["terms"]
    }
    people = {p["slug"]: _create(Person, organisation=organisation, **p) for p in data["people"]}

    b = dict(data["board"])
    quorum = b.pop("quorum", {})
    allocations = b.pop("seat_allocations", {})
    memberships = b.pop("memberships", {})
    themes = b.pop("priority_themes", {})
    contact = b.pop("contact_officer", None)
    board = _create(
        Board,
        organisation=organisation,
        contact_officer=officers.get(contact) if contact else None,
        quorum_numerator=quorum.get("numerator", 1),
        quorum_denominator=quorum.get("denominator", 3),
        quorum_minimum_headcount=quorum.get("minimum_headcount"),
        quorum_minimum_groups=quorum.get("minimum_groups", 2),
        **b,
    )
    for term_slug, seats in allocations.items():
        for group_slug, count in seats.items():
            _create(
                SeatAllocation,
                board=board,
                term=terms[term_slug],
                group=groups[group_slug],
                seats=count,
            )
    for term_slug, rows in memberships.items():
        for position, row in enumerate(rows):
            gss = row.get("authority")
            if gss and gss not in authorities:
                raise DemoDataError(f"{term_slug}: unknown GSS code {gss!r}")
            save_membership(
                Membership(
                    person=people[row["person"]],
                    board=board,
                    term=terms[term_slug],
                    political_group=groups[row["group"]] if row.get("group") else None,
                    authority=authorities[gss] if gss else None,
                    represents=row.get("represents") or "",
                    role=row["role"],
                    voting_right=row["role"] not in OBSERVER_ROLES,
                    position=position,
                )
            )
    for term_slug, rows in themes.items():
        for position, theme in enumerate(rows):
            _create(
                PriorityTheme,
                board=board,
                term=terms[term_slug],
                name=theme["name"],
                description=(theme.get("description") or "").strip(),
                lead_member=people.get(theme.get("lead_member") or ""),
                position=position,
            )
    if with_accounts:
        _create_accounts(board, people, officers)
    if with_meetings:
        meetings = load_meetings()
        load_meetings(MEETING_2019_07_11)  # no reports, so no pack to publish
        clerk = None
        if with_accounts:
            _publish_demo_pack(board, meetings)
            clerk = User.objects.get(email="clerk@example.org")
        load_record(MEETING_2019_07_11, clerk)
        load_record(MEETING_2019_10_29, clerk)
        load_programmes(board)
        for meeting in meetings:
            load_activity(board, meeting)
    return board


def _publish_demo_pack(board: Board, meetings: list[Meeting]) -> None:
    """Publish the 29 October 2019 pack as the demo clerk, dated as the real one would have
    been (five clear working days before the meeting)."""
    clerk = User.objects.get(email="clerk@example.org")
    for meeting in meetings:
        if meeting.items.exists():
            deadline = deadline_status(meeting).deadline.publish_by
            when = dt.datetime.combine(deadline, dt.time(10, 0), tzinfo=ZoneInfo("Europe/London"))
            publish_pack(meeting, clerk, published_at=when)


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _create_accounts(board: Board, people: dict[str, Person], officers: dict[str, Officer]) -> None:
    """Sign-in accounts for trying Minuted out, one per role, all with DEMO_PASSWORD."""
    users = {}
    for account in DEMO_ACCOUNTS:
        user = User.objects.create_user(
            username=account.email.split("@")[0],
            email=account.email,
            password=DEMO_PASSWORD,
            role=account.role,
            is_staff=account.role == Role.ADMINISTRATOR,
            is_superuser=account.role == Role.ADMINISTRATOR,
        )
        users[account.role] = user
    board.clerks.add(users[Role.CLERK])
    member = people.get("liz-green")
    if member is not None:
        member.user = users[Role.MEMBER]
        member.save(update_fields=["user"])
    officer = officers.get("dennis-skinner")
    if officer is not None:
        officer.user = users[Role.OFFICER]
        officer.save(update_fields=["user"])
