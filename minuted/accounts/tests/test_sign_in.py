"""Signing in with an e-mail address and password."""

from __future__ import annotations

from django.urls import reverse

from minuted.testing import PASSWORD


def test_a_member_signs_in_with_their_email_address(client, world):
    response = client.post(
        reverse("login"), {"username": "member@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.member.pk)


def test_a_wrong_password_is_refused_with_a_message_and_keeps_the_address(client, world):
    response = client.post(
        reverse("login"), {"username": "member@example.org", "password": "not it"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'value="member@example.org"' in page
    assert "_auth_user_id" not in client.session


def test_a_deactivated_account_cannot_sign_in(client, world):
    world.member.is_active = False
    world.member.save()
    client.post(reverse("login"), {"username": "member@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_signing_out_needs_a_post_and_ends_the_session(client, world):
    client.force_login(world.member)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
