"""Fixtures shared by every app's tests: a board with named people in named roles."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from minuted.accounts.models import Role, User
from minuted.governance.models import Board, Organisation, PoliticalGroup, Term
from minuted.testing import (
    allocate,
    appoint,
    make_board,
    make_group,
    make_organisation,
    make_person,
    make_term,
    make_user,
)

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the test
# itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_report_header() -> str:
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} ({database['NAME']})"


@dataclass
class World:
    organisation: Organisation
    term: Term
    last_term: Term
    board: Board
    other_board: Board
    conservative: PoliticalGroup
    labour: PoliticalGroup
    clerk: User
    clerk_of_another_board: User
    member: User
    member_of_another_board: User
    former_member: User
    officer: User
    administrator: User
    anonymous: AnonymousUser


@pytest.fixture
def world(db: Any) -> World:
    """One organisation; this term (holding today) and last term; two boards.

    - the clerk clerks the board; another clerk clerks the other board;
    - the member sits on the board this term; the member of another board sits on the other;
    - the former member sat on the board last term only;
    - the officer has no board; the administrator may do anything."""
    today = timezone.localdate()
    organisation = make_organisation()
    term = make_term(
        organisation, "This term", today - dt.timedelta(days=100), today + dt.timedelta(days=265)
    )
    last_term = make_term(
        organisation, "Last term", today - dt.timedelta(days=465), today - dt.timedelta(days=101)
    )
    board = make_board(organisation)
    other_board = make_board(organisation, "Resources Board")
    conservative = make_group(organisation, "Conservative", 0)
    labour = make_group(organisation, "Labour", 1)
    for b in (board, other_board):
        for t in (term, last_term):
            allocate(b, t, conservative, 8)
            allocate(b, t, labour, 8)

    def user_for_person(email: str, board: Board, term: Term) -> User:
        user = make_user(email, Role.MEMBER)
        person = make_person(organisation)
        person.user = user
        person.save()
        appoint(person, board, term, conservative)
        return user

    clerk = make_user("clerk@example.org", Role.CLERK)
    board.clerks.add(clerk)
    other_clerk = make_user("other-clerk@example.org", Role.CLERK)
    other_board.clerks.add(other_clerk)
    return World(
        organisation=organisation,
        term=term,
        last_term=last_term,
        board=board,
        other_board=other_board,
        conservative=conservative,
        labour=labour,
        clerk=clerk,
        clerk_of_another_board=other_clerk,
        member=user_for_person("member@example.org", board, term),
        member_of_another_board=user_for_person("other-member@example.org", other_board, term),
        former_member=user_for_person("former-member@example.org", board, last_term),
        officer=make_user("officer@example.org", Role.OFFICER),
        administrator=make_user("admin@example.org", Role.ADMINISTRATOR),
        anonymous=AnonymousUser(),
    )


# --- Browser tests: Debian's Chromium through Playwright (never a downloaded browser) -------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (CI installs it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings: Any, tmp_path: Any) -> None:
    """Published packs are files; tests keep theirs out of the project's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Argon2 is deliberately slow; tests sign in often. test_settings checks that production
    hashes with Argon2."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
