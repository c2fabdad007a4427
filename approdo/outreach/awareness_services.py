"""Writes of awareness campaigns and events.

Each service is atomic, checks the actor writes for the node (awareness_selectors), validates
with Italian messages, writes the audit trail and refuses a stale version on edits. Rows are
not deleted: the monitoring counts rely on them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.core.concurrency import save_if_version
from approdo.network.models import Language, Municipality, Node
from approdo.outreach.awareness_selectors import require_awareness_writer
from approdo.outreach.models import Audience, AwarenessEvent, AwarenessMaterial, Campaign, Place

CAMPAIGN_FIELDS = ["name", "node", "starts_on", "ends_on", "description"]
EVENT_FIELDS = [
    "title",
    "node",
    "campaign",
    "date",
    "place",
    "municipality",
    "venue",
    "audience",
    "partners",
    "people_reached",
    "notes",
]
MAX_PEOPLE = 100000


def _check_materials(materials: list[AwarenessMaterial], current: set[int]) -> None:
    # A material withdrawn from the catalogue stays on records that already had it.
    if any(not m.active and m.pk not in current for m in materials):
        raise ValidationError({"materials": _("Uno dei materiali non è più disponibile.")})


def _check_campaign(values: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    if not values["name"]:
        errors["name"] = _("Scrivi il nome della campagna.")
    ends_on: dt.date | None = values.get("ends_on")
    if ends_on is not None and ends_on < values["starts_on"]:
        errors["ends_on"] = _("La fine non può precedere l'inizio.")
    if errors:
        raise ValidationError(errors)


def _m2m_changes(row: Campaign | AwarenessEvent, name: str, new: list[Any]) -> dict[str, Any]:
    old = sorted(getattr(row, name).values_list("pk", flat=True))
    new_ids = sorted(item.pk for item in new)
    return {name: (old, new_ids)} if old != new_ids else {}


@transaction.atomic
def campaign_save(
    *,
    actor: User,
    name: str,
    node: Node,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    description: str = "",
    languages: Iterable[Language] = (),
    materials: Iterable[AwarenessMaterial] = (),
    campaign: Campaign | None = None,
    expected_version: int | None = None,
) -> Campaign:
    """Create a campaign (campaign=None) or edit one at the version the form was built on."""
    require_awareness_writer(actor, node.pk)
    if campaign is not None and campaign.node_id != node.pk:
        require_awareness_writer(actor, campaign.node_id)
    languages, materials = list(languages), list(materials)
    values: dict[str, Any] = {
        "name": name.strip(),
        "node": node,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "description": description.strip(),
    }
    _check_campaign(values)
    current = set(campaign.materials.values_list("pk", flat=True)) if campaign else set()
    _check_materials(materials, current)
    if campaign is None:
        campaign = Campaign.objects.create(created_by=actor, **values)
        campaign.languages.set(languages)
        campaign.materials.set(materials)
        record(
            actor=actor,
            action="outreach.campaign.created",
            target=campaign,
            node_id=node.pk,
            data={"starts_on": starts_on},
        )
        return campaign
    if expected_version is None:
        raise ValidationError(_("Manca la versione del record: ricarica la pagina."))
    changes: dict[str, Any] = {
        k: (getattr(campaign, k), v) for k, v in values.items() if getattr(campaign, k) != v
    }
    changes |= _m2m_changes(campaign, "languages", languages)
    changes |= _m2m_changes(campaign, "materials", materials)
    for k, v in values.items():
        setattr(campaign, k, v)
    save_if_version(campaign, expected_version=expected_version, fields=CAMPAIGN_FIELDS)
    campaign.languages.set(languages)
    campaign.materials.set(materials)
    record(
        actor=actor,
        action="outreach.campaign.updated",
        target=campaign,
        node_id=campaign.node_id,
        changes=changes,
    )
    return campaign


def _check_event(values: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    if not values["title"]:
        errors["title"] = _("Scrivi il titolo dell'evento.")
    if values["audience"] not in Audience.values:
        errors["audience"] = _("Scegli il pubblico dall'elenco.")
    if not 0 <= values["people_reached"] <= MAX_PEOPLE:
        errors["people_reached"] = _("Scrivi un numero tra 0 e %(max)d.") % {"max": MAX_PEOPLE}
    place: Place | None = values["place"]
    if place is None and values["municipality"] is None:
        errors["municipality"] = _("Scegli un luogo censito oppure indica il comune.")
    if place is None and values["municipality"] is not None and not values["venue"]:
        errors["venue"] = _("Indica la sede dell'evento.")
    campaign: Campaign | None = values["campaign"]
    node: Node = values["node"]
    if campaign is not None:
        if campaign.node_id not in (node.pk, node.parent_hub_id):
            errors["campaign"] = _("La campagna è di un altro nodo.")
        elif values["date"] < campaign.starts_on or (
            campaign.ends_on is not None and values["date"] > campaign.ends_on
        ):
            errors["date"] = _("La data è fuori dal periodo della campagna.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def event_save(
    *,
    actor: User,
    title: str,
    node: Node,
    date: dt.date,
    audience: str,
    campaign: Campaign | None = None,
    place: Place | None = None,
    municipality: Municipality | None = None,
    venue: str = "",
    partners: str = "",
    materials: Iterable[AwarenessMaterial] = (),
    languages: Iterable[Language] = (),
    people_reached: int = 0,
    notes: str = "",
    event: AwarenessEvent | None = None,
    expected_version: int | None = None,
) -> AwarenessEvent:
    """Create an event (event=None) or edit one at the version the form was built on.

    The place comes from the registry (its municipality is used) or is given as municipality
    and venue; a campaign must be of the node (or its hub) and cover the date.
    """
    require_awareness_writer(actor, node.pk)
    if event is not None and event.node_id != node.pk:
        require_awareness_writer(actor, event.node_id)
    materials, languages = list(materials), list(languages)
    values: dict[str, Any] = {
        "title": title.strip(),
        "node": node,
        "campaign": campaign,
        "date": date,
        "place": place,
        "municipality": place.municipality if place is not None else municipality,
        "venue": venue.strip(),
        "audience": audience,
        "partners": partners.strip(),
        "people_reached": people_reached,
        "notes": notes.strip(),
    }
    _check_event(values)
    current = set(event.materials.values_list("pk", flat=True)) if event else set()
    _check_materials(materials, current)
    if event is None:
        event = AwarenessEvent.objects.create(created_by=actor, **values)
        event.materials.set(materials)
        event.languages.set(languages)
        record(
            actor=actor,
            action="outreach.event.created",
            target=event,
            node_id=node.pk,
            data={"date": date, "audience": audience, "people_reached": people_reached},
        )
        return event
    if expected_version is None:
        raise ValidationError(_("Manca la versione del record: ricarica la pagina."))
    changes: dict[str, Any] = {
        k: (getattr(event, k), v) for k, v in values.items() if getattr(event, k) != v
    }
    changes |= _m2m_changes(event, "materials", materials)
    changes |= _m2m_changes(event, "languages", languages)
    for k, v in values.items():
        setattr(event, k, v)
    save_if_version(event, expected_version=expected_version, fields=EVENT_FIELDS)
    event.materials.set(materials)
    event.languages.set(languages)
    record(
        actor=actor,
        action="outreach.event.updated",
        target=event,
        node_id=event.node_id,
        changes=changes,
    )
    return event
