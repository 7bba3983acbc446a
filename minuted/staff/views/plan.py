"""Planning a term's calendar for a board in one go."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from minuted.core.formats import long_date
from minuted.meetings.services import plan_meetings
from minuted.staff.access import managed_board
from minuted.staff.forms.govuk import add_validation_error, error_summary
from minuted.staff.forms.plan import PlanForm


@login_required
def plan(request: HttpRequest, board: str) -> HttpResponse:
    the_board = managed_board(request.user, board)
    form = PlanForm(request.POST or None, board=the_board)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meetings = plan_meetings(
                the_board,
                data["term"],
                data["dates"],
                data["start_time"],
                room=data["room"],
                address=data["address"],
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            days = ", ".join(long_date(m.date) for m in meetings)
            messages.success(
                request,
                f"{len(meetings)} meeting{'s' if len(meetings) != 1 else ''} of the "
                f"{the_board.name} planned: {days}.",
            )
            return redirect("staff:workspace")
    return render(
        request,
        "staff/plan.html",
        {"board": the_board, "form": form, "errors": error_summary(form)},
    )
