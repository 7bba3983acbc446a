from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from minuted.core.models import Record
from minuted.core.security import image_kind, read_head, validate_image


class Organisation(Record):
    """A body that owns boards, e.g. the Local Government Association or a council.

    Everything else (boards, people, groups, terms) belongs to one, so that one deployment can
    serve several organisations."""

    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    slug = models.SlugField(unique=True)
    address = models.TextField(blank=True)
    website = models.URLField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    # Shown on the cover of every agenda pack (Markdown): security, fire, access, wi-fi...
    guidance_notes = models.TextField(blank=True)
    social_media_note = models.TextField(blank=True)
    # Carers' allowance under the members' allowances scheme, per hour, shown in packs.
    carers_allowance_hourly = models.DecimalField(
        max_digits=6, decimal_places=2, null=True, blank=True
    )
    carers_allowance_hourly_london = models.DecimalField(
        "carers' allowance at London living wage, per hour",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Authority(Record):
    """A UK local authority, identified by its GSS code (loaded by ``load_authorities``)."""

    code = models.CharField("register code", max_length=8, unique=True)
    # Blank only for authorities abolished before GSS codes existed (Northern Ireland's
    # pre-2015 districts).
    gss_code = models.CharField("GSS code", max_length=9, blank=True)
    name = models.CharField("official name", max_length=200)
    nice_name = models.CharField(max_length=200, blank=True)
    authority_type = models.CharField(max_length=10, blank=True)
    authority_type_name = models.CharField(max_length=100, blank=True)
    nation = models.CharField(max_length=40, blank=True)
    region = models.CharField(max_length=60, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)  # set once the authority was abolished
    replaced_by = models.CharField(max_length=80, blank=True)  # register codes, colon-separated

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "authorities"
        constraints = [
            models.UniqueConstraint(
                fields=["gss_code"], condition=~models.Q(gss_code=""), name="gss_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.end_date is None


class PoliticalGroup(Record):
    """Councillors of one party (or "Independent") acting together on the organisation's boards.

    The group office handles apologies, so its contacts are kept here."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="groups")
    name = models.CharField(max_length=100)
    short_name = models.CharField(max_length=20, blank=True)
    slug = models.SlugField()
    position = models.PositiveSmallIntegerField(default=0)
    group_office_phone = models.CharField(max_length=40, blank=True)
    group_office_email = models.EmailField(blank=True)

    class Meta:
        ordering = ["organisation", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="group_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def group_label(self) -> str:
        """ "Labour Group", as in "Vacancy — Labour Group"."""
        return self.name if self.name.lower().endswith("group") else f"{self.name} Group"


def photo_path(instance: Person, filename: str) -> str:
    """A random name under people/, with the extension of the image's real format: never the
    uploader's file name (OWASP File Upload Cheat Sheet: rename uploads)."""
    kind = image_kind(read_head(instance.photo)) or "bin"  # validate_image has run: an image
    return f"people/{uuid.uuid4().hex}.{kind}"


class Person(Record):
    """Someone who sits on boards: a councillor, or an independent member or observer."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    slug = models.SlugField()
    title = models.CharField(max_length=40, blank=True)  # Cllr, Mayor, Lord, Sir, Mr...
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    honours = models.CharField(max_length=60, blank=True)  # post-nominals: OBE, MBE, CBE, JP
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    # JPEG, PNG or WebP by content, under MINUTED_UPLOAD_MAX_BYTES (core/security.py).
    photo = models.FileField(upload_to=photo_path, blank=True, validators=[validate_image])
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="person_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """ "Cllr Peter Fleming OBE"."""
        parts = [self.title, self.given_name, self.family_name, self.honours]
        return " ".join(p for p in parts if p)

    @property
    def sort_name(self) -> str:
        return f"{self.family_name}, {self.given_name}"


class Officer(Record):
    """A member of staff named as a contact officer, presenter or action owner."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="officers"
    )
    slug = models.SlugField()
    name = models.CharField(max_length=200)
    position = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    mobile = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="officer",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="officer_slug_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.position}" if self.position else self.name
