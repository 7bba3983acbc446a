"""API tokens: issued once, kept only as a digest, revocable; the command that manages them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from minuted.api.models import ApiToken
from minuted.api.tests.conftest import Api
from minuted.api.tokens import digest, issue_token, revoke_token, user_for_token
from minuted.testing import make_meeting


def test_a_token_is_kept_only_as_its_digest(world):
    record, token = issue_token(world.clerk, "Import script", world.board)
    assert token.startswith("mtd_") and len(token) > 40
    stored = ApiToken.objects.get(pk=record.pk)
    assert stored.digest == digest(token) and token not in stored.digest
    assert token.startswith(stored.prefix) and len(stored.prefix) == 12


def test_a_token_stands_for_its_owner_and_records_its_use(world):
    record, token = issue_token(world.clerk, "Import script", world.board)
    assert user_for_token(token) == world.clerk
    record.refresh_from_db()
    assert record.last_used is not None


def test_last_used_is_written_at_most_once_a_minute(world):
    record, token = issue_token(world.clerk, "Import script", world.board)
    first = timezone.now()
    user_for_token(token, now=first)
    user_for_token(token, now=first + dt.timedelta(seconds=30))
    record.refresh_from_db()
    assert record.last_used == first  # the second use within the minute wrote nothing
    user_for_token(token, now=first + dt.timedelta(minutes=2))
    record.refresh_from_db()
    assert record.last_used == first + dt.timedelta(minutes=2)


def test_a_revoked_token_is_refused(world):
    record, token = issue_token(world.clerk, "Import script", world.board)
    assert revoke_token(record)
    assert user_for_token(token) is None
    response = Api(token).get(f"/meetings/{world.board.uid}/items")
    assert response.status_code == 401


def test_a_token_of_a_deactivated_user_is_refused(world):
    _, token = issue_token(world.clerk, "Import script", world.board)
    world.clerk.is_active = False
    world.clerk.save()
    assert user_for_token(token) is None


def test_a_made_up_token_is_refused_with_a_hint(world, published):
    response = Api("mtd_not-a-real-token").get(f"/meetings/{published.meeting.uid}/items")
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_token_needs_a_name(world):
    with pytest.raises(Exception, match="Say what the token is for"):
        issue_token(world.clerk, "  ", world.board)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("api_token", *args, stdout=out)
    return out.getvalue()


def test_the_command_shows_a_new_token_once(world):
    output = run("create", world.clerk.email, "Committee import", "--board", world.board.slug)
    token = next(line for line in output.splitlines() if line.startswith("mtd_"))
    assert user_for_token(token) == world.clerk
    listing = run("list")
    assert "Committee import" in listing and world.clerk.email in listing
    assert token not in listing  # the list names tokens by their prefix only


def test_the_command_revokes_a_token_by_its_prefix(world):
    record, token = issue_token(world.clerk, "Committee import", world.board)
    assert "is revoked" in run("revoke", record.prefix + "…")
    assert user_for_token(token) is None
    assert "revoked" in run("list", world.clerk.email)


def test_the_command_refuses_an_unknown_user_or_prefix(world):
    with pytest.raises(CommandError, match="No user"):
        run("create", "nobody@example.org", "Import", "--board", world.board.slug)
    with pytest.raises(CommandError, match="0 active tokens"):
        run("revoke", "mtd_zzzzzzzz")


def test_administrators_see_and_revoke_tokens_in_the_admin_but_never_add_one(world, client):
    record, token = issue_token(world.clerk, "Committee import", world.board)
    client.force_login(world.administrator)
    listing = client.get("/admin/api/apitoken/")
    assert record.prefix in listing.content.decode()
    assert token not in listing.content.decode()
    assert client.get("/admin/api/apitoken/add/").status_code == 403
    client.post(
        "/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [record.pk]},
    )
    record.refresh_from_db()
    assert record.revoked_at is not None


def test_a_token_from_before_tokens_had_a_board_may_change_nothing(world):
    """Tokens the command issued before tokens were scoped to a board have none: they are
    refused every write and the clerk's reads, with a message that says what to do."""
    record, token = issue_token(world.clerk, "Old import", world.board)
    ApiToken.objects.filter(pk=record.pk).update(board=None)  # as migration 0002 left them
    meeting = make_meeting(world.board, world.term)
    api = Api(token)
    for response in (
        api.patch(f"/meetings/{meeting.uid}", {"room": "Committee Room 2"}),
        api.get(f"/meetings/{meeting.uid}/items"),
    ):
        assert response.status_code == 403
        assert "belongs to no board, so it may change nothing" in response.json()["detail"]
    assert "no board: may write nothing" in run("list", world.clerk.email)


def test_the_command_needs_a_board_and_the_policys_yes(world):
    with pytest.raises(CommandError, match="--board"):
        run("create", world.clerk.email, "Committee import")
    with pytest.raises(CommandError, match="0 boards have the slug"):
        run("create", world.clerk.email, "Committee import", "--board", "no-such-board")
    with pytest.raises(CommandError, match="may not have an API token for"):
        run("create", world.member.email, "Committee import", "--board", world.board.slug)
    with pytest.raises(CommandError, match="may not have an API token for"):
        run("create", world.clerk.email, "Import", "--board", world.other_board.slug)
    assert not ApiToken.objects.exists()
    created = run("create", world.clerk.email, "Import", "--board", world.board.slug)
    assert world.board.name in created
    assert ApiToken.objects.get().board == world.board
