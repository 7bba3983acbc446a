"""An officer's report in the board's standard template, held as structured data."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from minuted.core.models import Record
from minuted.governance.models import Officer
from minuted.meetings.models import AgendaItem


class Purpose(models.TextChoices):
    """The first line of a report."""

    FOR_INFORMATION = "information", "For information."
    FOR_DISCUSSION = "discussion", "For discussion."
    FOR_DIRECTION = "direction", "For direction."
    FOR_DECISION = "decision", "For decision."
    FOR_DISCUSSION_AND_DECISION = "discussion_decision", "For discussion and decision."
    FOR_DISCUSSION_AND_DIRECTION = "discussion_direction", "For discussion and direction."


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    READY = "ready", "Ready for publication"


class StandardSection(models.TextChoices):
    """Sections a board may require in every report."""

    NONE = "", "—"
    WALES = "wales", "Implications for Wales"
    FINANCIAL = "financial", "Financial implications"
    EQUALITIES = "equalities", "Equalities implications"
    ENVIRONMENTAL = "environmental", "Environmental considerations"
    NEXT_STEPS = "next_steps", "Next steps"


class Report(Record):
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="reports")
    position = models.PositiveSmallIntegerField(default=0)  # an item may have several reports
    title = models.CharField(max_length=300)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    status = models.CharField(
        max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    purpose = models.CharField(
        max_length=30, choices=Purpose.choices, default=Purpose.FOR_INFORMATION
    )
    summary = models.TextField(blank=True)  # Markdown
    recommendations_intro = models.CharField(max_length=300, blank=True)
    # One recommendation per line, numbered when rendered (Markdown within a line).
    recommendations = models.TextField(blank=True)
    actions = models.TextField(blank=True)  # Markdown
    # Set when a published pack first includes the report; from then on each change is a
    # numbered revision with a reason.
    published_version = models.PositiveIntegerField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)
    # Who saved the report last: named when a later save from an older form is refused
    # (optimistic locking, core/concurrency.py).
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["agenda_item__meeting", "agenda_item__position", "position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_version is not None

    @property
    def recommendation_lines(self) -> list[str]:
        return [line.strip() for line in self.recommendations.splitlines() if line.strip()]


class ReportContact(Record):
    """A contact officer printed at the top of the report (copied, so it stays as published)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="contacts")
    position = models.PositiveSmallIntegerField(default=0)
    officer = models.ForeignKey(
        Officer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=200)
    job_title = models.CharField("position", max_length=200, blank=True)
    phone = models.CharField(max_length=60, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["report", "position", "id"]

    def __str__(self) -> str:
        return self.name


class ReportSection(Record):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(default=0)
    heading = models.CharField(max_length=200)
    standard = models.CharField(
        max_length=20, choices=StandardSection.choices, blank=True, default=""
    )

    class Meta:
        ordering = ["report", "position", "id"]

    def __str__(self) -> str:
        return self.heading


class ReportParagraph(Record):
    """A numbered paragraph (or sub-paragraph, or an unnumbered table) within a section.

    Numbers are computed across the whole report when it is rendered (1., 2., 4.1 …)."""

    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveSmallIntegerField(default=0)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    text = models.TextField(blank=True)  # Markdown
    # A table instead of text: {"caption": str, "header": [str], "rows": [[str]]}.
    table = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["section", "position", "id"]

    def __str__(self) -> str:
        return (self.text or "table")[:60]

    def clean(self) -> None:
        if self.parent_id and self.parent:
            if self.parent.section_id != self.section_id:
                raise ValidationError({"parent": "A sub-paragraph stays in its section."})
            if self.parent.table is not None or self.parent.parent_id:
                raise ValidationError(
                    {"parent": "A sub-paragraph belongs under a numbered paragraph."}
                )
        if self.table is not None and self.parent_id:
            raise ValidationError(
                {"table": "A table is not numbered, so it cannot be a sub-paragraph."}
            )


class Appendix(Record):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="appendices")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)  # Markdown

    class Meta:
        ordering = ["report", "position", "id"]
        verbose_name_plural = "appendices"

    def __str__(self) -> str:
        return self.title


class BackgroundPaper(Record):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="background_papers")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["report", "position", "id"]

    def __str__(self) -> str:
        return self.title


class ReportRevision(Record):
    """A change to a report after a pack containing it was published: who, why, and the
    report's content afterwards."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    reason = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    content = models.JSONField()

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="one_revision_number"),
        ]

    def __str__(self) -> str:
        return f"{self.report} revision {self.number}"
