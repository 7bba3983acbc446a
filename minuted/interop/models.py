"""What the OParl API remembers beyond the domain's own rows.

Papers, consultations, agenda items and files exist for the public only inside published
versions (the public edition's frozen JSON and PDF). :class:`OParlEntry` flattens them, one
row per OParl object, so that lists page and filter in SQL and a file's checksum is computed
once; and it keeps what a later version dropped, or a row someone deleted, as a tombstone
(``deleted``) so that harvesters following ``modified_since`` learn of it. The entries are a
cache of the published versions: minuted/interop/oparl/index.py rebuilds a meeting's entries
from them whenever a version newer than the one last indexed exists."""

from __future__ import annotations

from django.db import models

from minuted.meetings.models import Meeting


class OParlType(models.TextChoices):
    BODY = "Body"
    ORGANIZATION = "Organization"
    PERSON = "Person"
    MEMBERSHIP = "Membership"
    LEGISLATIVE_TERM = "LegislativeTerm"
    MEETING = "Meeting"
    LOCATION = "Location"
    AGENDA_ITEM = "AgendaItem"
    PAPER = "Paper"
    CONSULTATION = "Consultation"
    FILE = "File"
    # Facts of a meeting read from its published versions (files, declarations, the note of
    # an inquorate meeting), merged into the Meeting object; never served on its own.
    MEETING_RECORD = "MeetingRecord"


class OParlEntry(models.Model):
    type = models.CharField(max_length=20, choices=OParlType.choices)
    # The last part of the object's id: a uid, or for an agenda item no row matches any more,
    # "<meeting uid>-<number>".
    key = models.CharField(max_length=80)
    body_uid = models.UUIDField()  # the organisation whose lists show the object
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # For a membership's tombstone: the person and board whose objects listed it.
    person_uid = models.UUIDField(null=True, blank=True)
    organization_uid = models.UUIDField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)  # order within the meeting
    data = models.JSONField(default=dict, blank=True)  # what the object is made from
    deleted = models.BooleanField(default=False)
    # When the API first served the object and when it last changed: for harvesters, not the
    # publication dates (a pack loaded with a past publication date is new to them today).
    created = models.DateTimeField()
    modified = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        verbose_name = "OParl entry"
        verbose_name_plural = "OParl entries"
        constraints = [
            models.UniqueConstraint(fields=["type", "key"], name="one_oparl_entry_per_object"),
        ]
        indexes = [models.Index(fields=["type", "body_uid", "modified"])]

    def __str__(self) -> str:
        return f"{self.type} {self.key}{' (deleted)' if self.deleted else ''}"


class OParlMeetingState(models.Model):
    """How far a meeting's entries are indexed, and how agenda items in its published
    versions were matched to agenda item rows (so that an item keeps its id when the agenda
    is renumbered later)."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="+")
    pack_version = models.PositiveIntegerField(default=0)  # newest PackVersion pk indexed
    minutes_version = models.PositiveIntegerField(default=0)  # newest MinutesVersion pk indexed
    # "pack:<version pk>:<item number>" or "minutes:<version pk>:<item number>" -> entry key
    keys = models.JSONField(default=dict, blank=True)
    # The last time a line of the register was deleted: the meeting's participants changed.
    register_changed = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "OParl meeting state"

    def __str__(self) -> str:
        return f"OParl index of {self.meeting_id}"
