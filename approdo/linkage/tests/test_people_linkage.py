"""The network's people linked: clusters stored by a full run, and distinct people counted
once for monitoring."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from approdo.audit.models import AuditEvent
from approdo.cases import services as case_services
from approdo.cases.models import AccessChannel
from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.linkage.models import LinkRun, PersonCluster
from approdo.linkage.people_records import to_record
from approdo.linkage.selectors import distinct_people
from approdo.linkage.services import relink_all
from approdo.network.tests.factories import HubFactory
from approdo.people.models import DocumentKind, IdentityDocument, Person, PhoneNumber
from approdo.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _person(world: CaseWorld, family: str, given: str, born: str, hub=None, **more) -> Person:
    return PersonFactory.create(
        family_name=family,
        given_names=given,
        birth_date=dt.date.fromisoformat(born),
        registered_at=hub or world.hub_a,
        registered_by=world.manager,
        **more,
    )


def _open_case(world: CaseWorld, person: Person, hub, opened: dt.date) -> None:
    actor = world.manager if hub == world.hub_a else world.worker_c
    case_services.case_open(
        actor=actor,
        origin_node=hub,
        access_channel=AccessChannel.DIRECT,
        person=person,
        opened_on=opened,
    )


def test_a_person_registered_as_three_records_at_three_hubs_is_counted_once() -> None:
    world = make_case_world()
    hub_d = HubFactory.create(name="PSI Nardò", region=world.puglia)
    spring, summer, autumn = dt.date(2026, 4, 2), dt.date(2026, 7, 10), dt.date(2026, 10, 1)
    # (the world already has Ousmane Ndiaye, born 1990-03-12, at hub A)
    one = _person(world, "Diallo", "Mamadou", "1988-07-21", nationality="GN")
    two = _person(world, "Jallow", "Mamadu", "1988-07-21", nationality="GN", hub=world.hub_c)
    three = _person(world, "Mamadou", "Diallo", "1988-07-21", nationality="GN", hub=hub_d)
    other = _person(world, "Traoré", "Bakary", "1988-07-21", nationality="ML")
    _open_case(world, one, world.hub_a, spring)
    _open_case(world, two, world.hub_c, autumn)
    _open_case(world, other, world.hub_a, summer)
    # before any run every record counts as a person of its own
    assert distinct_people(period=(spring, autumn)) == 3
    run = relink_all(actor=None)
    clusters = dict(PersonCluster.objects.values_list("person_id", "cluster_id"))
    assert clusters[one.pk] == clusters[two.pk] == clusters[three.pk] == f"C{one.pk}"
    assert clusters[other.pk] == f"C{other.pk}"
    assert run.records == Person.objects.count() and run.clusters == run.records - 2
    assert distinct_people(period=(spring, autumn)) == 2  # Mamadou at two hubs, Bakary
    assert distinct_people(scope=world.puglia, period=(spring, autumn)) == 2
    assert distinct_people(scope=world.sicilia, period=(spring, autumn)) == 1
    assert distinct_people(scope=world.hub_c) == 1
    assert distinct_people(period=(dt.date(2026, 8, 1), dt.date(2026, 9, 1))) == 2
    event = AuditEvent.objects.get(action="linkage.run.completed")
    assert event.changes["clusters"] == run.clusters


def test_a_second_run_keeps_the_cluster_ids() -> None:
    world = make_case_world()
    first = _person(world, "Diallo", "Mamadou", "1987-06-01")
    _person(world, "Jallow", "Mamadu", "1987-06-01")
    relink_all(actor=None)
    before = dict(PersonCluster.objects.values_list("person_id", "cluster_id"))
    late = _person(world, "Diallo", "Mamadou", "1987-06-01", hub=world.hub_c)
    call_command("relink_people", verbosity=0)
    after = dict(PersonCluster.objects.values_list("person_id", "cluster_id"))
    assert {k: after[k] for k in before} == before
    assert after[late.pk] == f"C{first.pk}"
    assert LinkRun.objects.count() == 2


def test_a_person_becomes_a_record_with_documents_and_phone() -> None:
    world = make_case_world()
    person = _person(
        world,
        "Hossain",
        "Md Rahim",
        "1994-01-01",
        birth_date_is_placeholder=True,
        sex="male",
        nationality="BD",
    )
    IdentityDocument.objects.create(person=person, kind=DocumentKind.PASSPORT, number="BA1234567")
    IdentityDocument.objects.create(
        person=person, kind=DocumentKind.RESIDENCE_PERMIT, number="I00012345"
    )
    PhoneNumber.objects.create(person=person, number="+393331234567")
    record = to_record(person)
    assert record.record_id == f"{person.pk:012d}"
    assert (record.passport_number, record.permit_number) == ("BA1234567", "I00012345")
    assert record.birth_date == "1994-01-01" and record.birth_date_precision == "year"
    assert record.sex == "m" and record.phone == "+393331234567"
    assert record.source_node == world.hub_a.code
