"""Optimistic concurrency: a stale edit is refused, never silently applied."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.core.models import VersionedModel


class StaleEditError(ValidationError):
    """Raised when the record changed after the user's form was loaded."""

    def __init__(self, current: VersionedModel) -> None:
        super().__init__(
            _(
                "Qualcun altro ha modificato questo record mentre lo stavi modificando. "
                "Controlla i valori attuali qui sotto e ripeti la modifica."
            ),
            code="stale",
        )
        self.current = current


def save_if_version(instance: VersionedModel, *, expected_version: int, fields: list[str]) -> None:
    """Write `fields` only if the stored version is still `expected_version`; bump it.

    A conditional UPDATE makes the check and the write one atomic statement, so two
    concurrent editors cannot both succeed.
    """
    model = type(instance)
    values: dict[str, Any] = {name: getattr(instance, name) for name in fields}
    values["updated_at"] = timezone.now()
    updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1, **values
    )
    if updated != 1:
        raise StaleEditError(model._default_manager.get(pk=instance.pk))
    instance.version = expected_version + 1
