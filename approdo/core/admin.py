"""Admin pages write the audit trail like every service does."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.forms import BaseFormSet, ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

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


LOADED_VERSION = "loaded_version"


class VersionCheckedForm(forms.ModelForm):
    """Refuses to save a versioned record that changed after the form was opened."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if isinstance(self.instance, VersionedModel) and self.instance.pk:
            self.fields[LOADED_VERSION].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        loaded = data.get(LOADED_VERSION)
        instance = self.instance
        if isinstance(instance, VersionedModel) and instance.pk and loaded is not None:
            stored = (
                type(instance)
                ._default_manager.filter(pk=instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if stored != loaded:
                raise ValidationError(
                    _(
                        "Qualcun altro ha modificato questo record mentre lo stavi modificando. "
                        "Ricarica la pagina per vedere i valori attuali e ripeti la modifica."
                    ),
                    code="stale",
                )
        return data


class AuditedModelAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes each write one audit event.

    A save is recorded once its inlines are saved too (save_related), so one event carries
    the changed fields (old and new values from the form) and what the inlines added, changed
    or removed: `<app>.<model>.created` or `.updated`. Deletes write `<app>.<model>.deleted`
    before the row goes. A save of a versioned record bumps its version, so a form opened
    elsewhere before the admin change is refused as stale.
    """

    form: type[ModelForm[Any]] = VersionCheckedForm

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if not issubclass(self.model, VersionedModel) or any(
            LOADED_VERSION in options.get("fields", ()) for _name, options in fieldsets
        ):
            return fieldsets
        # The hidden version travels with the first fieldset so every admin page carries it.
        (name, options), *rest = fieldsets
        first = (name, {**options, "fields": (*options.get("fields", ()), LOADED_VERSION)})
        return [first, *rest]

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
