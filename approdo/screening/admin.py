"""Admin of the screening reference lists (indicators, vulnerability factors).

Screenings themselves are written only through the app's services; rows are deactivated,
not deleted, once answers refer to them (PROTECT)."""

from __future__ import annotations

from django.contrib import admin

from approdo.core.admin import AuditedModelAdmin
from approdo.screening.models import Indicator, VulnerabilityFactor


@admin.register(Indicator)
class IndicatorAdmin(AuditedModelAdmin):
    list_display = ("code", "framework", "label_it", "order", "active")
    list_filter = ("framework", "active")
    search_fields = ("code", "label_it", "label_en")
    ordering = ("order", "code")


@admin.register(VulnerabilityFactor)
class VulnerabilityFactorAdmin(AuditedModelAdmin):
    list_display = ("code", "label_it", "order", "active")
    list_filter = ("active",)
    search_fields = ("code", "label_it", "label_en")
    ordering = ("order", "code")
