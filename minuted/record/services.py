"""Services for the meeting record, shared by the clerk's screens, the admin and commands."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from minuted import audit
from minuted.accounts.policy import is_member_of
from minuted.core.formats import long_date
from minuted.governance.models import Membership
from minuted.meetings.models import AgendaItem, AgendaItemKind, Meeting, MeetingStatus
from minuted.record.models import (
    Attendance,
    AttendanceStatus,
    MinuteItem,
    Minutes,
    MinutesVersion,
)
from minuted.record.publishing import publish_minutes


@transaction.atomic
def minutes_for(meeting: Meeting) -> Minutes:
    """The meeting's minutes, with one entry per agenda item (made when first asked for)."""
    minutes, _ = Minutes.objects.get_or_create(meeting=meeting)
    have = set(minutes.items.values_list("agenda_item_id", flat=True))
    for item in meeting.items.all():
        if item.pk not in have:
            if minutes.is_approved:
                break
            MinuteItem.objects.create(
                minutes=minutes,
                agenda_item=item,
                decisions_confidential=item.exempt,
            )
    return minutes


@transaction.atomic
def approve_minutes(minutes: Minutes, at_item: AgendaItem) -> Minutes:
    """Record that the item "minutes of the previous meeting" of a later meeting agreed these
    minutes as a correct record (LGA 1972 Sch.12 para 41). From now on they are locked."""
    minutes.check_editable()
    approving = at_item.meeting
    if approving.board_id != minutes.meeting.board_id or approving.date <= minutes.meeting.date:
        raise ValidationError(
            {"approved_at_item": "Minutes are approved at a later meeting of the same board."}
        )
    if at_item.kind != AgendaItemKind.NOTE_OF_LAST_MEETING:
        raise ValidationError(
            {"approved_at_item": "Approve the minutes at an item for the note of the last meeting."}
        )
    minutes.approved_at_item = at_item
    minutes.approved_on = approving.date
    minutes.save(update_fields=["approved_at_item", "approved_on", "modified"])
    audit.record(
        "minutes.approve",
        minutes,
        summary=f"Approved at {approving}",
        after={"approved_on": str(minutes.approved_on)},
    )
    return minutes


@transaction.atomic
def release_decisions(item: MinuteItem, at_item: AgendaItem, user: Any = None) -> MinuteItem:
    """The board agrees to make confidential decisions public: an explicit, dated act
    (domain rules §2), allowed even after the minutes were approved. If the minutes were
    published, a new version is published at once (by ``user``) so the release is public."""
    if not item.decisions_confidential or item.released_on is not None:
        raise ValidationError("These decisions are not confidential, or already released.")
    if at_item.meeting.board_id != item.minutes.meeting.board_id:
        raise ValidationError({"released_at_item": "Release at a meeting of the same board."})
    item.released_on = at_item.meeting.date
    item.released_at_item = at_item
    item.save()
    audit.record(
        "minutes.release",
        item,
        user=user,
        summary=f"Confidential decisions released at {at_item.meeting}",
        after={"released_on": str(item.released_on)},
    )
    minutes = item.minutes
    if MinutesVersion.objects.filter(meeting=minutes.meeting).exists():
        publish_minutes(
            minutes,
            user,
            reason=f"Decisions on “{item.agenda_item.title}” released on "
            f"{long_date(item.released_on)}.",
        )
    return item


@transaction.atomic
def send_apologies(user: Any, meeting: Meeting, substitute_sent: bool = False) -> Attendance:
    """A member, signed in, sends apologies before the meeting. The clerks of the board and
    the member's political group office are told by e-mail."""
    if not is_member_of(user, meeting.board, on=meeting.date):
        raise PermissionDenied("Only members of the board can send apologies for it.")
    if meeting.date < timezone.localdate():
        raise ValidationError("Apologies are sent before the meeting.")
    membership = next(
        m
        for m in Membership.objects.filter(person=user.person, board=meeting.board).select_related(
            "political_group", "person", "term"
        )
        if m.is_active_on(meeting.date)
    )
    attendance, _ = Attendance.objects.update_or_create(
        meeting=meeting,
        membership=membership,
        defaults={
            "status": AttendanceStatus.APOLOGIES,
            "substitute_sent": substitute_sent,
            "apologies_sent_at": timezone.now(),
        },
    )
    recipients = [u.email for u in meeting.board.clerks.filter(is_active=True) if u.email]
    group = membership.political_group
    if group is not None and group.group_office_email:
        recipients.append(group.group_office_email)
    when = long_date(meeting.date)
    send_mail(
        subject=f"Apologies: {membership.person.display_name}, {meeting.board.name}, {when}",
        message=(
            f"{membership.person.display_name} has sent apologies for the meeting of the "
            f"{meeting.board.name} on {when}."
            + (" A substitute will attend." if substitute_sent else "")
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )
    return attendance


def due_date(action_due: dt.date | None, by_next_meeting: bool, meeting: Meeting) -> dt.date | None:
    """An action's due date: its own, or the date of the board's next meeting that is not
    cancelled."""
    if action_due or not by_next_meeting:
        return action_due
    following = (
        Meeting.objects.filter(board=meeting.board, date__gt=meeting.date)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("date")
        .first()
    )
    return following.date if following else None
