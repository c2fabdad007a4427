"""Outreach services: sessions, anonymous counts, first contacts (case + referral to the hub)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from approdo.audit.models import AuditEvent
from approdo.cases.models import AccessChannel, Referral, ReferralStatus
from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.core.concurrency import StaleEditError
from approdo.outreach import services
from approdo.outreach.models import (
    AgeBand,
    FirstContact,
    Headcount,
    MaterialHandout,
    OnSpotService,
    OutreachSession,
    SessionStatus,
    Sex,
)
from approdo.outreach.tests.factories import (
    AwarenessMaterialFactory,
    OutreachSessionFactory,
    PlaceFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date.today


@pytest.fixture
def world() -> CaseWorld:
    return make_case_world()


def _session(world: CaseWorld, **kwargs: object) -> OutreachSession:
    place = PlaceFactory.create(node=world.spoke_a1)
    values: dict[str, object] = {
        "actor": world.spoke_operator,
        "node": world.spoke_a1,
        "place": place,
        "date": timezone.localdate(),
        "starts_at": dt.time(9, 0),
        "ends_at": dt.time(12, 0),
    }
    values.update(kwargs)
    return services.session_save(**values)


def test_session_save_creates_audits_and_is_idempotent(world: CaseWorld):
    cid = uuid.uuid4()
    session = _session(world, client_id=cid, team=[world.spoke_operator], vehicle="Furgone")
    again = _session(world, client_id=cid)
    assert again.pk == session.pk
    assert OutreachSession.objects.count() == 1
    assert list(session.team.all()) == [world.spoke_operator]
    event = AuditEvent.objects.get(action="outreach.session.saved")
    assert event.node_id == world.spoke_a1.pk
    assert event.actor == world.spoke_operator


def test_session_update_and_stale_edit_refused(world: CaseWorld):
    session = _session(world)
    updated = services.session_save(
        actor=world.spoke_operator,
        node=world.spoke_a1,
        place=session.place,
        date=session.date,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        notes="Molte persone nuove",
        session=session,
        expected_version=1,
    )
    assert updated.version == 2
    with pytest.raises(StaleEditError):
        services.session_save(
            actor=world.spoke_operator,
            node=world.spoke_a1,
            place=session.place,
            date=session.date,
            starts_at=session.starts_at,
            notes="Vecchia versione",
            session=OutreachSession.objects.get(pk=session.pk),
            expected_version=1,
        )
    session.refresh_from_db()
    assert session.notes == "Molte persone nuove"
    assert AuditEvent.objects.filter(action="outreach.session.saved").count() == 2


def test_session_rules_in_italian(world: CaseWorld):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as done_future:
        _session(world, date=tomorrow)
    assert "futuro" in done_future.value.message_dict["date"][0]
    with pytest.raises(ValidationError) as planned_past:
        _session(world, date=yesterday, status=SessionStatus.PLANNED)
    assert "passato" in planned_past.value.message_dict["date"][0]
    with pytest.raises(ValidationError) as ends:
        _session(world, starts_at=dt.time(12, 0), ends_at=dt.time(9, 0))
    assert "fine" in ends.value.message_dict["ends_at"][0]
    with pytest.raises(ValidationError) as team:
        _session(world, team=[world.other_body])
    assert "Non lavorano in questo nodo" in team.value.message_dict["team"][0]
    assert not OutreachSession.objects.exists()


def test_session_scoping(world: CaseWorld):
    with pytest.raises(Http404):
        _session(world, actor=world.other_body)
    with pytest.raises(PermissionDenied):
        _session(world, actor=world.monitor)
    # the hub's case worker covers its spoke
    assert _session(world, actor=world.manager).node == world.spoke_a1


def test_session_cancel(world: CaseWorld):
    session = _session(
        world, status=SessionStatus.PLANNED, date=timezone.localdate() + dt.timedelta(days=2)
    )
    with pytest.raises(ValidationError):
        services.session_cancel(
            actor=world.spoke_operator, session=session, reason=" ", expected_version=1
        )
    services.session_cancel(
        actor=world.spoke_operator, session=session, reason="Pioggia", expected_version=1
    )
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    assert AuditEvent.objects.filter(action="outreach.session.cancelled").exists()
    with pytest.raises(ValidationError):
        services.session_save(
            actor=world.spoke_operator,
            node=world.spoke_a1,
            place=session.place,
            date=session.date,
            starts_at=session.starts_at,
            status=SessionStatus.PLANNED,
            session=session,
            expected_version=session.version,
        )


def test_headcount_set_update_delete_and_conflict(world: CaseWorld):
    session = _session(world)
    cid = uuid.uuid4()
    row = services.headcount_set(
        actor=world.spoke_operator,
        session=session,
        sex=Sex.MALE,
        age_band=AgeBand.FROM_18_TO_29,
        nationality="ml",
        count=4,
        client_id=cid,
    )
    assert row is not None and row.nationality == "ML" and row.count == 4
    # a retry with the same values is harmless
    again = services.headcount_set(
        actor=world.spoke_operator,
        session=session,
        sex=Sex.MALE,
        age_band=AgeBand.FROM_18_TO_29,
        nationality="ML",
        count=4,
        client_id=cid,
    )
    assert again is not None and again.pk == row.pk and again.version == 1
    # different values without knowing the version: refused, never overwritten
    with pytest.raises(StaleEditError):
        services.headcount_set(
            actor=world.spoke_operator,
            session=session,
            sex=Sex.MALE,
            age_band=AgeBand.FROM_18_TO_29,
            nationality="ML",
            count=9,
            client_id=uuid.uuid4(),
        )
    updated = services.headcount_set(
        actor=world.spoke_operator,
        session=session,
        sex=Sex.MALE,
        age_band=AgeBand.FROM_18_TO_29,
        nationality="ML",
        count=6,
        client_id=cid,
        expected_version=1,
    )
    assert updated is not None and updated.count == 6 and updated.version == 2
    removed = services.headcount_set(
        actor=world.spoke_operator,
        session=session,
        sex=Sex.MALE,
        age_band=AgeBand.FROM_18_TO_29,
        nationality="ML",
        count=0,
        client_id=cid,
        expected_version=2,
    )
    assert removed is None and not Headcount.objects.exists()
    assert AuditEvent.objects.filter(action="outreach.headcount.set").count() == 3


def test_headcount_validation(world: CaseWorld):
    session = _session(world)
    with pytest.raises(ValidationError) as bad:
        services.headcount_set(
            actor=world.spoke_operator,
            session=session,
            sex=Sex.FEMALE,
            age_band=AgeBand.UNKNOWN,
            nationality="XX",
            count=2,
        )
    assert bad.value.message_dict["nationality"] == ["Cittadinanza non valida."]
    with pytest.raises(ValidationError):
        services.headcount_set(
            actor=world.spoke_operator,
            session=session,
            sex="alien",
            age_band=AgeBand.UNKNOWN,
            nationality="",
            count=2,
        )
    planned = _session(
        world, status=SessionStatus.PLANNED, date=timezone.localdate() + dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        services.headcount_set(
            actor=world.spoke_operator,
            session=planned,
            sex=Sex.FEMALE,
            age_band=AgeBand.UNKNOWN,
            nationality="",
            count=2,
        )
    with pytest.raises(Http404):
        services.headcount_set(
            actor=world.other_body,
            session=session,
            sex=Sex.FEMALE,
            age_band=AgeBand.UNKNOWN,
            nationality="",
            count=2,
        )
    assert not Headcount.objects.exists()


def test_services_and_handouts(world: CaseWorld):
    session = _session(world)
    material = AwarenessMaterialFactory.create()
    service = services.onspot_service_set(
        actor=world.spoke_operator, session=session, kind="health", people=3
    )
    handout = services.handout_set(
        actor=world.spoke_operator, session=session, material=material, quantity=40
    )
    assert service is not None and OnSpotService.objects.get().people == 3
    assert handout is not None and MaterialHandout.objects.get().quantity == 40
    material.active = False
    material.save()
    other = _session(world)
    with pytest.raises(ValidationError):
        services.handout_set(
            actor=world.spoke_operator, session=other, material=material, quantity=1
        )


def test_first_contact_opens_case_and_referral_to_hub(world: CaseWorld):
    session = _session(world)
    cid = uuid.uuid4()
    contact = services.first_contact_record(
        actor=world.spoke_operator,
        session=session,
        name="Amadou",
        phone="333 123 4567",
        language=world.arabic,
        needs="Non è stato pagato da tre settimane",
        client_id=cid,
    )
    case = contact.case
    assert case.access_channel == AccessChannel.PROACTIVE
    assert case.hub == world.hub_a and case.origin_node == world.spoke_a1
    assert case.contact_phone == "+393331234567"
    assert case.contact_place == session.place.name
    assert case.opened_on == session.date
    referral = contact.referral
    assert referral is not None
    assert referral.to_node == world.hub_a and referral.status == ReferralStatus.SENT
    assert referral.reason == "Non è stato pagato da tre settimane"
    assert set(referral.shared_fields) == {"name", "phone", "languages", "place", "needs"}
    again = services.first_contact_record(
        actor=world.spoke_operator, session=session, name="Amadou", client_id=cid
    )
    assert again.pk == contact.pk
    assert FirstContact.objects.count() == 1 and Referral.objects.count() == 1
    event = AuditEvent.objects.get(action="outreach.first_contact.recorded")
    assert event.node_id == world.spoke_a1.pk
    assert "Amadou" not in str(event.changes)


def test_first_contact_default_reason_and_minimal_fields(world: CaseWorld):
    session = _session(world)
    contact = services.first_contact_record(
        actor=world.spoke_operator, session=session, name="Il cugino di Moussa"
    )
    assert contact.referral is not None
    assert session.place.name in contact.referral.reason
    assert sorted(contact.referral.shared_fields) == ["name", "place"]


def test_first_contact_bad_phone_saves_nothing(world: CaseWorld):
    session = _session(world)
    with pytest.raises(ValidationError) as bad:
        services.first_contact_record(
            actor=world.spoke_operator, session=session, name="Ali", phone="12"
        )
    assert "Numero di telefono non valido" in bad.value.message_dict["phone"][0]
    with pytest.raises(ValidationError):
        services.first_contact_record(actor=world.spoke_operator, session=session, name=" ")
    assert not FirstContact.objects.exists() and not Referral.objects.exists()


def test_first_contact_at_hub_session_has_no_referral(world: CaseWorld):
    place = PlaceFactory.create(node=world.hub_a)
    session = OutreachSessionFactory.create(place=place, created_by=world.manager)
    contact = services.first_contact_record(actor=world.manager, session=session, name="Fatou")
    assert contact.referral is None
    assert contact.case.hub == world.hub_a


def test_first_contact_outsider_and_monitor(world: CaseWorld):
    session = _session(world)
    with pytest.raises(Http404):
        services.first_contact_record(actor=world.other_body, session=session, name="Ali")
    with pytest.raises(PermissionDenied):
        services.first_contact_record(actor=world.monitor, session=session, name="Ali")
