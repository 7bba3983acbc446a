"""My API tokens, at /manage/me/api-tokens/: a user lists, creates and revokes their own.

A new token is shown once, in the answer to the form that created it (``Cache-Control:
no-store``): it is kept nowhere but as a digest, so no later page can show it again. Who may
have a token for which board is the policy's CREATE_API_TOKEN; someone else's token is not
found (404). The rules and the audit trail are in ``minuted.api.tokens``."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from minuted.accounts.policy import Action
from minuted.api.models import ApiToken
from minuted.api.tokens import boards_for_new_token, issue_token, revoke_token
from minuted.staff.access import require
from minuted.staff.forms.api_tokens import NewTokenForm
from minuted.staff.forms.govuk import add_validation_error, error_summary


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    tokens = ApiToken.objects.filter(owner=user).select_related("board")
    return render(
        request,
        "staff/api_tokens/list.html",
        {
            "tokens": tokens.order_by("-created"),
            "may_create": bool(boards_for_new_token(user)),
        },
    )


@never_cache  # the answer to a successful POST holds the token itself
@login_required
@require_http_methods(["GET", "POST"])
def token_new(request: HttpRequest) -> HttpResponse:
    boards = boards_for_new_token(request.user)
    if not boards:
        raise PermissionDenied("Only the clerks of a board and administrators may create tokens.")
    form = NewTokenForm(request.POST or None, boards=boards)
    if request.method == "POST" and form.is_valid():
        board = form.cleaned_data["board"]
        require(request.user, Action.CREATE_API_TOKEN, board)  # a board that was not offered
        try:
            record, token = issue_token(request.user, form.cleaned_data["name"], board)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            return render(
                request, "staff/api_tokens/created.html", {"record": record, "token": token}
            )
    return render(
        request, "staff/api_tokens/new.html", {"form": form, "errors": error_summary(form)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request: HttpRequest, token: UUID) -> HttpResponse:
    user: Any = request.user
    record = get_object_or_404(ApiToken.objects.select_related("board"), uid=token, owner=user)
    if request.method == "POST":
        if revoke_token(record):
            messages.success(request, f"The token “{record.name}” is revoked.")
        return redirect("staff:api-tokens")
    return render(request, "staff/api_tokens/revoke.html", {"record": record})
