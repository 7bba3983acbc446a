"""What the record leaves to follow up: actions falling due on the boards a clerk runs, a
member's own actions, minutes still to be approved, and the matters arising for the next agenda.

The action log (``record.actions.action_log``) works one board at a time and resolves "by the
next meeting" with a query per action; the lists here span boards and screens that must not slow
down as history grows, so each reads the meetings it needs once and resolves due dates in
memory, the same way (the date of the board's first meeting after the one that set the action).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Exists, Max, OuterRef, QuerySet, prefetch_related_objects

from minuted.governance.models import Board, Person
from minuted.meetings.models import AgendaItem, AgendaItemKind, Meeting, MeetingStatus
from minuted.papers.documents import agenda_items
from minuted.record.actions import LoggedAction
from minuted.record.models import Action, Minutes, MinutesVersion
from minuted.record.register import agenda_numbers
from minuted.record.rules.actions import action_state

# How far ahead the clerk's workspace looks for actions falling due (ux.md: "actions due or
# overdue"); the action log itself tags as "due soon" within its own, shorter, window.
DUE_WITHIN_DAYS = 14


@dataclass(frozen=True)
class TrackedAction:
    """An action with its due date and state, and where it was agreed."""

    logged: LoggedAction
    meeting: Meeting  # the meeting whose minutes set it
    item_number: str  # the agenda number of the item it was set under, at that meeting

    @property
    def action(self) -> Action:
        return self.logged.action


def _actions() -> QuerySet[Action]:
    return Action.objects.select_related(
        "item__minutes__meeting__board",
        "item__agenda_item",
        "owner_person",
        "owner_officer",
    ).order_by("item__minutes__meeting__date", "item__agenda_item__position", "position", "id")


def track(actions: Iterable[Action], today: dt.date) -> list[TrackedAction]:
    """Due dates, states and origins for ``actions`` (from ``_actions()``), in three queries
    however many there are: the boards' meeting dates, and the origin meetings' agenda items."""
    actions = list(actions)
    if not actions:
        return []
    origins = {a.item.minutes.meeting.pk: a.item.minutes.meeting for a in actions}
    board_ids = {m.board_id for m in origins.values()}
    dates: dict[int, list[dt.date]] = defaultdict(list)
    for board_id, day in (
        Meeting.objects.filter(board_id__in=board_ids)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("date")
        .values_list("board_id", "date")
    ):
        dates[board_id].append(day)
    meetings = list(origins.values())
    prefetch_related_objects(meetings, "items")
    numbers: dict[int, dict[int, str]] = {}
    for meeting in meetings:
        items = agenda_items(meeting)
        numbers[meeting.pk] = dict(zip([i.pk for i in items], agenda_numbers(items), strict=True))
    tracked = []
    for action in actions:
        meeting = origins[action.item.minutes.meeting.pk]
        due = action.due_on
        if due is None and action.due_by_next_meeting:
            days = dates[meeting.board_id]
            later = bisect.bisect_right(days, meeting.date)
            due = days[later] if later < len(days) else None
        tracked.append(
            TrackedAction(
                logged=LoggedAction(action, due, action_state(today, due, action.done_on)),
                meeting=meeting,
                item_number=numbers[meeting.pk].get(action.item.agenda_item_id, ""),
            )
        )
    return tracked


def _by_due(tracked: TrackedAction) -> tuple[dt.date, dt.date]:
    return (tracked.logged.due or dt.date.max, tracked.meeting.date)


def actions_due(
    boards: Sequence[Board], today: dt.date, within: int = DUE_WITHIN_DAYS
) -> dict[int, list[TrackedAction]]:
    """Open actions of each board that are overdue or due within ``within`` days, soonest
    first, by board id."""
    horizon = today + dt.timedelta(days=within)
    open_actions = _actions().filter(item__minutes__meeting__board__in=boards, done_on__isnull=True)
    out: dict[int, list[TrackedAction]] = {b.pk: [] for b in boards}
    for tracked in sorted(track(open_actions, today), key=_by_due):
        if tracked.logged.due is not None and tracked.logged.due <= horizon:
            out[tracked.meeting.board_id].append(tracked)
    return out


def actions_owned_by(person: Person, today: dt.date) -> list[TrackedAction]:
    """The person's open actions, on every board, soonest due first (undated last)."""
    mine = _actions().filter(owner_person=person, done_on__isnull=True)
    return sorted(track(mine, today), key=_by_due)


