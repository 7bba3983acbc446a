"""The improvement programme a board oversees: themes, outputs, KPIs, reporting periods,
returns with their actuals, status overrides, and other boards' improvement activity.

A programme is agreed with a funder for a period (the example: the 2019/20 sector-led
improvement programme, a memorandum of understanding with MHCLG for a grant of £19.2 million).
Its outputs carry KPIs; each reporting period the output's officer lead makes a return with
the actual for each KPI, which the programme manager signs off. A signed-off return is locked:
a correction is a new version with a reason, signed off in its turn, as published packs are.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models

from minuted.core.models import Record
from minuted.governance.models import Board, Officer, Organisation, Person
from minuted.meetings.models import Meeting
from minuted.programme.rules.status import Accumulation, Direction, Kind, Span, Status


def first_bad_link(text: str) -> str:
    """Web addresses one per line (blank lines skipped): what is wrong with the first line that
    is not an http or https address, or "" if every line is one."""
    check = URLValidator(schemes=["http", "https"])
    for number, line in enumerate(text.splitlines(), start=1):
        link = line.strip()
        if not link:
            continue
        try:
            check(link)
        except ValidationError:
            return f"Line {number} is not a web address: “{link[:80]}”."
    return ""


class LockedError(ValidationError):
    """A signed-off return is part of the programme's record and cannot change."""


class Reporting(models.TextChoices):
    QUARTERLY = "quarterly", "Quarterly"
    HALF_YEARLY = "half-yearly", "Half-yearly"
    ANNUALLY = "annually", "Annually"


class Programme(Record):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="programmes"
    )
    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, related_name="programmes", help_text="overseen by"
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)  # its address: /programmes/<slug>/
    start_date = models.DateField()
    end_date = models.DateField()
    reporting = models.CharField(
        max_length=20, choices=Reporting.choices, default=Reporting.QUARTERLY
    )
    description = models.TextField(blank=True)  # Markdown
    funder = models.CharField(max_length=200, blank=True)  # "Ministry of Housing, …"
    agreement = models.CharField(max_length=200, blank=True)  # "Memorandum of understanding"
    agreement_url = models.URLField(blank=True)
    grant_amount = models.DecimalField(  # pounds
        max_digits=14, decimal_places=2, null=True, blank=True
    )
    is_public = models.BooleanField(default=True)
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="the previous programme, to compare with",
    )
    # The result as the funder was told it, for a programme whose KPIs are not all held here
    # (the example's 2018/19 programme: "48 of 50 targets met or exceeded").
    reported_achieved = models.PositiveSmallIntegerField(null=True, blank=True)
    reported_total = models.PositiveSmallIntegerField(null=True, blank=True)
    reported_source = models.URLField(blank=True)
    # Programme managers sign returns off: a role on top of officer, held per programme.
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="managed_programmes"
    )

    class Meta:
        ordering = ["board_id", "-start_date"]

    def __str__(self) -> str:
        return self.name

    @property
    def span(self) -> Span:
        return Span(self.start_date, self.end_date)

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise ValidationError({"end_date": "The programme must end after it starts."})
        if (self.reported_achieved is None) != (self.reported_total is None):
            raise ValidationError(
                {"reported_total": "Give both the targets met and the targets in all, or neither."}
            )
        achieved, total = self.reported_achieved, self.reported_total
        if achieved is not None and total is not None and achieved > total:
            raise ValidationError(
                {"reported_achieved": "More targets cannot be met than there were."}
            )
        if self.previous_id and self.previous_id == self.pk:
            raise ValidationError({"previous": "A programme cannot follow itself."})
        if self.previous and self.start_date and self.previous.end_date >= self.start_date:
            raise ValidationError(
                {"previous": "The previous programme must end before this one starts."}
            )


class ThemeKind(models.TextChoices):
    BUILDING_BLOCK = "building block", "Building block"
    PRIORITY = "priority", "Priority theme"


