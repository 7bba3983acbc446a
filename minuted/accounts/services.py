"""Sign-in rules: who needs a second factor, the short-lived state between the password and the
code, TOTP devices (RFC 6238 through django-otp) and lock-outs (django-axes)."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from typing import Any

import qrcode
import qrcode.image.svg
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from minuted.accounts.models import Role
from minuted.audit import services as audit
from minuted.audit.context import current_request

PENDING_KEY = "minuted_pending_sign_in"
# The password step is good for this long; after it the person starts again. Five minutes is
# time to open an authenticator app, not time to leave a half-signed-in session lying about.
PENDING_SECONDS = 300
DEVICE_NAME = "Authenticator app"

REQUIRED_ROLES = {Role.ADMINISTRATOR, Role.CLERK}


def two_factor_required(user: Any) -> bool:
    """Administrators (superusers included) and clerks must use a second factor; they can
    publish, change accounts and read every exempt paper."""
    return bool(user.is_superuser or user.role in REQUIRED_ROLES)


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def needs_second_step(user: Any) -> bool:
    return two_factor_required(user) or confirmed_device(user) is not None


# The pending state between the password and the code ---------------------------------------


@dataclass(frozen=True)
class Pending:
    user: Any
    backend: str
    next_url: str


def start_pending(session: SessionBase, user: Any, next_url: str) -> None:
    """Remember, for PENDING_SECONDS, that ``user`` gave the right password. Nobody is signed
    in yet: the session holds no auth user, only this note."""
    session.cycle_key()  # a new session key once the password is known (no fixation)
    session[PENDING_KEY] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "at": timezone.now().timestamp(),
    }


def pending(session: SessionBase, now: dt.datetime | None = None) -> Pending | None:
    """The person half-way through signing in, or None (nobody, or too late)."""
    note = session.get(PENDING_KEY)
    if not isinstance(note, dict):
        return None
    now = now or timezone.now()
    if now.timestamp() - float(note.get("at", 0)) > PENDING_SECONDS:
        session.pop(PENDING_KEY, None)
        return None
    user = get_user_model().objects.filter(pk=note["user"], is_active=True).first()
    if user is None:
        session.pop(PENDING_KEY, None)
        return None
    return Pending(user=user, backend=str(note["backend"]), next_url=str(note.get("next", "/")))


def end_pending(session: SessionBase) -> None:
    session.pop(PENDING_KEY, None)


# TOTP devices ---------------------------------------------------------------------------------


def device_to_set_up(user: Any) -> TOTPDevice:
    """The user's unconfirmed device (a new secret the first time): the secret shown on the
    set-up screen stays the same until a code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def grouped_secret(device: TOTPDevice) -> str:
    """The secret in base32 (RFC 4648), the form authenticator apps take, in groups of four
    so it can be typed without losing one's place."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(device: TOTPDevice) -> str:
    """An SVG QR code of the otpauth:// URI (Google Authenticator's Key URI Format), drawn as
    one path: no Pillow, no inline style."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    svg: str = image.to_string(encoding="unicode")
    return svg


def check_code(device: TOTPDevice, code: str, user: Any) -> str | None:
    """None when ``code`` is right; otherwise the message to show beside the field. django-otp
    throttles a device after a wrong code (1 s, 2 s, 4 s ... before the next try); every
    refusal is audited."""
    allowed, detail = device.verify_is_allowed()
    if allowed and device.verify_token(code):
        return None
    if not allowed and detail and detail.get("locked_until"):
        wait = max(1, int((detail["locked_until"] - timezone.now()).total_seconds()) + 1)
        message = f"Too many wrong codes. Wait {wait} seconds, then enter the code your app shows"
    else:
        message = "The code is not right. Enter the 6-digit code your app shows now"
    audit.record(
        "auth.otp_failed",
        user,
        user=user,
        summary="Wrong two-factor code" if allowed else "Two-factor code refused: throttled",
    )
    return message


def confirm_device(device: TOTPDevice, user: Any) -> None:
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record("auth.otp_on", user, user=user, summary="Two-factor authentication turned on")


def turn_off(user: Any) -> None:
    if two_factor_required(user):
        raise PermissionError("This role must keep two-factor authentication.")
    TOTPDevice.objects.filter(user=user).delete()
    audit.record("auth.otp_off", user, user=user, summary="Two-factor authentication turned off")


# Lock-outs -----------------------------------------------------------------------------------


def lockout_username(request: Any, credentials: dict[str, Any] | None) -> str:
    """The address a lock-out counts against, in lower case so that ``Clerk@`` and ``clerk@``
    share one count (AXES_USERNAME_CALLABLE)."""
    raw = ""
    if credentials:
        raw = str(credentials.get("username") or "")
    if not raw and request is not None and hasattr(request, "POST"):
        raw = str(request.POST.get("username", ""))
    return raw.strip().lower()


def lockout_ip(request: Any) -> str:
    """REMOTE_ADDR only, as the audit trail records it (AXES_CLIENT_IP_CALLABLE): a forwarded
    header is the client's to invent, and a lock-out it could dodge is no lock-out."""
    return str(request.META.get("REMOTE_ADDR") or "")


def cool_off() -> dt.timedelta:
    value: dt.timedelta = settings.AXES_COOLOFF_TIME
    return value


def locked_until(username: str, ip_address: str) -> dt.datetime:
    """When the lock-out on this address and IP ends: the cool-off after the last attempt."""
    attempt = (
        AccessAttempt.objects.filter(username=username, ip_address=ip_address)
        .order_by("-attempt_time")
        .first()
    )
    last = attempt.attempt_time if attempt is not None else timezone.now()
    return last + cool_off()


def clear_lockout(user: Any) -> int:
    """Forget the failed attempts against this user's address (a password reset proves the
    person holds the mailbox)."""
    return int(axes_reset(username=user.email.lower()))


def record_lockout(sender: Any, request: Any, username: str, ip_address: str, **kw: Any) -> None:
    """Receiver of axes' user_locked_out: every lock-out goes into the audit trail."""
    minutes = int(cool_off().total_seconds() // 60)
    token = current_request.set(request) if request is not None else None
    try:
        audit.record(
            "auth.lockout",
            who_label=username[:255],
            object_type="accounts.user",
            object_label=username[:255],
            summary=f"Signing in locked for {minutes} minutes after "
            f"{settings.AXES_FAILURE_LIMIT} failed attempts from {ip_address}",
        )
    finally:
        if token is not None:
            current_request.reset(token)
