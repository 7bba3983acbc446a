"""Django admin for programmes. Returns are kept through the services (sign-off locks them),
so the admin shows them read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from minuted.programme.models import (
    Actual,
    ImprovementActivity,
    Kpi,
    Output,
    Programme,
    ReportingPeriod,
    Return,
    StatusOverride,
    Theme,
)


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0
    fields = ("position", "kind", "name", "lead_member", "officer_lead")


class PeriodInline(admin.TabularInline):
    model = ReportingPeriod
    extra = 0
    fields = ("name", "start_date", "end_date")


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "board", "start_date", "end_date", "is_public")
    list_filter = ("board", "is_public")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("managers",)
    inlines = [ThemeInline, PeriodInline]


class KpiInline(admin.TabularInline):
    model = Kpi
    extra = 0
    fields = (
        "position",
        "description",
        "kind",
        "target",
        "unit",
        "direction",
        "accumulation",
        "due_date",
    )


@admin.register(Output)
class OutputAdmin(admin.ModelAdmin):
    list_display = ("__str__", "programme", "theme", "officer_lead")
    list_filter = ("programme", "theme")
    inlines = [KpiInline]


class ActualInline(admin.TabularInline):
    model = Actual
    extra = 0
    fields = ("kpi", "value", "delivered")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Return)
class ReturnAdmin(admin.ModelAdmin):
    list_display = ("__str__", "status", "entered_by", "signed_off_by")
    list_filter = ("status", "output__programme")
    inlines = [ActualInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [field.name for field in Return._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(StatusOverride)
class StatusOverrideAdmin(admin.ModelAdmin):
    list_display = ("kpi", "period", "status", "set_by")


@admin.register(ImprovementActivity)
class ImprovementActivityAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("title", "source_board_name", "board", "meeting", "date")
    list_filter = ("board", "source_board_name")
