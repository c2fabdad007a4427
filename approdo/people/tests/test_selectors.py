"""People's reads: scope, search, access log, documents' expiry, consent state."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from approdo.audit.models import AccessLog
from approdo.people import selectors, services
from approdo.people.models import ConsentPurpose
from approdo.people.tests.factories import World, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def test_list_is_scoped_to_the_users_nodes(world: World) -> None:
    assert list(selectors.person_list(user=world.worker_a)) == [world.person_a]
    assert list(selectors.person_list(user=world.coordinator_a)) == [world.person_a]
    assert list(selectors.person_list(user=world.spoke_operator)) == [world.person_a]
    assert list(selectors.person_list(user=world.worker_b)) == [world.person_b]
    with pytest.raises(PermissionDenied):
        selectors.person_list(user=world.monitor)
    with pytest.raises(PermissionDenied):
        selectors.person_list(user=world.body_admin_b)


@pytest.mark.parametrize("q", ["ndiaye", "OUSMANE nd", "Ndïaye", "Ousman Ndiay", "  ousmane  "])
def test_search_by_name_is_case_insensitive_and_folded(world: World, q: str) -> None:
    assert list(selectors.person_list(user=world.worker_a, q=q)) == [world.person_a]


def test_search_by_document_phone_and_alias(world: World) -> None:
    person = world.person_a
    services.document_add(actor=world.worker_a, person=person, kind="passport", number="A12345")
    services.phone_add(actor=world.worker_a, person=person, number="333 765 4321")
    services.alias_add(actor=world.worker_a, person=person, name="Ousmane Ndiay")
    for q in ("a12345", "+39 333 7654321", "3337654321", "Ndiay"):
        assert list(selectors.person_list(user=world.worker_a, q=q)) == [person], q
    assert list(selectors.person_list(user=world.worker_a, q="Okafor")) == []


def test_get_outside_scope_is_404(world: World) -> None:
    with pytest.raises(Http404):
        selectors.person_get(user=world.worker_a, pk=world.person_b.pk)
    with pytest.raises(Http404):
        selectors.person_get(user=world.worker_a, pk=999999)
    with pytest.raises(PermissionDenied):
        selectors.person_get(user=world.monitor, pk=world.person_a.pk)


def test_read_logs_access_and_coordinator_sees_the_log(world: World) -> None:
    selectors.person_read(user=world.worker_a, pk=world.person_a.pk)
    row = AccessLog.objects.get()
    assert (row.user, row.record_id, row.node_id, row.purpose) == (
        world.worker_a,
        str(world.person_a.pk),
        world.spoke_a1.pk,
        "people.person.detail",
    )
    # The hub's coordinator covers the spoke's people; a case worker does not see the log.
    assert selectors.person_access_log(user=world.coordinator_a, person=world.person_a) == [row]
    assert not selectors.can_see_access_log(user=world.worker_a, person=world.person_a)
    with pytest.raises(PermissionDenied):
        selectors.person_access_log(user=world.worker_a, person=world.person_a)


def test_documents_flag_expired_and_expiring(world: World) -> None:
    today = timezone.localdate()
    for days, number in ((-1, "OLD"), (30, "SOON"), (200, "LATER")):
        services.document_add(
            actor=world.worker_a,
            person=world.person_a,
            kind="passport",
            number=number,
            expires_on=today + dt.timedelta(days=days),
        )
    rows = {
        r.document.number: (r.expired, r.expiring_soon)
        for r in selectors.person_documents(world.person_a)
    }
    assert rows == {"OLD": (True, False), "SOON": (False, True), "LATER": (False, False)}


def test_sharing_allowed_needs_an_active_consent_naming_the_service(world: World) -> None:
    person = world.person_a
    today = timezone.localdate()
    assert not selectors.sharing_allowed(person, "ASL Foggia")
    consent = services.consent_give(
        actor=world.worker_a,
        person=person,
        purpose=ConsentPurpose.SHARING,
        external_service="ASL Foggia",
        given_on=today,
    )
    assert selectors.sharing_allowed(person, "asl  foggia")
    assert not selectors.sharing_allowed(person, "Centro per l'impiego")
    assert not selectors.has_taking_charge_consent(person)
    services.consent_withdraw(actor=world.worker_a, consent=consent, withdrawn_on=today)
    assert not selectors.sharing_allowed(person, "ASL Foggia")


def test_node_choices_and_default_node(world: World) -> None:
    nodes = set(selectors.person_node_choices(user=world.coordinator_a))
    assert nodes == {world.hub_a, world.spoke_a1}
    assert selectors.default_node_for(user=world.spoke_operator) == world.spoke_a1
    assert list(selectors.municipality_choices(user=world.worker_a)) == [world.municipality]
