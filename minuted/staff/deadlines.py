"""Publication deadlines for many meetings at once.

``meetings.services.deadline_status`` reads the organisation's publication rule for every
meeting it is asked about; a list screen asks once per organisation instead, so that the number
of queries does not grow with the number of meetings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from minuted.meetings.models import Meeting, MeetingStatus
from minuted.meetings.rules.clear_days import (
    ClearDaysRule,
    publication_deadline,
    working_days_left,
)
from minuted.meetings.services import DeadlineStatus, clear_days_rule

# A cancelled meeting publishes nothing, and a held one is past its deadline by definition.
NO_DEADLINE = (MeetingStatus.CANCELLED, MeetingStatus.HELD)


def deadline_statuses(
    meetings: Iterable[Meeting],
    today: dt.date | None = None,
    rules: dict[int, ClearDaysRule] | None = None,
) -> dict[int, DeadlineStatus]:
    """Deadline status by meeting id (meetings need ``board__organisation`` selected).
    ``rules`` caches each organisation's rule across calls."""
    today = today or timezone.localdate()
    rules = {} if rules is None else rules
    statuses = {}
    for meeting in meetings:
        if meeting.status in NO_DEADLINE:
            continue
        organisation = meeting.board.organisation
        if organisation.pk not in rules:
            rules[organisation.pk] = clear_days_rule(organisation)
        rule = rules[organisation.pk]
        deadline = publication_deadline(meeting.date, rule)
        statuses[meeting.pk] = DeadlineStatus(
            deadline, today, working_days_left(today, deadline, rule)
        )
    return statuses
