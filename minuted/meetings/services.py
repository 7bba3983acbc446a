"""Meeting services shared by the clerk's screens, the admin, the CLI and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from minuted.governance.models import Board, Organisation, Term
from minuted.meetings.models import AgendaItem, Meeting, MeetingStatus, PublicationRule
from minuted.meetings.rules.clear_days import (
    ClearDaysRule,
    Deadline,
    HolidayCalendar,
    publication_deadline,
    working_days_left,
)


def clear_days_rule(organisation: Organisation) -> ClearDaysRule:
    """The organisation's rule for counting clear days, or the default (5 working days)."""
    setting = PublicationRule.objects.filter(organisation=organisation).first()
    if setting is None:
        return ClearDaysRule()
    kwargs: dict[str, Any] = {
        "clear_days": setting.clear_days,
        "calendar": HolidayCalendar(setting.calendar),
        "extra_closures": frozenset(dt.date.fromisoformat(d) for d in setting.extra_closures),
        "publish_on_working_days_only": setting.publish_on_working_days_only,
    }
    if setting.counted_weekdays:
        kwargs["counted_weekdays"] = frozenset(setting.counted_weekdays)
    return ClearDaysRule(**kwargs)


@dataclass(frozen=True)
class DeadlineStatus:
    deadline: Deadline
    today: dt.date
    # Working days from today to the deadline, both counted (1 on the deadline day itself);
    # negative once it has passed (see clear_days.working_days_left).
    working_days_left: int

    @property
    def passed(self) -> bool:
        return self.today > self.deadline.publish_by

    @property
    def warning(self) -> bool:
        """Close enough to chase the missing reports: 3 working days or fewer."""
        return not self.passed and self.working_days_left <= 3

    @property
    def message(self) -> str:
        left = self.working_days_left
        if self.passed:
            return "The publication deadline has passed."
        if self.today == self.deadline.publish_by:
            return "Publish today: this is the last day."
        return f"{left} working day{'s' if left != 1 else ''} left to publish, today included."


def deadline_status(meeting: Meeting, today: dt.date | None = None) -> DeadlineStatus:
    rule = clear_days_rule(meeting.board.organisation)
    deadline = publication_deadline(meeting.date, rule)
    today = today or timezone.localdate()
    return DeadlineStatus(deadline, today, working_days_left(today, deadline, rule))


def meeting_slug(board: Board, day: dt.date, exclude: Meeting | None = None) -> str:
    """ "2019-10-29", or "2019-10-29-2" for a second meeting that day."""
    base = day.isoformat()
    others = Meeting.objects.filter(board=board, date=day)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    taken = set(others.values_list("slug", flat=True))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


@transaction.atomic
def plan_meetings(
    board: Board, term: Term, dates: list[dt.date], start_time: dt.time, **details: Any
) -> list[Meeting]:
    """Create a term's calendar in one go (the example board meets 5 times a year); every
    meeting is validated before any is saved."""
    meetings = []
    for day in sorted(dates):
        meeting = Meeting(board=board, term=term, date=day, start_time=start_time, **details)
        meeting.slug = meeting_slug(board, day)
        meeting.full_clean()
        meeting.save()
        meetings.append(meeting)
    return meetings


@transaction.atomic
def add_item(meeting: Meeting, today: dt.date | None = None, **fields: Any) -> AgendaItem:
    """Add an item at the end of the agenda (or of its parent's sub-items). After the
    publication deadline the item is marked late and needs the chair's urgency reason."""
    status = deadline_status(meeting, today)
    last = meeting.items.aggregate(Max("position"))["position__max"]
    item = AgendaItem(meeting=meeting, position=(last or 0) + 1, **fields)
    item.added_late = status.passed
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def move_item(item: AgendaItem, offset: int) -> None:
    """Move an item up (−1) or down (+1) among its siblings; positions are renumbered."""
    siblings = list(
        AgendaItem.objects.select_for_update()
        .filter(meeting=item.meeting, parent=item.parent)
        .order_by("position", "id")
    )
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    target = index + offset
    if not 0 <= target < len(siblings):
        return
    siblings.insert(target, siblings.pop(index))
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position", "modified"])


def save_item(item: AgendaItem) -> AgendaItem:
    """Validate and save an edited item (exemption needs paragraph and reason, and so on)."""
    item.full_clean()
    item.save()
    return item


def record_held(meeting: Meeting, today: dt.date | None = None) -> bool:
    """A register with someone present, taken on or after the meeting day, shows that the
    meeting took place: it becomes "held", and counts in attendance statistics (rules §7).
    Returns whether the status changed. A cancelled meeting stays cancelled."""
    today = today or timezone.localdate()
    if meeting.date > today or meeting.status in (MeetingStatus.HELD, MeetingStatus.CANCELLED):
        return False
    meeting.status = MeetingStatus.HELD
    meeting.save(update_fields=["status", "modified"])
    return True
