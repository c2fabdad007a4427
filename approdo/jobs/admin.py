"""Admin pages: the ISCO-08 classification, which administrators may relabel or retire
(`in uso`); the collective agreements and their minimum pay; employers, inspections and
vacancies for corrections. Every save is audited. The groups come from the committed file
(reference.py), the agreements from agreements.py."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from approdo.core.admin import AuditedModelAdmin
from approdo.jobs.models import (
    AgreementRate,
    CollectiveAgreement,
    Employer,
    EmployerSite,
    Inspection,
    Occupation,
    Vacancy,
    VacancyLanguage,
)


@admin.register(Occupation)
class OccupationAdmin(AuditedModelAdmin):
    list_display = ("code", "title_it", "title_en", "level", "active")
    list_display_links = ("code", "title_it")
    list_filter = ("level", "active")
    search_fields = ("code", "title_it", "title_en")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    ordering = ("code",)
    list_per_page = 100


# --- employers, agreements, vacancies -----------------------------------------------------------
class AgreementRateInline(admin.TabularInline):
    model = AgreementRate
    extra = 0
    fields = ("position", "code", "label", "minimum_hourly_pay")


@admin.register(CollectiveAgreement)
class CollectiveAgreementAdmin(AuditedModelAdmin):
    """The agreements' minimum pay guards every vacancy: set them from the signed text (the
    seeded figures are indicative demo data)."""

    list_display = ("name", "code", "sector", "valid_from", "valid_to")
    list_filter = ("sector",)
    search_fields = ("name", "code")
    inlines = (AgreementRateInline,)


class EmployerSiteInline(admin.TabularInline):
    model = EmployerSite
    extra = 0
    fields = ("name", "address", "municipality", "latitude", "longitude")
    autocomplete_fields = ("municipality",)


@admin.register(Employer)
class EmployerAdmin(AuditedModelAdmin):
    list_display = ("legal_name", "vat_number", "sector", "rete_member", "has_603bis_conviction")
    list_filter = ("sector", "rete_member", "has_603bis_conviction")
    search_fields = ("legal_name", "vat_number")
    list_select_related = ("agreement",)
    readonly_fields = ("version", "created_at", "updated_at", "created_by", "registered_at")
    inlines = (EmployerSiteInline,)

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Inspection)
class InspectionAdmin(AuditedModelAdmin):
    list_display = ("employer", "inspected_on", "body", "outcome")
    list_filter = ("body", "outcome")
    search_fields = ("employer__legal_name",)
    list_select_related = ("employer",)
    autocomplete_fields = ("employer",)
    readonly_fields = ("recorded_by",)

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


class VacancyLanguageInline(admin.TabularInline):
    model = VacancyLanguage
    extra = 0


@admin.register(Vacancy)
class VacancyAdmin(AuditedModelAdmin):
    """For corrections; vacancies are recorded from the pages, where the pay is checked."""

    list_display = ("title", "employer", "occupation", "starts_on", "ends_on", "status")
    list_filter = ("status",)
    search_fields = ("title", "employer__legal_name")
    list_select_related = ("employer", "occupation")
    autocomplete_fields = ("employer", "occupation")
    readonly_fields = ("version", "created_at", "updated_at", "created_by", "registered_at")
    inlines = (VacancyLanguageInline,)

    def has_add_permission(self, request: Any) -> bool:
        return False
