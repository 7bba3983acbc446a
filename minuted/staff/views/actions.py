"""The action log of a board: every action from its minutes, with progress notes and closing.

Actions outlive the minutes that set them, so progress and closing are recorded here even
after the minutes are approved (domain-rules.md §6)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from minuted.accounts.models import User
from minuted.governance.models import Board
from minuted.meetings.models import Meeting
from minuted.papers.documents import agenda_items
from minuted.record.actions import LoggedAction, action_log
from minuted.record.models import ActionNote
from minuted.record.register import agenda_numbers
from minuted.record.rules.actions import ActionState
from minuted.staff.access import managed_board
from minuted.staff.forms.govuk import GovukFormMixin, error_summary

TAGS = {
    ActionState.OVERDUE: "govuk-tag--red",
    ActionState.DUE: "govuk-tag--yellow",
    ActionState.OPEN: "govuk-tag--blue",
    ActionState.DONE: "govuk-tag--green",
}


class NoteForm(GovukFormMixin, forms.Form):
    text = forms.CharField(
        label="Progress note",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Enter a progress note."},
    )


class CloseForm(GovukFormMixin, forms.Form):
    reference = forms.CharField(
        label="Reported at, or reference",
        help_text="For example, the meeting and item where it was reported done.",
        max_length=300,
        error_messages={"required": "Enter where the action was reported done."},
    )


@dataclass
class ActionRow:
    logged: LoggedAction
    item_number: str
    tag: str
    note_form: NoteForm | None = None
    close_form: CloseForm | None = None

    @property
    def has_errors(self) -> bool:
        return any(f is not None and f.errors for f in (self.note_form, self.close_form))


def note_prefix(logged: LoggedAction) -> str:
    return f"note-{logged.action.uid}"


def close_prefix(logged: LoggedAction) -> str:
    return f"close-{logged.action.uid}"


def action_rows(board: Board, bound: dict[str, forms.Form] | None = None) -> list[ActionRow]:
    """The board's action log as rows, with a fresh form (or the bound one given, by prefix)
    to note progress on and to close each action not yet done."""
    bound = bound or {}
    numbers: dict[int, dict[int, str]] = {}  # meeting -> agenda item -> its number

    def number_of(meeting: Meeting, agenda_item_id: int) -> str:
        if meeting.pk not in numbers:
            items = agenda_items(meeting)
            numbers[meeting.pk] = dict(
                zip([i.pk for i in items], agenda_numbers(items), strict=True)
            )
        return numbers[meeting.pk].get(agenda_item_id, "")

    log = action_log(board, timezone.localdate())
    prefetch_related_objects([logged.action for logged in log], "notes")
    rows = []
    for logged in log:
        item = logged.action.item
        row = ActionRow(
            logged=logged,
            item_number=number_of(item.minutes.meeting, item.agenda_item_id),
            tag=TAGS[logged.state],
        )
        if logged.state != ActionState.DONE:
            note = bound.get(note_prefix(logged))
            close = bound.get(close_prefix(logged))
            row.note_form = (
                note if isinstance(note, NoteForm) else NoteForm(prefix=note_prefix(logged))
            )
            row.close_form = (
                close if isinstance(close, CloseForm) else CloseForm(prefix=close_prefix(logged))
            )
        rows.append(row)
    return rows


def actions_url(board: Board, anchor: str = "") -> str:
    url = reverse("staff:actions", kwargs={"board": board.slug})
    return f"{url}#{anchor}" if anchor else url


def _post(request: HttpRequest, board: Board) -> HttpResponse | dict[str, forms.Form]:
    """Record a note or close an action; the redirect, or the bound form with its errors."""
    uid = request.POST.get("action", "")
    logged = next(
        (a for a in action_log(board, timezone.localdate()) if str(a.action.uid) == uid), None
    )
    if logged is None:
        raise Http404("No such action on this board.")
    action = logged.action
    anchor = f"action-{action.uid}"
    if logged.state == ActionState.DONE:
        messages.success(request, "That action is already done.")
        return redirect(actions_url(board, anchor))
    form: forms.Form
    if request.POST.get("do") == "close":
        form = CloseForm(request.POST, prefix=close_prefix(logged))
        if form.is_valid():
            action.done_on = timezone.localdate()
            action.closed_reference = form.cleaned_data["reference"]
            action.save(update_fields=["done_on", "closed_reference", "modified"])
            messages.success(request, f"The action “{action}” is done.")
            return redirect(actions_url(board, anchor))
    else:
        form = NoteForm(request.POST, prefix=note_prefix(logged))
        if form.is_valid():
            ActionNote.objects.create(
                action=action,
                text=form.cleaned_data["text"],
                written_by=cast(User, request.user),  # signed in: login_required
            )
            messages.success(request, f"A progress note is added to “{action}”.")
            return redirect(actions_url(board, anchor))
    return {form.prefix or "": form}


@login_required
def actions(request: HttpRequest, board: str) -> HttpResponse:
    the_board = managed_board(request.user, board)
    bound: dict[str, forms.Form] = {}
    if request.method == "POST":
        outcome = _post(request, the_board)
        if isinstance(outcome, HttpResponse):
            return outcome
        bound = outcome
    rows = action_rows(the_board, bound)
    context: dict[str, Any] = {
        "board": the_board,
        "rows": rows,
        "errors": error_summary(*bound.values()),
    }
    return render(request, "staff/actions.html", context)
