"""Administration of users and memberships (system administrators).

Every save writes an audit event through AuditedModelAdmin. Neither users nor memberships are
deleted: who could see what, and when, is part of the record. A user is deactivated and a
membership ended (valid until) instead.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from approdo.accounts.models import Membership, User
from approdo.core.admin import AuditedModelAdmin


class NoDeleteMixin:
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class MembershipInline(NoDeleteMixin, admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("role", "node", "managing_body", "region", "valid_from", "valid_until")
    raw_id_fields = ("node", "managing_body")
    verbose_name_plural = _("appartenenze (per chiuderne una, indica «valida fino al»)")


@admin.register(User)
class UserAdmin(NoDeleteMixin, AuditedModelAdmin, BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "email", "first_name", "last_name", "is_active", "last_login")
    list_filter = ("is_active", "is_staff", "memberships__role")
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Preferenze"), {"fields": ("preferred_language",)}),
    )


@admin.register(Membership)
class MembershipAdmin(NoDeleteMixin, AuditedModelAdmin):
    list_display = ("user", "role", "node", "managing_body", "region", "valid_from", "valid_until")
    list_filter = ("role", "region")
    search_fields = ("user__username", "user__last_name", "node__name", "managing_body__name")
    raw_id_fields = ("user", "node", "managing_body")

    def audit_node_id(self, obj: Any) -> int | None:
        return obj.node_id
