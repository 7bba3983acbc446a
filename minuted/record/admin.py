from django.contrib import admin

from minuted.record.models import (
    Action,
    Attendance,
    Decision,
    Declaration,
    MinuteItem,
    Minutes,
    OtherAttendee,
    RegisterEntry,
)


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ("membership", "meeting", "status", "substitute_for")
    list_filter = ("status", "meeting__board")


admin.site.register(OtherAttendee)
admin.site.register(Declaration)
admin.site.register(RegisterEntry)
admin.site.register(Minutes)
admin.site.register(MinuteItem)
admin.site.register(Decision)


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ("text", "owner_role", "due_on", "done_on")
