"""Admin pages of outreach: the material catalogue administrators extend; the rest read-only.

Every admin save is audited (AuditedModelAdmin). Places, sessions, counts and awareness records
are written through the outreach pages and the field sync (their services check access and
versions), so here they can be looked up but not changed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from approdo.core.admin import AuditedModelAdmin
from approdo.outreach import models


@admin.register(models.AwarenessMaterial)
class AwarenessMaterialAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "active")
    list_editable = ("active",)
    list_filter = ("kind", "active")
    search_fields = ("name", "description")
    filter_horizontal = ("languages",)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(models.Place)
class PlaceAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "municipality", "node", "active")
    list_filter = ("kind", "active")
    search_fields = ("name", "municipality__name")


class HeadcountInline(admin.TabularInline):
    model = models.Headcount
    extra = 0


class OnSpotServiceInline(admin.TabularInline):
    model = models.OnSpotService
    extra = 0


class MaterialHandoutInline(admin.TabularInline):
    model = models.MaterialHandout
    extra = 0


@admin.register(models.OutreachSession)
class OutreachSessionAdmin(ReadOnlyAdmin):
    list_display = ("date", "starts_at", "place", "node", "status")
    list_filter = ("status",)
    date_hierarchy = "date"
    search_fields = ("place__name",)
    inlines = (HeadcountInline, OnSpotServiceInline, MaterialHandoutInline)


@admin.register(models.Headcount)
class HeadcountAdmin(ReadOnlyAdmin):
    list_display = ("session", "sex", "age_band", "nationality", "count")
    list_filter = ("sex", "age_band")


@admin.register(models.FirstContact)
class FirstContactAdmin(ReadOnlyAdmin):
    # Only references: names stay on the case, behind the case pages' access rules.
    list_display = ("session", "case", "created_at")
    fields = ("session", "case", "referral", "recorded_by", "created_at")


@admin.register(models.OnSpotService)
class OnSpotServiceAdmin(ReadOnlyAdmin):
    list_display = ("session", "kind", "people")
    list_filter = ("kind",)


@admin.register(models.MaterialHandout)
class MaterialHandoutAdmin(ReadOnlyAdmin):
    list_display = ("session", "material", "quantity")


@admin.register(models.Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ("name", "node", "starts_on", "ends_on")
    search_fields = ("name",)


@admin.register(models.AwarenessEvent)
class AwarenessEventAdmin(ReadOnlyAdmin):
    list_display = ("title", "date", "node", "audience", "people_reached")
    list_filter = ("audience",)
    date_hierarchy = "date"
    search_fields = ("title", "venue")
