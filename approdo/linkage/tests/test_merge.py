"""Merging two records of one person, and undoing it: nothing lost, everything back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from approdo.audit.models import AuditEvent
from approdo.cases import services as case_services
from approdo.cases.models import AccessChannel, Case
from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.linkage.merge import person_snapshot, unmerge_people
from approdo.linkage.models import CandidateStatus, LinkCandidate
from approdo.linkage.services import candidate_confirm, candidate_reject, relink_all
from approdo.linkage.tests.factories import make_candidate
from approdo.people import services as people_services
from approdo.people.duplicates import refresh_search_keys
from approdo.people.models import (
    Consent,
    DocumentKind,
    IdentityDocument,
    Person,
    PersonAlias,
    PersonLanguage,
    PersonSearchKey,
    PhoneNumber,
)
from approdo.people.selectors import person_list
from approdo.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _two_records(world: CaseWorld) -> tuple[Person, Person]:
    """Mamadou Diallo registered at hub A (few details) and again at hub A2 as Mamadu Jallow
    (more details), with a case at each hub."""
    first = PersonFactory.create(
        family_name="Diallo",
        given_names="Mamadou",
        birth_date=dt.date(1988, 7, 21),
        nationality="GN",
        registered_at=world.hub_a,
        registered_by=world.manager,
    )
    second = PersonFactory.create(
        family_name="Jallow",
        given_names="Mamadu",
        birth_date=dt.date(1988, 7, 21),
        nationality="GN",
        sex="male",
        tax_code="",
        living_place="Borgo Mezzanone",
        registered_at=world.hub_a2,
        registered_by=world.other_hub,
    )
    PhoneNumber.objects.create(person=first, number="+393331112233")
    PhoneNumber.objects.create(person=second, number="+393331112233")  # the same phone
    PhoneNumber.objects.create(person=second, number="+393449998877")
    IdentityDocument.objects.create(
        person=second, kind=DocumentKind.PASSPORT, number="GN1234567", issuing_country="GN"
    )
    PersonAlias.objects.create(person=second, name="Mamadou Jalloh", kind="spelling")
    PersonLanguage.objects.create(person=second, language=world.arabic, level="basic")
    Consent.objects.create(
        person=second,
        purpose="taking_charge",
        given_on=dt.date(2026, 5, 1),
        recorded_by=world.other_hub,
    )
    for person, hub, actor in (
        (first, world.hub_a, world.manager),
        (second, world.hub_a2, world.other_hub),
    ):
        case_services.case_open(
            actor=actor,
            origin_node=hub,
            access_channel=AccessChannel.DIRECT,
            person=person,
            opened_on=dt.date(2026, 6, 1),
        )
        refresh_search_keys(person)
    return first, second


def _candidate(first: Person, second: Person) -> LinkCandidate:
    return make_candidate(first, second)


def _state(*people: Person) -> list[dict[str, Any]]:
    """Every column of the records and of every row hanging on them."""
    states = []
    for person in people:
        person.refresh_from_db()
        snapshot = person_snapshot(person)
        snapshot["rows"] = {
            k: sorted(v, key=lambda r: r["id"]) for k, v in snapshot["rows"].items()
        }
        states.append(snapshot)
    return states


def test_confirming_a_pair_merges_the_newer_record_into_the_older_keeping_everything() -> None:
    world = make_case_world()
    first, second = _two_records(world)
    candidate = _candidate(first, second)
    merge = candidate_confirm(
        actor=world.coordinator, candidate=candidate, expected_version=candidate.version
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert merge.survivor == first and second.merged_into == first
    # the merged record keeps its own values (the originals and their source)
    assert (second.family_name, second.registered_at, second.living_place) == (
        "Jallow",
        world.hub_a2,
        "Borgo Mezzanone",
    )
    # the survivor has both cases, the documents, the other phone, the language, the consent
    assert set(Case.objects.filter(person=first).values_list("hub__name", flat=True)) == {
        "PSI Foggia",
        "PSI Bari",
    }
    assert first.documents.get().number == "GN1234567"
    assert set(first.phones.values_list("number", flat=True)) == {"+393331112233", "+393449998877"}
    # the phone both had stays on the merged record (never deleted)
    assert second.phones.get().number == "+393331112233"
    assert first.languages.count() == 1 and first.consents.count() == 1
    # empty fields completed; names kept as aliases
    assert (first.sex, first.living_place) == ("male", "Borgo Mezzanone")
    assert {"Mamadu Jallow", "Mamadou Jalloh"} <= set(first.aliases.values_list("name", flat=True))
    # the merged record leaves lists and searches; its name finds the survivor
    found = list(person_list(user=world.other_hub, q="Jallow"))
    assert found == [first]
    assert not PersonSearchKey.objects.filter(person=second).exists()
    candidate.refresh_from_db()
    assert (
        candidate.status == CandidateStatus.CONFIRMED and candidate.decided_by == world.coordinator
    )
    assert AuditEvent.objects.filter(
        action="linkage.person.merged", target_id=str(first.pk)
    ).exists()


def test_unmerge_restores_every_field_of_both_records_and_of_every_row() -> None:
    world = make_case_world()
    first, second = _two_records(world)
    before = _state(first, second)
    candidate = _candidate(first, second)
    merge = candidate_confirm(
        actor=world.coordinator, candidate=candidate, expected_version=candidate.version
    )
    assert _state(first, second) != before
    unmerge_people(
        actor=world.coordinator, merge=merge, reason="Due fratelli, non la stessa persona"
    )
    assert _state(first, second) == before
    merge.refresh_from_db()
    assert merge.unmerged_by == world.coordinator and not merge.is_active
    # the pair is now known to be two people: no run puts them together again
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.REJECTED
    relink_all(actor=None)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.cluster.cluster_id != second.cluster.cluster_id
    assert AuditEvent.objects.filter(action="linkage.person.unmerged").count() == 1


def test_unmerge_keeps_what_was_added_after_the_merge() -> None:
    world = make_case_world()
    first, second = _two_records(world)
    candidate = _candidate(first, second)
    merge = candidate_confirm(
        actor=world.coordinator, candidate=candidate, expected_version=candidate.version
    )
    first.refresh_from_db()
    later = PhoneNumber.objects.create(person=first, number="+393470000000")
    data = people_services.PersonData(
        **{
            name: getattr(first, name)
            for name in people_services.PersonData(given_names="").names()
        }
    )
    data.living_place = "Foggia, via Roma"
    people_services.person_update(
        actor=world.manager, person=first, data=data, expected_version=first.version
    )
    unmerge_people(actor=world.coordinator, merge=merge, reason="Errore")
    first.refresh_from_db()
    assert later.person_id == first.pk  # added after the merge: stays
    assert first.living_place == "Foggia, via Roma"  # changed after the merge: not undone
    event = AuditEvent.objects.get(action="linkage.person.unmerged")
    assert event.changes["changed_since_merge_kept"] == ["living_place"]


def test_a_stale_or_repeated_decision_is_refused() -> None:
    world = make_case_world()
    first, second = _two_records(world)
    candidate = _candidate(first, second)
    candidate_reject(actor=world.coordinator, candidate=candidate, expected_version=1, note="No")
    with pytest.raises(ValidationError):
        candidate_confirm(actor=world.coordinator, candidate=candidate, expected_version=1)
    first.refresh_from_db()
    assert first.merged_records.count() == 0


def test_only_a_coordinator_covering_one_of_the_records_decides() -> None:
    world = make_case_world()
    first, second = _two_records(world)
    candidate = _candidate(first, second)
    for outsider in (world.manager, world.coordinator_c, world.monitor):
        with pytest.raises(PermissionDenied):
            candidate_confirm(actor=outsider, candidate=candidate, expected_version=1)
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.PENDING


def test_an_unmerge_needs_a_reason_and_happens_once() -> None:
    world = make_case_world()
    first, second = _two_records(world)
    candidate = _candidate(first, second)
    merge = candidate_confirm(actor=world.coordinator, candidate=candidate, expected_version=1)
    with pytest.raises(ValidationError):
        unmerge_people(actor=world.coordinator, merge=merge, reason="  ")
    unmerge_people(actor=world.coordinator, merge=merge, reason="Persone diverse")
    with pytest.raises(ValidationError):
        unmerge_people(actor=world.coordinator, merge=merge, reason="ancora")


def test_merged_records_count_once_for_monitoring_and_twice_again_after_unmerge() -> None:
    from approdo.linkage.selectors import distinct_people

    world = make_case_world()
    first, second = _two_records(world)
    period = (dt.date(2026, 6, 1), dt.date(2026, 12, 31))
    before = distinct_people(period=period)  # no run yet: every record a person of its own
    candidate = _candidate(first, second)
    merge = candidate_confirm(actor=world.coordinator, candidate=candidate, expected_version=1)
    assert distinct_people(period=period) == before - 1
    relink_all(actor=None)
    assert distinct_people(period=period) == before - 1
    unmerge_people(actor=world.coordinator, merge=merge, reason="Persone diverse")
    relink_all(actor=None)
    assert distinct_people(period=period) == before
