"""Audit rows are visible to administrators and editable by nobody."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from approdo.audit.models import AccessLog, AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("occurred_at", "actor_label", "action", "target_label", "node")
    list_filter = ("action",)
    search_fields = ("action", "actor_label", "target_label", "target_id")
    date_hierarchy = "occurred_at"


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ("occurred_at", "user", "record_type", "record_id", "node", "purpose")
    list_filter = ("record_type",)
    search_fields = ("record_type", "record_id", "user__username")
    date_hierarchy = "occurred_at"
