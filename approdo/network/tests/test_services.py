"""services.node_update: the rules of editing a node, checked on the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import user_with_role
from approdo.audit.models import AuditEvent
from approdo.core.concurrency import StaleEditError
from approdo.network import models, services
from approdo.network.services import OpeningSlot

pytestmark = pytest.mark.django_db


def unchanged(node: models.Node, **overrides: Any) -> dict[str, Any]:
    """node_update's arguments that keep everything as it is, unless overridden."""
    values: dict[str, Any] = {
        "expected_version": node.version,
        "address": node.address,
        "phone": node.phone,
        "email": node.email,
        "latitude": node.latitude,
        "longitude": node.longitude,
        "notes": node.notes,
        "languages": list(node.languages.all()),
        "areas": list(node.areas.all()),
        "opening_hours": [OpeningSlot.of(h) for h in node.opening_hours.all()],
    }
    values.update(overrides)
    return values


def updated_events() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="network.node.updated"))


def test_update_writes_fields_m2m_hours_and_one_audit_event(network, coordinator_a):
    hub = network.hub_a
    slots = [
        OpeningSlot(1, dt.time(9), dt.time(13)),
        OpeningSlot(0, dt.time(14), dt.time(17), "su appuntamento"),
    ]
    node = services.node_update(
        actor=coordinator_a,
        node=hub,
        **unchanged(
            hub,
            email=" psi.foggia@example.org ",
            latitude=Decimal("41.46"),
            longitude=Decimal("15.54"),
            areas=[network.housing],
            opening_hours=slots,
        ),
    )
    hub.refresh_from_db()
    assert node.version == hub.version == 2
    assert hub.email == "psi.foggia@example.org"
    assert hub.latitude == Decimal("41.46000")
    assert list(hub.areas.values_list("code", flat=True)) == ["housing"]
    hours = [str(OpeningSlot.of(h).describe()) for h in hub.opening_hours.order_by("weekday")]
    assert hours == ["mon 14:00-17:00 (su appuntamento)", "tue 09:00-13:00"]
    (event,) = updated_events()
    assert event.target_id == str(hub.pk) and event.node_id == hub.pk
    assert event.actor_label == coordinator_a.username
    assert event.changes["email"] == {"old": "", "new": "psi.foggia@example.org"}
    assert event.changes["latitude"] == {"old": "41.46210", "new": "41.46"}
    assert event.changes["areas"] == {"old": ["housing", "transport"], "new": ["housing"]}
    assert event.changes["opening_hours"]["old"] == ["mon 09:00-13:00"]
    assert "phone" not in event.changes


def test_stale_version_is_refused_and_nothing_is_written(network, coordinator_a):
    hub = network.hub_a
    services.node_update(actor=coordinator_a, node=hub, **unchanged(hub, notes="prima"))
    with pytest.raises(StaleEditError) as refused:
        services.node_update(
            actor=coordinator_a,
            node=hub,
            **unchanged(hub, expected_version=1, notes="seconda", areas=[]),
        )
    assert refused.value.current.notes == "prima"
    assert "Qualcun altro ha modificato" in refused.value.messages[0]
    hub.refresh_from_db()
    assert hub.notes == "prima" and hub.version == 2 and hub.areas.count() == 2
    assert len(updated_events()) == 1


def test_a_submission_that_changes_nothing_writes_nothing(network, coordinator_a):
    hub = network.hub_a
    services.node_update(actor=coordinator_a, node=hub, **unchanged(hub))
    hub.refresh_from_db()
    assert hub.version == 1
    assert updated_events() == []


def test_invalid_data_is_refused_by_full_clean_and_rolled_back(network, coordinator_a):
    hub = network.hub_a
    with pytest.raises(ValidationError) as refused:
        services.node_update(
            actor=coordinator_a,
            node=hub,
            **unchanged(hub, email="non-una-mail", areas=[], latitude=None),
        )
    assert "email" in refused.value.message_dict
    hub.refresh_from_db()
    assert hub.email == "" and hub.areas.count() == 2 and hub.version == 1
    assert updated_events() == []


@pytest.mark.parametrize(
    "slots",
    [
        [OpeningSlot(0, dt.time(13), dt.time(9))],
        [OpeningSlot(0, dt.time(9), dt.time(12)), OpeningSlot(0, dt.time(9), dt.time(13))],
        [OpeningSlot(9, dt.time(9), dt.time(12))],
    ],
    ids=["closes-before-opening", "same-start-twice", "no-such-day"],
)
def test_bad_opening_hours_are_refused_and_old_hours_kept(network, coordinator_a, slots):
    hub = network.hub_a
    with pytest.raises(ValidationError) as refused:
        services.node_update(
            actor=coordinator_a, node=hub, **unchanged(hub, opening_hours=slots, notes="x")
        )
    assert "opening_hours" in refused.value.message_dict
    hub.refresh_from_db()
    assert hub.opening_hours.count() == 1 and hub.notes == "" and hub.version == 1


def test_only_editors_of_the_node_may_update_it(network, case_worker_a, body_admin_b):
    hub = network.hub_a
    with pytest.raises(PermissionDenied):
        services.node_update(actor=case_worker_a, node=hub, **unchanged(hub, notes="x"))
    with pytest.raises(Http404):
        services.node_update(actor=body_admin_b, node=hub, **unchanged(hub, notes="x"))
    hub.refresh_from_db()
    assert hub.notes == "" and updated_events() == []


def test_body_admin_may_edit_every_node_of_the_body(network, body_admin_a):
    spoke = network.spoke_a2
    services.node_update(actor=body_admin_a, node=spoke, **unchanged(spoke, phone="080 1234567"))
    spoke.refresh_from_db()
    assert spoke.phone == "080 1234567"


def test_system_admin_may_edit_any_node(network):
    admin = user_with_role(Role.SYSTEM_ADMIN)
    hub = network.hub_c
    services.node_update(actor=admin, node=hub, **unchanged(hub, address="Via Fardella 1"))
    hub.refresh_from_db()
    assert hub.address == "Via Fardella 1"
