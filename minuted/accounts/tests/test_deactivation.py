"""Accounts are deactivated, never deleted: their history names them. A deactivated account's
session and API tokens stop working at once."""

from __future__ import annotations

import pytest
from django.test import Client

from minuted.accounts.models import User
from minuted.api.tokens import issue_token
from minuted.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_an_administrator_cannot_delete_a_user_in_the_admin(client, world):
    client.force_login(world.administrator)
    assert client.get(f"/admin/accounts/user/{world.member.pk}/delete/").status_code == 403
    client.post(f"/admin/accounts/user/{world.member.pk}/delete/", {"post": "yes"})
    listing = client.get("/admin/accounts/user/").content.decode()
    assert "delete_selected" not in listing
    assert User.objects.filter(pk=world.member.pk).exists()


def test_an_administrator_deactivates_accounts_with_the_admin_action(client, world):
    client.force_login(world.administrator)
    client.post(
        "/admin/accounts/user/",
        {"action": "deactivate", "_selected_action": [world.member.pk, world.officer.pk]},
    )
    world.member.refresh_from_db()
    world.officer.refresh_from_db()
    assert not world.member.is_active and not world.officer.is_active
    entries = AuditEntry.objects.filter(action="user.change", summary="Account deactivated")
    assert {e.object_uid for e in entries} == {str(world.member.pk), str(world.officer.pk)}
    assert all(e.who == world.administrator for e in entries)


def test_a_deactivated_users_session_stops_working_on_the_next_request(world):
    browser = Client()
    browser.force_login(world.clerk)
    assert browser.get("/manage/").status_code == 200
    world.clerk.is_active = False
    world.clerk.save()
    response = browser.get("/manage/")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_a_deactivated_users_api_token_stops_working(world):
    _, token = issue_token(world.clerk, "Import script", world.board)
    api = Client(headers={"Authorization": f"Bearer {token}"})
    url = f"/api/v1/meetings/{world.board.uid}/items"
    assert api.get(url).status_code != 401
    world.clerk.is_active = False
    world.clerk.save()
    assert api.get(url).status_code == 401
