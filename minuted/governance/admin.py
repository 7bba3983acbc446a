"""Django admin for the governance data: the clerk's own screens come with the meetings issue."""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from minuted.governance.models import (
    Authority,
    Board,
    Champion,
    Membership,
    Officer,
    Organisation,
    OutsideBodyAppointment,
    Person,
    PoliticalGroup,
    PriorityTheme,
    SeatAllocation,
    Term,
)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    # Links typed without a scheme are https (the default from Django 6).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "short_name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ("name", "gss_code", "authority_type_name", "nation", "end_date")
    list_filter = ("nation", "authority_type_name")
    search_fields = ("name", "nice_name", "gss_code", "code")


@admin.register(PoliticalGroup)
class PoliticalGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "group_office_phone", "group_office_email")
    list_filter = ("organisation",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("display_name", "organisation", "email")
    list_filter = ("organisation",)
    search_fields = ("given_name", "family_name", "email")
    prepopulated_fields = {"slug": ("given_name", "family_name")}
    autocomplete_fields = ("user",)


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ("name", "position", "email", "organisation")
    list_filter = ("organisation",)
    search_fields = ("name", "position", "email")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "start_date", "end_date")
    list_filter = ("organisation",)


class SeatAllocationInline(admin.TabularInline):
    model = SeatAllocation
    extra = 0


class PriorityThemeInline(admin.StackedInline):
    model = PriorityTheme
    extra = 0
    autocomplete_fields = ("lead_member", "officer_lead")


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "organisation", "contact_officer")
    list_filter = ("organisation",)
    search_fields = ("name", "short_name")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("clerks",)
    inlines = (SeatAllocationInline, PriorityThemeInline)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "organisation",
                    "name",
                    "short_name",
                    "slug",
                    "purpose",
                    "terms_of_reference",
                    "contact_officer",
                    "hashtag",
                    "clerks",
                )
            },
        ),
        (
            "Quorum",
            {
                "fields": (
                    "quorum_numerator",
                    "quorum_denominator",
                    "quorum_minimum_headcount",
                    "quorum_minimum_groups",
                    "observers_count_towards_membership",
                )
            },
        ),
        (
            "Meetings and reporting",
            {"fields": ("meetings_per_year", "annual_report_to", "annual_report_month")},
        ),
    )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("person", "board", "term", "role", "political_group", "authority")
    list_filter = ("board", "term", "role", "political_group")
    search_fields = ("person__given_name", "person__family_name", "represents")
    autocomplete_fields = ("person", "authority")


@admin.register(Champion)
class ChampionAdmin(admin.ModelAdmin):
    list_display = ("person", "issue", "board", "term")
    autocomplete_fields = ("person",)


@admin.register(OutsideBodyAppointment)
class OutsideBodyAppointmentAdmin(admin.ModelAdmin):
    list_display = ("person", "outside_body", "role", "board", "term")
    autocomplete_fields = ("person",)


@admin.register(SeatAllocation)
class SeatAllocationAdmin(admin.ModelAdmin):
    list_display = ("board", "term", "group", "seats")
    list_filter = ("board", "term")


@admin.register(PriorityTheme)
class PriorityThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "board", "term", "lead_member")
    list_filter = ("board", "term")
    autocomplete_fields = ("lead_member", "officer_lead")
