"""Loads the demonstration record of meetings (the `record` section of a meetings file, see
meeting-2019-07-11.yaml): attendance registers, officers and others in attendance,
declarations of interest and minutes; then publishes and approves the minutes with the same
services as the clerk's screens. Call inside a transaction, after the meetings are loaded."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from minuted.accounts.models import User
from minuted.demo.meetings import DemoMeetingError, _date, _saved
from minuted.governance.models import Membership, Officer
from minuted.meetings.models import AgendaItem, Meeting
from minuted.papers.documents import agenda_items
from minuted.record.models import (
    Action,
    Attendance,
    Decision,
    Declaration,
    Minutes,
    OtherAttendee,
)
from minuted.record.publishing import publish_minutes
from minuted.record.register import agenda_numbers, register_problems
from minuted.record.services import approve_minutes, minutes_for

MEETING_2019_07_11 = Path(__file__).resolve().parent / "meeting-2019-07-11.yaml"


def load_record(path: Path, clerk: User | None) -> list[Minutes]:
    """Load the record of each meeting in the file. Minutes are published as ``clerk`` (not
    at all without one) before they are approved, as they would have been."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    loaded = []
    for entry in data.get("record") or []:
        meeting = _meeting(entry["board"], entry["meeting"])
        items = _items(meeting)
        _load_attendance(meeting, items, entry)
        problems = register_problems(meeting)
        if problems:
            raise DemoMeetingError(f"{path.name}, register of {meeting}: {'; '.join(problems)}")
        for d in entry.get("declarations") or []:
            _saved(
                Declaration(
                    item=_item(items, d["item"], meeting),
                    membership=_membership(meeting, d["person"]),
                    kind=d["kind"],
                    description=d["description"].strip(),
                    left_the_room=bool(d.get("left_the_room")),
                )
            )
        if entry.get("minutes") or entry.get("attendance_as_recorded"):
            minutes = minutes_for(meeting)
            minutes.attendance_as_recorded = bool(entry.get("attendance_as_recorded"))
            minutes.save(update_fields=["attendance_as_recorded", "modified"])
            _load_minutes(minutes, items, entry.get("minutes") or {}, clerk)
            loaded.append(minutes)
    return loaded


def _meeting(board: str, day: Any) -> Meeting:
    meeting = Meeting.objects.filter(board__slug=board, date=_date(day) or dt.date.min).first()
    if meeting is None:
        raise DemoMeetingError(f"no meeting of {board} on {day}")
    return meeting


def _items(meeting: Meeting) -> dict[str, AgendaItem]:
    """The agenda by printed number ("6", "5.1")."""
    ordered = agenda_items(meeting)
    return dict(zip(agenda_numbers(ordered), ordered, strict=True))


def _item(items: dict[str, AgendaItem], number: Any, meeting: Meeting) -> AgendaItem:
    if str(number) not in items:
        raise DemoMeetingError(f"{meeting}: no agenda item {number}")
    return items[str(number)]


def _membership(meeting: Meeting, person: str) -> Membership:
    """The person's seat on the board at the meeting."""
    for membership in Membership.objects.filter(
        board=meeting.board, term=meeting.term, person__slug=person
    ).select_related("term", "person", "political_group"):
        if membership.is_active_on(meeting.date):
            return membership
    raise DemoMeetingError(f"{meeting}: {person!r} holds no seat in {meeting.term.name}")


def _load_attendance(meeting: Meeting, items: dict[str, AgendaItem], entry: dict[str, Any]) -> None:
    for row in entry.get("attendance") or []:
        replaced = row.get("substitute_for")
        arrived, left = row.get("arrived_at"), row.get("left_after")
        _saved(
            Attendance(
                meeting=meeting,
                membership=_membership(meeting, row["person"]),
                status=row["status"],
                substitute_for=_membership(meeting, replaced) if replaced else None,
                substitute_sent=bool(row.get("substitute_sent")),
                arrived_at=_item(items, arrived, meeting) if arrived else None,
                left_after=_item(items, left, meeting) if left else None,
            )
        )
    officers = {o.slug: o for o in Officer.objects.filter(organisation=meeting.board.organisation)}
    for row in entry.get("others") or []:
        officer = officers.get(row.get("officer") or "")
        if row.get("officer") and officer is None:
            raise DemoMeetingError(f"{meeting}: unknown officer {row['officer']!r}")
        _saved(
            OtherAttendee(
                meeting=meeting,
                kind=row.get("kind", OtherAttendee.Kind.OFFICER),
                officer=officer,
                name=row.get("name") or (officer.name if officer else ""),
                role=row.get("role") or (officer.position if officer else ""),
            )
        )


def _load_minutes(
    minutes: Minutes, items: dict[str, AgendaItem], data: dict[str, Any], clerk: User | None
) -> None:
    meeting = minutes.meeting
    entries = {e.agenda_item_id: e for e in minutes.items.all()}
    for row in data.get("items") or []:
        item = _item(items, row["item"], meeting)
        entry = entries[item.pk]
        entry.introduced_by = (row.get("introduced_by") or "").strip()
        entry.discussion = (row.get("discussion") or "").strip()
        entry.decisions_confidential = bool(row.get("decisions_confidential", item.exempt))
        _saved(entry)
        for n, text in enumerate(row.get("decisions") or [], start=1):
            _saved(Decision(item=entry, position=n, text=" ".join(str(text).split())))
        for n, a in enumerate(row.get("actions") or [], start=1):
            _saved(
                Action(
                    item=entry,
                    position=n,
                    text=" ".join(a["text"].split()),
                    owner_role=a.get("owner_role") or "",
                    due_on=_date(a.get("due_on")),
                    due_by_next_meeting=bool(a.get("due_by_next_meeting")),
                    done_on=_date(a.get("done_on")),
                    closed_reference=a.get("closed_reference") or "",
                )
            )
    if clerk is not None and data.get("published_at"):
        when = dt.datetime.fromisoformat(str(data["published_at"]))
        publish_minutes(minutes, clerk, published_at=when)
    approval = data.get("approved_at")
    if approval:
        later = _meeting(meeting.board.slug, approval["meeting"])
        approve_minutes(minutes, _item(_items(later), approval["item"], later))
