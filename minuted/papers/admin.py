from django.contrib import admin

from minuted.papers.models import (
    Appendix,
    BackgroundPaper,
    BoardReportSettings,
    PackVersion,
    Report,
    ReportContact,
    ReportParagraph,
    ReportRevision,
    ReportSection,
)


class ContactInline(admin.TabularInline):
    model = ReportContact
    extra = 0


class SectionInline(admin.TabularInline):
    model = ReportSection
    extra = 0
    show_change_link = True


class AppendixInline(admin.StackedInline):
    model = Appendix
    extra = 0


class BackgroundPaperInline(admin.TabularInline):
    model = BackgroundPaper
    extra = 0


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("title", "agenda_item", "status", "author", "published_version")
    list_filter = ("status", "agenda_item__meeting__board")
    search_fields = ("title",)
    inlines = (ContactInline, SectionInline, AppendixInline, BackgroundPaperInline)


class ParagraphInline(admin.StackedInline):
    model = ReportParagraph
    extra = 0


@admin.register(ReportSection)
class ReportSectionAdmin(admin.ModelAdmin):
    list_display = ("heading", "report", "position")
    inlines = (ParagraphInline,)


@admin.register(ReportRevision)
class ReportRevisionAdmin(admin.ModelAdmin):
    list_display = ("report", "number", "changed_by", "created")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(PackVersion)
class PackVersionAdmin(admin.ModelAdmin):
    """Published packs are read-only: publishing happens on the clerk's meeting screen."""

    list_display = ("meeting", "kind", "number", "published_at", "published_by")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(BoardReportSettings)
class BoardReportSettingsAdmin(admin.ModelAdmin):
    list_display = ("board", "required_sections")
