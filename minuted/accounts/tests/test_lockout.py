"""Lock-outs (django-axes, database handler): five wrong passwords for one address from one IP
address lock that pair for fifteen minutes; administrators see and clear lock-outs."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from minuted.audit.models import AuditEntry
from minuted.testing import PASSWORD
from minuted.tests.test_settings import PRODUCTION, run_django

pytestmark = pytest.mark.django_db

IP = "203.0.113.7"


def attempt(client, email, password="not it", ip=IP):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def lock(client, email, ip=IP):
    responses = [attempt(client, email, ip=ip) for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert [r.status_code for r in responses[:-1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    return responses[-1]


def test_the_limit_and_cool_off_are_five_tries_and_fifteen_minutes_by_default():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert dt.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"


def test_the_limit_and_cool_off_are_read_from_the_environment():
    result = run_django(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME)",
        env={**PRODUCTION, "AXES_FAILURE_LIMIT": "3", "AXES_COOLOFF_MINUTES": "40"},
    )
    assert result.stdout.strip().splitlines()[-1] == "3 0:40:00", result.stderr
    bad = run_django("check", env={**PRODUCTION, "AXES_COOLOFF_MINUTES": "soon"})
    assert "AXES_COOLOFF_MINUTES must be a whole number" in bad.stderr


def test_a_member_who_gets_the_password_wrong_five_times_is_locked_out(client, world):
    response = lock(client, world.member.email)
    page = response.content.decode()
    assert response.status_code == 429
    assert "Signing in is locked for now" in page
    assert "locked for 15 minutes" in page
    assert "You can try again after" in page and "<time datetime=" in page
    assert reverse("password_reset") in page
    # Even the right password is refused now, with the same page.
    right = attempt(client, world.member.email, PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_out_page_says_when_the_cool_off_ends(client, world):
    lock(client, world.member.email)
    page = attempt(client, world.member.email).content.decode()
    until = AccessAttempt.objects.get().attempt_time + dt.timedelta(minutes=15)
    assert timezone.localtime(until).strftime("%H:%M") in page


def test_every_lock_out_is_written_to_the_audit_trail(client, world):
    lock(client, "Member@Example.org")
    entry = AuditEntry.objects.get(action="auth.lockout")
    assert entry.who_label == "member@example.org"
    assert entry.ip_address == IP
    assert "5 failed attempts" in entry.summary and "15 minutes" in entry.summary


def test_the_address_counts_whatever_its_capitals(client, world):
    for email in ["member@example.org", "MEMBER@example.org"] * 2 + ["Member@Example.ORG"]:
        last = attempt(client, email)
    assert last.status_code == 429


def test_the_lock_is_on_the_address_and_ip_together(client, world):
    lock(client, world.member.email)
    # The same person from another network, and another person from the same one, can sign in.
    assert attempt(client, world.member.email, PASSWORD, ip="198.51.100.1").status_code == 302
    client.post(reverse("logout"))
    assert attempt(client, world.officer.email, PASSWORD).status_code == 302


def test_a_forwarded_for_header_does_not_dodge_the_lock(client, world):
    lock(client, world.member.email)
    response = client.post(
        reverse("login"),
        {"username": world.member.email, "password": PASSWORD},
        REMOTE_ADDR=IP,
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert response.status_code == 429


def test_after_the_cool_off_the_member_can_sign_in_again(client, world):
    lock(client, world.member.email)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - dt.timedelta(minutes=16)
    )
    assert attempt(client, world.member.email, PASSWORD).status_code == 302


def test_a_full_sign_in_clears_earlier_failures(client, world):
    for _ in range(4):
        attempt(client, world.member.email)
    attempt(client, world.member.email, PASSWORD)
    client.post(reverse("logout"))
    assert attempt(client, world.member.email).status_code == 200  # a fresh count
    assert AccessAttempt.objects.get().failures_since_start == 1


def test_an_administrator_sees_and_clears_lock_outs_in_the_admin(client, world):
    lock(client, world.member.email)
    record = AccessAttempt.objects.get()
    client.force_login(world.administrator)
    listing = client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "member@example.org" in listing.content.decode()
    assert client.get("/admin/axes/accessattempt/add/").status_code == 403  # read-only
    change = client.get(f"/admin/axes/accessattempt/{record.pk}/change/").content.decode()
    assert 'name="username"' not in change  # shown, not editable
    client.post(f"/admin/axes/accessattempt/{record.pk}/delete/", {"post": "yes"})
    assert not AccessAttempt.objects.exists()
    client.post(reverse("logout"))
    assert attempt(client, world.member.email, PASSWORD).status_code == 302


def test_a_clerk_cannot_see_lock_outs(client, world):
    client.force_login(world.clerk)
    assert client.get("/admin/axes/accessattempt/").status_code == 302


def test_the_axes_reset_username_command_clears_a_lock_out(client, world):
    lock(client, world.member.email)
    call_command("axes_reset_username", "member@example.org", stdout=io.StringIO())
    assert attempt(client, world.member.email, PASSWORD).status_code == 302
