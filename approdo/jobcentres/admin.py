"""Admin pages of the job centres (reference data shared by the network): administrators
correct the seeded CPIs against the regional lists, add the missing ones, tick `verificato`.
Every save is audited. Registrations and appointments are people's data: they are written
only through the case pages and the API (services.py)."""

from __future__ import annotations

from django.contrib import admin

from approdo.core.admin import AuditedModelAdmin
from approdo.jobcentres.models import JobCentre, JobCentreMunicipality


class AreaInline(admin.TabularInline[JobCentreMunicipality, JobCentre]):
    model = JobCentreMunicipality
    extra = 0
    autocomplete_fields = ("municipality",)


@admin.register(JobCentre)
class JobCentreAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "province", "municipality", "active", "verified")
    list_filter = ("active", "verified", "province__region")
    list_select_related = ("province", "municipality")
    search_fields = ("name", "code", "municipality__name", "province__name")
    autocomplete_fields = ("province", "municipality")
    inlines = [AreaInline]
