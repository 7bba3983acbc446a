from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from minuted.core.models import Record
from minuted.governance.models import Board
from minuted.papers.models.report import StandardSection


class BoardReportSettings(Record):
    """The standard sections every report to a board must have (e.g. Financial implications,
    Implications for Wales), chosen by its clerk."""

    board = models.OneToOneField(Board, on_delete=models.CASCADE, related_name="report_settings")
    # Values of StandardSection, in the order they appear at the end of a report.
    required_sections = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "report settings"
        verbose_name_plural = "report settings"

    def __str__(self) -> str:
        return f"Report settings for {self.board}"

    def clean(self) -> None:
        allowed = {c for c in StandardSection.values if c}
        unknown = [s for s in self.required_sections or [] if s not in allowed]
        if unknown:
            raise ValidationError(
                {"required_sections": f"Unknown standard sections: {', '.join(unknown)}."}
            )
