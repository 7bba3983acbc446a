from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from minuted.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read only: the trail is for reading, and the model refuses changes anyway."""

    list_display = ("when", "who_label", "action", "object_type", "object_label", "summary")
    list_filter = ("action", "object_type", ("when", admin.DateFieldListFilter))
    search_fields = ("who_label", "object_label", "summary", "object_uid")
    date_hierarchy = "when"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(getattr(request.user, "is_administrator", False))
