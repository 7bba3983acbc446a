"""CSV downloads: a board's membership and attendance in a term, decisions, and actions.

UTF-8 with a header row. A cell that a spreadsheet would read as a formula (it starts with
=, +, -, @, a tab or a carriage return) is prefixed with an apostrophe, so opening a download
never runs anything (OWASP's "CSV injection"). Decisions and actions are read from the public
minutes only (record/public.py); an action's state comes from the action log, matched to the
public minutes' action, and only its dates and state are taken from the log."""

from __future__ import annotations

import bisect
import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from minuted.core.spreadsheet import safe_cell
from minuted.governance.models import Board, Term
from minuted.interop.feeds import minutes_url
from minuted.interop.lookups import (
    BadParameter,
    answers_bad_parameters,
    board_of,
    date_range,
    memberships_in_order,
    organisation,
    parse_date,
    term_of,
)
from minuted.meetings.models import Meeting, MeetingStatus
from minuted.record.models import Action
from minuted.record.public import PublicAction, latest_minutes, public_actions, public_decisions
from minuted.record.register import statistics
from minuted.record.rules.actions import action_state


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response


def _iso(day: dt.date | dt.datetime | None) -> str:
    return day.isoformat() if day else ""


# --- Membership -------------------------------------------------------------------------

MEMBERSHIP_HEADER = (
    "Name",
    "Role",
    "Political group",
    "Represents",
    "GSS code",
    "Voting right",
    "From",
    "To",
    "Page",
)


def membership_rows(board: Board, term: Term, request: HttpRequest) -> list[list[Any]]:
    memberships = memberships_in_order(board, term).select_related(
        "person", "political_group", "authority", "term"
    )
    return [
        [
            m.person.display_name,
            m.get_role_display(),
            m.political_group.name if m.political_group else "",
            m.authority.name if m.authority else m.represents,
            m.authority.gss_code if m.authority else "",
            "Yes" if m.voting_right else "No",
            _iso(m.first_day),
            _iso(m.last_day),
            request.build_absolute_uri(reverse("person", args=[m.person.slug])),
        ]
        for m in memberships
    ]


def membership_csv(request: HttpRequest, board: str, term: str) -> HttpResponse:
    """/boards/<board>/<term>/membership.csv"""
    the_board = board_of(board)
    the_term = term_of(the_board, term)
    return csv_response(
        f"{the_board.slug}-{the_term.slug}-membership.csv",
        MEMBERSHIP_HEADER,
        membership_rows(the_board, the_term, request),
    )


# --- Attendance -------------------------------------------------------------------------

ATTENDANCE_HEADER = (
    "Name",
    "Meetings expected",
    "Present",
    "Attended as observer",
    "Apologies",
    "Absent",
    "Present as substitute",
    "Attendance rate",
)


def attendance_rows(board: Board, term: Term) -> list[list[Any]]:
    """Attendance at the board's meetings held in the term (record/register.statistics), in
    the membership's printed order, anyone else on the register after them by name."""
    stats = statistics(board, term)
    order: dict[str, int] = {}
    for membership in memberships_in_order(board, term).select_related("person"):
        order.setdefault(membership.person.display_name, len(order))
    ranked = sorted(
        stats.values(), key=lambda s: (order.get(s.seat_person, len(order)), s.seat_person)
    )
    return [
        [
            s.seat_person,
            s.expected,
            s.present,
            s.attended_as_observer,
            s.apologies,
            s.absent,
            s.present_as_substitute,
            s.rate_percent() if s.rate is not None else "",
        ]
        for s in ranked
        if s.expected or s.present_as_substitute
    ]


def attendance_csv(request: HttpRequest, board: str, term: str) -> HttpResponse:
    """/boards/<board>/<term>/attendance.csv"""
    the_board = board_of(board)
    the_term = term_of(the_board, term)
    return csv_response(
        f"{the_board.slug}-{the_term.slug}-attendance.csv",
        ATTENDANCE_HEADER,
        attendance_rows(the_board, the_term),
    )


# --- Decisions --------------------------------------------------------------------------

DECISIONS_HEADER = (
    "Board",
    "Meeting date",
    "Item",
    "Item title",
    "Decision",
    "Text",
    "Vote",
    "Minutes version",
    "Published",
    "Minutes",
)


