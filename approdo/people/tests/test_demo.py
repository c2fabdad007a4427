"""The demo people: about 400 invented adults at demo nodes, deterministic, loaded only once.

The territory, the demo network and the people are loaded once for the whole module, inside a
transaction rolled back when the module ends; each test runs in a savepoint within it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from io import StringIO

import codicefiscale
import phonenumbers
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from approdo.accounts.models import Membership, User
from approdo.accounts.roles import Role
from approdo.audit.models import AuditEvent
from approdo.network.demo import DemoLoadResult, load_demo
from approdo.network.demo_data import DEFAULT_SEED, INLAV, SUPREME2
from approdo.network.models import Node
from approdo.people.demo import (
    NEAR_DUPLICATES,
    TARGET_PEOPLE,
    NodeInfo,
    load_demo_people,
    plan_people,
)
from approdo.people.duplicates import find_duplicates
from approdo.people.matching import facts_of, search_keys
from approdo.people.models import (
    Consent,
    IdentityDocument,
    Person,
    PersonSearchKey,
    PhoneNumber,
)
from approdo.people.selectors import EXPIRING_WITHIN_DAYS

pytestmark = pytest.mark.django_db

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[DemoLoadResult]:
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        yield load_demo(cases=False)
        # Nothing the module wrote may reach the other test modules.
        transaction.set_rollback(True)


def _node_infos() -> list[NodeInfo]:
    rows = Node.objects.filter(programme__code__in=[SUPREME2, INLAV]).values_list(
        "code", "kind", "region__name", "municipality__province__name"
    )
    return [NodeInfo(*row) for row in rows]


def test_about_four_hundred_people_at_demo_nodes(demo: DemoLoadResult) -> None:
    assert demo.people.created == TARGET_PEOPLE
    assert Person.objects.count() == TARGET_PEOPLE
    demo_nodes = set(
        Node.objects.filter(programme__code__in=[SUPREME2, INLAV]).values_list("pk", flat=True)
    )
    assert set(Person.objects.values_list("registered_at_id", flat=True)) <= demo_nodes
    hubs = Person.objects.filter(registered_at__kind="hub").count()
    assert TARGET_PEOPLE * 0.6 < hubs < TARGET_PEOPLE  # more at hubs, some at spokes
    registrars = set(Person.objects.values_list("registered_by__username", flat=True))
    assert "admin" in registrars and "coordinatore.foggia" in registrars


def test_every_person_is_an_adult_with_plausible_data(demo: DemoLoadResult) -> None:
    today = timezone.localdate()
    adult_born_by = dt.date(today.year - 18, today.month, min(today.day, 28))
    people = list(Person.objects.all())
    assert all(p.birth_date is not None and p.birth_date <= adult_born_by for p in people)
    placeholders = [p for p in people if p.birth_date_is_placeholder]
    assert 0.1 < len(placeholders) / len(people) < 0.3
    assert all(p.birth_date and p.birth_date.timetuple()[1:3] == (1, 1) for p in placeholders)
    assert all(p.birth_date_precision == "year" for p in placeholders)
    assert any(p.family_name == "" for p in people)
    assert any(p.given_names_original for p in people)
    assert {p.sex for p in people} == {"male", "female"}
    tax_codes = [p.tax_code for p in people if p.tax_code]
    assert tax_codes and all(codicefiscale.is_valid(code) for code in tax_codes)
    assert len(tax_codes) < len(people) / 5  # blank for most: taken as issued, never computed
    for number in PhoneNumber.objects.values_list("number", flat=True):
        assert number.startswith("+393990")
        assert phonenumbers.is_valid_number(phonenumbers.parse(number))


def test_expired_and_expiring_documents_are_present(demo: DemoLoadResult) -> None:
    today = timezone.localdate()
    permits = IdentityDocument.objects.exclude(permit_type="")
    assert permits.filter(expires_on__lt=today).exists()
    soon = today + dt.timedelta(days=EXPIRING_WITHIN_DAYS)
    assert permits.filter(expires_on__gte=today, expires_on__lte=soon).count() >= 10
    assert permits.filter(permit_type="art18ter").exists()
    assert IdentityDocument.objects.filter(kind="passport", expires_on__lt=today).exists()
    assert permits.filter(permit_type="asylum_request").exists()


def test_consents_and_notices(demo: DemoLoadResult) -> None:
    assert Consent.objects.filter(purpose="taking_charge").count() > TARGET_PEOPLE * 0.9
    assert Consent.objects.filter(
        purpose="sharing", external_service__startswith="Ispettorato"
    ).exists()
    assert Consent.objects.filter(withdrawn_on__isnull=False).exists()
    assert Person.objects.filter(notices__isnull=True).count() == 0


def test_search_keys_are_those_the_services_would_write(demo: DemoLoadResult) -> None:
    person = (
        Person.objects.prefetch_related("aliases", "documents", "phones")
        .exclude(phones=None)
        .first()
    )
    assert person is not None
    stored = set(PersonSearchKey.objects.filter(person=person).values_list("key", flat=True))
    assert stored == search_keys(facts_of(person))


def test_the_plan_is_deterministic_with_the_seed(demo: DemoLoadResult) -> None:
    nodes, today = _node_infos(), timezone.localdate()
    first = plan_people(nodes, seed=DEFAULT_SEED, today=today)
    assert first == plan_people(list(reversed(nodes)), seed=DEFAULT_SEED, today=today)
    assert first != plan_people(nodes, seed=DEFAULT_SEED + 1, today=today)
    stored = list(Person.objects.order_by("pk").values_list("given_names", "family_name"))
    assert stored == [(p.given_names, p.family_name) for p in first]


def test_a_second_load_adds_nobody(demo: DemoLoadResult) -> None:
    assert load_demo_people().already_present
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Persone demo già presenti" in out.getvalue()
    assert Person.objects.count() == TARGET_PEOPLE
    assert AuditEvent.objects.filter(action="people.demo.loaded").count() == 1
    event = AuditEvent.objects.get(action="people.demo.loaded")
    assert event.actor is None


def test_near_duplicates_are_found_across_nodes(demo: DemoLoadResult) -> None:
    # A case worker who works at both hubs sees both; one at Ragusa only is told the other
    # record exists without seeing it.
    ragusa = User.objects.get(username="psicologa.ragusa")  # SIC-H01 only
    puglia_hub = Node.objects.get(code="PUG-H01")
    both = User.objects.create_user(username="two.hubs", password=None)
    for code in ("PUG-H01", "SIC-H01"):
        Membership.objects.create(
            user=both,
            role=Role.CASE_WORKER,
            node=Node.objects.get(code=code),
        )
    for first, second in NEAR_DUPLICATES:
        original = Person.objects.get(
            registered_at=puglia_hub,
            given_names=first["given_names"],
            family_name=first["family_name"],
        )
        copy = Person.objects.prefetch_related("aliases", "documents", "phones").get(
            registered_at__code="SIC-H01",
            given_names=second["given_names"],
            family_name=second["family_name"],
        )
        query = facts_of(copy)

        everywhere = find_duplicates(user=both, query=query)
        assert original.pk in {hit.person.pk for hit in everywhere if hit.person}, first

        local = find_duplicates(user=ragusa, query=query)
        elsewhere = [hit for hit in local if hit.node_id == puglia_hub.pk]
        assert elsewhere, first
        assert not elsewhere[0].in_scope and elsewhere[0].person is None


def test_no_people_without_accounts(demo: DemoLoadResult) -> None:
    # People are registered by demo accounts: without them load_demo creates nobody.
    result = load_demo(accounts=False)
    assert result.people.skipped and result.people.created == 0
    out = StringIO()
    call_command("load_demo", "--no-people", stdout=out)
    assert "Persone demo non create" in out.getvalue()
    assert Person.objects.count() == TARGET_PEOPLE