class Theme(Record):
    """A building block or priority theme, with a lead member of the board and an officer."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="themes")
    kind = models.CharField(max_length=20, choices=ThemeKind.choices, default=ThemeKind.PRIORITY)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    lead_member = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    officer_lead = models.ForeignKey(
        Officer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["programme_id", "position", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.lead_member_id and self.programme_id:
            programme = self.programme
            sits = self.lead_member.memberships.filter(board_id=programme.board_id)  # type: ignore[union-attr]
            if not any(
                m.first_day <= programme.end_date and m.last_day >= programme.start_date
                for m in sits.select_related("term")
            ):
                raise ValidationError(
                    {
                        "lead_member": f"{self.lead_member} does not sit on "
                        f"{programme.board.name} during the programme."
                    }
                )


class ReportingPeriod(Record):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="periods")
    name = models.CharField(max_length=60)  # "Quarter 2 (July to September 2019)"
    start_date = models.DateField()
    end_date = models.DateField()

    class Meta:
        ordering = ["programme_id", "start_date"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "start_date"], name="one_period_per_start")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def span(self) -> Span:
        return Span(self.start_date, self.end_date)


class TimeframeKind(models.TextChoices):
    BY_DATE = "by date", "By a date"
    RANGE = "range", "Between two dates"
    ONGOING = "ongoing", "Ongoing"
    RECURRING = "recurring", "Recurring"


class Output(Record):
    """A deliverable of the programme, with one or more KPIs."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="outputs")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="outputs")
    reference = models.CharField(max_length=20, blank=True)  # "1.3", as the agreement numbers
    description = models.TextField()
    timeframe = models.CharField(
        max_length=20, choices=TimeframeKind.choices, default=TimeframeKind.ONGOING
    )
    timeframe_start = models.DateField(null=True, blank=True)
    timeframe_end = models.DateField(null=True, blank=True)
    timeframe_note = models.CharField(max_length=100, blank=True)  # "every month"
    officer_lead = models.ForeignKey(  # enters the returns
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_outputs",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["programme_id", "theme__position", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.reference} {self.description}".strip()

    def timeframe_text(self) -> str:
        def day(value: dt.date | None) -> str:
            return f"{value:%-d %B %Y}" if value else ""

        if self.timeframe == TimeframeKind.BY_DATE:
            return f"By {day(self.timeframe_end)}"
        if self.timeframe == TimeframeKind.RANGE:
            return f"{day(self.timeframe_start)} to {day(self.timeframe_end)}"
        if self.timeframe == TimeframeKind.RECURRING:
            return self.timeframe_note.capitalize() or "Recurring"
        return "Ongoing"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.theme_id and self.programme_id and self.theme.programme_id != self.programme_id:
            errors["theme"] = "Choose a theme of this programme."
        if self.timeframe == TimeframeKind.BY_DATE and not self.timeframe_end:
            errors["timeframe_end"] = "Give the date the output is due by."
        if self.timeframe == TimeframeKind.RANGE:
            if not self.timeframe_start:
                errors["timeframe_start"] = "Give the date the output starts."
            if not self.timeframe_end:
                errors["timeframe_end"] = "Give the date the output ends."
            elif self.timeframe_start and self.timeframe_end < self.timeframe_start:
                errors["timeframe_end"] = "The output must end on or after it starts."
        if self.timeframe == TimeframeKind.RECURRING and not self.timeframe_note:
            errors["timeframe_note"] = "Say how often, for example “every month”."
        if errors:
            raise ValidationError(errors)


class Kpi(Record):
    output = models.ForeignKey(Output, on_delete=models.CASCADE, related_name="kpis")
    description = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=[(k.value, k.value.capitalize()) for k in Kind])
    target = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    unit = models.CharField(max_length=60, blank=True)  # "peer challenges", "councillors", "£"
    direction = models.CharField(
        max_length=20,
        choices=[(d.value, d.value.capitalize()) for d in Direction],
        default=Direction.AT_LEAST.value,
    )
    accumulation = models.CharField(
        max_length=20,
        choices=[(a.value, a.value.capitalize()) for a in Accumulation],
        default=Accumulation.CUMULATIVE.value,
    )
    due_date = models.DateField(null=True, blank=True)  # a milestone's
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["output_id", "position", "pk"]
        verbose_name = "KPI"

    def __str__(self) -> str:
        return self.description

    def target_text(self) -> str:
        if self.kind == Kind.MILESTONE:
            return f"Delivered by {self.due_date:%-d %B %Y}" if self.due_date else "Delivered"
        amount = f"{self.target.normalize():f}" if self.target is not None else "?"
        words = " ".join(part for part in (self.direction, amount, self.unit) if part)
        if self.accumulation == Accumulation.PER_PERIOD:
            words += " each period"
        return words[0].upper() + words[1:]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kind == Kind.QUANTITATIVE:
            if self.target is None:
                errors["target"] = "Give the target a quantitative KPI is measured against."
            elif self.target < 0:
                errors["target"] = "The target cannot be negative."
        elif self.kind == Kind.MILESTONE and self.target is not None:
            errors["target"] = "A milestone is delivered or not: it has no target number."
        if self.due_date and self.kind != Kind.MILESTONE:
            errors["due_date"] = "Only a milestone has a due date."
        if errors:
            raise ValidationError(errors)


class ReturnStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for sign-off"
    SIGNED_OFF = "signed off", "Signed off"


class Return(Record):
    """What an output achieved in a reporting period: an actual per KPI, a commentary and
    evidence. Locked once signed off; a correction is the next version, with a reason."""

    output = models.ForeignKey(Output, on_delete=models.PROTECT, related_name="returns")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="returns")
    version = models.PositiveSmallIntegerField(default=1)
    correction_reason = models.TextField(blank=True)
    commentary = models.TextField(blank=True)  # Markdown
    evidence = models.TextField(blank=True)  # one web address per line
    status = models.CharField(
        max_length=20, choices=ReturnStatus.choices, default=ReturnStatus.DRAFT
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["output_id", "period__start_date", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["output", "period", "version"], name="one_return_version"
            )
        ]

    def __str__(self) -> str:
        suffix = f" (correction {self.version - 1})" if self.version > 1 else ""
        return f"{self.output}: {self.period}{suffix}"

    @property
    def is_locked(self) -> bool:
        return self.status == ReturnStatus.SIGNED_OFF

    def evidence_links(self) -> list[str]:
        return [line.strip() for line in self.evidence.splitlines() if line.strip()]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        problem = first_bad_link(self.evidence)
        if problem:
            errors["evidence"] = problem
        if self.version > 1 and not self.correction_reason.strip():
            errors["correction_reason"] = "Say why the signed-off return is corrected."
        if (
            self.period_id
            and self.output_id
            and self.period.programme_id != self.output.programme_id
        ):
            errors["period"] = "Choose a reporting period of the output's programme."
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            stored = Return.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == ReturnStatus.SIGNED_OFF:
                raise LockedError("This return is signed off; correct it with a new version.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.is_locked:
            raise LockedError("This return is signed off and cannot be deleted.")
        return super().delete(*args, **kwargs)


class Actual(Record):
    """The actual for one KPI in a return: an amount, or whether a milestone was delivered."""

    return_record = models.ForeignKey(Return, on_delete=models.CASCADE, related_name="actuals")
    kpi = models.ForeignKey(Kpi, on_delete=models.PROTECT, related_name="actuals")
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    delivered = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["return_record_id", "kpi__position", "kpi_id"]
        constraints = [
            models.UniqueConstraint(fields=["return_record", "kpi"], name="one_actual_per_kpi")
        ]

    def __str__(self) -> str:
        return f"{self.kpi}: {self.reported}"

    @property
    def reported(self) -> Any:
        return self.delivered if self.kpi.kind == Kind.MILESTONE else self.value

    def save(self, *args: Any, **kwargs: Any) -> None:
        if Return.objects.filter(pk=self.return_record_id, status=ReturnStatus.SIGNED_OFF).exists():
            raise LockedError("This return is signed off; correct it with a new version.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.return_record.is_locked:
            raise LockedError("This return is signed off and cannot be changed.")
        return super().delete(*args, **kwargs)


class StatusOverride(Record):
    """A status set by hand for a KPI in a period, replacing the computed one, with a reason."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="overrides")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        max_length=20, choices=[(s.value, s.value.capitalize()) for s in Status]
    )
    reason = models.TextField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["kpi_id", "period__start_date"]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "period"], name="one_override_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.kpi} in {self.period}: {self.status}"

    def clean(self) -> None:
        if not self.reason.strip():
            raise ValidationError({"reason": "Say why the computed status is overridden."})


class ImprovementActivity(Record):
    """An entry of another board's improvement activity, collected for a meeting cycle of the
    overseeing board and compiled into a report (the example's item 9)."""

    board = models.ForeignKey(  # the overseeing board it is reported to
        Board, on_delete=models.CASCADE, related_name="improvement_activity"
    )
    meeting = models.ForeignKey(  # the meeting cycle it is collected for
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_board = models.ForeignKey(  # when that board is held in Minuted
        Board, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_board_name = models.CharField(
        max_length=200
    )  # as printed: "Children and Young People Board"
    programme_area = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=300)
    text = models.TextField()  # Markdown
    date = models.DateField(null=True, blank=True)
    links = models.TextField(blank=True)  # one web address per line
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["board_id", "meeting_id", "position", "pk"]
        verbose_name_plural = "improvement activity"

    def __str__(self) -> str:
        return f"{self.source_board_name}: {self.title}"

    def clean(self) -> None:
        problem = first_bad_link(self.links)
        if problem:
            raise ValidationError({"links": problem})
