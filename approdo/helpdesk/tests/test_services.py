"""Services of the helpdesk after intake: triage, referral to a PSI and the hub's answer,
authority reports, tasks, closing (the way to call back is erased), stale edits."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from approdo.audit.models import AuditEvent
from approdo.cases.models import Case, ExternalBodyKind, ExternalService, ReferralStatus
from approdo.cases.referral_services import referral_accept, referral_decline
from approdo.cases.selectors import referral_inbox
from approdo.cases.stages import ClosureOutcome, Stage
from approdo.cases.tests.factories import make_case_world
from approdo.core.concurrency import StaleEditError
from approdo.helpdesk import selectors, services
from approdo.helpdesk.models import (
    Authority,
    ContactStatus,
    HelpdeskTask,
    Need,
    ReporterContact,
    TaskKind,
    TriageOutcome,
    Urgency,
)
from approdo.helpdesk.tests.factories import helpdesk_operator, make_contact

pytestmark = pytest.mark.django_db


def test_refer_to_psi_lands_in_the_hub_inbox_and_the_answer_shows_back() -> None:
    world = make_case_world()
    operator = helpdesk_operator()
    contact = make_contact(operator, name="Amadou", phone="+39 333 1234567", language=world.arabic)
    triage = services.triage_refer_psi(
        actor=operator,
        contact=contact,
        expected_version=contact.version,
        hub=world.hub_a,
        reason="Paga non versata da due mesi",
        shared_fields=["name", "phone", "languages", "needs"],
    )
    contact.refresh_from_db()
    assert contact.status == ContactStatus.REFERRED
    assert contact.assigned_to == operator
    referral = triage.referral
    assert referral is not None
    inbox = referral_inbox(user=world.manager)
    assert list(inbox) == [referral]
    case = referral.case
    assert case.contact_name == "Amadou"
    assert case.contact_phone == "+39 333 1234567"
    assert case.contact_language == world.arabic
    assert case.contact_needs == str(Need.WAGES.label)
    assert case.contact_place == ""  # not ticked: not sent
    follow_up = HelpdeskTask.objects.get(contact=contact, kind=TaskKind.FOLLOW_UP)
    assert follow_up.due_at > timezone.now() + dt.timedelta(days=6)
    assert AuditEvent.objects.filter(
        action="helpdesk.contact.triaged", target_id=str(contact.pk)
    ).exists()
    # The other hub never sees it.
    assert not referral_inbox(user=world.other_body).exists()

    referral_decline(actor=world.manager, referral=referral, reason="Nessun posto")
    flagged = selectors.contact_get(user=operator, pk=contact.pk)
    assert flagged.needs_retriage == 1
    assert Case.objects.get(pk=case.pk).closure_outcome == ClosureOutcome.NOT_TAKEN


def test_accepted_referral_is_not_flagged() -> None:
    world = make_case_world()
    operator = helpdesk_operator()
    contact = make_contact(operator)
    triage = services.triage_refer_psi(
        actor=operator,
        contact=contact,
        expected_version=contact.version,
        hub=world.hub_a,
        reason="Da prendere in carico",
        shared_fields=["needs"],
    )
    assert triage.referral is not None
    referral_accept(actor=world.manager, referral=triage.referral)
    triage.referral.refresh_from_db()
    assert triage.referral.status == ReferralStatus.ACCEPTED
    assert triage.referral.case.stage == Stage.FIRST_CONTACT
    assert selectors.contact_get(user=operator, pk=contact.pk).needs_retriage == 0


def test_anonymous_contact_sends_its_reference_as_name() -> None:
    world = make_case_world()
    operator = helpdesk_operator()
    contact = make_contact(operator, anonymous=True)
    assert contact.name == ""
    triage = services.triage_refer_psi(
        actor=operator,
        contact=contact,
        expected_version=contact.version,
        hub=world.hub_b,
        reason="Segnalazione anonima",
        shared_fields=["name", "needs"],
    )
    assert triage.referral is not None
    assert triage.referral.case.contact_name == contact.reference
    assert contact.reference.startswith("HD-")


def test_refer_to_psi_needs_a_hub_and_a_reason_and_saves_nothing() -> None:
    make_case_world()
    operator = helpdesk_operator()
    contact = make_contact(operator)
    with pytest.raises(ValidationError) as exc:
        services.triage_refer_psi(
            actor=operator,
            contact=contact,
            expected_version=contact.version,
            hub=None,
            reason="x",
            shared_fields=[],
        )
    assert "hub" in exc.value.message_dict
    contact.refresh_from_db()
    assert contact.status == ContactStatus.NEW
    assert not contact.triages.exists()


def test_stale_triage_is_refused_and_no_referral_is_left() -> None:
    world = make_case_world()
    operator = helpdesk_operator()
    contact = make_contact(operator)
    services.contact_take(actor=operator, contact=contact, expected_version=contact.version)
    with pytest.raises(StaleEditError):
        services.triage_refer_psi(
            actor=operator,
            contact=contact,
            expected_version=0,
            hub=world.hub_a,
            reason="motivo",
            shared_fields=["needs"],
        )
    assert not referral_inbox(user=world.manager).exists()


def test_refer_to_authority_with_office_and_follow_up() -> None:
    world = make_case_world()
    operator = helpdesk_operator()
    office = ExternalService.objects.create(
        name="Ispettorato territoriale del lavoro di Foggia",
        kind=ExternalBodyKind.LABOUR_INSPECTORATE,
        region=world.puglia,
    )
    contact = make_contact(operator)
    services.triage_refer_authority(
        actor=operator,
        contact=contact,
        expected_version=contact.version,
        authority=Authority.LABOUR_INSPECTORATE,
        external_service=office,
        note="Segnalato per telefono",
        follow_up_days=3,
    )
    contact.refresh_from_db()
    triage = contact.triages.get()
    assert triage.outcome == TriageOutcome.REFERRED_AUTHORITY
    assert triage.external_service == office
    task = contact.tasks.get(kind=TaskKind.FOLLOW_UP)
    assert office.name in task.note
    with pytest.raises(ValidationError):
        services.triage_refer_authority(
            actor=operator,
            contact=contact,
            expected_version=contact.version,
            authority="nobody",
            note="",
        )


def test_answer_and_close_erases_reporter_and_closes_tasks() -> None:
    operator = helpdesk_operator()
    friday_evening = timezone.make_aware(dt.datetime(2026, 11, 13, 19, 0))
    contact = make_contact(operator, phone="+39 333 7654321", received_at=friday_evening)
    assert contact.tasks.filter(kind=TaskKind.CALL_BACK, done_at__isnull=True).exists()
    services.triage_answer(
        actor=operator,
        contact=contact,
        expected_version=contact.version,
        note="Spiegati i diritti",
        close=True,
    )
    contact.refresh_from_db()
    assert contact.status == ContactStatus.CLOSED
    assert contact.closed_at is not None
    assert not ReporterContact.objects.filter(contact=contact).exists()
    assert not contact.tasks.filter(done_at__isnull=True).exists()
    event = AuditEvent.objects.get(action="helpdesk.contact.triaged", target_id=str(contact.pk))
    assert event.changes["reporter_erased"] is True
    with pytest.raises(ValidationError):
        services.triage_answer(
            actor=operator, contact=contact, expected_version=contact.version, note="ancora"
        )


def test_close_requires_a_note_and_erases_the_reporter() -> None:
    operator = helpdesk_operator()
    contact = make_contact(operator, email="persona@example.org")
    with pytest.raises(ValidationError):
        services.contact_close(
            actor=operator, contact=contact, expected_version=contact.version, note=" "
        )
    assert ReporterContact.objects.filter(contact=contact).exists()
    services.contact_close(
        actor=operator, contact=contact, expected_version=contact.version, note="Risolto"
    )
    assert not ReporterContact.objects.filter(contact=contact).exists()
    assert AuditEvent.objects.filter(action="helpdesk.contact.closed").exists()


def test_update_anonymous_clears_name_and_stale_update_refused() -> None:
    operator = helpdesk_operator()
    contact = make_contact(operator, name="Ibrahim")
    loaded = contact.version
    services.contact_update(
        actor=operator,
        contact=contact,
        expected_version=loaded,
        channel=contact.channel,
        message="Testo corretto",
        needs=[Need.HOUSING, Need.HEALTH],
        urgency=Urgency.DANGER,
        anonymous=True,
    )
    contact.refresh_from_db()
    assert contact.name == "" and contact.anonymous
    assert sorted(selectors.contact_needs(contact)) == [Need.HEALTH, Need.HOUSING]
    event = AuditEvent.objects.get(action="helpdesk.contact.updated")
    assert event.changes["name"] == {"old": "…", "new": "…"}  # names stay out of the trail
    with pytest.raises(StaleEditError):
        services.contact_update(
            actor=operator,
            contact=contact,
            expected_version=loaded,
            channel=contact.channel,
            message="Altra modifica",
            needs=[],
            urgency=Urgency.LOW,
            anonymous=False,
            name="Nome",
        )
    contact.refresh_from_db()
    assert contact.urgency == Urgency.DANGER


def test_tasks_add_and_complete_with_concurrency() -> None:
    operator = helpdesk_operator()
    colleague = helpdesk_operator()
    world = make_case_world()
    contact = make_contact(operator)
    due = timezone.now() + dt.timedelta(hours=2)
    task = services.task_add(
        actor=operator, contact=contact, kind=TaskKind.CALL_BACK, due_at=due, assigned_to=colleague
    )
    with pytest.raises(ValidationError):
        services.task_add(
            actor=operator,
            contact=contact,
            kind=TaskKind.CALL_BACK,
            due_at=due,
            assigned_to=world.manager,  # not a helpdesk operator
        )
    version = task.version
    services.task_complete(
        actor=colleague, task=task, expected_version=version, outcome="Richiamato"
    )
    task.refresh_from_db()
    assert task.done_by == colleague and task.outcome == "Richiamato"
    with pytest.raises(ValidationError):
        services.task_complete(
            actor=colleague, task=task, expected_version=task.version, outcome="Di nuovo"
        )
    assert AuditEvent.objects.filter(action="helpdesk.task.completed").count() == 1


def test_stale_task_completion_is_refused() -> None:
    operator = helpdesk_operator()
    contact = make_contact(operator)
    task = services.task_add(
        actor=operator,
        contact=contact,
        kind=TaskKind.FOLLOW_UP,
        due_at=timezone.now() + dt.timedelta(days=1),
    )
    with pytest.raises(StaleEditError):
        services.task_complete(
            actor=operator, task=task, expected_version=task.version + 5, outcome="fatto"
        )


def test_only_helpdesk_operators_write() -> None:
    world = make_case_world()
    operator = helpdesk_operator()
    contact = make_contact(operator)
    with pytest.raises(Http404):
        services.contact_take(actor=world.manager, contact=contact, expected_version=0)
    with pytest.raises(PermissionDenied):
        services.contact_take(actor=world.monitor, contact=contact, expected_version=0)


def test_queue_orders_danger_first_then_oldest_and_flags_unreachable() -> None:
    operator = helpdesk_operator()
    base = timezone.make_aware(dt.datetime(2026, 11, 11, 10, 0))
    old_normal = make_contact(operator, received_at=base)
    new_danger = make_contact(operator, urgency=Urgency.DANGER, received_at=base + dt.timedelta(1))
    saturday = timezone.make_aware(dt.datetime(2026, 11, 14, 11, 0))
    unreachable = make_contact(None, received_at=saturday, channel="web_form")
    rows = list(selectors.contact_queue(user=operator))
    assert rows[0] == new_danger
    assert rows[1] == old_normal
    flags = {row.pk: row.unreachable for row in rows}
    assert flags[unreachable.pk] == 1 and flags[old_normal.pk] == 0
    filtered = selectors.contact_queue(
        user=operator, filters=selectors.QueueFilters(out_of_hours=True)
    )
    assert list(filtered) == [unreachable]
