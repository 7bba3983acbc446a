"""Generated requests against every endpoint of the OpenAPI document, through WSGI: no answer
is a server error, and every answer conforms to the document (status code, content type,
headers, body schema). Run once as an anonymous visitor and once as the board's clerk with a
token, so that the write endpoints are exercised past authentication.

Path parameters are fixed to real objects (a meeting with a published pack and minutes, its
items, a decision, an action …), so that generated queries and bodies reach the code behind
them instead of stopping at 404."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from minuted.api.tests.conftest import Published
from minuted.api.tokens import issue_token
from minuted.programme.tests.test_returns import Scene
from minuted.record.models import Action, Decision, OtherAttendee

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = 20  # per operation and run


@pytest.fixture
def connection_kept_open() -> Iterator[None]:
    """Django closes the database connection when a WSGI request starts and ends; in a test
    that holds its data in one transaction (PostgreSQL) that would lose it. The Django test
    client does the same (django.test.client.ClientHandler)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(request: Any, world: Any, published: Published, connection_kept_open: None) -> Any:
    # Schemathesis 4.32 renames the test node for its report through ``_nodeid``, which pytest
    # 9 no longer has; give it the attribute (it only changes how the subtests are named).
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    meeting = published.meeting
    entry = published.minutes.items.get(agenda_item=published.public_item)
    other = OtherAttendee.objects.create(meeting=meeting, name="Jane Officer", role="Adviser")
    programme = Scene(world)  # a public programme with a theme, an output and two KPIs
    programme.signed_return(0, "30")
    schema.config.update(
        parameters={
            "board": str(world.board.uid),
            "person": str(world.member.person.uid),
            "meeting": str(meeting.uid),
            "item": str(published.public_item.uid),
            "paper": str(published.public_report.uid),
            "decision": str(Decision.objects.filter(item=entry).get().uid),
            "action": str(Action.objects.filter(item=entry).get().uid),
            "other": str(other.uid),
            "programme": str(programme.programme.uid),
        }
    )
    schema.config.generation.update(max_examples=EXAMPLES)
    return schema


schema = schemathesis.pytest.from_fixture("api_schema")

SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


@pytest.mark.django_db
@schema.parametrize()
@SETTINGS
def test_every_endpoint_answers_anonymous_requests_as_documented(case: Any) -> None:
    case.call_and_validate(checks=CHECKS)


@pytest.fixture
def clerk_token(world: Any) -> str:
    return issue_token(world.clerk, "schemathesis", world.board)[1]


@pytest.mark.django_db
@schema.parametrize()
@SETTINGS
def test_every_endpoint_answers_the_clerks_requests_as_documented(
    case: Any, clerk_token: str
) -> None:
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {clerk_token}"})
