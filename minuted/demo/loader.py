"""Loads a readable YAML description of an organisation's boards (see iib.yaml).

Every reference is checked before anything is written, and everything is written in one
transaction with each record validated by the same rules as the admin, so a faulty file
leaves the database as it was."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import DatabaseError, transaction

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


SECTIONS = ("organisation", "political_groups", "officers", "terms", "people", "board")
LISTS = ("political_groups", "officers", "terms", "people")


def read(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except (yaml.YAMLError, ValueError) as error:
        # YAML's message gives the line and column; a date YAML reads that does not exist
        # (2018-02-30) and bytes that are not UTF-8 are ValueErrors.
        raise DemoDataError(f"{path.name} is not readable YAML: {error}") from error
    if not isinstance(data, dict):
        raise DemoDataError(f"{path}: expected a mapping at the top")
    _check_shape(data)
    _check_references(data)
    return data


def _check_shape(data: dict[str, Any]) -> None:
    """Each section is what the loader expects (a mapping, or a list of mappings with a text
    slug), and every reference is text, so that a wrongly shaped file is refused with the
    place named rather than failing half way through with a traceback."""
    problems = [f"missing section {key!r}" for key in SECTIONS if key not in data]
    if problems:
        raise DemoDataError("; ".join(problems))
    for key in ("organisation", "board"):
        if not isinstance(data[key], dict):
            problems.append(f"{key}: expected a mapping")
    for key in LISTS:
        rows = data[key]
        if not isinstance(rows, list):
            problems.append(f"{key}: expected a list")
            continue
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                problems.append(f"{key}, entry {number}: expected a mapping")
            elif not isinstance(row.get("slug"), str):
                problems.append(f"{key}, entry {number}: no slug")
    if problems:
        raise DemoDataError("; ".join(problems))
    problems += _check_board_shape(data["board"])
    if problems:
        raise DemoDataError("; ".join(problems))


def _text_or_none(row: dict[str, Any], field: str) -> bool:
    return row.get(field) is None or isinstance(row.get(field), str)


def _check_board_shape(board: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    if not _text_or_none(board, "contact_officer"):
        problems.append("board: contact_officer must be an officer's slug")
    for key in ("quorum", "seat_allocations", "memberships", "priority_themes"):
        if not isinstance(board.get(key, {}), dict):
            problems.append(f"board: {key} must be a mapping")
    if problems:
        return problems
    for term, seats in board.get("seat_allocations", {}).items():
        if not isinstance(seats, dict):
            problems.append(f"board: seat_allocations of {term!r} must map groups to seats")
    for key, fields, required in (
        ("memberships", ("person", "role", "group", "authority"), ("person", "role")),
        ("priority_themes", ("lead_member",), ()),
    ):
        for term, rows in board.get(key, {}).items():
            if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
                problems.append(f"board: {key} of {term!r} must be a list of mappings")
                continue
            for number, row in enumerate(rows, start=1):
                problems += [
                    f"board: {key} of {term!r}, entry {number}: {field} must be text"
                    for field in fields
                    if not _text_or_none(row, field) or (field in required and not row.get(field))
                ]
    return problems


def _check_references(data: dict[str, Any]) -> None:
    """Every slug and code the file uses must be defined in it (or be a known GSS code)."""
    problems: list[str] = []
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


def _create(model: Any, where: str, **fields: Any) -> Any:
    """Create a validated ``model`` from the file's ``fields``; any problem is raised as a
    DemoDataError naming ``where`` in the file it is."""
    with _problems_at(where):
        obj = model(**fields)
        obj.full_clean()
        obj.save()
    return obj


@contextlib.contextmanager
def _problems_at(where: str) -> Iterator[None]:
    """Raise what goes wrong in the block as a DemoDataError naming ``where``: a value the
    model refuses, a field it does not have, a value the database refuses (PostgreSQL
    refuses a NUL character in text, which SQLite stores), or a name it does not know."""
    try:
        yield
    except ValidationError as error:
        raise DemoDataError(f"{where}: {'; '.join(_messages(error))}") from error
    except (LookupError, ObjectDoesNotExist) as error:
        raise DemoDataError(f"{where}: not found: {error}") from error
    except (
        TypeError,
        ValueError,  # DemoMeetingError among them
        AttributeError,
        InvalidOperation,
        DatabaseError,
    ) as error:
        raise DemoDataError(f"{where}: {error}") from error


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{field}: {' '.join(m)}" for field, m in error.message_dict.items()]
    return list(error.messages)


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
    with _problems_at("organisation"):
        for key in ("carers_allowance_hourly", "carers_allowance_hourly_london"):
            if org_data.get(key) is not None:
                org_data[key] = Decimal(str(org_data[key]))
    organisation = _create(Organisation, "organisation", **org_data)
    groups = {
        g["slug"]: _create(
            PoliticalGroup,
            f"political_groups {g['slug']!r}",
            organisation=organisation,
            position=i,
            **g,
        )
        for i, g in enumerate(data["political_groups"])
    }
    officers = {
        o["slug"]: _create(Officer, f"officers {o['slug']!r}", organisation=organisation, **o)
        for o in data["officers"]
    }
    terms = {}
    for t in data["terms"]:
        where = f"terms {t['slug']!r}"
        with _problems_at(where):
            start, end = _day(t.get("start_date")), _day(t.get("end_date"))
        terms[t["slug"]] = _create(
            Term,
            where,
            organisation=organisation,
            slug=t["slug"],
            name=t.get("name"),
            start_date=start,
            end_date=end,
        )
    people = {
        p["slug"]: _create(Person, f"people {p['slug']!r}", organisation=organisation, **p)
        for p in data["people"]
    }

    b = dict(data["board"])
    quorum = b.pop("quorum", {})
    allocations = b.pop("seat_allocations", {})
    memberships = b.pop("memberships", {})
    themes = b.pop("priority_themes", {})
    contact = b.pop("contact_officer", None)
    board = _create(
        Board,
        "board",
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
                f"board: seat_allocations of {term_slug!r}, {group_slug!r}",
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
            where = f"board: memberships of {term_slug!r}, {row['person']!r}"
            with _problems_at(where):
                membership = Membership(
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
                save_membership(membership)
    for term_slug, rows in themes.items():
        for position, theme in enumerate(rows):
            _create(
                PriorityTheme,
                f"board: priority_themes of {term_slug!r}, entry {position + 1}",
                board=board,
                term=terms[term_slug],
                name=theme.get("name"),
                description=(theme.get("description") or "").strip(),
                lead_member=people.get(theme.get("lead_member") or ""),
                position=position,
            )
    if with_accounts:
        _create_accounts(board, people, officers)
    if with_meetings:
        # The shipped meetings and record name the board, terms, people and officers of
        # iib.yaml: an edited file may lack what they need.
        with _problems_at(
            f"the demonstration meetings ({MEETING_2019_10_29.name}, {MEETING_2019_07_11.name}) "
            f"need what {path.name} does not give"
        ):
            _load_meetings_and_record(board, with_accounts)
    return board


def _load_meetings_and_record(board: Board, with_accounts: bool) -> None:
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
    """A date from YAML (which reads 2019-05-01 as one) or from ISO text; ValueError if it is
    neither."""
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
