"""The workspace at /manage/: what needs doing, for the boards the user clerks and the reports
the user writes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from minuted.accounts.models import Role
from minuted.accounts.policy import Action, is_administrator, may
from minuted.governance.models import Board, Membership, Person
from minuted.meetings.models import AgendaItem, AgendaItemKind, Meeting
from minuted.meetings.rules.clear_days import ClearDaysRule
from minuted.meetings.services import DeadlineStatus
from minuted.papers.models import PackKind, PackVersion, Report, ReportStatus
from minuted.programme import access
from minuted.record.outstanding import (
    DUE_WITHIN_DAYS,
    AwaitingApproval,
    TrackedAction,
    actions_due,
    minutes_awaiting_approval,
)
from minuted.staff.deadlines import deadline_statuses
from minuted.staff.views.actions import TAGS


@dataclass
class MeetingRow:
    meeting: Meeting
    deadline: DeadlineStatus | None
    published: int | None  # the latest published version of the main pack
    missing: list[AgendaItem] = field(default_factory=list)  # report items with no report
    drafts: list[Report] = field(default_factory=list)


@dataclass
class ActionDue:
    tracked: TrackedAction
    tag: str


@dataclass
class BoardPanel:
    board: Board
    meetings: list[MeetingRow]
    actions: list[ActionDue] = field(default_factory=list)  # overdue or due within 14 days
    awaiting: list[AwaitingApproval] = field(default_factory=list)  # minutes to approve
    members: list[Person] = field(default_factory=list)  # today's members, for their registers


def boards_managed_by(user: Any) -> list[Board]:
    """The boards whose governance the user manages: every board for an administrator, the
    boards they clerk for a clerk (each confirmed by the policy)."""
    candidates = Board.objects.all() if is_administrator(user) else user.clerked_boards.all()
    boards = candidates.select_related("organisation").order_by("organisation__name", "name")
    return [b for b in boards if may(user, Action.MANAGE_BOARD, b)]


def board_panels(boards: list[Board], rules: dict[int, ClearDaysRule]) -> list[BoardPanel]:
    today = timezone.localdate()
    items = AgendaItem.objects.prefetch_related(
        Prefetch("reports", queryset=Report.objects.order_by("position", "id"))
    ).order_by("position", "id")
    packs = PackVersion.objects.filter(kind=PackKind.MAIN).only("meeting_id", "number")
    meetings = list(
        Meeting.objects.filter(board__in=boards, date__gte=today)
        .select_related("board__organisation")
        .prefetch_related(Prefetch("items", queryset=items), Prefetch("packs", queryset=packs))
        .order_by("date", "start_time")
    )
    statuses = deadline_statuses(meetings, today, rules)
    rows: dict[int, list[MeetingRow]] = {b.pk: [] for b in boards}
    for meeting in meetings:
        row = MeetingRow(
            meeting=meeting,
            deadline=statuses.get(meeting.pk),
            published=max((p.number for p in meeting.packs.all()), default=None),
        )
        for item in meeting.items.all():
            reports = list(item.reports.all())
            if item.kind == AgendaItemKind.REPORT and not reports:
                row.missing.append(item)
            row.drafts += [r for r in reports if r.status == ReportStatus.DRAFT]
        rows[meeting.board_id].append(row)
    if not boards:
        return []
    due = actions_due(boards, today)
    awaiting = minutes_awaiting_approval(boards, today)
    members = current_members(boards, today)
    return [
        BoardPanel(
            board=b,
            meetings=rows[b.pk],
            actions=[ActionDue(t, TAGS[t.logged.state]) for t in due[b.pk]],
            awaiting=awaiting[b.pk],
            members=members[b.pk],
        )
        for b in boards
    ]


def current_members(boards: list[Board], today: dt.date) -> dict[int, list[Person]]:
    """Each board's members today (any role), alphabetically, in one query."""
    out: dict[int, dict[int, Person]] = {b.pk: {} for b in boards}
    for m in Membership.objects.filter(board__in=boards).select_related("person", "term"):
        if m.is_active_on(today):
            out[m.board_id][m.person.pk] = m.person
    return {
        board: sorted(people.values(), key=lambda p: (p.family_name, p.given_name))
        for board, people in out.items()
    }


@dataclass
class ReportRow:
    report: Report
    deadline: DeadlineStatus | None


def my_reports(user: Any, rules: dict[int, ClearDaysRule]) -> list[ReportRow]:
    """Reports the user writes, for meetings from today on."""
    reports = list(
        Report.objects.filter(author=user, agenda_item__meeting__date__gte=timezone.localdate())
        .select_related("agenda_item__meeting__board__organisation")
        .order_by("agenda_item__meeting__date", "agenda_item__position", "position")
    )
    statuses = deadline_statuses([r.agenda_item.meeting for r in reports], rules=rules)
    return [ReportRow(r, statuses.get(r.agenda_item.meeting.pk)) for r in reports]


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    user = request.user
    person = getattr(user, "person", None)
    rules: dict[int, ClearDaysRule] = {}  # each organisation's rule, read once
    context = {
        "panels": board_panels(boards_managed_by(user), rules),
        "reports": my_reports(user, rules),
        "is_officer": getattr(user, "role", None) == Role.OFFICER,
        "has_meetings": person is not None,
        "due_within": DUE_WITHIN_DAYS,
        "programmes": access.programmes_for(user),
    }
    return render(request, "staff/workspace.html", context)