# --- Matters arising ---------------------------------------------------------------------------


class MatterState(StrEnum):
    """Where an earlier action stands when the board meets again."""

    OVERDUE = "overdue"
    DUE_BY_THIS_MEETING = "due by this meeting"
    OPEN = "open"
    DONE = "done"


def matter_state(
    today: dt.date, meeting_day: dt.date, due: dt.date | None, done_on: dt.date | None
) -> MatterState:
    """An action's state as a matter arising at the meeting on ``meeting_day``: done; overdue
    (its due date has passed today); due by this meeting (due on or before the meeting day);
    otherwise open. Local presentation, not law (domain-rules.md §6: actions with owner, due)."""
    if done_on is not None:
        return MatterState.DONE
    if due is None:
        return MatterState.OPEN
    if due < today:
        return MatterState.OVERDUE
    if due <= meeting_day:
        return MatterState.DUE_BY_THIS_MEETING
    return MatterState.OPEN


@dataclass(frozen=True)
class Matter:
    tracked: TrackedAction
    state: MatterState


@dataclass(frozen=True)
class MattersArising:
    previous: Meeting | None  # the board's last meeting before this one (not cancelled)
    matters: list[Matter]


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(board=meeting.board_id, date__lt=meeting.date)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-date", "-start_time")
        .first()
    )


def matters_arising(meeting: Meeting, today: dt.date) -> MattersArising:
    """The actions of the board's earlier meetings to report on at ``meeting``: every one still
    open, and those done since the previous meeting (or set at it), open ones first."""
    previous = previous_meeting(meeting)
    earlier = _actions().filter(
        item__minutes__meeting__board=meeting.board_id,
        item__minutes__meeting__date__lt=meeting.date,
    )
    matters = []
    for tracked in track(earlier, today):
        done_on = tracked.action.done_on
        if done_on is not None and not (
            previous is not None and (done_on > previous.date or tracked.meeting.pk == previous.pk)
        ):
            continue  # reported done at an earlier meeting
        state = matter_state(today, meeting.date, tracked.logged.due, done_on)
        matters.append(Matter(tracked, state))
    order = list(MatterState)
    matters.sort(key=lambda m: (order.index(m.state), *_by_due(m.tracked)))
    return MattersArising(previous, matters)


# --- Minutes awaiting approval -----------------------------------------------------------------


@dataclass(frozen=True)
class AwaitingApproval:
    minutes: Minutes
    published: int | None  # the latest published version, or None if only written
    # The first meeting from today on that could approve them, and whether its agenda has the
    # "note of the last meeting" item that approval is recorded against (record.services).
    next_meeting: Meeting | None
    next_has_note_item: bool


def minutes_awaiting_approval(
    boards: Sequence[Board], today: dt.date
) -> dict[int, list[AwaitingApproval]]:
    """Minutes written or published for meetings held, not yet approved, by board id."""
    minutes = list(
        Minutes.objects.filter(
            meeting__board__in=boards, meeting__date__lte=today, approved_at_item__isnull=True
        )
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .select_related("meeting__board")
        .order_by("meeting__date")
    )
    out: dict[int, list[AwaitingApproval]] = {b.pk: [] for b in boards}
    if not minutes:
        return out
    versions = dict(
        MinutesVersion.objects.filter(meeting__in=[m.meeting for m in minutes])
        .values("meeting")
        .annotate(latest=Max("number"))
        .values_list("meeting", "latest")
    )
    note = AgendaItem.objects.filter(
        meeting=OuterRef("pk"), kind=AgendaItemKind.NOTE_OF_LAST_MEETING
    )
    upcoming = list(
        Meeting.objects.filter(board__in=boards, date__gte=today)
        .exclude(status=MeetingStatus.CANCELLED)
        .annotate(has_note=Exists(note))
        .order_by("date", "start_time")
    )
    for m in minutes:
        following = next(
            (u for u in upcoming if u.board_id == m.meeting.board_id and u.date > m.meeting.date),
            None,
        )
        out[m.meeting.board_id].append(
            AwaitingApproval(
                minutes=m,
                published=versions.get(m.meeting.pk),
                next_meeting=following,
                next_has_note_item=bool(following and following.has_note),  # type: ignore[attr-defined]
            )
        )
    return out
