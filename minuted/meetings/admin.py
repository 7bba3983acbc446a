from django.contrib import admin

from minuted.meetings.models import AgendaItem, Meeting, PublicationRule


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ("position", "parent", "title", "kind", "presenter", "exempt", "exempt_paragraph")
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
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
