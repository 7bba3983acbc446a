"""The attendance register of a meeting (domain rules §7)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from minuted.core.models import Record
from minuted.governance.models import Membership, MembershipRole, Officer
from minuted.meetings.models import AgendaItem, Meeting
from minuted.record.models.minutes import Minutes


class _PartOfTheMinutes(Record):
    """The register is part of the minutes (Sch.12 para 40): once they are approved it cannot
    change, whoever asks."""

    class Meta:
        abstract = True

    def check_editable(self) -> None:
        minutes = Minutes.objects.filter(meeting_id=self.meeting_id).first()  # type: ignore[attr-defined]
        if minutes is not None:
            minutes.check_editable()

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.check_editable()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self.check_editable()
        return super().delete(*args, **kwargs)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    SUBSTITUTE = "substitute", "Present as substitute"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"
    OBSERVER = "observer", "Attended as observer"
    VIRTUAL = "virtual", "Attended virtually"


class Attendance(_PartOfTheMinutes):
    """One line of the register: a member or substitute of the term at one meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices)
    # For a substitute: the member whose place they take (same political group).
    substitute_for = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    substitute_sent = models.BooleanField(default=False)  # with apologies
    # Arrivals and departures by agenda item, so that quorum can be checked at every item.
    arrived_at = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    left_after = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Set when the member sent apologies themselves, signed in, before the meeting.
    apologies_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "membership__political_group__position", "membership__position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="one_mark_per_seat"),
        ]

    def __str__(self) -> str:
        return f"{self.membership.person}: {self.get_status_display()}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.status == AttendanceStatus.SUBSTITUTE:
            replaced = self.substitute_for
            if replaced is None:
                errors["substitute_for"] = "Say whose place the substitute takes."
            elif self.membership.role != MembershipRole.SUBSTITUTE:
                errors["status"] = "Only a substitute member can attend in another's place."
            elif replaced.political_group_id != self.membership.political_group_id:
                errors["substitute_for"] = (
                    "A substitute takes the place of a member of their own group."
                )
        elif self.substitute_for_id:
            errors["substitute_for"] = "Only a substitute attends in another member's place."
        if self.substitute_sent and self.status != AttendanceStatus.APOLOGIES:
            errors["substitute_sent"] = "A substitute is sent only with apologies."
        if (
            self.arrived_at_id
            and self.left_after_id
            and self.arrived_at is not None
            and self.left_after is not None
            and self.arrived_at.position > self.left_after.position
        ):
            errors["left_after"] = "A member cannot leave before arriving."
        if errors:
            raise ValidationError(errors)


class OtherAttendee(_PartOfTheMinutes):
    """Officers and guests in attendance; and, for a record transcribed from minutes, board
    members the minutes list who hold no membership of the term in Minuted."""

    class Kind(models.TextChoices):
        OFFICER = "officer", "Officer"
        GUEST = "guest", "Guest"
        # Listed with the members present, never with officers; not counted for the quorum or
        # in attendance statistics, as Minuted has no seat for them (docs/decisions.md).
        MEMBER = "member", "Board member (as recorded in the minutes)"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="others")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OFFICER)
    officer = models.ForeignKey(
        Officer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=200)
    # Position, or the body a guest is from; for a member as recorded, their position and
    # authority as the minutes print them ("Deputy-chairman, Southend-on-Sea Borough Council").
    role = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "kind", "name"]

    def __str__(self) -> str:
        return self.name
