"""Writes to the network registry. Each service is atomic and records its audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from approdo.accounts import access
from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.core.concurrency import StaleEditError, save_if_version
from approdo.network.models import Language, Node, OpeningHours, ServiceArea

# Stable, language-independent day codes for the audit trail.
WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# The scalar fields a node's editors may change (the rest is set by the programme's admins).
NODE_EDITABLE_FIELDS = ("address", "phone", "email", "latitude", "longitude", "notes")


@dataclass(frozen=True)
class OpeningSlot:
    """One opening-hours row as entered by a user."""

    weekday: int
    opens_at: dt.time
    closes_at: dt.time
    note: str = ""

    def describe(self) -> str:
        day = WEEKDAY_CODES[self.weekday] if 0 <= self.weekday < 7 else str(self.weekday)
        text = f"{day} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"
        return f"{text} ({self.note})" if self.note else text

    @classmethod
    def of(cls, hours: OpeningHours) -> OpeningSlot:
        return cls(hours.weekday, hours.opens_at, hours.closes_at, hours.note)


def _codes(items: Iterable[Language | ServiceArea]) -> list[str]:
    return sorted(item.code for item in items)


def _check_slots(node: Node, slots: Sequence[OpeningSlot]) -> list[OpeningHours]:
    """Opening-hours rows for `node`, validated before anything is written."""
    rows: list[OpeningHours] = []
    errors: list[str] = []
    seen: set[tuple[int, dt.time]] = set()
    for slot in slots:
        row = OpeningHours(
            node=node,
            weekday=slot.weekday,
            opens_at=slot.opens_at,
            closes_at=slot.closes_at,
            note=slot.note,
        )
        try:
            # Uniqueness is checked against the new list below: the old rows are replaced.
            row.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            errors.extend(f"{slot.describe()}: {msg}" for msg in exc.messages)
            continue
        if slot.closes_at <= slot.opens_at:
            errors.append(
                _("%(slot)s: l'orario di chiusura deve seguire l'apertura.")
                % {"slot": slot.describe()}
            )
        if (slot.weekday, slot.opens_at) in seen:
            errors.append(
                _("%(slot)s: due fasce dello stesso giorno iniziano alla stessa ora.")
                % {"slot": slot.describe()}
            )
        seen.add((slot.weekday, slot.opens_at))
        rows.append(row)
    if errors:
        raise ValidationError({"opening_hours": errors})
    return sorted(rows, key=lambda row: (row.weekday, row.opens_at))


def node_update(
    *,
    actor: User,
    node: Node,
    expected_version: int,
    address: str,
    phone: str,
    email: str,
    latitude: Decimal | None,
    longitude: Decimal | None,
    notes: str,
    languages: Iterable[Language],
    areas: Iterable[ServiceArea],
    opening_hours: Sequence[OpeningSlot],
) -> Node:
    """Update a node's contacts, coordinates, languages, areas, opening hours and notes.

    Rules: only the node's editors (access.require_node_edit: 404 outside their places, 403
    inside without an editor role); the edit must start from the stored version, otherwise
    StaleEditError carries the current record and nothing is written; the whole record is
    validated (full_clean) before the write; one `network.node.updated` audit event lists
    every changed field with its old and new value, in the same transaction. A submission
    that changes nothing writes nothing and keeps the version.
    """
    access.require_node_edit(actor, node)
    new_languages, new_areas = list(languages), list(areas)
    with transaction.atomic():
        current = (
            Node.objects.select_for_update(of=("self",))
            .select_related("municipality__province", "parent_hub")
            .get(pk=node.pk)
        )
        if current.version != expected_version:
            raise StaleEditError(current)

        changes: dict[str, tuple[Any, Any]] = {}
        scalar_values: dict[str, Any] = {
            "address": address.strip(),
            "phone": phone.strip(),
            "email": email.strip(),
            "latitude": latitude,
            "longitude": longitude,
            "notes": notes.strip(),
        }
        for name in NODE_EDITABLE_FIELDS:
            old, new = getattr(current, name), scalar_values[name]
            if old != new:
                changes[name] = (old, new)
                setattr(current, name, new)
        current.full_clean()

        old_languages = _codes(current.languages.all())
        if old_languages != _codes(new_languages):
            changes["languages"] = (old_languages, _codes(new_languages))
        old_areas = _codes(current.areas.all())
        if old_areas != _codes(new_areas):
            changes["areas"] = (old_areas, _codes(new_areas))
        new_rows = _check_slots(current, opening_hours)
        old_hours = [
            OpeningSlot.of(h).describe()
            for h in current.opening_hours.order_by("weekday", "opens_at")
        ]
        new_hours = [OpeningSlot.of(h).describe() for h in new_rows]
        if old_hours != new_hours:
            changes["opening_hours"] = (old_hours, new_hours)

        if not changes:
            return current
        save_if_version(
            current,
            expected_version=expected_version,
            fields=[name for name in NODE_EDITABLE_FIELDS if name in changes],
        )
        if "languages" in changes:
            current.languages.set(new_languages)
        if "areas" in changes:
            current.areas.set(new_areas)
        if "opening_hours" in changes:
            current.opening_hours.all().delete()
            OpeningHours.objects.bulk_create(new_rows)
        record(
            actor=actor,
            action="network.node.updated",
            target=current,
            changes=changes,
            node_id=current.pk,
        )
    return current
