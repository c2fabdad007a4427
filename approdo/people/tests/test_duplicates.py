"""The duplicate check against the database: retrieval by keys, scope, bounded queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import UserFactory, user_with_role
from approdo.network.tests.factories import HubFactory
from approdo.people.duplicates import (
    MAX_CANDIDATES,
    SHOW_THRESHOLD,
    candidate_ids,
    find_duplicates,
    refresh_search_keys,
)
from approdo.people.matching import PersonFacts, search_keys
from approdo.people.models import (
    IdentityDocument,
    Person,
    PersonAlias,
    PersonSearchKey,
    PhoneNumber,
)
from approdo.people.services import STRONG_MATCH_SCORE

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub() -> Any:
    return HubFactory()


@pytest.fixture
def other_hub() -> Any:
    return HubFactory()


@pytest.fixture
def worker(hub: Any) -> Any:
    return user_with_role(Role.CASE_WORKER, node=hub)


def make_person(node: Any, **fields: Any) -> Person:
    documents = fields.pop("documents", ())
    phones = fields.pop("phones", ())
    aliases = fields.pop("aliases", ())
    person = Person.objects.create(registered_at=node, registered_by=UserFactory(), **fields)
    for number in documents:
        IdentityDocument.objects.create(person=person, kind="passport", number=number)
    for number in phones:
        PhoneNumber.objects.create(person=person, number=number)
    for name in aliases:
        PersonAlias.objects.create(person=person, name=name, kind="spelling")
    refresh_search_keys(person)
    return person


def hit_people(hits: list[Any]) -> list[Person | None]:
    return [h.person for h in hits]


def test_refresh_search_keys_rewrites_the_rows(hub: Any) -> None:
    person = make_person(hub, family_name="Diallo", given_names="Mamadou")
    assert set(person.search_keys.values_list("key", flat=True)) == {"p:jl|mmd"}
    person.birth_date = dt.date(1990, 1, 1)
    person.given_names = "Ousmane"
    person.save()
    refresh_search_keys(person)
    keys = set(person.search_keys.values_list("key", flat=True))
    assert keys == {"p:asmn|jl", "n:asmn|y:1990", "n:jl|y:1990"}
    refresh_search_keys(person)
    assert PersonSearchKey.objects.filter(person=person).count() == 3


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        (("Mohamed", "Traoré"), ("Muhammad", "Traore")),
        (("Mohammed", "Benali"), ("Mehmet", "Benali")),
        (("Mamadou", "Diallo"), ("Mamadu", "Jallow")),
        (("Ousmane", "Konaté"), ("Usman", "Konate")),
        (("Abdoulaye", "Sow"), ("Abdullahi", "Sow")),
        (("Ibrahima", "Ba"), ("Ibrahim", "Ba")),
        (("Oumar", "Coulibaly"), ("Omar", "Coulibaly")),
        (("Abdel Rahman", "Al-Hassan"), ("Abderrahmane", "El Hassan")),
        (("Seydou", "Keïta"), ("Keita", "Seydou")),  # swapped
        (("Amadou Saliou Bah", "Barry"), ("Amadou", "Barry")),  # name chain
        (("Youssef Ali", ""), ("Yousef Ali", "")),  # no family name
        (("علي", "محمد"), ("Ali", "Mhmd")),  # original script
    ],
)
def test_variant_families_are_found(
    hub: Any, worker: Any, stored: tuple[str, str], typed: tuple[str, str]
) -> None:
    born = dt.date(1994, 1, 1)
    target = make_person(
        hub,
        given_names=stored[0],
        family_name=stored[1],
        birth_date=born,
        birth_date_is_placeholder=True,
        birth_date_precision="year",
    )
    make_person(hub, given_names="Lamine", family_name="Camara", birth_date=born)
    query = PersonFacts(given_names=typed[0], family_name=typed[1], birth_date=dt.date(1994, 8, 3))
    hits = find_duplicates(user=worker, query=query)
    assert hit_people(hits) == [target]
    assert hits[0].in_scope
    assert hits[0].node_id == hub.pk


def test_day_month_swap_found(hub: Any, worker: Any) -> None:
    target = make_person(
        hub, given_names="Alpha", family_name="Sow", birth_date=dt.date(1992, 3, 4)
    )
    query = PersonFacts(given_names="Alpha", family_name="Sow", birth_date=dt.date(1992, 4, 3))
    hits = find_duplicates(user=worker, query=query)
    assert hit_people(hits) == [target]
    assert "data di nascita con giorno e mese invertiti" in hits[0].reasons


def test_singh_kaur_name_only_not_flagged_but_with_birth_date_flagged(
    hub: Any, worker: Any
) -> None:
    born = dt.date(1990, 6, 12)
    people = [
        make_person(hub, given_names="Gurpreet", family_name="Singh", birth_date=born),
        make_person(hub, given_names="Gurpreet", family_name="Singh"),
        make_person(hub, given_names="Harpreet", family_name="Kaur"),
    ]
    assert find_duplicates(user=worker, query=PersonFacts("Singh", "Gurpreet")) == []
    assert find_duplicates(user=worker, query=PersonFacts("Kaur", "Harpreet")) == []
    hits = find_duplicates(user=worker, query=PersonFacts("Singh", "Gurpreet", birth_date=born))
    assert hit_people(hits) == [people[0]]


@pytest.mark.parametrize(
    ("stored", "query", "reason", "strong"),
    [
        (
            {"documents": ["YA1234567"]},
            PersonFacts(document_numbers=("ya 123-4567",)),
            "documento",
            True,
        ),
        # A phone alone is shown, not a strong match: work teams share one.
        (
            {"phones": ["+393201234567"]},
            PersonFacts(phones=("+39 320 123 4567",)),
            "telefono",
            False,
        ),
        (
            {"tax_code": "TRRMMD90A01Z343P"},
            PersonFacts(tax_code="trrmmd90a01z343p"),
            "codice fiscale",
            True,
        ),
    ],
)
def test_identifier_alone_finds_the_person(
    hub: Any, worker: Any, stored: dict[str, Any], query: PersonFacts, reason: str, strong: bool
) -> None:
    target = make_person(hub, given_names="Moussa", family_name="Traoré", **stored)
    make_person(hub, given_names="Moussa", family_name="Traoré")
    hits = find_duplicates(user=worker, query=query)
    assert hit_people(hits) == [target]
    assert (hits[0].score >= STRONG_MATCH_SCORE) is strong
    assert any(reason in r for r in hits[0].reasons)


def test_an_identifier_shared_under_another_name_is_shown(hub: Any, worker: Any) -> None:
    team = make_person(hub, given_names="Moussa", family_name="Traoré", phones=["+393201234567"])
    query = PersonFacts("Keita", "Seydou", phones=("+39 320 123 4567",))
    hits = find_duplicates(user=worker, query=query)
    assert hit_people(hits) == [team]
    assert hits[0].score < SHOW_THRESHOLD
    assert hits[0].reasons == ("stesso numero di telefono",)
    assert find_duplicates(user=worker, query=PersonFacts("Keita", "Seydou")) == []


def test_alias_is_searched(hub: Any, worker: Any) -> None:
    target = make_person(hub, given_names="Kwame", family_name="Mensah", aliases=["Kofi Boateng"])
    hits = find_duplicates(user=worker, query=PersonFacts("Boateng", "Kofi"))
    assert hit_people(hits) == [target]


def test_out_of_scope_hit_carries_no_person_and_no_name(
    hub: Any, other_hub: Any, worker: Any
) -> None:
    born = dt.date(1991, 2, 3)
    for _ in range(3):
        make_person(
            other_hub,
            given_names="Mohamed",
            family_name="Traoré",
            birth_date=born,
            documents=["AB999"],
        )
    query = PersonFacts(family_name="Traore", given_names="Muhammad", document_numbers=("AB 999",))
    hits = find_duplicates(user=worker, query=query)
    assert len(hits) == 1  # three records at one node collapse into one hit
    hit = hits[0]
    assert hit.in_scope is False
    assert hit.person is None
    assert (hit.node_id, hit.node_name) == (other_hub.pk, other_hub.name)
    shown = " ".join(hit.reasons)
    for secret in ("Mohamed", "Traoré", "1991", "AB999"):
        assert secret not in shown
    assert "stesso numero di documento" in hit.reasons


def test_monitor_sees_nothing_personal(hub: Any) -> None:
    make_person(hub, given_names="Alpha", family_name="Sow", birth_date=dt.date(1992, 3, 4))
    monitor = user_with_role(Role.REGIONAL_MONITOR, region=hub.region)
    hits = find_duplicates(
        user=monitor,
        query=PersonFacts("Sow", "Alpha", birth_date=dt.date(1992, 3, 4)),
    )
    assert all(h.person is None and not h.in_scope for h in hits)


def test_results_are_limited_and_ordered(hub: Any, worker: Any) -> None:
    born = dt.date(1990, 1, 1)
    for i in range(15):
        make_person(
            hub,
            given_names="Mamadou",
            family_name="Diallo",
            birth_date=born,
            phones=[f"+39320000{i:04d}"],
        )
    best = make_person(
        hub, given_names="Mamadou", family_name="Diallo", birth_date=born, phones=["+393209999999"]
    )
    query = PersonFacts("Diallo", "Mamadou", birth_date=born, phones=("+393209999999",))
    hits = find_duplicates(user=worker, query=query, limit=5)
    assert len(hits) == 5
    assert hits[0].person == best
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_query_count_is_bounded(
    hub: Any, other_hub: Any, worker: Any, django_assert_max_num_queries: Any
) -> None:
    born = dt.date(1990, 1, 1)
    for i in range(30):
        node = hub if i % 2 else other_hub
        make_person(
            node,
            given_names="Mohamed",
            family_name="Diallo",
            birth_date=born,
            aliases=[f"Mamadou {i}"],
            documents=[f"X{i}"],
            phones=[f"+39320100{i:04d}"],
        )
    query = PersonFacts("Diallo", "Muhammad", birth_date=born)
    # access (memberships, nodes), keys, aliases, persons, cases in scope, the hits' rows.
    with django_assert_max_num_queries(7):
        hits = find_duplicates(user=worker, query=query)
    assert hits
    assert sum(1 for h in hits if not h.in_scope) == 1


def test_empty_query_finds_nothing(worker: Any) -> None:
    assert find_duplicates(user=worker, query=PersonFacts()) == []


def test_in_scope_hits_at_one_node_are_all_listed(hub: Any, worker: Any) -> None:
    born = dt.date(1985, 5, 5)
    twins = [
        make_person(hub, given_names="Awa", family_name="Ndiaye", birth_date=born) for _ in range(2)
    ]
    hits = find_duplicates(user=worker, query=PersonFacts("Ndiaye", "Awa", birth_date=born))
    assert sorted(h.person.pk for h in hits) == sorted(p.pk for p in twins)


def test_refresh_follows_documents_phones_and_aliases(hub: Any) -> None:
    person = make_person(hub, given_names="Kofi", family_name="Mensah", aliases=["Kwame Mensah"])
    assert "p:kf|mns" in set(person.search_keys.values_list("key", flat=True))
    assert "p:kvm|mns" in set(person.search_keys.values_list("key", flat=True))
    PersonAlias.objects.filter(person=person).delete()
    IdentityDocument.objects.create(person=person, kind="passport", number="g 0012-34")
    PhoneNumber.objects.create(person=person, number="+393331112222")
    refresh_search_keys(person)
    keys = set(person.search_keys.values_list("key", flat=True))
    assert keys == {"p:kf|mns", "doc:G001234", "tel:+393331112222"}


def test_candidates_are_bounded_and_identifiers_come_first(hub: Any) -> None:
    registrar = UserFactory()
    born = dt.date(1990, 1, 1)
    people = Person.objects.bulk_create(
        Person(
            given_names="Mamadou",
            family_name="Diallo",
            birth_date=born,
            registered_at=hub,
            registered_by=registrar,
        )
        for _ in range(MAX_CANDIDATES + 50)
    )
    keys = search_keys(PersonFacts("Diallo", "Mamadou", birth_date=born))
    PersonSearchKey.objects.bulk_create(
        PersonSearchKey(person=p, key=k) for p in people for k in sorted(keys)
    )
    last = people[-1]
    PersonSearchKey.objects.create(person=last, key="tel:+393200000001")
    query = PersonFacts("Diallo", "Mamadou", birth_date=born, phones=("+393200000001",))
    ids = candidate_ids(query)
    assert len(ids) == MAX_CANDIDATES
    assert ids[0] == last.pk
