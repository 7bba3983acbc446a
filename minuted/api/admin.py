"""API tokens in the Django admin, for administrators: who holds which, when each was last
used, and revoking. Tokens are issued at /manage/me/api-tokens/ or with ``minuted api_token
create``, which show the token once; the admin never can, as only its digest is kept."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from minuted.api.models import ApiToken
from minuted.api.tokens import revoke_token


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "name", "owner", "board", "created", "last_used", "revoked_at")
    list_filter = ("revoked_at", "board")
    search_fields = ("name", "prefix", "owner__email")
    readonly_fields = ("prefix", "name", "owner", "board", "created", "last_used", "revoked_at")
    exclude = ("digest",)
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # issued on the owner's screen or by the command, which show it once

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        revoked = sum(revoke_token(token, by=request.user) for token in queryset)
        self.message_user(request, f"{revoked} token(s) revoked.", messages.SUCCESS)
