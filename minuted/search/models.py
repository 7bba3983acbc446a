"""The search index: one row per thing a visitor can find, built only from public data.

Rows are derived — the public editions of the latest published packs and minutes, and the
public governance data — and rebuilt whenever those change (``indexing.py``); nothing here is
ever edited by hand. The full-text part lives beside the table and is not declared on the
model, because it differs by database (migration 0001): an FTS5 table kept in step by
triggers on SQLite, a generated ``tsvector`` column with a GIN index on PostgreSQL."""

from __future__ import annotations

from django.db import models

from minuted.governance.models import Board, Organisation, Person
from minuted.meetings.models import Meeting


class Kind(models.TextChoices):
    REPORT = "report", "Report"
    AGENDA_ITEM = "item", "Agenda item"
    MINUTES = "minutes", "Minutes"
    DECISION = "decision", "Decision"
    PERSON = "person", "Person"
    BOARD = "board", "Board"


class Entry(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The board the entry belongs to: the meeting's board, or the board itself. Blank for a
    # person, who is found under a board through their memberships instead.
    board = models.ForeignKey(Board, on_delete=models.CASCADE, null=True, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, related_name="+")
    # The meeting's date (kept in step when a meeting moves); blank for people and boards,
    # which therefore drop out of a search limited to dates.
    date = models.DateField(null=True)
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True)  # plain text, as the public edition prints it
    label = models.CharField(max_length=60, blank=True)  # "Item 5", "Decision 5.2"
    # Where it is published: the version number (pack or minutes), the pack ("main" or
    # "supplementary") and the reference within the document (report id "r12", item "5").
    version = models.PositiveIntegerField(null=True)
    pack = models.CharField(max_length=20, blank=True)
    ref = models.CharField(max_length=40, blank=True)
    position = models.PositiveIntegerField(default=0)  # order within its meeting

    class Meta:
        verbose_name_plural = "entries"
        indexes = [
            models.Index(fields=["kind", "date"], name="search_entry_kind_date"),
            models.Index(fields=["board", "date"], name="search_entry_board_date"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
