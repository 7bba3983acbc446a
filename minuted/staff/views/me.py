"""My meetings: a member's upcoming meetings on the boards they sit on, the actions the minutes
gave them, and the way to their register of interests and (for clerks) their API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from minuted.accounts.policy import is_member_of
from minuted.api.tokens import boards_for_new_token
from minuted.meetings.models import Meeting
from minuted.record.outstanding import actions_owned_by
from minuted.staff.views.actions import TAGS
from minuted.staff.views.workspace import ActionDue


def _has_or_may_have_tokens(user: Any) -> bool:
    return bool(user.api_tokens.exists() or boards_for_new_token(user))


@login_required
def my_meetings(request: HttpRequest) -> HttpResponse:
    user = request.user
    person = getattr(user, "person", None)
    boards = []
    actions: list[ActionDue] = []
    if person is not None:
        actions = [
            ActionDue(t, TAGS[t.logged.state])
            for t in actions_owned_by(person, timezone.localdate())
        ]
        candidates = {m.board for m in person.memberships.select_related("board")}
        boards = sorted((b for b in candidates if is_member_of(user, b)), key=lambda b: b.name)
    meetings = (
        Meeting.objects.filter(board__in=boards, date__gte=timezone.localdate())
        .select_related("board")
        .order_by("date", "start_time")
    )
    return render(
        request,
        "staff/me.html",
        {
            "person": person,
            "boards": boards,
            "meetings": meetings,
            "actions": actions,
            "show_api_tokens": _has_or_may_have_tokens(user),
        },
    )
