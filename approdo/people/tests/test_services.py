"""People's writes: validation, scope, concurrency, audit (masked) and search keys."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from approdo.audit.models import AuditEvent
from approdo.core.concurrency import StaleEditError
from approdo.people import services
from approdo.people.models import Consent, ConsentPurpose, Person, PersonSearchKey
from approdo.people.services import NewPersonExtras, PersonData
from approdo.people.tests.factories import (
    VALID_TAX_CODE,
    WRONG_CHECK_TAX_CODE,
    World,
    make_world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def data(**overrides: object) -> PersonData:
    values: dict[str, object] = {
        "given_names": "Karim",
        "family_name": "Benali",
        "birth_date": dt.date(1995, 1, 1),
        "birth_date_precision": "year",
        "nationality": "MA",
        "sex": "male",
    }
    values.update(overrides)
    return PersonData(**values)


def last_event(action: str) -> AuditEvent:
    event = AuditEvent.objects.filter(action=action).order_by("-pk").first()
    assert event is not None, action
    return event


def test_register_stores_person_audits_masked_and_writes_search_keys(world: World) -> None:
    person = services.person_register(
        actor=world.worker_a,
        node=world.hub_a,
        data=data(tax_code=VALID_TAX_CODE.lower()),
        extras=NewPersonExtras(
            aliases=["Kareem", " "], phones=[("333 123 4567", True)], languages=[]
        ),
    )
    assert person.tax_code == VALID_TAX_CODE
    # Year only and 1 January: the date is a conventional placeholder.
    assert person.birth_date_is_placeholder is True
    assert list(person.aliases.values_list("name", flat=True)) == ["Kareem"]
    assert list(person.phones.values_list("number", "whatsapp")) == [("+393331234567", True)]
    event = last_event("people.person.created")
    assert event.node_id == world.hub_a.pk
    assert event.changes["tax_code"] == {"old": None, "new": "***"}
    assert VALID_TAX_CODE not in str(event.changes)
    assert "+393331234567" not in str(event.changes)
    assert PersonSearchKey.objects.filter(person=person).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"birth_date": timezone.localdate() + dt.timedelta(days=1)}, "birth_date", "futuro"),
        ({"birth_date": dt.date(1899, 12, 31)}, "birth_date", "1900"),
        ({"tax_code": WRONG_CHECK_TAX_CODE}, "tax_code", "carattere di controllo"),
        ({"tax_code": "RSSMRA85"}, "tax_code", "16 caratteri"),
    ],
)
def test_register_refuses_bad_identity_data(
    world: World, overrides: dict[str, object], field: str, fragment: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.person_register(actor=world.worker_a, node=world.hub_a, data=data(**overrides))
    assert fragment in " ".join(exc.value.message_dict[field])
    assert not Person.objects.filter(family_name="Benali").exists()


def test_register_refuses_an_invalid_phone(world: World) -> None:
    with pytest.raises(ValidationError, match="Numero di telefono non valido"):
        services.person_register(
            actor=world.worker_a,
            node=world.hub_a,
            data=data(),
            extras=NewPersonExtras(phones=[("12345", False)]),
        )


def test_register_outside_scope_is_404_and_monitor_403(world: World) -> None:
    with pytest.raises(Http404):
        services.person_register(actor=world.worker_a, node=world.hub_b, data=data())
    with pytest.raises(PermissionDenied):
        services.person_register(actor=world.monitor, node=world.hub_a, data=data())


def test_a_strong_in_scope_match_needs_confirmation(world: World) -> None:
    same = data(
        given_names="Ousmane",
        family_name="Ndiaye",
        birth_date=dt.date(1990, 3, 12),
        birth_date_precision="exact",
        nationality="SN",
    )
    with pytest.raises(ValidationError) as exc:
        services.person_register(actor=world.worker_a, node=world.hub_a, data=same)
    assert "confirmed_distinct" in exc.value.message_dict
    person = services.person_register(
        actor=world.worker_a, node=world.hub_a, data=same, confirmed_distinct=True
    )
    assert person.pk != world.person_a.pk
    assert last_event("people.person.created").changes["confirmed_distinct"] is True


def test_an_out_of_scope_match_does_not_block(world: World) -> None:
    # Chinedu Okafor is registered at hub B, outside worker A's scope.
    twin = data(
        given_names="Chinedu",
        family_name="Okafor",
        birth_date=dt.date(1988, 7, 1),
        birth_date_precision="exact",
        nationality="NG",
    )
    person = services.person_register(actor=world.worker_a, node=world.hub_a, data=twin)
    assert person.registered_at == world.hub_a


def test_update_changes_fields_masks_tax_code_and_bumps_version(world: World) -> None:
    person = world.person_a
    updated = services.person_update(
        actor=world.worker_a,
        person=person,
        expected_version=person.version,
        data=data(
            given_names="Ousmane",
            family_name="Ndiaye",
            birth_date=dt.date(1990, 3, 12),
            birth_date_precision="exact",
            nationality="SN",
            tax_code=VALID_TAX_CODE,
            living_place="Borgo Mezzanone",
        ),
    )
    assert updated.version == person.version + 1
    event = last_event("people.person.updated")
    assert event.changes["tax_code"] == {"old": "", "new": "***"}
    assert event.changes["living_place"]["new"] == "Borgo Mezzanone"
    assert event.node_id == world.spoke_a1.pk


def test_stale_update_is_refused_and_writes_nothing(world: World) -> None:
    person = world.person_a
    services.person_update(
        actor=world.worker_a,
        person=person,
        expected_version=person.version,
        data=data(given_names="Ousmane", family_name="Ndiaye", living_place="Foggia"),
    )
    with pytest.raises(StaleEditError) as exc:
        services.person_update(
            actor=world.coordinator_a,
            person=person,
            expected_version=person.version,
            data=data(given_names="Ousmane", family_name="Ndiaye", living_place="Rosarno"),
        )
    assert isinstance(exc.value.current, Person)
    assert exc.value.current.living_place == "Foggia"
    person.refresh_from_db()
    assert person.living_place == "Foggia"


def test_document_expiry_before_issue_is_refused_and_expired_accepted(world: World) -> None:
    person = world.person_a
    with pytest.raises(ValidationError) as exc:
        services.document_add(
            actor=world.worker_a,
            person=person,
            kind="passport",
            number="AA1",
            issued_on=dt.date(2024, 5, 1),
            expires_on=dt.date(2024, 4, 1),
        )
    assert "expires_on" in exc.value.message_dict
    document = services.document_add(
        actor=world.worker_a,
        person=person,
        kind="residence_permit",
        permit_type="art18ter",
        number="it 123 456",
        issued_on=dt.date(2020, 1, 1),
        expires_on=dt.date(2021, 1, 1),
    )
    assert document.number == "IT123456"
    event = last_event("people.document.added")
    assert event.changes["number"] == "***"
    assert "IT123456" not in str(event.changes)
    services.document_remove(actor=world.worker_a, document=document)
    assert not person.documents.exists()
    assert last_event("people.document.removed").node_id == world.spoke_a1.pk


def test_phone_and_alias_add_remove_refresh_keys(world: World) -> None:
    person = world.person_a
    phone = services.phone_add(actor=world.worker_a, person=person, number="+212 612 345678")
    assert phone.number == "+212612345678"
    assert PersonSearchKey.objects.filter(person=person, key="tel:+212612345678").exists()
    with pytest.raises(ValidationError):
        services.phone_add(actor=world.worker_a, person=person, number="00212612345678")
    services.phone_remove(actor=world.worker_a, phone=phone)
    assert not PersonSearchKey.objects.filter(person=person, key__startswith="tel:").exists()
    alias = services.alias_add(actor=world.worker_a, person=person, name="Ousman  Ndiaye")
    assert alias.name == "Ousman Ndiaye"
    services.alias_remove(actor=world.worker_a, alias=alias)
    assert last_event("people.alias.removed").changes["name"] == "Ousman Ndiaye"
    assert "+212612345678" not in str(last_event("people.phone.added").changes)


def test_language_set_updates_the_level(world: World) -> None:
    person = world.person_a
    services.language_set(actor=world.worker_a, person=person, language=world.arabic, level="basic")
    row = services.language_set(
        actor=world.worker_a, person=person, language=world.arabic, level="fluent"
    )
    assert person.languages.get().level == "fluent"
    services.language_remove(actor=world.worker_a, row=row)
    assert not person.languages.exists()


def test_consent_give_and_withdraw_keep_the_row(world: World) -> None:
    person = world.person_a
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        services.consent_give(
            actor=world.worker_a, person=person, purpose=ConsentPurpose.SHARING, given_on=today
        )
    assert "external_service" in exc.value.message_dict
    consent = services.consent_give(
        actor=world.worker_a,
        person=person,
        purpose=ConsentPurpose.SHARING,
        external_service="ASL Foggia",
        given_on=today,
    )
    assert last_event("people.consent.given").node_id == world.spoke_a1.pk
    services.consent_withdraw(actor=world.worker_a, consent=consent, withdrawn_on=today)
    consent.refresh_from_db()
    assert consent.withdrawn_on == today
    assert Consent.objects.filter(pk=consent.pk).exists()
    assert last_event("people.consent.withdrawn").changes["purpose"] == "sharing"
    with pytest.raises(ValidationError):
        services.consent_withdraw(actor=world.worker_a, consent=consent, withdrawn_on=today)


def test_notice_records_the_operator(world: World) -> None:
    notice = services.notice_record(
        actor=world.worker_a,
        person=world.person_a,
        version="2025-01",
        language=world.arabic,
        given_on=timezone.localdate(),
        with_mediator=True,
    )
    assert notice.given_by == world.worker_a
    assert last_event("people.notice.recorded").changes["language"] == "ar"


def test_writes_outside_scope_are_404(world: World) -> None:
    with pytest.raises(Http404):
        services.phone_add(actor=world.worker_b, person=world.person_a, number="3331234567")
    with pytest.raises(Http404):
        services.consent_give(
            actor=world.worker_b,
            person=world.person_a,
            purpose=ConsentPurpose.TAKING_CHARGE,
            given_on=timezone.localdate(),
        )
