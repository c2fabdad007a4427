"""Admin pages: the service catalogue administrators extend; every save is audited.

Services delivered and appointments are written only through the case pages (services.py).
"""

from __future__ import annotations

from django.contrib import admin

from approdo.core.admin import AuditedModelAdmin
from approdo.interventions.models import ServiceType


@admin.register(ServiceType)
class ServiceTypeAdmin(AuditedModelAdmin):
    list_display = ("name_it", "name_en", "area", "code", "fami_output", "active", "position")
    list_editable = ("fami_output", "active", "position")
    list_filter = ("area", "fami_output", "active")
    search_fields = ("name_it", "name_en", "code")
    autocomplete_fields = ("area",)
