"""Admin pages of plans: read-only, for support (every write goes through services)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from approdo.plans.models import Plan, PlanVersion


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ("case", "node", "started_on")


@admin.register(PlanVersion)
class PlanVersionAdmin(ReadOnlyAdmin):
    list_display = ("plan", "number", "status", "approved_at", "next_review_on")
    list_filter = ("status",)
