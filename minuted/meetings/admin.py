from django.contrib import admin
from django.db import models

from minuted.meetings.models import AgendaItem, Meeting, PublicationRule


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ("position", "parent", "title", "kind", "presenter", "exempt", "exempt_paragraph")
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    # Links typed without a scheme are https (the default from Django 6).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("board", "date", "start_time", "status", "format")
    list_filter = ("board", "status", "term")
    date_hierarchy = "date"
    inlines = (AgendaItemInline,)


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ("title", "meeting", "position", "kind", "exempt")
    list_filter = ("kind", "exempt", "meeting__board")


@admin.register(PublicationRule)
class PublicationRuleAdmin(admin.ModelAdmin):
    list_display = ("organisation", "clear_days", "calendar", "publish_on_working_days_only")
