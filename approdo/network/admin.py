"""Admin pages of the network registry; every save and delete is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import URLField
from django.utils.translation import gettext_lazy as _

from approdo.core.admin import AuditedModelAdmin
from approdo.network.models import (
    Contract,
    Language,
    ManagingBody,
    Municipality,
    Node,
    OpeningHours,
    Procedure,
    Professional,
    Programme,
    Province,
    Region,
    RegionalTarget,
    ServiceArea,
    TeamAssignment,
)

TIMESTAMPS = ("created_at", "updated_at")
VERSIONED = ("version", *TIMESTAMPS)


@admin.register(Programme)
class ProgrammeAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "starts_on", "ends_on")
    search_fields = ("name", "code")
    readonly_fields = TIMESTAMPS


@admin.register(Region)
class RegionAdmin(AuditedModelAdmin):
    list_display = ("name", "istat_code", "slug")
    search_fields = ("name", "istat_code")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Province)
class ProvinceAdmin(AuditedModelAdmin):
    list_display = ("name", "abbreviation", "istat_code", "region")
    list_filter = ("region",)
    list_select_related = ("region",)
    search_fields = ("name", "abbreviation", "istat_code")


@admin.register(Municipality)
class MunicipalityAdmin(AuditedModelAdmin):
    list_display = ("name", "istat_code", "province", "latitude", "longitude")
    list_filter = ("province__region",)
    list_select_related = ("province",)
    search_fields = ("name", "istat_code")
    autocomplete_fields = ("province",)


@admin.register(ManagingBody)
class ManagingBodyAdmin(AuditedModelAdmin):
    list_display = ("name", "tax_code", "legal_form", "region")
    list_filter = ("legal_form", "region")
    list_select_related = ("region",)
    search_fields = ("name", "tax_code")
    autocomplete_fields = ("municipality",)
    readonly_fields = VERSIONED
    formfield_overrides = {URLField: {"assume_scheme": "https"}}


@admin.register(Procedure)
class ProcedureAdmin(AuditedModelAdmin):
    list_display = ("code", "title", "kind", "programme", "region", "published_on")
    list_filter = ("programme", "kind", "region")
    list_select_related = ("programme", "region")
    search_fields = ("code", "title", "contracting_authority")
    date_hierarchy = "published_on"
    readonly_fields = TIMESTAMPS


@admin.register(Contract)
class ContractAdmin(AuditedModelAdmin):
    list_display = ("code", "title", "procedure", "amount", "starts_on", "ends_on")
    list_filter = ("procedure__programme", "procedure")
    list_select_related = ("procedure",)
    search_fields = ("code", "title", "procedure__code", "managing_bodies__name")
    autocomplete_fields = ("procedure", "managing_bodies", "nodes")
    readonly_fields = TIMESTAMPS


@admin.register(ServiceArea)
class ServiceAreaAdmin(AuditedModelAdmin):
    list_display = ("name_it", "name_en", "code", "position")
    list_editable = ("position",)
    search_fields = ("name_it", "name_en", "code")


@admin.register(Language)
class LanguageAdmin(AuditedModelAdmin):
    list_display = ("name_it", "name_en", "code", "position")
    list_editable = ("position",)
    search_fields = ("name_it", "name_en", "code")


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(Node)
class NodeAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "kind", "spoke_kind", "region", "municipality", "programme")
    list_filter = ("programme", "region", "kind", "spoke_kind", "localisation")
    list_select_related = ("region", "municipality__province", "programme")
    search_fields = ("name", "code", "municipality__name")
    autocomplete_fields = ("municipality", "parent_hub", "managing_bodies", "languages", "areas")
    readonly_fields = VERSIONED
    inlines = (OpeningHoursInline,)
    fieldsets = (
        (None, {"fields": ("code", "name", "programme", "kind", "spoke_kind", "parent_hub")}),
        (_("Territorio"), {"fields": ("localisation", "region", "municipality", "address")}),
        (_("Coordinate e contatti"), {"fields": ("latitude", "longitude", "phone", "email")}),
        (_("Servizi"), {"fields": ("managing_bodies", "areas", "languages")}),
        (_("Attività"), {"fields": ("active_from", "active_until", "notes", *VERSIONED)}),
    )

    def audit_node_id(self, obj: Any) -> int | None:
        return int(obj.pk)

    def audit_delete_node_id(self, obj: Any) -> int | None:
        return None


class TeamAssignmentInline(admin.TabularInline):
    model = TeamAssignment
    extra = 0
    autocomplete_fields = ("node",)


@admin.register(Professional)
class ProfessionalAdmin(AuditedModelAdmin):
    list_display = ("family_name", "given_name", "area", "job_title", "employer")
    list_filter = ("area", "employer__region")
    list_select_related = ("employer",)
    search_fields = ("family_name", "given_name", "email", "employer__name")
    autocomplete_fields = ("employer", "languages")
    raw_id_fields = ("user",)
    readonly_fields = VERSIONED
    inlines = (TeamAssignmentInline,)


@admin.register(RegionalTarget)
class RegionalTargetAdmin(AuditedModelAdmin):
    list_display = ("programme", "region", "indicator", "value")
    list_filter = ("programme", "region", "indicator")
    list_select_related = ("programme", "region")
    search_fields = ("region__name", "programme__name")
    readonly_fields = TIMESTAMPS
