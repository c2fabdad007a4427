"""Writes of the place registry: add, edit, deactivate and reactivate a place.

Every service is atomic, checks the actor may write places of the node (person-data roles of
the node, a hub membership covering its spokes; 404 outside, 403 for other roles), writes the
audit trail and, on edits, refuses a stale version. Places are never deleted: sessions and
events refer to them; a place no longer visited is deactivated.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.core.concurrency import save_if_version
from approdo.network.models import Municipality, Node
from approdo.outreach.models import MONTHS, Place, PlaceKind
from approdo.outreach.place_selectors import LAT_RANGE, LON_RANGE, require_place_writer

EDITABLE_FIELDS = [
    "name",
    "kind",
    "municipality",
    "latitude",
    "longitude",
    "season_months",
    "estimated_population",
    "access_notes",
    "safety_notes",
    "node",
]


def _months(values: Iterable[int | str]) -> list[int]:
    months = sorted({int(v) for v in values})
    if any(m not in MONTHS for m in months):
        raise ValidationError({"season_months": _("I mesi vanno da 1 (gennaio) a 12 (dicembre).")})
    # All twelve months is "all year": stored as the empty list, as the model documents.
    return [] if len(months) == len(MONTHS) else months


def _validate(
    *,
    name: str,
    kind: str,
    municipality: Municipality,
    latitude: Decimal,
    longitude: Decimal,
    exclude_pk: int | None = None,
) -> None:
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Scrivi il nome del luogo.")
    if kind not in PlaceKind.values:
        errors["kind"] = _("Scegli un tipo dall'elenco.")
    if not LAT_RANGE[0] <= float(latitude) <= LAT_RANGE[1]:
        errors["latitude"] = _("La latitudine deve essere in Italia (tra 35,4 e 47,1).")
    if not LON_RANGE[0] <= float(longitude) <= LON_RANGE[1]:
        errors["longitude"] = _("La longitudine deve essere in Italia (tra 6,6 e 18,6).")
    same_name = Place.objects.filter(municipality=municipality, name__iexact=name)
    if exclude_pk is not None:
        same_name = same_name.exclude(pk=exclude_pk)
    if name and same_name.exists():
        errors["name"] = _("Esiste già un luogo con questo nome in questo comune.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def place_create(
    *,
    actor: User,
    name: str,
    kind: str,
    municipality: Municipality,
    latitude: Decimal,
    longitude: Decimal,
    node: Node,
    season_months: Iterable[int | str] = (),
    estimated_population: int | None = None,
    access_notes: str = "",
    safety_notes: str = "",
) -> Place:
    """Add a place visited by the node's outreach.

    Coordinates must fall inside Italy, months are 1-12 (none or all = all year), and a
    municipality cannot have two places with the same name.
    """
    require_place_writer(actor, node.pk)
    name = name.strip()
    months = _months(season_months)
    _validate(
        name=name, kind=kind, municipality=municipality, latitude=latitude, longitude=longitude
    )
    place = Place.objects.create(
        name=name,
        kind=kind,
        municipality=municipality,
        latitude=latitude,
        longitude=longitude,
        node=node,
        season_months=months,
        estimated_population=estimated_population,
        access_notes=access_notes.strip(),
        safety_notes=safety_notes.strip(),
    )
    record(
        actor=actor,
        action="outreach.place.created",
        target=place,
        node_id=node.pk,
        data={"kind": kind, "municipality": municipality.pk},
    )
    return place


@transaction.atomic
def place_update(*, actor: User, place: Place, expected_version: int, **values: Any) -> Place:
    """Edit a place's data. Moving it to another node needs write access to both nodes."""
    require_place_writer(actor, place.node_id)
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    if "node" in values and values["node"].pk != place.node_id:
        require_place_writer(actor, values["node"].pk)
    if "name" in values:
        values["name"] = values["name"].strip()
    if "season_months" in values:
        values["season_months"] = _months(values["season_months"])
    for text in ("access_notes", "safety_notes"):
        if text in values:
            values[text] = values[text].strip()
    merged = {name: values.get(name, getattr(place, name)) for name in EDITABLE_FIELDS}
    _validate(
        name=merged["name"],
        kind=merged["kind"],
        municipality=merged["municipality"],
        latitude=merged["latitude"],
        longitude=merged["longitude"],
        exclude_pk=place.pk,
    )
    changes = {
        name: (getattr(place, name), value)
        for name, value in values.items()
        if getattr(place, name) != value
    }
    for name, value in values.items():
        setattr(place, name, value)
    save_if_version(place, expected_version=expected_version, fields=list(values))
    record(
        actor=actor,
        action="outreach.place.updated",
        target=place,
        node_id=place.node_id,
        changes=changes,
    )
    return place


@transaction.atomic
def place_set_active(*, actor: User, place: Place, active: bool, expected_version: int) -> Place:
    """Deactivate a place no longer visited (it leaves the lists and the map), or bring it back."""
    require_place_writer(actor, place.node_id)
    if place.active == active:
        raise ValidationError(
            _("Il luogo è già attivo.") if active else _("Il luogo è già disattivato.")
        )
    place.active = active
    save_if_version(place, expected_version=expected_version, fields=["active"])
    record(
        actor=actor,
        action="outreach.place.reactivated" if active else "outreach.place.deactivated",
        target=place,
        node_id=place.node_id,
    )
    return place
