"""Admin pages: sites with their rooms and beds, and the list of exit reasons; every save is
audited. Placements, requests and autonomy records are written only through the pages
(services), so the nights of each bed stay in step with its placements."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from approdo.core.admin import AuditedModelAdmin
from approdo.housing.models import Bed, ExitReason, Room, Site


class RoomInline(admin.TabularInline[Room, Site]):
    model = Room
    extra = 0
    show_change_link = True


class BedInline(admin.TabularInline[Bed, Room]):
    model = Bed
    extra = 0


@admin.register(Site)
class SiteAdmin(AuditedModelAdmin):
    list_display = (
        "name",
        "kind",
        "hub",
        "municipality",
        "available_from",
        "available_until",
        "active",
    )
    list_filter = ("kind", "active", "hub__region")
    search_fields = ("name", "address", "hub__code", "hub__name")
    autocomplete_fields = ("hub", "managing_body", "municipality")
    inlines = [RoomInline]

    def audit_node_id(self, obj: Any) -> int | None:
        return obj.hub_id


@admin.register(Room)
class RoomAdmin(AuditedModelAdmin):
    list_display = ("name", "site", "gender")
    list_filter = ("gender", "site__hub")
    search_fields = ("name", "site__name")
    autocomplete_fields = ("site",)
    inlines = [BedInline]

    def audit_node_id(self, obj: Any) -> int | None:
        return obj.site.hub_id


@admin.register(Bed)
class BedAdmin(AuditedModelAdmin):
    list_display = ("label", "room", "accessible", "active")
    list_filter = ("accessible", "active", "room__site__hub")
    search_fields = ("label", "room__name", "room__site__name")
    autocomplete_fields = ("room",)

    def audit_node_id(self, obj: Any) -> int | None:
        return obj.room.site.hub_id


@admin.register(ExitReason)
class ExitReasonAdmin(AuditedModelAdmin):
    list_display = ("name_it", "name_en", "code", "active", "position")
    list_editable = ("active", "position")
    search_fields = ("name_it", "name_en", "code")
