"""Two-factor sign-in with TOTP codes (django-otp): required for administrators and clerks,
optional for officers and members; the password alone signs nobody in who has or needs it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from minuted.accounts import services
from minuted.accounts.tests.otp import code_for, give_device, wrong_code
from minuted.audit.models import AuditEntry
from minuted.testing import PASSWORD

pytestmark = pytest.mark.django_db


def password_step(client, email, next_url=""):
    data = {"username": email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data)


def signed_in_as(client):
    return client.session.get("_auth_user_id")


def test_a_clerk_with_an_app_gives_the_password_then_a_code(client, world):
    device = give_device(world.clerk)
    response = password_step(client, world.clerk.email, "/manage/")
    assert response["Location"] == reverse("account-code")
    assert signed_in_as(client) is None  # the password alone signs nobody in

    page = client.get(reverse("account-code"))
    assert "Enter the code from your authenticator app" in page.content.decode()
    response = client.post(reverse("account-code"), {"code": code_for(device)})
    assert response.status_code == 302 and response["Location"] == "/manage/"
    assert signed_in_as(client) == str(world.clerk.pk)
    assert client.session["otp_device_id"] == device.persistent_id


def test_a_wrong_code_gives_a_field_error_is_audited_and_signs_nobody_in(client, world):
    device = give_device(world.clerk)
    password_step(client, world.clerk.email)
    response = client.post(reverse("account-code"), {"code": wrong_code(device)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'id="id_code-error"' in page and "The code is not right" in page
    assert signed_in_as(client) is None
    entry = AuditEntry.objects.filter(action="auth.otp_failed").get()
    assert entry.who == world.clerk


def test_a_code_that_is_not_six_digits_is_refused_beside_the_field(client, world):
    give_device(world.clerk)
    password_step(client, world.clerk.email)
    page = client.post(reverse("account-code"), {"code": "12ab"}).content.decode()
    assert "The code must be 6 digits" in page
    assert signed_in_as(client) is None


def test_after_a_wrong_code_django_otp_throttles_even_the_right_one(client, world):
    device = give_device(world.clerk)
    password_step(client, world.clerk.email)
    client.post(reverse("account-code"), {"code": wrong_code(device)})
    page = client.post(reverse("account-code"), {"code": code_for(device)}).content.decode()
    assert "Too many wrong codes" in page
    assert signed_in_as(client) is None
    assert AuditEntry.objects.filter(action="auth.otp_failed").count() == 2


def test_a_code_cannot_be_used_twice(client, world):
    device = give_device(world.clerk)
    password_step(client, world.clerk.email)
    used = code_for(device)
    client.post(reverse("account-code"), {"code": used})
    client.post(reverse("logout"))
    password_step(client, world.clerk.email)
    page = client.post(reverse("account-code"), {"code": used}).content.decode()
    assert "The code is not right" in page
    assert signed_in_as(client) is None


def test_the_password_step_expires_after_a_few_minutes(client, world):
    device = give_device(world.clerk)
    password_step(client, world.clerk.email)
    session = client.session
    session[services.PENDING_KEY]["at"] -= services.PENDING_SECONDS + 1
    session.save()
    response = client.post(reverse("account-code"), {"code": code_for(device)})
    assert response["Location"] == reverse("login")
    assert signed_in_as(client) is None
    page = client.get(reverse("login")).content.decode()
    assert "Signing in took too long" in page


def test_the_code_screen_without_a_password_first_sends_the_visitor_to_sign_in(client, world):
    assert client.get(reverse("account-code"))["Location"] == reverse("login")
    assert client.get(reverse("account-set-up"))["Location"] == reverse("login")


def test_an_account_deactivated_between_the_two_steps_cannot_finish(client, world):
    device = give_device(world.clerk)
    password_step(client, world.clerk.email)
    world.clerk.is_active = False
    world.clerk.save()
    client.post(reverse("account-code"), {"code": code_for(device)})
    assert signed_in_as(client) is None


def test_a_clerk_without_an_app_must_set_one_up_before_being_signed_in(client, world):
    response = password_step(client, world.clerk.email, "/manage/")
    assert response["Location"] == reverse("account-set-up")
    assert signed_in_as(client) is None

    page = client.get(reverse("account-set-up")).content.decode()
    device = TOTPDevice.objects.get(user=world.clerk, confirmed=False)
    secret = services.grouped_secret(device)
    assert re.fullmatch(r"([A-Z2-7]{4} )+[A-Z2-7]{1,4}", secret)
    assert secret in page  # for typing in by hand
    assert "<svg" in page and 'role="img"' in page and 'aria-label="QR code' in page
    # Asking again shows the same secret until it is confirmed.
    assert secret in client.get(reverse("account-set-up")).content.decode()

    bad = client.post(reverse("account-set-up"), {"code": wrong_code(device)})
    assert "The code is not right" in bad.content.decode()
    assert signed_in_as(client) is None
    device.throttling_failure_count = 0
    device.save()

    response = client.post(reverse("account-set-up"), {"code": code_for(device)})
    assert response["Location"] == "/manage/"
    assert signed_in_as(client) == str(world.clerk.pk)
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(action="auth.otp_on", who=world.clerk).exists()


def test_the_qr_code_holds_the_otpauth_address_of_the_secret(world):
    device = services.device_to_set_up(world.clerk)
    assert device.config_url.startswith("otpauth://totp/Minuted%3Aclerk%40example.org?")
    svg = services.qr_svg(device)
    assert svg.startswith("<svg") and "<path" in svg and "style=" not in svg


@pytest.mark.parametrize("role", ["administrator", "superuser", "clerk"])
def test_administrators_superusers_and_clerks_need_a_second_factor(world, role):
    user = {"administrator": world.administrator, "clerk": world.clerk}.get(role)
    if user is None:
        user = world.officer
        user.is_superuser = True
    assert services.two_factor_required(user)
    assert services.needs_second_step(user)


def test_a_superuser_officer_is_sent_to_set_up_too(client, world):
    world.officer.is_superuser = True
    world.officer.save()
    assert password_step(client, world.officer.email)["Location"] == reverse("account-set-up")


def test_a_member_without_an_app_signs_in_with_the_password_alone(client, world):
    password_step(client, world.member.email)
    assert signed_in_as(client) == str(world.member.pk)
    assert not services.two_factor_required(world.officer)


def test_a_member_who_turned_it_on_is_asked_for_a_code(client, world):
    device = give_device(world.member)
    assert password_step(client, world.member.email)["Location"] == reverse("account-code")
    assert signed_in_as(client) is None
    client.post(reverse("account-code"), {"code": code_for(device)})
    assert signed_in_as(client) == str(world.member.pk)


def test_a_member_turns_two_factor_on_and_off_on_their_screen(client, world):
    client.force_login(world.member)
    me = client.get(reverse("staff:me")).content.decode()
    assert reverse("account-two-factor") in me
    url = reverse("account-two-factor")
    page = client.get(url).content.decode()
    assert "Two-factor authentication is <strong>off</strong>" in page
    device = TOTPDevice.objects.get(user=world.member, confirmed=False)
    assert services.grouped_secret(device) in page

    client.post(url, {"action": "on", "code": code_for(device)})
    assert services.confirmed_device(world.member) == device
    page = client.get(url).content.decode()
    assert "Two-factor authentication is <strong>on</strong>" in page
    assert "Turn off two-factor authentication" in page

    client.post(url, {"action": "off", "code": code_for(device)})
    assert not TOTPDevice.objects.filter(user=world.member).exists()
    actions = list(AuditEntry.objects.filter(who=world.member).values_list("action", flat=True))
    assert "auth.otp_on" in actions and "auth.otp_off" in actions


def test_turning_it_off_needs_a_right_code(client, world):
    device = give_device(world.member)
    client.force_login(world.member)
    page = client.post(
        reverse("account-two-factor"), {"action": "off", "code": wrong_code(device)}
    ).content.decode()
    assert "The code is not right" in page
    assert services.confirmed_device(world.member) == device


def test_a_clerk_cannot_turn_two_factor_off(client, world):
    device = give_device(world.clerk)
    client.force_login(world.clerk)
    page = client.get(reverse("account-two-factor")).content.decode()
    assert "cannot be turned off" in page and "Turn off" not in page
    client.post(reverse("account-two-factor"), {"action": "off", "code": code_for(device)})
    assert services.confirmed_device(world.clerk) == device
    with pytest.raises(PermissionError):
        services.turn_off(world.clerk)


def test_the_admin_login_page_sends_administrators_to_the_real_sign_in(client, world):
    response = client.get("/admin/login/?next=/admin/accounts/user/")
    assert response["Location"] == "/sign-in/?next=%2Fadmin%2Faccounts%2Fuser%2F"
    # Posting a password there signs nobody in.
    client.post("/admin/login/", {"username": world.administrator.email, "password": PASSWORD})
    assert signed_in_as(client) is None
    # The admin itself sends anonymous visitors the same way.
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_an_administrator_reaches_the_admin_only_through_both_steps(client, world):
    response = password_step(client, world.administrator.email, "/admin/")
    assert response["Location"] == reverse("account-set-up")
    assert client.get("/admin/").status_code == 302
    client.get(reverse("account-set-up"))
    device = TOTPDevice.objects.get(user=world.administrator)
    client.post(reverse("account-set-up"), {"code": code_for(device)})
    assert client.get("/admin/").status_code == 200


def test_the_code_step_never_sends_a_clerk_to_another_site(client, world):
    device = give_device(world.clerk)
    password_step(client, world.clerk.email, "https://evil.example/")
    response = client.post(reverse("account-code"), {"code": code_for(device)})
    assert response["Location"] == "/"
