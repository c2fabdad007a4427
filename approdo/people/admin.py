"""People in the admin: read-mostly. Records are written through the app's services (which
check scope and refresh the duplicate check's keys); the admin never deletes a person."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from approdo.core.admin import AuditedModelAdmin
from approdo.people.models import (
    Consent,
    IdentityDocument,
    InformationNotice,
    Person,
    PersonAlias,
    PersonLanguage,
    PhoneNumber,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AliasInline(ReadOnlyInline):
    model = PersonAlias
    fields = ("name", "kind")


class LanguageInline(ReadOnlyInline):
    model = PersonLanguage
    fields = ("language", "level")


class DocumentInline(ReadOnlyInline):
    model = IdentityDocument
    fields = ("kind", "permit_type", "issued_on", "expires_on", "issuing_country")


class ReadMostlyAdmin(AuditedModelAdmin):
    """Viewable by those with the admin's view permission; no adding, no deleting."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def audit_node_id(self, obj: Any) -> int | None:
        person = obj if isinstance(obj, Person) else getattr(obj, "person", None)
        return person.registered_at_id if person is not None else None


@admin.register(Person)
class PersonAdmin(ReadMostlyAdmin):
    list_display = ("family_name", "given_names", "nationality", "birth_date", "registered_at")
    list_filter = ("registered_at__region", "nationality")
    search_fields = ("family_name", "given_names")
    list_select_related = ("registered_at",)
    readonly_fields = (
        "family_name",
        "given_names",
        "family_name_original",
        "given_names_original",
        "birth_date",
        "birth_date_precision",
        "birth_date_is_placeholder",
        "nationality",
        "tax_code",
        "registered_at",
        "registered_by",
        "version",
    )
    fields = (
        *readonly_fields,
        "needs_mediator",
        "education_level",
        "employment_status",
        "housing_condition",
    )
    inlines = (AliasInline, LanguageInline, DocumentInline)


@admin.register(Consent)
class ConsentAdmin(ReadMostlyAdmin):
    list_display = ("person", "purpose", "external_service", "given_on", "withdrawn_on")
    list_filter = ("purpose",)
    readonly_fields = (
        "person",
        "purpose",
        "external_service",
        "given_on",
        "recorded_by",
        "withdrawn_on",
    )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(InformationNotice)
class InformationNoticeAdmin(ReadMostlyAdmin):
    list_display = ("person", "version", "language", "given_on", "given_by")
    readonly_fields = ("person", "version", "language", "given_on", "given_by", "with_mediator")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PhoneNumber)
class PhoneNumberAdmin(ReadMostlyAdmin):
    list_display = ("person", "whatsapp")
    readonly_fields = ("person", "number", "whatsapp", "note")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
