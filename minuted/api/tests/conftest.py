"""Fixtures of the API's tests: tokens for named people, and a meeting whose pack and minutes
are published with something exempt or confidential in each (the SECRETs)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from minuted.accounts.models import Role
from minuted.accounts.policy import Action as Permission
from minuted.accounts.policy import may
from minuted.api.tokens import issue_token
from minuted.governance.models import Membership
from minuted.meetings.models import AgendaItemKind
from minuted.meetings.services import add_item
from minuted.papers.publishing import publish_pack
from minuted.record.models import Action, Attendance, AttendanceStatus, Decision
from minuted.record.publishing import publish_minutes
from minuted.record.services import minutes_for
from minuted.testing import appoint, make_meeting, make_person, make_report

EXEMPT_REPORT = "The bid from Acme Holdings is 4.2 million pounds"
CONFIDENTIAL_DECISION = "Members agreed to bid 2.1 million pounds for the contract."
CONFIDENTIAL_ACTION = "Officers to negotiate with Acme Holdings."


class Api:
    """The Django test client, speaking JSON to /api/v1/, with or without a token."""

    def __init__(self, token: str = "") -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{path}", params, headers=self.headers)

    def send(self, method: str, path: str, body: Any = None) -> Any:
        call = getattr(self.client, method)
        return call(
            f"/api/v1{path}",
            data=body if body is not None else {},
            content_type="application/json",
            headers=self.headers,
        )

    def post(self, path: str, body: Any = None) -> Any:
        return self.send("post", path, body)

    def patch(self, path: str, body: Any = None) -> Any:
        return self.send("patch", path, body)

    def put(self, path: str, body: Any = None) -> Any:
        return self.send("put", path, body)

    def delete(self, path: str) -> Any:
        return self.send("delete", path)


@pytest.fixture
def anonymous(db: Any) -> Api:
    return Api()


def token_from_when_they_clerked(user: Any, board: Any) -> str:
    """A token ``user`` was issued for ``board`` while they were its clerk, who is no longer:
    how a member comes to hold one (a member cannot be issued one)."""
    role = user.role
    user.role = Role.CLERK
    user.save()
    board.clerks.add(user)
    _, token = issue_token(user, "tests", board)
    board.clerks.remove(user)
    user.role = role
    user.save()
    return token


def api_for(user: Any, board: Any) -> Api:
    """The API as a program with ``user``'s token for ``board``."""
    if may(user, Permission.CREATE_API_TOKEN, board):
        return Api(issue_token(user, "tests", board)[1])
    return Api(token_from_when_they_clerked(user, board))


@pytest.fixture
def clerk_api(world: Any) -> Api:
    return api_for(world.clerk, world.board)


@dataclass
class Published:
    meeting: Any
    exempt_item: Any
    public_item: Any
    public_report: Any
    exempt_report: Any
    minutes: Any


@pytest.fixture
def published(world: Any) -> Published:
    """A meeting held ten days ago: its pack published with an exempt report and a public one,
    its register taken, and its minutes published with a confidential decision and action."""
    today = timezone.localdate()
    before = today - dt.timedelta(days=60)
    meeting = make_meeting(world.board, world.term, today - dt.timedelta(days=10))
    add_item(meeting, title="Welcome, apologies and declarations of interest", today=before)
    exempt_item = add_item(
        meeting,
        title="Procurement of the peer challenge contract",
        kind=AgendaItemKind.REPORT,
        exempt=True,
        exempt_paragraph=3,
        public_interest_reason="Commercially sensitive while the tender is open.",
        today=before,
    )
    public_item = add_item(
        meeting, title="Climate change support", kind=AgendaItemKind.REPORT, today=before
    )
    exempt_report = make_report(exempt_item, "Peer challenge contract", text=EXEMPT_REPORT)
    public_report = make_report(public_item, "Climate change support offer")
    publish_pack(meeting, world.clerk)

    member = Membership.objects.get(person__user=world.member, term=world.term)
    labour = appoint(make_person(world.organisation), world.board, world.term, world.labour)
    for seat in (member, labour):
        Attendance.objects.create(meeting=meeting, membership=seat, status=AttendanceStatus.PRESENT)
    meeting.status = "held"
    meeting.save()
    minutes = minutes_for(meeting)
    confidential = minutes.items.get(agenda_item=exempt_item)
    Decision.objects.create(item=confidential, position=1, text=CONFIDENTIAL_DECISION)
    Action.objects.create(
        item=confidential, position=1, text=CONFIDENTIAL_ACTION, owner_role="Officers"
    )
    open_entry = minutes.items.get(agenda_item=public_item)
    Decision.objects.create(item=open_entry, position=1, text="Members noted the offer.")
    Action.objects.create(
        item=open_entry, position=1, text="Circulate the offer to councils.", owner_role="Officers"
    )
    publish_minutes(minutes, world.clerk)
    return Published(meeting, exempt_item, public_item, public_report, exempt_report, minutes)


@pytest.fixture
def member_api(world: Any) -> Api:
    return api_for(world.member, world.board)


@pytest.fixture
def other_clerk_api(world: Any) -> Api:
    """The other board's clerk, with a token for their own board."""
    return api_for(world.clerk_of_another_board, world.other_board)


@pytest.fixture
def admin_api(world: Any) -> Api:
    return api_for(world.administrator, world.board)


def field_errors(response: Any) -> dict[str, str]:
    """The errors of a 400 or 422 answer, by field."""
    return {e["field"]: e["message"] for e in response.json()["errors"]}