@answers_bad_parameters
def decisions_csv(request: HttpRequest) -> HttpResponse:
    """/decisions.csv?board=<slug>&from=<yyyy-mm-dd>&to=<yyyy-mm-dd>"""
    since, until = date_range(
        parse_date("from", request.GET.get("from", "")),
        parse_date("to", request.GET.get("to", "")),
        ("from", "to"),
    )
    owner = organisation()
    meetings = Meeting.objects.filter(board__organisation=owner)
    name = owner.slug
    slug = request.GET.get("board", "").strip()
    if slug:
        # PostgreSQL refuses a NUL in a query (a DataError): no board's slug holds one.
        board = (
            None if "\x00" in slug else Board.objects.filter(organisation=owner, slug=slug).first()
        )
        if board is None:
            raise BadParameter(f"board must be the slug of one of the boards, not {slug!r}.")
        meetings = meetings.filter(board=board)
        name = board.slug
    versions = latest_minutes(meetings, since=since, until=until)
    rows = [
        [
            d.meeting.board.name,
            _iso(d.meeting.date),
            d.item_number,
            d.item_title,
            d.number,
            d.text,
            d.vote,
            d.version.number,
            _iso(timezone.localtime(d.version.published_at).replace(microsecond=0)),
            request.build_absolute_uri(minutes_url(d.version)) + f"#minute-{d.item_number}",
        ]
        for d in public_decisions(versions)
    ]
    return csv_response(f"{name}-decisions.csv", DECISIONS_HEADER, rows)


# --- Actions ----------------------------------------------------------------------------

ACTIONS_HEADER = (
    "Meeting date",
    "Item",
    "Action",
    "Owner",
    "Due",
    "State",
    "Done on",
    "Minutes",
)


def _logged(board: Board) -> dict[tuple[int, str, str], list[Action]]:
    """The board's actions on the action log, by meeting, text and owner."""
    found: dict[tuple[int, str, str], list[Action]] = {}
    for action in (
        Action.objects.filter(item__minutes__meeting__board=board)
        .select_related("item__minutes", "owner_person", "owner_officer")
        .order_by("item__minutes__meeting", "item__agenda_item__position", "position", "pk")
    ):
        key = (action.item.minutes.meeting_id, action.text, action.owner)
        found.setdefault(key, []).append(action)
    return found


def action_rows(
    board: Board, actions: Sequence[PublicAction], request: HttpRequest, today: dt.date
) -> list[list[Any]]:
    """One row per action the public minutes print. Due date, state and completion come from
    the action log when an action there has the same meeting, words and owner; otherwise (the
    wording changed since publication) they are left blank."""
    logged = _logged(board)
    # "By the next meeting" is the board's next meeting that is not cancelled.
    dates = sorted(
        Meeting.objects.filter(board=board)
        .exclude(status=MeetingStatus.CANCELLED)
        .values_list("date", flat=True)
    )
    rows = []
    for public in actions:
        meeting = public.meeting
        candidates = logged.get((meeting.pk, public.text, public.owner), [])
        due: dt.date | None = None
        state = ""
        done_on: dt.date | None = None
        if candidates:
            action = candidates.pop(0)
            due = action.due_on
            if due is None and action.due_by_next_meeting:
                later = bisect.bisect_right(dates, meeting.date)
                due = dates[later] if later < len(dates) else None
            done_on = action.done_on
            state = str(action_state(today, due, done_on))
        rows.append(
            [
                _iso(meeting.date),
                public.item_number,
                public.text,
                public.owner,
                _iso(due),
                state,
                _iso(done_on),
                request.build_absolute_uri(minutes_url(public.version))
                + f"#minute-{public.item_number}",
            ]
        )
    return rows


def actions_csv(request: HttpRequest, board: str) -> HttpResponse:
    """/boards/<board>/actions.csv"""
    the_board = board_of(board)
    actions = public_actions(latest_minutes(board=the_board))
    rows = action_rows(the_board, actions, request, timezone.localdate())
    return csv_response(f"{the_board.slug}-actions.csv", ACTIONS_HEADER, rows)
