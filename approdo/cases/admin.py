"""Cases in the admin. The referral catalogue (external services) is edited here; case
records are read-only: they are written through the app's services, which check scope, keep
the timeline and write the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from approdo.cases.models import (
    BreakGlassAccess,
    Case,
    CaseEvent,
    CaseTeamMember,
    ExternalService,
    Referral,
    Transfer,
)
from approdo.core.admin import AuditedModelAdmin

TIMESTAMPS = ("created_at", "updated_at")


@admin.register(ExternalService)
class ExternalServiceAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "region", "municipality", "phone", "active")
    list_filter = ("region", "kind", "active")
    list_select_related = ("region", "municipality")
    search_fields = ("name", "contact_person", "address", "email")
    autocomplete_fields = ("municipality",)
    readonly_fields = TIMESTAMPS


class ReadOnlyAdmin(AuditedModelAdmin):
    """Viewable by those with the admin's view permission; no adding, changing or deleting."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def audit_node_id(self, obj: Any) -> int | None:
        case = obj if isinstance(obj, Case) else getattr(obj, "case", None)
        return case.hub_id if case is not None else None


class TeamInline(admin.TabularInline):
    model = CaseTeamMember
    extra = 0
    can_delete = False
    fields = ("user", "role", "node", "since", "until")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    # No names in the list: the admin is for structure, the app for people's data.
    list_display = ("reference", "hub", "origin_node", "stage", "access_channel", "opened_on")
    list_filter = ("stage", "access_channel", "hub__region")
    list_select_related = ("hub", "origin_node")
    search_fields = ("reference",)
    date_hierarchy = "opened_on"
    fields = (
        "reference",
        "hub",
        "origin_node",
        "stage",
        "suspended_from",
        "access_channel",
        "internal_source",
        "external_body_kind",
        "opened_on",
        "closed_on",
        "closure_outcome",
        "version",
    )
    readonly_fields = fields
    inlines = (TeamInline,)


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "case", "kind", "node", "actor")
    list_filter = ("kind",)
    list_select_related = ("case", "node", "actor")
    search_fields = ("case__reference",)
    fields = ("case", "at", "actor", "node", "kind", "from_stage", "to_stage")
    readonly_fields = fields


@admin.register(BreakGlassAccess)
class BreakGlassAccessAdmin(ReadOnlyAdmin):
    list_display = ("opened_at", "case", "user", "expires_at", "reviewed_at")
    list_select_related = ("case", "user")
    search_fields = ("case__reference",)
    fields = ("case", "user", "justification", "opened_at", "expires_at", "reviewed_by")
    readonly_fields = (*fields, "reviewed_at")


@admin.register(Referral)
class ReferralAdmin(ReadOnlyAdmin):
    list_display = ("case", "from_node", "to_node", "to_external", "status", "due_on")
    list_filter = ("status",)
    list_select_related = ("case", "from_node", "to_node", "to_external")
    search_fields = ("case__reference",)
    fields = ("case", "from_node", "to_node", "to_external", "area", "status", "due_on")
    readonly_fields = fields


@admin.register(Transfer)
class TransferAdmin(ReadOnlyAdmin):
    list_display = ("case", "from_hub", "to_hub", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("case", "from_hub", "to_hub")
    search_fields = ("case__reference",)
    fields = ("case", "from_hub", "to_hub", "status", "decided_at")
    readonly_fields = fields
