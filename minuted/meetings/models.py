"""Meetings, their agendas, and the organisation's rule for publishing agendas on time."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from minuted.core.models import Record
from minuted.governance.models import Board, Officer, Organisation, Term


class PublicationRule(Record):
    """How an organisation counts "clear days" before a meeting (domain rules §1).

    Without a row, the default applies: 5 clear working days, England and Wales bank
    holidays, publication on working days only."""

    class Calendar(models.TextChoices):
        ENGLAND_AND_WALES = "england-and-wales", "England and Wales"
        SCOTLAND = "scotland", "Scotland"
        NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="publication_rule"
    )
    clear_days = models.PositiveSmallIntegerField(default=5)  # 3 in Wales
    # Days of the week that count, Monday = 0 … Sunday = 6.
    counted_weekdays = models.JSONField(default=list)
    calendar = models.CharField(
        max_length=20, choices=Calendar.choices, default=Calendar.ENGLAND_AND_WALES
    )
    # Local closure days (ISO dates), e.g. the days between Christmas and New Year.
    extra_closures = models.JSONField(default=list, blank=True)
    publish_on_working_days_only = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.clear_days} clear days ({self.organisation})"

    def clean(self) -> None:
        weekdays = self.counted_weekdays or []
        if not all(isinstance(d, int) and 0 <= d <= 6 for d in weekdays):
            raise ValidationError({"counted_weekdays": "Use 0 (Monday) to 6 (Sunday)."})
        try:
            [dt.date.fromisoformat(str(d)) for d in self.extra_closures or []]
        except ValueError:
            raise ValidationError({"extra_closures": "Give closure days as YYYY-MM-DD."}) from None


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CONFIRMED = "confirmed", "Confirmed"
    CANCELLED = "cancelled", "Cancelled"
    HELD = "held", "Held"


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid"


class Meeting(Record):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="meetings")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="meetings")
    # The meeting's date, in Europe/London; with a suffix, its key within the board in URLs
    # ("2019-10-29", or "2019-10-29-2" for a second meeting that day).
    date = models.DateField()
    slug = models.SlugField(max_length=20)
    start_time = models.TimeField()
    end_time = models.TimeField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    format = models.CharField(
        max_length=20, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    room = models.CharField(max_length=200, blank=True)  # "Westminster Room, 8th Floor"
    address = models.CharField(max_length=300, blank=True)
    online_url = models.URLField("joining link", blank=True)
    webcast_url = models.URLField(blank=True)
    contact_officer = models.ForeignKey(
        Officer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pre_meeting_date = models.DateField("pre-meeting for lead members", null=True, blank=True)
    pre_meeting_time = models.TimeField(null=True, blank=True)
    pre_meeting_room = models.CharField(max_length=200, blank=True)
    group_meetings_start = models.TimeField("political group meetings from", null=True, blank=True)
    group_meetings_end = models.TimeField("political group meetings until", null=True, blank=True)
    refreshments = models.CharField(max_length=200, blank=True)
    cancellation_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["board", "date", "start_time"]
        constraints = [
            models.UniqueConstraint(fields=["board", "slug"], name="meeting_slug_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.board} — {self.date:%-d %B %Y}"

    def clean(self) -> None:
        errors = {}
        if self.term_id and self.date and not self.term.contains(self.date):
            errors["date"] = f"The date is outside {self.term.name}."
        if self.end_time and self.start_time and self.end_time <= self.start_time:
            errors["end_time"] = "The meeting must end after it starts."
        if self.format in (MeetingFormat.ONLINE, MeetingFormat.HYBRID) and not self.online_url:
            errors["online_url"] = "An online or hybrid meeting needs its joining link."
        if self.format in (MeetingFormat.IN_PERSON, MeetingFormat.HYBRID) and not self.room:
            errors["room"] = "Say where the meeting is."
        if self.status == MeetingStatus.CANCELLED and not self.cancellation_reason:
            errors["cancellation_reason"] = "Say why the meeting was cancelled."
        if errors:
            raise ValidationError(errors)

    @property
    def place(self) -> str:
        """Where it is, as the agenda prints it."""
        where = ", ".join(p for p in (self.room, self.address) if p)
        if self.format == MeetingFormat.ONLINE:
            return "Online"
        if self.format == MeetingFormat.HYBRID:
            return f"{where}, and online"
        return where


class AgendaItemKind(models.TextChoices):
    STANDARD = "standard", "Standard item"
    REPORT = "report", "Report"
    VERBAL_UPDATE = "verbal_update", "Verbal update"
    SUPPLEMENTAL = "supplemental", "Supplemental (to follow)"
    NOTE_OF_LAST_MEETING = "note_of_last_meeting", "Note of the last meeting"


class ExemptParagraph(models.IntegerChoices):
    """Schedule 12A to the Local Government Act 1972 (England), Part 1."""

    INDIVIDUAL = 1, "1 — information relating to any individual"
    IDENTITY = 2, "2 — information likely to reveal the identity of an individual"
    FINANCIAL = 3, "3 — financial or business affairs of any particular person"
    LABOUR_RELATIONS = 4, "4 — labour relations consultations or negotiations"
    LEGAL_PRIVILEGE = 5, "5 — legal professional privilege"
    STATUTORY_NOTICE = 6, "6 — a proposed statutory notice, order or direction"
    CRIME = 7, "7 — prevention, investigation or prosecution of crime"


class AgendaItem(Record):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    # A sub-item (5.1) sits under a top-level item; numbers are computed, never stored.
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    title = models.CharField(max_length=300)
    kind = models.CharField(
        max_length=30, choices=AgendaItemKind.choices, default=AgendaItemKind.STANDARD
    )
    presenter = models.CharField(max_length=200, blank=True)  # "David Holdstock, Director of …"
    exempt = models.BooleanField(default=False)
    exempt_paragraph = models.PositiveSmallIntegerField(
        choices=ExemptParagraph.choices,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(7)],
    )
    public_interest_reason = models.TextField(blank=True)
    exemption_review_date = models.DateField(null=True, blank=True)
    # Set when the item was added after the publication deadline: the chair's reason for
    # taking it as urgent (LGA 1972 s.100B(4)(b)), which goes into the minutes.
    added_late = models.BooleanField(default=False)
    urgency_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["meeting", "position", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.exempt:
            if not self.exempt_paragraph:
                errors["exempt_paragraph"] = "Give the Schedule 12A paragraph (1 to 7)."
            if not self.public_interest_reason.strip():
                errors["public_interest_reason"] = (
                    "Say why the public interest in withholding it outweighs disclosure."
                )
        if self.kind == AgendaItemKind.VERBAL_UPDATE and not self.presenter.strip():
            errors["presenter"] = "Say who gives the verbal update."
        if self.added_late and not self.urgency_reason.strip():
            errors["urgency_reason"] = (
                "This item is added after the publication deadline: record the chair's reason "
                "for taking it as urgent."
            )
        if self.parent_id and self.parent:
            if self.parent.meeting_id != self.meeting_id:
                errors["parent"] = "A sub-item belongs under an item of the same meeting."
            elif self.parent.parent_id or (self.pk and self.children.exists()):
                errors["parent"] = "Sub-items go one level deep (5.1, not 5.1.1)."
        if errors:
            raise ValidationError(errors)

    @property
    def note(self) -> str:
        """The line printed under the title on the agenda."""
        if self.kind == AgendaItemKind.VERBAL_UPDATE:
            return f"Verbal update given by {self.presenter}."
        if self.kind == AgendaItemKind.SUPPLEMENTAL:
            return "To be sent as a supplemental agenda item."
        return ""
