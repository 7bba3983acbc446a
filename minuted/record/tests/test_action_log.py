"""The action log and the daily reminder e-mails."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from minuted.meetings.services import add_item
from minuted.record.actions import action_log, send_reminders
from minuted.record.models import Action
from minuted.record.rules.actions import ActionState
from minuted.record.services import minutes_for
from minuted.testing import make_meeting, make_person


@pytest.fixture
def entry(world):
    meeting = make_meeting(world.board, world.term)
    add_item(meeting, title="Communications plan")
    return minutes_for(meeting).items.all()[0]


@pytest.fixture
def owner(world):
    person = make_person(world.organisation, "Olu", "Owner")
    person.email = "olu@example.org"
    person.save()
    return person


def test_the_log_puts_overdue_first_and_done_last(world, entry, owner):
    today = dt.date(2030, 3, 10)
    Action.objects.create(item=entry, text="Done", owner_person=owner, due_on=today, done_on=today)
    Action.objects.create(
        item=entry, text="Later", owner_person=owner, due_on=today + dt.timedelta(days=30)
    )
    Action.objects.create(
        item=entry, text="Late", owner_person=owner, due_on=today - dt.timedelta(days=1)
    )
    log = action_log(world.board, today)
    assert [(a.action.text, a.state) for a in log] == [
        ("Late", ActionState.OVERDUE),
        ("Later", ActionState.OPEN),
        ("Done", ActionState.DONE),
    ]


def test_by_the_next_meeting_means_the_date_of_the_boards_next_meeting(world, entry, owner):
    following = make_meeting(
        world.board, world.term, entry.minutes.meeting.date + dt.timedelta(days=50)
    )
    Action.objects.create(
        item=entry, text="Report back", owner_person=owner, due_by_next_meeting=True
    )
    (logged,) = action_log(world.board, entry.minutes.meeting.date)
    assert logged.due == following.date


def test_owners_are_reminded_a_week_and_a_day_before(world, entry, owner):
    due = dt.date(2030, 3, 10)
    Action.objects.create(item=entry, text="Draw up a plan", owner_person=owner, due_on=due)
    assert send_reminders(due - dt.timedelta(days=7)) == 1
    assert send_reminders(due - dt.timedelta(days=3)) == 0
    assert send_reminders(due - dt.timedelta(days=1)) == 1
    assert [m.to for m in mail.outbox] == [["olu@example.org"], ["olu@example.org"]]
    assert "Draw up a plan" in mail.outbox[0].body


def test_the_daily_command_reports_what_it_sent(world, entry, owner):
    out = io.StringIO()
    call_command("send_action_reminders", stdout=out)
    assert out.getvalue().strip() == "0 reminders sent."
