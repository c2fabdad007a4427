"""Administration of users and memberships (system administrators).

Every save writes an audit event through AuditedModelAdmin. Neither users nor memberships are
deleted: who could see what, and when, is part of the record. A user is deactivated and a
membership ended (valid until) instead.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import TokenProxy

from approdo.accounts.models import Membership, User
from approdo.audit.services import record
from approdo.core.admin import AuditedModelAdmin, actor_of


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
    form = UserChangeForm  # Django's user change form (users carry no version)
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


# DRF's own token admin would create tokens without an audit event: tokens are issued with
# `manage.py issue_api_token` (accounts.services.api_token_issue) and only listed here.
# TokenProxy (as in DRF's own admin) keeps the key itself out of admin URLs and logs.
admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class TokenAdmin(admin.ModelAdmin):
    list_display = ("user", "created")
    search_fields = ("user__username",)
    fields = ("user", "created")
    readonly_fields = ("user", "created")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Revoking a token is safe and immediate; it leaves the audit trail untouched.
        return True

    def delete_model(self, request: HttpRequest, obj: TokenProxy) -> None:
        record(actor=actor_of(request), action="accounts.api_token.revoked", target=obj.user)
        super().delete_model(request, obj)
