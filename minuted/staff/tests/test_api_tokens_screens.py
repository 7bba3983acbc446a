"""My API tokens at /manage/me/api-tokens/: a clerk creates a token for one of their boards,
sees it once, uses it on that board's meetings only, and revokes it; nobody else sees or
revokes it; issuing and revoking are in the audit trail, without the token."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from minuted.api.models import ApiToken
from minuted.api.tests.conftest import Api
from minuted.api.tokens import issue_token
from minuted.audit.models import AuditEntry
from minuted.testing import make_meeting

LIST = "/manage/me/api-tokens/"
NEW = "/manage/me/api-tokens/new/"


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def revoke_url(record: ApiToken) -> str:
    return reverse("staff:api-token-revoke", kwargs={"token": record.uid})


def create(client: Client, name: str, board: Any) -> tuple[Any, str]:
    """POST the form; the answer and the token it shows."""
    response = client.post(NEW, {"name": name, "board": str(board.uid)})
    found = re.search(r'value="(mtd_[A-Za-z0-9_-]+)"', response.content.decode())
    return response, found.group(1) if found else ""


def change_room(token: str, meeting: Any) -> Any:
    return Api(token).patch(f"/meetings/{meeting.uid}", {"room": "Committee Room 2"})


def test_a_clerk_creates_a_token_sees_it_once_uses_it_on_their_board_and_revokes_it(world):
    clerk = signed_in(world.clerk)
    response, token = create(clerk, "Committee import", world.board)
    assert response.status_code == 200 and token.startswith("mtd_")
    page = response.content.decode()
    assert "Copy your new API token now" in page and "cannot be shown again" in page
    assert "no-store" in response["Cache-Control"]

    # Never again: not in the list, not on the form, not in the admin's view of it.
    for url in (LIST, NEW, LIST):
        assert token not in clerk.get(url).content.decode()
    listing = clerk.get(LIST).content.decode()
    record = ApiToken.objects.get(owner=world.clerk)
    assert "Committee import" in listing and record.prefix in listing
    assert world.board.name in listing and "Active" in listing

    # It works on the board it is for, and nowhere else, saying why.
    ours = make_meeting(world.board, world.term)
    theirs = make_meeting(world.other_board, world.term)
    assert change_room(token, ours).status_code == 200
    refused = change_room(token, theirs)
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith(
        f"This token is for {world.board.name}; it may not be used on {world.other_board.name}."
    )
    theirs.refresh_from_db()
    assert theirs.room != "Committee Room 2"

    # Revoking asks first, says it cannot be undone, and the token is dead at once.
    confirm = clerk.get(revoke_url(record))
    assert confirm.status_code == 200 and "This cannot be undone" in confirm.content.decode()
    assert change_room(token, ours).status_code == 200  # a GET revokes nothing
    done = clerk.post(revoke_url(record), follow=True)
    assert "is revoked" in done.content.decode() and "Revoked" in done.content.decode()
    assert change_room(token, ours).status_code == 401


def test_an_administrator_may_create_a_token_for_any_board(world):
    _, token = create(signed_in(world.administrator), "Reporting", world.other_board)
    assert change_room(token, make_meeting(world.other_board, world.term)).status_code == 200


def test_the_form_offers_only_the_clerks_own_boards(world):
    page = signed_in(world.clerk_of_another_board).get(NEW).content.decode()
    assert world.other_board.name in page and world.board.name not in page


def test_a_clerk_who_forgets_the_name_and_board_is_told_beside_each_field(world):
    response = signed_in(world.clerk).post(NEW, {"name": "  ", "board": ""})
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert 'id="id_name-error"' in page and "Say what the token is for." in page
    assert 'id="id_board-error"' in page and "Choose the board the token is for." in page
    assert not ApiToken.objects.exists()


def test_a_clerk_whose_board_choice_is_bad_keeps_the_name_they_typed(world):
    response = signed_in(world.clerk).post(NEW, {"name": "Import", "board": "not-a-board"})
    page = response.content.decode()
    assert "Choose one of the boards in the list." in page and 'value="Import"' in page
    assert not ApiToken.objects.exists()


def test_a_clerk_may_not_create_a_token_for_a_board_they_do_not_clerk(world):
    response, token = create(signed_in(world.clerk_of_another_board), "Sneaky", world.board)
    assert response.status_code == 403 and token == ""
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("role", ["member", "officer", "former_member"])
def test_members_and_officers_may_not_create_tokens(world, role):
    client = signed_in(getattr(world, role))
    assert client.get(NEW).status_code == 403
    response, _ = create(client, "Import", world.board)
    assert response.status_code == 403
    assert "Only the clerks of a board and administrators" in client.get(LIST).content.decode()
    assert not ApiToken.objects.exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(world):
    for url in (LIST, NEW):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_another_user_can_neither_see_nor_revoke_a_clerks_token(world):
    record, token = issue_token(world.clerk, "Committee import", world.board)
    for other in (world.clerk_of_another_board, world.administrator, world.member):
        client = signed_in(other)
        assert "Committee import" not in client.get(LIST).content.decode()
        assert client.get(revoke_url(record)).status_code == 404
        assert client.post(revoke_url(record)).status_code == 404
    record.refresh_from_db()
    assert record.revoked_at is None
    assert change_room(token, make_meeting(world.board, world.term)).status_code == 200


def test_a_deactivated_clerks_token_stops_working(world):
    _, token = create(signed_in(world.clerk), "Committee import", world.board)
    meeting = make_meeting(world.board, world.term)
    assert change_room(token, meeting).status_code == 200
    world.clerk.is_active = False
    world.clerk.save()
    assert change_room(token, meeting).status_code == 401


def test_a_token_outlives_no_right_its_owner_loses(world):
    """A clerk removed from the board keeps the token but may change nothing with it."""
    _, token = create(signed_in(world.clerk), "Committee import", world.board)
    world.board.clerks.remove(world.clerk)
    response = change_room(token, make_meeting(world.board, world.term))
    assert response.status_code == 403 and "may not manage" in response.json()["detail"]


def test_the_stored_row_holds_no_usable_token(world):
    _, token = create(signed_in(world.clerk), "Committee import", world.board)
    row = ApiToken.objects.values().get()
    assert all(token not in str(value) for value in row.values())
    meeting = make_meeting(world.board, world.term)
    for stolen in (row["digest"], row["prefix"], "mtd_" + row["digest"]):
        assert change_room(stolen, meeting).status_code == 401


def test_creating_and_revoking_a_token_are_audited_without_the_token(world):
    clerk = signed_in(world.clerk)
    _, token = create(clerk, "Committee import", world.board)
    record = ApiToken.objects.get()
    clerk.post(revoke_url(record))
    entries = {e.action: e for e in AuditEntry.objects.filter(action__startswith="api_token.")}
    assert set(entries) == {"api_token.create", "api_token.revoke"}
    for entry in entries.values():
        assert entry.who == world.clerk and entry.object_uid == str(record.uid)
        after: dict[str, Any] = entry.after or {}
        assert after["board"] == world.board.slug and after["prefix"] == record.prefix
        written = " ".join(str(v) for v in AuditEntry.objects.values().get(pk=entry.pk).values())
        assert token not in written and record.digest not in written
    assert "Committee import" in entries["api_token.create"].summary


def test_the_my_meetings_page_links_a_clerk_to_their_tokens_and_not_a_member(world):
    link = 'href="/manage/me/api-tokens/"'
    assert link in signed_in(world.clerk).get("/manage/me/").content.decode()
    assert link not in signed_in(world.member).get("/manage/me/").content.decode()
