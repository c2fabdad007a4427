"""Admin pages write the audit trail like every service does."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.forms import BaseFormSet, ModelForm
from django.http import HttpRequest

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.core.models import VersionedModel


def _action(obj: models.Model, verb: str) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}.{verb}"


def _plain(value: Any) -> Any:
    """Related objects as primary keys, so old (form initial) and new values compare."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet):
        return sorted(value.values_list("pk", flat=True))
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def actor_of(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) else None


class AuditedModelAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes each write one audit event.

    A save is recorded once its inlines are saved too (save_related), so one event carries
    the changed fields (old and new values from the form) and what the inlines added, changed
    or removed: `<app>.<model>.created` or `.updated`. Deletes write `<app>.<model>.deleted`
    before the row goes. A save of a versioned record bumps its version, so a form opened
    elsewhere before the admin change is refused as stale.
    """

    def audit_node_id(self, obj: Any) -> int | None:
        """The node an event is filed under (for the node's audit trail); None by default."""
        return None

    def audit_delete_node_id(self, obj: Any) -> int | None:
        """The node a delete event is filed under; override where obj is itself the node
        (audit rows protect their node, so filing a node's deletion under it would block it)."""
        return self.audit_node_id(obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change and isinstance(obj, VersionedModel):
            obj.version += 1
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        obj = form.instance
        changes = self._form_changes(form, change)
        inlines = {
            formset.model._meta.model_name: summary
            for formset in formsets
            if (summary := self._formset_changes(formset))
        }
        record(
            actor=actor_of(request),
            action=_action(obj, "updated" if change else "created"),
            target=obj,
            changes=changes,
            node_id=self.audit_node_id(obj),
            data={"inlines": inlines} if inlines else None,
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            self._record_delete(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic():
            for obj in queryset:
                self._record_delete(request, obj)
            super().delete_queryset(request, queryset)

    def _record_delete(self, request: HttpRequest, obj: Any) -> None:
        record(
            actor=actor_of(request),
            action=_action(obj, "deleted"),
            target=obj,
            node_id=self.audit_delete_node_id(obj),
        )

    @staticmethod
    def _form_changes(form: ModelForm[Any], change: bool) -> dict[str, tuple[Any, Any]]:
        return {
            name: (
                _plain(form.initial.get(name)) if change else None,
                _plain(form.cleaned_data.get(name)),
            )
            for name in form.changed_data
        }

    @staticmethod
    def _formset_changes(formset: BaseFormSet[Any]) -> dict[str, list[str]]:
        summary: dict[str, list[str]] = {}
        added = [str(obj) for obj in getattr(formset, "new_objects", [])]
        changed = [str(obj) for obj, _fields in getattr(formset, "changed_objects", [])]
        removed = [str(obj) for obj in getattr(formset, "deleted_objects", [])]
        for key, items in (("added", added), ("changed", changed), ("removed", removed)):
            if items:
                summary[key] = items
        return summary
