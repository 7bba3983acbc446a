"""The attendance register: public once the meeting is held; kept by the board's clerks.

A change to the register is checked mark by mark (the model's rules) and then as a whole
(minuted/record/rules/attendance.validate_register, as on the clerk's screen); anything wrong
and nothing is written. A register with someone present, on or after the day, marks the
meeting held (minuted/meetings/services.record_held)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Router, Status

from minuted.accounts.policy import Action
from minuted.api import presenters as p
from minuted.api.auth import token_auth
from minuted.api.errors import READ_ONE_ERRORS, WRITE_ERRORS
from minuted.api.lookups import get_or_404
from minuted.api.manage_schemas import OtherAttendeeIn, RegisterPatch
from minuted.api.routers.meetings import managed_meeting, meeting_or_404
from minuted.api.schemas import AttendanceOut, OtherAttendeeOut
from minuted.governance.models import Membership
from minuted.meetings.models import Meeting, MeetingStatus
from minuted.meetings.services import record_held
from minuted.papers.documents import agenda_items
from minuted.record.models import Attendance, AttendanceStatus, OtherAttendee
from minuted.record.register import agenda_numbers, register_problems

router = Router(tags=["attendance"])

# Marks of someone who came (as on the clerk's screen).
ATTENDED = {
    AttendanceStatus.PRESENT,
    AttendanceStatus.SUBSTITUTE,
    AttendanceStatus.OBSERVER,
    AttendanceStatus.VIRTUAL,
}


def register_out(request: HttpRequest, meeting: Meeting, public: bool) -> dict[str, Any]:
    """The register; for the public, only once the meeting is held."""
    held = meeting.status == MeetingStatus.HELD
    out: dict[str, Any] = {
        "meeting": p.meeting_ref(request, meeting),
        "held": held,
        "members": [],
        "others": [],
    }
    if public and not held:
        return out
    items = agenda_items(meeting)
    numbers = dict(zip([i.pk for i in items], agenda_numbers(items), strict=True))
    marks = Attendance.objects.filter(meeting=meeting).select_related(
        "membership__person", "membership__political_group", "substitute_for__person"
    )
    out["members"] = [
        {
            "person": p.person_ref(request, a.membership.person),
            "membership": a.membership.uid,
            "role": a.membership.role,
            "political_group": p.group_ref(a.membership.political_group),
            "status": a.status,
            "status_label": a.get_status_display(),
            "substitute_for": p.person_ref(request, a.substitute_for.person)
            if a.substitute_for
            else None,
            "substitute_sent": a.substitute_sent,
            "arrived_at": numbers.get(a.arrived_at_id) if a.arrived_at_id else None,
            "left_after": numbers.get(a.left_after_id) if a.left_after_id else None,
        }
        for a in marks
    ]
    out["others"] = [other_out(o) for o in OtherAttendee.objects.filter(meeting=meeting)]
    return out


def other_out(o: OtherAttendee) -> dict[str, Any]:
    return {"uid": o.uid, "kind": o.kind, "name": o.name, "role": o.role}


@router.get("/meetings/{uuid:meeting}/attendance", response={200: AttendanceOut, **READ_ONE_ERRORS})
def get_attendance(request: HttpRequest, meeting: UUID) -> Any:
    """Who attended a held meeting, sent apologies or was absent; officers and guests."""
    return register_out(request, meeting_or_404(meeting), public=True)


def seats_at(meeting: Meeting) -> dict[UUID, Membership]:
    """Memberships of the board on the day of the meeting, by uid."""
    memberships = Membership.objects.filter(board=meeting.board, term=meeting.term).select_related(
        "term", "person", "political_group"
    )
    return {m.uid: m for m in memberships if m.is_active_on(meeting.date)}


@router.patch(
    "/meetings/{uuid:meeting}/attendance",
    response={200: AttendanceOut, **WRITE_ERRORS},
    auth=token_auth,
    tags=["clerks"],
)
def update_attendance(request: HttpRequest, meeting: UUID, payload: RegisterPatch) -> Any:
    """Mark seats of the register (``status: null`` takes a mark away); seats not named keep
    their marks. All the marks are saved, or none."""
    the_meeting = managed_meeting(request, meeting, Action.TAKE_ATTENDANCE)
    seats = seats_at(the_meeting)
    items = {i.uid: i for i in agenda_items(the_meeting)}
    existing = {a.membership_id: a for a in Attendance.objects.filter(meeting=the_meeting)}
    errors: dict[str, list[str]] = {}
    named: set[UUID] = set()
    attended = False

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    with transaction.atomic():
        for n, mark in enumerate(payload.marks):
            key = f"marks.{n}"
            seat = seats.get(mark.membership)
            if seat is None:
                refuse(f"{key}.membership", "Not a seat of the board on the day of the meeting.")
                continue
            if seat.uid in named:
                refuse(f"{key}.membership", "This seat is marked twice in the request.")
                continue
            named.add(seat.uid)
            row = existing.get(seat.pk)
            if mark.status is None:
                if row is not None:
                    row.delete()
                continue
            row = row or Attendance(meeting=the_meeting, membership=seat)
            row.status = mark.status
            row.substitute_sent = mark.substitute_sent
            row.substitute_for = None
            if mark.substitute_for is not None:
                row.substitute_for = seats.get(mark.substitute_for)
                if row.substitute_for is None:
                    refuse(f"{key}.substitute_for", "Not a seat of the board at this meeting.")
                    continue
            for field in ("arrived_at", "left_after"):
                uid = getattr(mark, field)
                setattr(row, field, items.get(uid) if uid else None)
                if uid and uid not in items:
                    refuse(f"{key}.{field}", "This meeting's agenda has no item with this uid.")
            try:
                row.full_clean(validate_unique=False)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        refuse(f"{key}.{field}", message)
                continue
            if f"{key}.arrived_at" in errors or f"{key}.left_after" in errors:
                continue
            row.save()
            attended = attended or row.status in ATTENDED
        if errors:
            raise ValidationError(errors)
        problems = register_problems(the_meeting)
        if problems:
            raise ValidationError({"marks": problems})
        if attended:
            record_held(the_meeting)
    return register_out(request, the_meeting, public=False)


@router.post(
    "/meetings/{uuid:meeting}/attendance/others",
    response={201: OtherAttendeeOut, **WRITE_ERRORS},
    auth=token_auth,
    tags=["clerks"],
)
def add_other(request: HttpRequest, meeting: UUID, payload: OtherAttendeeIn) -> Any:
    """Add an officer or a guest to those in attendance."""
    the_meeting = managed_meeting(request, meeting, Action.TAKE_ATTENDANCE)
    other = OtherAttendee(meeting=the_meeting, **payload.dict())
    with transaction.atomic():
        other.full_clean()
        other.save()
    return Status(201, other_out(other))


@router.delete(
    "/meetings/{uuid:meeting}/attendance/others/{uuid:other}",
    response={204: None, **WRITE_ERRORS},
    auth=token_auth,
    tags=["clerks"],
)
def delete_other(request: HttpRequest, meeting: UUID, other: UUID) -> Any:
    """Take an officer or guest off those in attendance."""
    the_meeting = managed_meeting(request, meeting, Action.TAKE_ATTENDANCE)
    row = get_or_404(
        OtherAttendee.objects.exclude(kind=OtherAttendee.Kind.MEMBER),
        "officer or guest in attendance",
        meeting=the_meeting,
        uid=other,
    )
    row.delete()
    return Status(204, None)
