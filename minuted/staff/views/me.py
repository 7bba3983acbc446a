"""My meetings: a member's upcoming meetings on the boards they sit on."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from minuted.accounts.policy import is_member_of
from minuted.meetings.models import Meeting


@login_required
def my_meetings(request: HttpRequest) -> HttpResponse:
    user = request.user
    person = getattr(user, "person", None)
    boards = []
    if person is not None:
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
        {"person": person, "boards": boards, "meetings": meetings},
    )
