from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from minuted.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Accounts are deactivated, never deleted: minutes, publications and the audit trail name
    the people who made them."""

    list_display = ("email", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    actions = ["deactivate"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Minuted", {"fields": ("role",)}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "username", "role", "password1", "password2"),
            },
        ),
    )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Deactivate the selected accounts (they can no longer sign in)")
    def deactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        count = 0
        for user in queryset.filter(is_active=True):
            user.is_active = False
            user.save()  # one save each, so the audit trail records each account
            count += 1
        self.message_user(request, f"{count} account(s) deactivated.", messages.SUCCESS)
