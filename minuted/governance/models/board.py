from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from minuted.core.models import Record
from minuted.governance.models.organisation import Officer, Organisation, PoliticalGroup
from minuted.governance.rules import QuorumRule


class Term(Record):
    """A year of appointments ("municipal year"), e.g. 2019/20, shared by an organisation's
    boards. Memberships and seat allocations are made for a term."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="terms")
    name = models.CharField(max_length=40)  # as people write it: "2019/20"
    slug = models.SlugField()  # as URLs write it: "2019-20"
    start_date = models.DateField()
    end_date = models.DateField()

    class Meta:
        ordering = ["organisation", "-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="term_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "A term cannot end before it starts."})

    def contains(self, day: dt.date) -> bool:
        return self.start_date <= day <= self.end_date


class Board(Record):
    """A board or committee: a body of members that meets to consider business."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="boards")
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    slug = models.SlugField()
    purpose = models.TextField(blank=True)
    # Markdown, numbered paragraphs as the board agreed them; rendered sanitised.
    terms_of_reference = models.TextField(blank=True)
    contact_officer = models.ForeignKey(
        Officer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hashtag = models.CharField(max_length=60, blank=True)
    clerks = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="clerked_boards"
    )

    # The quorum rule (domain-rules.md §3): a fraction of the membership rounded up, an optional
    # minimum head-count, and a minimum number of distinct political groups present.
    quorum_numerator = models.PositiveSmallIntegerField(default=1)
    quorum_denominator = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1)]
    )
    quorum_minimum_headcount = models.PositiveSmallIntegerField(null=True, blank=True)
    quorum_minimum_groups = models.PositiveSmallIntegerField(default=2)
    observers_count_towards_membership = models.BooleanField(default=False)

    meetings_per_year = models.PositiveSmallIntegerField(default=5)
    annual_report_to = models.CharField(max_length=200, blank=True)  # e.g. "LGA Executive"
    annual_report_month = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="board_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.quorum_denominator and self.quorum_numerator > self.quorum_denominator:
            raise ValidationError(
                {"quorum_numerator": "The quorum cannot be more than the whole membership."}
            )
        if self.quorum_numerator == 0:
            raise ValidationError({"quorum_numerator": "The quorum must be more than nothing."})

    @property
    def annual_report_month_name(self) -> str:
        return calendar.month_name[self.annual_report_month] if self.annual_report_month else ""

    @property
    def quorum_rule(self) -> QuorumRule:
        return QuorumRule(
            numerator=self.quorum_numerator,
            denominator=self.quorum_denominator,
            minimum_headcount=self.quorum_minimum_headcount,
            minimum_groups=self.quorum_minimum_groups,
            observers_count=self.observers_count_towards_membership,
        )


class SeatAllocation(Record):
    """Seats a political group holds on a board for a term, observers included where the
    parent body's conventions count them (the example board: 8/8/3/3)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="seat_allocations")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(PoliticalGroup, on_delete=models.PROTECT, related_name="+")
    seats = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["board", "term", "group__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "term", "group"], name="one_allocation_per_group"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.seats} on {self.board} {self.term}"
