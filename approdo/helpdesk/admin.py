"""Admin pages of the helpdesk: read-only views of contacts and tasks for administrators.

Contacts are written only through the helpdesk pages (services.py, audited). The way to call
someone back (ReporterContact) is not registered: it never shows in admin lists or pages.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from approdo.helpdesk.models import Contact, HelpdeskTask, Triage


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class TriageInline(admin.TabularInline):
    model = Triage
    extra = 0
    fields = ("created_at", "outcome", "hub", "authority", "external_service", "decided_by")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Contact)
class ContactAdmin(ReadOnlyAdmin):
    list_display = ("reference", "channel", "urgency", "status", "received_at", "out_of_hours")
    list_filter = ("status", "channel", "urgency", "out_of_hours", "anonymous")
    search_fields = ("reference",)
    date_hierarchy = "received_at"
    # No name, message or place in the list: the admin is for oversight, not for reading.
    fields = (
        "reference",
        "channel",
        "received_at",
        "out_of_hours",
        "urgency",
        "anonymous",
        "status",
        "assigned_to",
        "closed_at",
    )
    inlines = [TriageInline]


@admin.register(HelpdeskTask)
class HelpdeskTaskAdmin(ReadOnlyAdmin):
    list_display = ("contact", "kind", "due_at", "assigned_to", "done_at", "automatic")
    list_filter = ("kind", "automatic")
    search_fields = ("contact__reference",)
    fields = ("contact", "kind", "due_at", "note", "assigned_to", "done_at", "done_by", "outcome")
