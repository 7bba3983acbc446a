"""Planning a term's calendar: several dates, one start time and place."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from minuted.core.formats import long_date
from minuted.governance.models import Board, Term
from minuted.meetings.models import Meeting, MeetingStatus
from minuted.staff.forms.govuk import GovukFormMixin
from minuted.staff.forms.widgets import TimeInput, date_field


class PlanForm(GovukFormMixin, forms.Form):
    term = forms.ModelChoiceField(queryset=Term.objects.none(), empty_label=None)
    start_time = forms.TimeField(
        label="Start time",
        widget=TimeInput(),
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        initial=dt.time(11, 0),
        error_messages={
            "required": "Enter the time the meetings start.",
            "invalid": "Enter a time, for example 11:00.",
        },
    )
    room = forms.CharField(
        max_length=200,
        help_text="For example: Westminster Room, 8th Floor.",
        error_messages={"required": "Say where the meetings are."},
    )
    address = forms.CharField(max_length=300, required=False)

    def __init__(self, *args: Any, board: Board, **kwargs: Any) -> None:
        self.board = board
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        terms = Term.objects.filter(organisation=board.organisation, end_date__gte=today)
        term_field = self.fields["term"]
        assert isinstance(term_field, forms.ModelChoiceField)
        term_field.queryset = terms.order_by("start_date")
        current = terms.filter(start_date__lte=today).first()
        if current is not None:
            term_field.initial = current.pk
        self.date_names = [f"date_{n}" for n in range(1, max(1, board.meetings_per_year) + 1)]
        for n, name in enumerate(self.date_names, start=1):
            self.fields[name] = date_field(f"Meeting {n}")
            self.style_field(name)

    def date_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.date_names]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        term = data.get("term")
        chosen: dict[dt.date, str] = {}
        for name in self.date_names:
            day = data.get(name)
            if day is None:
                continue
            if term is not None and not term.contains(day):
                self.add_error(
                    name,
                    f"{long_date(day)} is outside {term.name} "
                    f"({long_date(term.start_date)} to {long_date(term.end_date)}).",
                )
            elif day in chosen:
                self.add_error(name, "You have entered this date twice.")
            chosen[day] = name
        existing = Meeting.objects.filter(board=self.board, date__in=list(chosen)).exclude(
            status=MeetingStatus.CANCELLED
        )
        for meeting in existing:
            self.add_error(
                chosen[meeting.date], f"The board already meets on {long_date(meeting.date)}."
            )
        if not chosen and not any(name in self.errors for name in self.date_names):
            self.add_error(self.date_names[0], "Enter at least one date.")
        data["dates"] = sorted(chosen)
        return data
