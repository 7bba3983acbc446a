from __future__ import annotations

from django.db import models

from minuted.core.models import Record
from minuted.governance.models.board import Board, Term
from minuted.governance.models.organisation import Officer, Person


class PriorityTheme(Record):
    """A priority the board agreed for a term, led by one of its members."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="priority_themes")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    lead_member = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    officer_lead = models.ForeignKey(
        Officer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["board", "term", "position"]

    def __str__(self) -> str:
        return self.name


class Champion(Record):
    """A board member appointed to champion an issue (terms of reference 5.2 in the example)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="champions")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    issue = models.CharField(max_length=200)

    class Meta:
        ordering = ["board", "term", "issue"]

    def __str__(self) -> str:
        return f"{self.person} — {self.issue}"


class OutsideBodyAppointment(Record):
    """A member the board appoints to an outside body (terms of reference 5.1 in the example)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="outside_bodies")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    outside_body = models.CharField(max_length=200)
    role = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["board", "term", "outside_body"]

    def __str__(self) -> str:
        return f"{self.person} on {self.outside_body}"
