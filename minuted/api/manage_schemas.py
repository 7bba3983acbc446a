"""What the write endpoints take and answer (clerks, with a token).

Text fields refuse the NUL character (no database keeps it) and are as long as the model's
columns allow; the models' own validation then applies, and its messages come back as 422
errors naming the field. In a PATCH body only the fields sent change; a field that cannot be
empty cannot be sent as null either."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema

from minuted.api.schemas import PersonRef

NO_NUL = r"^[^\x00]*$"
CLOCK = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"  # 24-hour, Europe/London: "11:00"
LONG_TEXT = 50_000

MeetingStatusIn = Literal["scheduled", "confirmed", "cancelled", "held"]
MeetingFormatIn = Literal["in_person", "online", "hybrid"]
ItemKindIn = Literal["standard", "report", "verbal_update", "supplemental", "note_of_last_meeting"]
AttendanceStatusIn = Literal["present", "substitute", "apologies", "absent", "observer", "virtual"]
VoteIn = Literal["for", "against", "abstain"]


def text_field(max_length: int, default: Any = "", **kwargs: Any) -> Any:
    return Field(default, max_length=max_length, pattern=NO_NUL, **kwargs)


def absent() -> Any:
    """A PATCH field left out leaves the value as it is (the schema's default is never used)."""
    return Field(None)


def optional_text(max_length: int) -> Any:
    """A PATCH field: absent leaves it as it is; it may be sent empty, but not null."""
    return Field(None, max_length=max_length, pattern=NO_NUL)


def clock(default: Any = None, **kwargs: Any) -> Any:
    return Field(default, pattern=CLOCK, examples=["11:00"], **kwargs)


# --- Meetings --------------------------------------------------------------------------------


class MeetingIn(Schema):
    board: UUID
    # The term it belongs to; by default the organisation's term that holds the date.
    term: UUID | None = None
    date: dt.date
    start_time: str = clock(...)
    end_time: str | None = clock()
    status: MeetingStatusIn = "scheduled"
    format: MeetingFormatIn = "in_person"
    room: str = text_field(200)
    address: str = text_field(300)
    online_url: str = text_field(200)
    webcast_url: str = text_field(200)
    cancellation_reason: str = text_field(300)


class MeetingPatch(Schema):
    date: dt.date = absent()
    start_time: str = clock()
    end_time: str | None = clock()
    status: MeetingStatusIn = absent()
    format: MeetingFormatIn = absent()
    room: str = optional_text(200)
    address: str = optional_text(300)
    online_url: str = optional_text(200)
    webcast_url: str = optional_text(200)
    cancellation_reason: str = optional_text(300)


# --- Agenda items ----------------------------------------------------------------------------


class ItemIn(Schema):
    title: str = text_field(300, ...)
    kind: ItemKindIn = "standard"
    presenter: str = text_field(200)
    parent: UUID | None = Field(None, description="The item this is a sub-item of (5.1).")
    exempt: bool = False
    exempt_paragraph: int | None = Field(None, ge=1, le=7, description="Schedule 12A, Part 1")
    public_interest_reason: str = text_field(LONG_TEXT)
    exemption_review_date: dt.date | None = None
    # Needed once the publication deadline has passed: the chair's reason for urgency.
    urgency_reason: str = text_field(LONG_TEXT)


class ItemPatch(Schema):
    title: str = optional_text(300)
    kind: ItemKindIn = absent()
    presenter: str = optional_text(200)
    exempt: bool = absent()
    exempt_paragraph: int | None = Field(None, ge=1, le=7)
    public_interest_reason: str = optional_text(LONG_TEXT)
    exemption_review_date: dt.date | None = None
    urgency_reason: str = optional_text(LONG_TEXT)


class ItemOut(Schema):
    """An agenda item as the clerk keeps it, exemption details included."""

    uid: UUID
    meeting: UUID
    number: str
    parent: UUID | None
    title: str
    kind: str
    presenter: str
    exempt: bool
    exempt_paragraph: int | None
    public_interest_reason: str
    exemption_review_date: dt.date | None
    added_late: bool
    urgency_reason: str


# --- Attendance ------------------------------------------------------------------------------


class MarkIn(Schema):
    membership: UUID  # a seat of the board on the day of the meeting
    status: AttendanceStatusIn | None = Field(..., description="null takes the mark away")
    substitute_for: UUID | None = Field(None, description="The membership a substitute replaces")
    substitute_sent: bool = False
    arrived_at: UUID | None = Field(None, description="The agenda item at which they arrived")
    left_after: UUID | None = Field(None, description="The agenda item after which they left")


class RegisterPatch(Schema):
    marks: list[MarkIn] = Field(..., min_length=1, max_length=200)


class OtherAttendeeIn(Schema):
    name: str = text_field(200, ...)
    role: str = text_field(200)
    kind: Literal["officer", "guest"] = "officer"


# --- Minutes ---------------------------------------------------------------------------------


class DecisionIn(Schema):
    text: str = text_field(LONG_TEXT, ...)


class VoteCast(Schema):
    membership: UUID
    vote: VoteIn


class VotesIn(Schema):
    votes: list[VoteCast] = Field(..., min_length=1, max_length=200)
    casting_vote: Literal["", "for", "against"] = ""


class MemberVote(Schema):
    membership: UUID
    person: str
    vote: str


class ManagedDecision(Schema):
    uid: UUID
    meeting: UUID
    item: UUID  # the agenda item
    number: str  # "2.1"
    text: str
    recorded_vote: bool
    casting_vote: str
    vote: str  # the result of the recorded vote, in words
    votes: list[MemberVote]


class ActionIn(Schema):
    text: str = text_field(LONG_TEXT, ...)
    owner_person: UUID | None = Field(None, description="A member of the board")
    owner_officer: UUID | None = Field(None, description="An officer of the organisation")
    owner_role: str = text_field(200, description="Or a role: 'Officers', 'Head of Finance'")
    due_on: dt.date | None = None
    due_by_next_meeting: bool = False


class ActionPatch(Schema):
    text: str = optional_text(LONG_TEXT)
    owner_person: UUID | None = None
    owner_officer: UUID | None = None
    owner_role: str = optional_text(200)
    due_on: dt.date | None = None
    due_by_next_meeting: bool = absent()
    # The action log: these two may change even after the minutes are approved.
    done_on: dt.date | None = None
    closed_reference: str = optional_text(300)


class OfficerRef(Schema):
    uid: UUID
    name: str


class ManagedAction(Schema):
    uid: UUID
    meeting: UUID
    item: UUID
    number: int  # its place among the item's actions
    text: str
    owner: str
    owner_person: PersonRef | None
    owner_officer: OfficerRef | None
    owner_role: str
    due_on: dt.date | None
    due_by_next_meeting: bool
    due: dt.date | None  # due_on, or the date of the next meeting
    done_on: dt.date | None
    closed_reference: str


class MinuteEntry(Schema):
    item: UUID
    number: str
    title: str
    decisions_confidential: bool
    decisions: list[ManagedDecision]
    actions: list[ManagedAction]


class ManagedMinutes(Schema):
    meeting: UUID
    approved_on: dt.date | None  # once approved they are locked: changes get 409
    items: list[MinuteEntry]
