"""Fixtures for the staff screens: meetings at known distances from their publication
deadline, an agenda, a report written by the officer, and signed-in clients."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from minuted.governance.models import Board
from minuted.meetings.models import AgendaItem, AgendaItemKind, Meeting
from minuted.meetings.rules.clear_days import publication_deadline, working_days_left
from minuted.papers.models import Report
from minuted.staff.report_editor import ReportEditor


def make_meeting(board: Board, term: Any, day: dt.date, **fields: Any) -> Meeting:
    fields.setdefault("start_time", dt.time(11, 0))
    fields.setdefault("room", "Westminster Room, 8th Floor")
    return Meeting.objects.create(board=board, term=term, date=day, slug=day.isoformat(), **fields)


def day_when(test: Callable[[int], bool]) -> dt.date:
    """The first day from tomorrow whose meeting would have ``test(working days left)`` true
    (default rule: 5 clear working days)."""
    today = timezone.localdate()
    for ahead in range(1, 60):
        day = today + dt.timedelta(days=ahead)
        if test(working_days_left(today, publication_deadline(day))):
            return day
    raise AssertionError("no such day")


@pytest.fixture
def meeting(world: Any) -> Meeting:
    """A meeting well before its publication deadline (about six weeks away)."""
    return make_meeting(world.board, world.term, timezone.localdate() + dt.timedelta(days=42))


@pytest.fixture
def late_meeting(world: Any) -> Meeting:
    """A meeting two days from today: its publication deadline has passed."""
    return make_meeting(world.board, world.term, timezone.localdate() + dt.timedelta(days=2))


@pytest.fixture
def meeting_soon(world: Any) -> Meeting:
    """A meeting whose deadline is close: 2 working days left to publish."""
    return make_meeting(world.board, world.term, day_when(lambda left: left == 2))


def add(meeting: Meeting, title: str, **fields: Any) -> AgendaItem:
    last = meeting.items.count()
    return AgendaItem.objects.create(meeting=meeting, title=title, position=last + 1, **fields)


@pytest.fixture
def agenda(meeting: Meeting) -> list[AgendaItem]:
    """Welcome, the note of the last meeting, a report item and an exempt report item."""
    return [
        add(meeting, "Welcome, apologies and declarations of interest"),
        add(meeting, "Note of the last meeting", kind=AgendaItemKind.NOTE_OF_LAST_MEETING),
        add(meeting, "Sector-led improvement", kind=AgendaItemKind.REPORT),
        add(
            meeting,
            "Improvement support to a council",
            kind=AgendaItemKind.REPORT,
            exempt=True,
            exempt_paragraph=3,
            public_interest_reason="Commercially sensitive negotiations with a supplier.",
        ),
    ]


@pytest.fixture
def report(world: Any, agenda: list[AgendaItem]) -> Report:
    """A draft report on the third item, written by the officer."""
    return Report.objects.create(
        agenda_item=agenda[2], title="Sector-led improvement 2019/20", author=world.officer
    )


@pytest.fixture
def signed_in(client: Client) -> Callable[[Any], Client]:
    """``signed_in(world.clerk)``: the test client, signed in as that user."""

    def sign_in(user: Any) -> Client:
        client.force_login(user)
        return client

    return sign_in


def editor_data(report: Report, **changes: str) -> dict[str, str]:
    """The report editor's form as the browser would post it unchanged, with ``changes``
    (field names with their prefixes, e.g. ``report-summary``)."""
    editor = ReportEditor(report)
    data: dict[str, str] = {}

    def add_form(form: Any) -> None:
        for field in form:
            value = field.value()
            if field.widget_type == "checkbox":
                if value:
                    data[field.html_name] = "on"
            else:
                data[field.html_name] = "" if value is None else str(value)

    def add_formset(formset: Any) -> None:
        add_form(formset.management_form)
        for form in formset.forms:
            add_form(form)

    add_form(editor.form)
    if editor.reason_form is not None:
        add_form(editor.reason_form)
    for formset in (editor.contacts, editor.sections, *editor.paragraphs, editor.appendices):
        add_formset(formset)
    add_formset(editor.papers)
    data.update(changes)
    return data
