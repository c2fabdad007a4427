"""The audit trail: append-only, written by services, searchable within one's places."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import give_totp, user_with_role
from approdo.audit.models import AccessLog, AppendOnlyError, AuditEvent
from approdo.audit.services import log_access, record
from approdo.network.tests.factories import HubFactory, ManagingBodyFactory, SpokeFactory

pytestmark = pytest.mark.django_db


def test_record_writes_actor_action_target_changes_and_node():
    hub = HubFactory()
    actor = user_with_role(Role.HUB_COORDINATOR, node=hub)
    event = record(
        actor=actor,
        action="network.node.updated",
        target=hub,
        changes={"phone": ("", "0881 000000"), "password": ("a", "b")},
        node_id=hub.pk,
    )
    event.refresh_from_db()
    assert event.actor_label == actor.username
    assert event.target_type == "network.node"
    assert event.target_id == str(hub.pk)
    assert event.changes["phone"] == {"old": "", "new": "0881 000000"}
    assert event.changes["password"] == {"old": "***", "new": "***"}
    assert event.node_id == hub.pk


def test_audit_rows_cannot_be_changed_or_deleted_through_the_app():
    event = record(actor=None, action="test.event")
    event.action = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigger exists on PostgreSQL")
def test_postgresql_refuses_raw_updates_of_audit_rows():
    event = record(actor=None, action="test.event")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [event.pk])


def test_access_log_records_a_read():
    hub = HubFactory()
    reader = user_with_role(Role.CASE_WORKER, node=hub)
    log_access(user=reader, record=hub, node_id=hub.pk, purpose="test.read")
    row = AccessLog.objects.get()
    assert (row.user, row.record_type, row.node_id) == (reader, "network.node", hub.pk)


def test_admin_offers_no_way_to_edit_or_delete_audit_rows(client, admin_user):
    give_totp(admin_user)
    client.force_login(admin_user)
    event = record(actor=None, action="test.event")
    change = client.get(reverse("admin:audit_auditevent_change", args=[event.pk]))
    assert change.status_code == 200
    assert b"test.event" in change.content
    assert b'name="_save"' not in change.content
    delete = client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]))
    assert delete.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.fixture
def two_hubs():
    body_a, body_b = ManagingBodyFactory(), ManagingBodyFactory()
    hub_a = HubFactory(name="Hub Alfa", managing_bodies=[body_a])
    spoke_a = SpokeFactory(parent_hub=hub_a, name="Spoke Alfa", managing_bodies=[body_a])
    hub_b = HubFactory(name="Hub Beta", managing_bodies=[body_b])
    record(actor=None, action="network.node.updated", target=hub_a, node_id=hub_a.pk)
    record(actor=None, action="network.node.updated", target=spoke_a, node_id=spoke_a.pk)
    record(actor=None, action="network.node.updated", target=hub_b, node_id=hub_b.pk)
    record(actor=None, action="accounts.login.failed")
    return hub_a, spoke_a, hub_b


def test_coordinator_searches_only_the_trail_of_their_hub_and_spokes(client, two_hubs):
    hub_a, _, _ = two_hubs
    coordinator = user_with_role(Role.HUB_COORDINATOR, node=hub_a)
    give_totp(coordinator)
    client.force_login(coordinator)
    body = client.get(reverse("audit:events")).content.decode()
    assert "<td>Hub Alfa</td>" in body and "<td>Spoke Alfa</td>" in body
    assert "Hub Beta" not in body  # neither in the results nor in the node filter
    assert "accounts.login.failed" not in body


def test_audit_search_filters_by_action_prefix(client, two_hubs):
    system_admin = user_with_role(Role.SYSTEM_ADMIN)
    give_totp(system_admin)
    client.force_login(system_admin)
    body = client.get(reverse("audit:events"), {"action": "accounts."}).content.decode()
    assert "accounts.login.failed" in body
    assert "<td>Hub Alfa</td>" not in body


def test_audit_search_rejects_an_inverted_date_range_with_a_message(client, two_hubs):
    system_admin = user_with_role(Role.SYSTEM_ADMIN)
    give_totp(system_admin)
    client.force_login(system_admin)
    response = client.get(
        reverse("audit:events"), {"date_from": "2026-05-01", "date_to": "2026-04-01"}
    )
    assert response.status_code == 200
    assert "La data finale precede quella iniziale." in response.content.decode()


@pytest.mark.parametrize("role", [Role.CASE_WORKER, Role.REGIONAL_MONITOR])
def test_roles_without_audit_rights_get_403(client, two_hubs, role):
    hub_a, *_ = two_hubs
    scope = {"node": hub_a} if role == Role.CASE_WORKER else {"region": hub_a.region}
    user = user_with_role(role, **scope)
    give_totp(user)
    client.force_login(user)
    assert client.get(reverse("audit:events")).status_code == 403
