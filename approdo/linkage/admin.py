"""Admin pages of the linkage: the runs and their figures, read-only (runs are made by the
relink_people command; clusters change only through a run)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from approdo.linkage.models import LinkRun


@admin.register(LinkRun)
class LinkRunAdmin(admin.ModelAdmin):
    list_display = ("started_at", "kind", "records", "clusters", "compared_pairs", "linked_pairs")
    list_filter = ("kind",)
    readonly_fields = [f.name for f in LinkRun._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
