"""No read endpoint shows anything exempt or confidential to an anonymous visitor, or to a
member of another board with a token: every GET operation of the OpenAPI document is asked
for, with its path parameters filled from the published meeting (so a new endpoint is checked
without editing this test)."""

from __future__ import annotations

import itertools
import re

import pytest

from minuted.api.tests.conftest import (
    CONFIDENTIAL_ACTION,
    CONFIDENTIAL_DECISION,
    EXEMPT_REPORT,
    Api,
    api_for,
)
from minuted.programme.models import Output, Programme, Theme
from minuted.programme.tests.test_returns import Scene
from minuted.record.models import RegisterCategory, RegisterEntry

SENSITIVE_INTEREST = "A refuge for survivors of domestic abuse"
PRIVATE_PROGRAMME = "A programme still being negotiated with the funder"
SECRETS = [
    EXEMPT_REPORT,
    "Peer challenge contract",  # the exempt report's own title
    "Summary of Peer challenge contract",
    CONFIDENTIAL_DECISION,
    CONFIDENTIAL_ACTION,
    SENSITIVE_INTEREST,
    PRIVATE_PROGRAMME,
]


def addresses(published, world, client) -> list[str]:
    values = {
        "board": [world.board.uid],
        "person": [world.member.person.uid],
        "meeting": [published.meeting.uid],
        "paper": [published.exempt_report.uid, published.public_report.uid],
        "programme": list(Programme.objects.values_list("uid", flat=True)),
    }
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    out = []
    for path, methods in paths.items():
        if "get" not in methods:
            continue
        names = re.findall(r"{(\w+)}", path)
        for combination in itertools.product(*(values[name] for name in names)):
            url = path
            for name, value in zip(names, combination, strict=True):
                url = url.replace(f"{{{name}}}", str(value))
            out.append(url.removeprefix("/api/v1"))
    return out


@pytest.fixture
def sensitive_interest(world):
    return RegisterEntry.objects.create(
        person=world.member.person,
        category=RegisterCategory.LAND,
        description=SENSITIVE_INTEREST,
        registered_on=world.term.start_date,
        sensitive=True,
    )


@pytest.fixture
def programmes(world):
    """A public programme, and one not public whose output names the secret."""
    scene = Scene(world)
    private = Programme.objects.create(
        organisation=world.organisation,
        board=world.board,
        name=PRIVATE_PROGRAMME,
        slug="private",
        start_date=scene.programme.start_date,
        end_date=scene.programme.end_date,
        is_public=False,
    )
    theme = Theme.objects.create(programme=private, name=PRIVATE_PROGRAMME)
    Output.objects.create(programme=private, theme=theme, description=PRIVATE_PROGRAMME)
    return [scene.programme, private]


@pytest.mark.parametrize("who", ["anonymous", "member of another board"])
def test_no_read_endpoint_shows_exempt_or_confidential_text(
    who, world, published, sensitive_interest, programmes, client
):
    api = Api() if who == "anonymous" else api_for(world.member_of_another_board, world.board)
    urls = addresses(published, world, client)
    assert len(urls) > 15
    for url in urls:
        response = api.get(url)
        assert response.status_code in (200, 401, 403, 404), url
        body = response.content.decode()
        assert [s for s in SECRETS if s in body] == [], url


def test_the_secrets_are_there_to_be_found_by_the_boards_clerk(world, published, client):
    """The check above would see a leak: the clerk's reads of the minutes show them."""
    api = api_for(world.clerk, world.board)
    found = set()
    for url in addresses(published, world, client):
        body = api.get(url).content.decode()
        found |= {s for s in SECRETS if s in body}
    assert {CONFIDENTIAL_DECISION, CONFIDENTIAL_ACTION} <= found
