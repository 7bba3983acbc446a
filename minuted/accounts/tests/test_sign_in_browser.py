"""In Debian's Chromium: a clerk signs in with a password and then a TOTP code, a clerk without
an app sets one up, a member turns on optional two-factor authentication; the sign-in, code,
set-up, lock-out and reset pages pass axe-core's WCAG 2.2 AA rules, errors included."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from minuted.accounts.services import confirmed_device
from minuted.accounts.tests.otp import code_for, give_device
from minuted.staff.tests.test_journey_browser import assert_accessible, submit
from minuted.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def password_step(page, base, email, password=PASSWORD):
    page.goto(base + reverse("login"))
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    submit(page, "Sign in")


def test_a_clerk_signs_in_with_a_password_then_a_code(live_server, page, world):
    base = live_server.url
    device = give_device(world.clerk)
    page.goto(base + reverse("login"))
    assert_accessible(page)
    submit(page, "Sign in")  # nothing filled in
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)

    password_step(page, base, world.clerk.email)
    page.wait_for_url(base + reverse("account-code"))
    assert_accessible(page)
    page.get_by_label("Code", exact=True).fill(
        "000000" if code_for(device) != "000000" else "111111"
    )
    submit(page, "Continue")
    assert "The code is not right" in page.locator("#id_code-error").inner_text()
    assert_accessible(page)  # the code page with its error

    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    page.get_by_label("Code", exact=True).fill(code_for(device))
    submit(page, "Continue")
    page.wait_for_url(base + "/")
    assert page.get_by_role("button", name="Sign out").is_visible()


def test_a_clerk_without_an_app_sets_one_up_to_sign_in(live_server, page, world):
    base = live_server.url
    password_step(page, base, world.clerk.email)
    page.wait_for_url(base + reverse("account-set-up"))
    assert page.get_by_role("img", name=re.compile("QR code")).is_visible()
    key = page.locator(".minuted-secret").inner_text()
    assert re.fullmatch(r"([A-Z2-7]{4} )+[A-Z2-7]{1,4}", key)
    assert_accessible(page)
    submit(page, "Turn on and sign in")  # no code
    assert "Enter the 6-digit code" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)

    device = TOTPDevice.objects.get(user=world.clerk)
    page.get_by_label("Code", exact=True).fill(code_for(device))
    submit(page, "Turn on and sign in")
    page.wait_for_url(base + "/")
    assert confirmed_device(world.clerk) == device


def test_a_member_turns_on_optional_two_factor_authentication(live_server, page, world):
    base = live_server.url
    password_step(page, base, world.member.email)  # no code needed yet
    page.goto(base + reverse("staff:me"))
    page.get_by_role("link", name="Two-factor authentication").click()
    page.wait_for_url(base + reverse("account-two-factor"))
    assert_accessible(page)
    device = TOTPDevice.objects.get(user=world.member)
    page.get_by_label("Code", exact=True).fill(code_for(device))
    submit(page, "Turn on two-factor authentication")
    assert (
        "Two-factor authentication is on."
        in page.locator(".govuk-notification-banner").inner_text()
    )
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    password_step(page, base, world.member.email)
    page.wait_for_url(base + reverse("account-code"))  # now the member is asked for a code
    page.get_by_label("Code", exact=True).fill(code_for(device))
    submit(page, "Continue")
    assert page.get_by_role("button", name="Sign out").is_visible()


def test_the_lock_out_and_reset_pages_are_accessible(live_server, page, world):
    base = live_server.url
    for _ in range(settings.AXES_FAILURE_LIMIT):
        password_step(page, base, world.member.email, "not it")
    assert page.locator("h1").inner_text() == "Signing in is locked for now"
    assert_accessible(page)

    page.get_by_role("link", name="reset your password by e-mail").click()
    page.wait_for_url(base + reverse("password_reset"))
    assert_accessible(page)
    submit(page, "Send the link")  # no address
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.get_by_label("E-mail address").fill(world.member.email)
    submit(page, "Send the link")
    page.wait_for_url(base + reverse("password_reset_done"))
    assert_accessible(page)

    found = re.search(r"http://[^/\s]+(/sign-in/reset/\S+/)", str(mail.outbox[0].body))
    assert found
    link = found.group(1)
    page.goto(base + link)
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("12345678")
    page.get_by_label("New password again").fill("12345678")
    submit(page, "Save the new password")
    assert "There is a problem" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("a brand new long passphrase 42")
    page.get_by_label("New password again").fill("a brand new long passphrase 42")
    submit(page, "Save the new password")
    page.wait_for_url(base + reverse("password_reset_complete"))
    assert_accessible(page)
    page.goto(base + link)  # used: refused
    assert "This link does not work" in page.locator("h1").inner_text()
    assert_accessible(page)

    password_step(page, base, world.member.email, "a brand new long passphrase 42")
    assert page.get_by_role("button", name="Sign out").is_visible()  # the lock-out ended
