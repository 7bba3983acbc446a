"""Minutes: per agenda item, who introduced it, the discussion, numbered decisions (with
recorded votes) and actions; approval at a later meeting locks them (rules §6)."""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from minuted.core.models import Record
from minuted.governance.models import Membership, Officer, Person
from minuted.meetings.models import AgendaItem, Meeting
from minuted.papers.models.pack import PublishedEditions

CONFIDENTIAL_DECISIONS = (
    "Decisions for this item to be kept confidential, until such time members agree for these "
    "to be made public."
)


class LockedError(ValidationError):
    """Approved minutes are a correct record and cannot change."""


class Minutes(Record):
    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="minutes")
    # Approval (Sch.12 para 41): the item of the later meeting that agreed them as a correct
    # record. From then on they are locked.
    approved_at_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="approves"
    )
    approved_on = models.DateField(null=True, blank=True)
    inquorate_note = models.TextField(blank=True)  # filled from the quorum at each item
    # Set when the register was transcribed from minutes that list only who attended and who
    # sent apologies: a seat with no mark is then not known (not absent), and is left out of
    # the attendance statistics. Off for registers kept in Minuted, where no mark is absent.
    attendance_as_recorded = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "minutes"

    def __str__(self) -> str:
        return f"Minutes of {self.meeting}"

    @property
    def is_approved(self) -> bool:
        return self.approved_at_item_id is not None

    def check_editable(self) -> None:
        if self.is_approved:
            raise LockedError(
                "These minutes were approved as a correct record on "
                f"{self.approved_on:%-d %B %Y} and cannot be changed."
            )


class _LockedWithMinutes(Record):
    """Children of approved minutes refuse changes below the view layer."""

    # How to reach the minutes from the row, e.g. "item.minutes".
    minutes_path = "minutes"

    class Meta:
        abstract = True

    def minutes_record(self) -> Minutes:
        minutes: Minutes = attrgetter(self.minutes_path)(self)
        return minutes

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.minutes_record().check_editable()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self.minutes_record().check_editable()
        return super().delete(*args, **kwargs)


class MinuteItem(_LockedWithMinutes):
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="items")
    agenda_item = models.OneToOneField(AgendaItem, on_delete=models.PROTECT, related_name="minute")
    introduced_by = models.CharField(max_length=300, blank=True)  # officer or member, as said
    discussion = models.TextField(blank=True)  # Markdown: the points raised
    # Decisions on an exempt item may be kept confidential until the board releases them.
    decisions_confidential = models.BooleanField(default=False)
    released_on = models.DateField(null=True, blank=True)
    released_at_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="releases"
    )
    # Who saved the minute last: named when a later save from an older form is refused
    # (optimistic locking, core/concurrency.py).
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["minutes", "agenda_item__position"]

    def __str__(self) -> str:
        return str(self.agenda_item)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Releasing confidential decisions is the one change allowed after approval.
        if self.pk and self.minutes.is_approved:
            before = MinuteItem.objects.get(pk=self.pk)
            if _is_only_a_release(before, self):
                models.Model.save(self, *args, **kwargs)
                return
        super().save(*args, **kwargs)

    @property
    def decisions_public(self) -> bool:
        return not self.decisions_confidential or self.released_on is not None


def _is_only_a_release(before: MinuteItem, after: MinuteItem) -> bool:
    unchanged = ("introduced_by", "discussion", "decisions_confidential")
    return (
        before.released_on is None
        and after.released_on is not None
        and all(getattr(before, f) == getattr(after, f) for f in unchanged)
    )


class Decision(_LockedWithMinutes):
    item = models.ForeignKey(MinuteItem, on_delete=models.CASCADE, related_name="decisions")
    position = models.PositiveSmallIntegerField(default=0)  # numbered within the item
    text = models.TextField()
    recorded_vote = models.BooleanField(default=False)
    casting_vote = models.CharField(
        max_length=10, blank=True, choices=[("for", "For"), ("against", "Against")]
    )

    class Meta:
        ordering = ["item", "position", "id"]

    def __str__(self) -> str:
        return self.text[:60]

    minutes_path = "item.minutes"


class RecordedVote(_LockedWithMinutes):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="votes")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    vote = models.CharField(
        max_length=10, choices=[("for", "For"), ("against", "Against"), ("abstain", "Abstain")]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "membership"], name="one_vote_each"),
        ]

    minutes_path = "decision.item.minutes"


class Action(Record):
    """Something a person or an officer must do. Actions outlive the minutes that set them:
    progress and closing are recorded on the action log, even after approval."""

    item = models.ForeignKey(MinuteItem, on_delete=models.PROTECT, related_name="actions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    owner_person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    owner_officer = models.ForeignKey(
        Officer, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    owner_role = models.CharField(max_length=200, blank=True)  # "Officers", "Head of …"
    due_on = models.DateField(null=True, blank=True)
    due_by_next_meeting = models.BooleanField(default=False)
    done_on = models.DateField(null=True, blank=True)
    closed_reference = models.CharField(max_length=300, blank=True)  # where it was reported

    class Meta:
        ordering = ["item", "position", "id"]

    def __str__(self) -> str:
        return self.text[:60]

    # Once the minutes are approved, only the action log's fields may change.
    FOLLOW_UP_FIELDS = frozenset({"done_on", "closed_reference", "modified"})

    def save(self, *args: Any, **kwargs: Any) -> None:
        minutes = Minutes.objects.get(pk=self.item.minutes_id)  # afresh: approval may be new
        if minutes.is_approved:
            update_fields = kwargs.get("update_fields")
            if self.pk is None:
                minutes.check_editable()
            elif update_fields is None or not set(update_fields) <= self.FOLLOW_UP_FIELDS:
                before = Action.objects.get(pk=self.pk)
                changed = [
                    f.attname
                    for f in self._meta.concrete_fields
                    if f.attname not in self.FOLLOW_UP_FIELDS | {"id", "uid", "created"}
                    and getattr(before, f.attname) != getattr(self, f.attname)
                ]
                if changed:
                    minutes.check_editable()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        Minutes.objects.get(pk=self.item.minutes_id).check_editable()
        return super().delete(*args, **kwargs)

    def clean(self) -> None:
        if not (self.owner_person_id or self.owner_officer_id or self.owner_role.strip()):
            raise ValidationError({"owner_role": "Say who owns the action."})
        if self.due_on and self.due_by_next_meeting:
            raise ValidationError({"due_on": "Give a date or 'by the next meeting', not both."})

    @property
    def owner(self) -> str:
        if self.owner_person:
            return self.owner_person.display_name
        if self.owner_officer:
            return self.owner_officer.name
        return self.owner_role


class ActionNote(Record):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["action", "created"]


class MinutesVersion(PublishedEditions):
    """One publication of a meeting's minutes, in a public and a members' edition. Like a
    pack version it never changes; a correction or a release of confidential decisions is
    published as a new version with a reason."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="minutes_versions")

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="one_minutes_version_number"
            ),
        ]

    def __str__(self) -> str:
        return f"Minutes v{self.number} — {self.meeting}"

    def pdf_folder(self) -> str:
        return f"minutes/{self.meeting.uid}/v{self.number}"
