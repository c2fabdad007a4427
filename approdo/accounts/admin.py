"""Administration of users and memberships (system administrators)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from approdo.accounts.models import Membership, User
from approdo.audit.services import record


def _actor(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) else None


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("role", "node", "managing_body", "region", "valid_from", "valid_until")
    raw_id_fields = ("node", "managing_body")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "email", "first_name", "last_name", "is_active", "last_login")
    list_filter = ("is_active", "is_staff", "memberships__role")
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Preferenze"), {"fields": ("preferred_language",)}),
    )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Users who acted are part of the audit trail: deactivate them instead.
        return False

    def save_model(self, request: HttpRequest, obj: User, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        changed = {
            name: (None, "***" if "password" in name else form.cleaned_data.get(name))
            for name in form.changed_data
        }
        record(
            actor=_actor(request),
            action="accounts.user.updated" if change else "accounts.user.created",
            target=obj,
            changes=changed,
        )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            record(
                actor=_actor(request),
                action="accounts.membership.deleted",
                target=obj,
                node_id=obj.node_id,
            )
            obj.delete()
        for obj in instances:
            created = obj.pk is None
            obj.save()
            record(
                actor=_actor(request),
                action="accounts.membership.created" if created else "accounts.membership.updated",
                target=obj,
                data={"role": obj.role, "scope": obj.scope_label},
                node_id=obj.node_id,
            )
        formset.save_m2m()


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "node", "managing_body", "region", "valid_from", "valid_until")
    list_filter = ("role", "region")
    search_fields = ("user__username", "user__last_name", "node__name", "managing_body__name")
    raw_id_fields = ("user", "node", "managing_body")

    def save_model(
        self, request: HttpRequest, obj: Membership, form: ModelForm, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        record(
            actor=_actor(request),
            action="accounts.membership.updated" if change else "accounts.membership.created",
            target=obj,
            data={"role": obj.role, "scope": obj.scope_label},
            node_id=obj.node_id,
        )

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        record(
            actor=_actor(request),
            action="accounts.membership.deleted",
            target=obj,
            node_id=obj.node_id,
        )
        super().delete_model(request, obj)
