"""Signing in (password, then a TOTP code when the person has or needs one), the lock-out page,
password reset by e-mail and the two-factor screen. The rules live in accounts/services.py."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from minuted.accounts import services
from minuted.accounts.forms import CodeForm
from minuted.audit import services as audit
from minuted.staff.forms.govuk import error_summary

TOO_LATE = "Signing in took too long. Enter your e-mail address and password again."


class SignInView(auth_views.LoginView):
    """The password step. Someone who has or needs a second factor is not signed in here: the
    session only notes, for a few minutes, that the password was right."""

    template_name = "accounts/sign_in.html"

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not services.needs_second_step(user):
            return super().form_valid(form)
        services.start_pending(self.request.session, user, self.get_success_url())
        if services.confirmed_device(user) is None:
            return redirect("account-set-up")
        return redirect("account-code")


def _finish(request: HttpRequest, pending: services.Pending, device: TOTPDevice) -> HttpResponse:
    services.end_pending(request.session)
    auth_login(request, pending.user, backend=pending.backend)
    otp_login(request, device)
    return HttpResponseRedirect(pending.next_url)


def _too_late(request: HttpRequest) -> HttpResponse:
    messages.info(request, TOO_LATE)
    return redirect("login")


def code(request: HttpRequest) -> HttpResponse:
    """The second step: the code from the person's authenticator app."""
    pending = services.pending(request.session)
    if pending is None:
        return _too_late(request)
    device = services.confirmed_device(pending.user)
    if device is None:
        return redirect("account-set-up")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        problem = services.check_code(device, form.cleaned_data["code"], pending.user)
        if problem is None:
            return _finish(request, pending, device)
        form.add_error("code", problem)
    return render(request, "accounts/code.html", {"form": form, "errors": error_summary(form)})


def set_up(request: HttpRequest) -> HttpResponse:
    """The second step for someone whose role needs a second factor and who has none yet: the
    secret to put in an app, then a code from it; only then are they signed in."""
    pending = services.pending(request.session)
    if pending is None:
        return _too_late(request)
    if services.confirmed_device(pending.user) is not None:
        return redirect("account-code")
    device = services.device_to_set_up(pending.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        problem = services.check_code(device, form.cleaned_data["code"], pending.user)
        if problem is None:
            services.confirm_device(device, pending.user)
            return _finish(request, pending, device)
        form.add_error("code", problem)
    return render(request, "accounts/set_up.html", _set_up_context(device, form))


def _set_up_context(device: TOTPDevice, form: Form) -> dict[str, Any]:
    return {
        "form": form,
        "errors": error_summary(form),
        "secret": services.grouped_secret(device),
        "qr": services.qr_svg(device),
    }


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """/manage/me/two-factor/: turn two-factor authentication on, or off where the role allows."""
    user = request.user
    required = services.two_factor_required(user)
    device = services.confirmed_device(user)
    action = request.POST.get("action", "")
    form = CodeForm(request.POST or None)
    if device is None:
        to_set_up = services.device_to_set_up(user)
        if action == "on" and form.is_valid():
            problem = services.check_code(to_set_up, form.cleaned_data["code"], user)
            if problem is None:
                services.confirm_device(to_set_up, user)
                messages.success(request, "Two-factor authentication is on.")
                return redirect("account-two-factor")
            form.add_error("code", problem)
        context = {**_set_up_context(to_set_up, form), "on": False, "required": required}
        return render(request, "accounts/two_factor.html", context)
    if action == "off" and not required and form.is_valid():
        problem = services.check_code(device, form.cleaned_data["code"], user)
        if problem is None:
            services.turn_off(user)
            messages.success(request, "Two-factor authentication is off.")
            return redirect("account-two-factor")
        form.add_error("code", problem)
    context = {"form": form, "errors": error_summary(form), "on": True, "required": required}
    return render(request, "accounts/two_factor.html", context)


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the page a locked-out address+IP gets, status 429 (RFC 6585)."""
    username = services.lockout_username(request, credentials)
    until = services.locked_until(username, services.lockout_ip(request))
    context = {
        "until": timezone.localtime(until),
        "minutes": int(services.cool_off().total_seconds() // 60),
    }
    return render(request, "accounts/locked_out.html", context, status=429)


def admin_login(request: HttpRequest) -> HttpResponse:
    """/admin/login/ would sign in with a password alone: send it to the real door."""
    next_url = request.GET.get("next") or reverse("admin:index")
    return redirect(f"{reverse('login')}?{urlencode({'next': next_url})}")


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    """The new password, from the e-mailed link. It does not sign the person in (so the code
    step still applies) and it ends any lock-out on their address."""

    template_name = "accounts/reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")
    post_reset_login = False

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        services.clear_lockout(user)
        audit.record("auth.password_reset", user, user=user, summary="Password reset by e-mail")
        return response
