"""Password reset by e-mail (Django's views under /sign-in/reset/): plain-text mail, a link
that works once and for an hour, no hint whether an address has an account, no sign-in."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.core import mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from minuted.accounts.tests.otp import code_for, give_device
from minuted.audit.models import AuditEntry
from minuted.testing import PASSWORD

pytestmark = pytest.mark.django_db

NEW = "a brand new long passphrase 42"


def ask_for_link(client, email):
    return client.post(reverse("password_reset"), {"email": email})


def link_in(message) -> str:
    found = re.search(r"http://testserver(/sign-in/reset/[^\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_the_sign_in_page_offers_a_reset(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "Forgotten your password?" in page
    assert f'href="{reverse("password_reset")}"' in page


def test_a_member_gets_a_plain_text_link_by_e_mail(client, world):
    response = ask_for_link(client, world.member.email)
    assert response["Location"] == reverse("password_reset_done")
    (message,) = mail.outbox
    assert message.to == ["member@example.org"]
    assert getattr(message, "alternatives", []) == []  # plain text only
    assert "<" not in message.body
    assert link_in(message).startswith("/sign-in/reset/")


def test_the_answer_never_reveals_whether_an_address_has_an_account(client, world):
    known = client.post(reverse("password_reset"), {"email": world.member.email}, follow=True)
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"}, follow=True)
    assert known.content == unknown.content
    assert len(mail.outbox) == 1  # only the real account got mail


def test_a_deactivated_account_gets_no_link(client, world):
    world.member.is_active = False
    world.member.save()
    ask_for_link(client, world.member.email)
    assert mail.outbox == []


def test_a_blank_address_is_refused_beside_the_field(client, db):
    page = client.post(reverse("password_reset"), {"email": ""}).content.decode()
    assert "There is a problem" in page and 'id="id_email-error"' in page


def test_the_link_sets_a_new_password_once_and_does_not_sign_in(client, world):
    ask_for_link(client, world.member.email)
    link = link_in(mail.outbox[0])
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == reverse("password_reset_complete")
    assert "_auth_user_id" not in client.session
    world.member.refresh_from_db()
    assert world.member.check_password(NEW)
    assert AuditEntry.objects.filter(action="auth.password_reset", who=world.member).exists()
    # The same link again: refused.
    again = client.get(link, follow=True).content.decode()
    assert "This link does not work" in again


def test_a_weak_new_password_is_refused_beside_the_field(client, world):
    ask_for_link(client, world.member.email)
    form = client.get(link_in(mail.outbox[0]), follow=True)
    page = client.post(
        form.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"}
    ).content.decode()
    assert "There is a problem" in page and "id_new_password2-error" in page
    world.member.refresh_from_db()
    assert world.member.check_password(PASSWORD)


class MadeAt(PasswordResetTokenGenerator):
    """Django's token generator with its clock set back: a link sent at ``moment``."""

    def __init__(self, moment: dt.datetime) -> None:
        super().__init__()
        self.moment = moment

    def _now(self) -> dt.datetime:
        return self.moment


def test_links_last_one_hour(client, world):
    assert settings.PASSWORD_RESET_TIMEOUT == 3600
    uid = urlsafe_base64_encode(force_bytes(world.member.pk))
    now = dt.datetime.now()
    old = MadeAt(now - dt.timedelta(seconds=3601)).make_token(world.member)
    fresh = MadeAt(now - dt.timedelta(seconds=3500)).make_token(world.member)
    assert not default_token_generator.check_token(world.member, old)
    assert default_token_generator.check_token(world.member, fresh)
    page = client.get(f"/sign-in/reset/{uid}/{old}/", follow=True).content.decode()
    assert "This link does not work" in page


def test_a_reset_ends_a_lock_out_on_the_address(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": world.member.email, "password": "x"})
    assert AccessAttempt.objects.exists()
    ask_for_link(client, world.member.email)
    form = client.get(link_in(mail.outbox[0]), follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert not AccessAttempt.objects.exists()
    response = client.post(reverse("login"), {"username": world.member.email, "password": NEW})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.member.pk)


def test_a_clerk_who_resets_still_needs_the_code(client, world):
    device = give_device(world.clerk)
    ask_for_link(client, world.clerk.email)
    form = client.get(link_in(mail.outbox[0]), follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    response = client.post(reverse("login"), {"username": world.clerk.email, "password": NEW})
    assert response["Location"] == reverse("account-code")
    assert "_auth_user_id" not in client.session
    client.post(reverse("account-code"), {"code": code_for(device)})
    assert client.session["_auth_user_id"] == str(world.clerk.pk)
