"""Declarations of interest at meetings and members' registers of interests (rules §5)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from minuted.core.models import Record
from minuted.governance.models import Membership, Person
from minuted.meetings.models import AgendaItem
from minuted.record.models.minutes import Minutes

DISPENSATION_MAXIMUM = dt.timedelta(days=4 * 365 + 1)  # at most four years


class InterestKind(models.TextChoices):
    DISCLOSABLE_PECUNIARY = "dpi", "Disclosable pecuniary interest"
    OTHER_REGISTRABLE = "other_registrable", "Other registrable interest"
    NON_REGISTRABLE = "non_registrable", "Non-registrable interest"


class Declaration(Record):
    """A member's declaration of interest in an agenda item."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="declarations")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=InterestKind.choices)
    description = models.TextField()
    left_the_room = models.BooleanField(default=False)
    # A dispensation lets the member take part despite the interest (granted by the monitoring
    # officer or standards committee; Localism Act 2011 s.33), for at most four years.
    dispensation_granted_on = models.DateField(null=True, blank=True)
    dispensation_grounds = models.TextField(blank=True)
    dispensation_expires_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["item__position", "membership__person__family_name"]

    def __str__(self) -> str:
        return f"{self.membership.person}: {self.get_kind_display()} in {self.item}"

    def check_editable(self) -> None:
        """A declaration is part of the minutes: once they are approved it cannot change."""
        minutes = Minutes.objects.filter(meeting_id=self.item.meeting_id).first()
        if minutes is not None:  # read afresh: approval may have come since it was loaded
            minutes.check_editable()

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.check_editable()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self.check_editable()
        return super().delete(*args, **kwargs)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        has_dispensation = bool(self.dispensation_granted_on or self.dispensation_grounds)
        if has_dispensation:
            if not (self.dispensation_granted_on and self.dispensation_expires_on):
                errors["dispensation_expires_on"] = (
                    "Give when the dispensation was granted and when it expires."
                )
            elif not self.dispensation_grounds.strip():
                errors["dispensation_grounds"] = "Give the grounds for the dispensation."
            elif self.dispensation_expires_on - self.dispensation_granted_on > DISPENSATION_MAXIMUM:
                errors["dispensation_expires_on"] = "A dispensation lasts at most four years."
        if errors:
            raise ValidationError(errors)

    @property
    def excludes_from_item(self) -> bool:
        """A member with a disclosable pecuniary interest and no dispensation who leaves does
        not count towards the item's quorum, and may not discuss or vote."""
        return (
            self.kind == InterestKind.DISCLOSABLE_PECUNIARY
            and self.left_the_room
            and not self.has_valid_dispensation
        )

    @property
    def bars_from_voting(self) -> bool:
        """A member with a disclosable pecuniary interest may neither discuss nor vote on the
        item unless a dispensation covers the meeting (Localism Act 2011 s.31(4)), whether or
        not they left the room."""
        return self.kind == InterestKind.DISCLOSABLE_PECUNIARY and not self.has_valid_dispensation

    @property
    def has_valid_dispensation(self) -> bool:
        meeting_day = self.item.meeting.date
        return bool(
            self.dispensation_granted_on
            and self.dispensation_expires_on
            and self.dispensation_granted_on <= meeting_day <= self.dispensation_expires_on
        )


class RegisterCategory(models.TextChoices):
    """The categories of SI 2012/1464 (disclosable pecuniary interests), then others."""

    EMPLOYMENT = "employment", "Employment, office, trade, profession or vocation"
    SPONSORSHIP = "sponsorship", "Sponsorship"
    CONTRACTS = "contracts", "Contracts"
    LAND = "land", "Land"
    LICENCES = "licences", "Licences"
    CORPORATE_TENANCIES = "corporate_tenancies", "Corporate tenancies"
    SECURITIES = "securities", "Securities"
    OTHER = "other", "Other registrable interest"


class RegisterEntry(Record):
    """An entry in a member's register of interests. Sensitive entries (Localism Act 2011
    s.32) are withheld from the public register."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="interests")
    category = models.CharField(max_length=30, choices=RegisterCategory.choices)
    description = models.TextField()
    spouse_or_partner = models.BooleanField(default=False)  # the interest is the partner's
    registered_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    sensitive = models.BooleanField(default=False)

    class Meta:
        ordering = ["person", "category", "registered_on"]
        verbose_name_plural = "register entries"

    def __str__(self) -> str:
        return f"{self.person}: {self.get_category_display()}"

    def clean(self) -> None:
        if self.ended_on and self.registered_on and self.ended_on < self.registered_on:
            raise ValidationError(
                {"ended_on": "The interest cannot end before the date it was registered."}
            )


class RegisterChange(Record):
    """The history of a register: every change, by whom, with the entry as it became."""

    entry = models.ForeignKey(RegisterEntry, on_delete=models.PROTECT, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    summary = models.CharField(max_length=300)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["entry", "created"]
