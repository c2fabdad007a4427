"""Enrolments and outcomes: seats never exceeded, one live enrolment per person and course,
completion refused below the minimum attendance with the attendance said, the CEFR level
reached and the certificates written into the skills profile."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from approdo.audit.models import AuditEvent
from approdo.core.concurrency import StaleEditError
from approdo.housing.tests.factories import open_case
from approdo.jobs.models import Certificate, LanguageSkill, Occupation
from approdo.training import case_services, enrolments
from approdo.training.models import Attendance, Enrolment, EnrolmentStatus
from approdo.training.tests.factories import (
    ABSENT,
    PRESENT,
    TrainingWorld,
    attend,
    day,
    enrolled,
    italian,
    make_course,
    make_training_world,
    set_status,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw() -> TrainingWorld:
    return make_training_world()


def _outcome(tw: TrainingWorld, enrolment: Enrolment, outcome: str, **kwargs: object) -> Enrolment:
    enrolment.refresh_from_db()
    return enrolments.enrolment_outcome(
        actor=tw.w.manager,
        enrolment=enrolment,
        outcome=outcome,
        expected_version=enrolment.version,
        **kwargs,
    )


def test_seats_are_never_exceeded_and_a_withdrawal_frees_one(tw: TrainingWorld):
    first = enrolled(tw)
    enrolled(tw, case=tw.case2)
    late = open_case(tw.w, family_name="Sow")
    with pytest.raises(ValidationError) as full:
        enrolled(tw, case=late)
    assert "al completo: 2 posti occupati su 2" in full.value.message_dict["course"][0]
    enrolments.enrolment_withdraw(
        actor=tw.w.manager, enrolment=first, reason="Ha trovato lavoro a Bari", expected_version=1
    )
    assert enrolled(tw, case=late).status == EnrolmentStatus.ENROLLED
    assert AuditEvent.objects.filter(action="training.enrolment.withdrawn").exists()
    assert AuditEvent.objects.filter(action="training.enrolment.created").count() == 3


def test_one_live_enrolment_per_person_and_course(tw: TrainingWorld):
    first = enrolled(tw)
    with pytest.raises(ValidationError) as twice:
        enrolled(tw)
    assert "già iscritta" in twice.value.message_dict["course"][0]
    # The database refuses it too, whatever a service would do.
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(
            course=tw.a1,
            case=tw.case,
            person=tw.w.person,
            enrolled_on=day(0),
            enrolled_by=tw.w.manager,
        )
    # After a withdrawal the person may enrol again.
    enrolments.enrolment_withdraw(
        actor=tw.w.manager, enrolment=first, reason="Errore di iscrizione", expected_version=1
    )
    assert enrolled(tw).pk != first.pk


def test_only_courses_open_to_enrolment_and_only_the_team(tw: TrainingWorld):
    planned = make_course(tw.w.coordinator, tw.w.hub_a, status="planned", title="In programma")
    with pytest.raises(ValidationError) as closed:
        enrolled(tw, course=planned)
    assert "non accetta iscrizioni" in closed.value.message_dict["course"][0]
    for who in (tw.w.colleague, tw.w.other_hub, tw.w.monitor):
        with pytest.raises(PermissionDenied):
            enrolments.enrol(actor=who, case=tw.case, course=tw.a1)
    # A course of another hub is open to the network.
    assert enrolled(tw, course=tw.other).course == tw.other


def test_completion_is_refused_below_the_minimum_and_the_message_says_the_attendance(
    tw: TrainingWorld,
):
    enrolment = enrolled(tw)
    attend(tw, enrolment, PRESENT, ABSENT)
    with pytest.raises(ValidationError) as refused:
        _outcome(tw, enrolment, "completed", cefr_reached="A1")
    message = refused.value.message_dict["outcome"][0]
    assert "37,5%" in message and "3,0 ore su 8" in message and "70%" in message
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED
    assert not LanguageSkill.objects.exists()
    done = _outcome(tw, enrolment, "not_completed", note="Turni di notte in campagna")
    assert done.status == "not_completed" and done.final_attendance_pct == Decimal("37.5")
    with pytest.raises(ValidationError):  # an outcome is recorded once
        _outcome(tw, enrolment, "dropped_out")


def test_a_completed_italian_course_updates_the_language_but_never_lowers_it(tw: TrainingWorld):
    enrolment = enrolled(tw)
    attend(tw, enrolment, PRESENT, PRESENT)
    with pytest.raises(ValidationError) as no_level:
        _outcome(tw, enrolment, "completed")
    assert "cefr_reached" in no_level.value.message_dict
    done = _outcome(tw, enrolment, "completed", cefr_reached="A1")
    assert done.status == "completed" and done.final_attendance_pct == Decimal(75)
    skill = LanguageSkill.objects.get(person=tw.w.person, language=italian())
    assert skill.level == "A1"
    event = AuditEvent.objects.get(action="training.enrolment.outcome")
    assert event.changes["profile"] == {"italian": "A1"}
    assert AuditEvent.objects.filter(action="jobs.language.set").exists()

    # Someone who already speaks B1 keeps B1 after an A1 course.
    second = enrolled(tw, case=tw.case2)
    LanguageSkill.objects.create(person=tw.case2.person, language=italian(), level="B1")
    attend(tw, second, PRESENT, PRESENT)
    _outcome(tw, second, "completed", cefr_reached="A1")
    assert LanguageSkill.objects.get(person=tw.case2.person).level == "B1"


def test_a_completed_course_records_its_certificates_in_the_skills_profile(tw: TrainingWorld):
    enrolment = enrolled(tw, course=tw.safety)
    attend(tw, enrolment, PRESENT, PRESENT)
    with pytest.raises(ValidationError) as not_started:  # the course is still "open"
        _outcome(tw, enrolment, "completed")
    assert "non è ancora iniziato" in not_started.value.message_dict["outcome"][0]
    set_status(tw.w.coordinator, tw.safety, "running")
    with pytest.raises(ValidationError) as no_level:
        _outcome(tw, enrolment, "completed", cefr_reached="A2")
    assert "cefr_reached" in no_level.value.message_dict
    done = _outcome(tw, enrolment, "completed", certificate_issued_on=day(-1))
    kinds = set(Certificate.objects.filter(person=tw.w.person).values_list("kind", flat=True))
    assert kinds == {"safety_general", "safety_specific"}
    certificate = Certificate.objects.filter(person=tw.w.person).first()
    assert certificate.issued_on == day(-1) and certificate.issuer == "Ente bilaterale agricolo"
    assert set(done.certificates.values_list("kind", flat=True)) == kinds
    assert AuditEvent.objects.filter(action="jobs.certificate.added").count() == 2


def test_a_stale_outcome_is_refused(tw: TrainingWorld):
    enrolment = enrolled(tw)
    attend(tw, enrolment, PRESENT, PRESENT)
    with pytest.raises(StaleEditError):
        enrolments.enrolment_outcome(
            actor=tw.w.manager, enrolment=enrolment, outcome="dropped_out", expected_version=7
        )
    with pytest.raises(ValidationError) as future:
        enrolments.enrolment_outcome(
            actor=tw.w.manager,
            enrolment=enrolment,
            outcome="dropped_out",
            expected_version=1,
            outcome_on=day(3),
        )
    assert "outcome_on" in future.value.message_dict


def test_the_register_refuses_a_closed_enrolment(tw: TrainingWorld):
    enrolment = enrolled(tw)
    attend(tw, enrolment, PRESENT, PRESENT)
    _outcome(tw, enrolment, "dropped_out")
    with pytest.raises(ValidationError) as closed:
        attend(tw, Enrolment.objects.get(pk=enrolment.pk), ABSENT)
    assert "chiusa" in closed.value.messages[0]
    assert Attendance.objects.filter(enrolment=enrolment, status=PRESENT).count() == 2


def test_orientation_is_recorded_and_corrected_at_the_version_read(tw: TrainingWorld):
    values = {
        "held_on": day(-1),
        "kind": "individual",
        "led_by": tw.w.manager,
        "duration_minutes": 60,
        "topics": ["payslip", "rights", "rights"],
        "notes": " Con mediatore. ",
        "next_steps": "DID al Centro per l'impiego",
    }
    session = case_services.orientation_create(actor=tw.w.manager, case=tw.case, **values)
    assert session.topics == ["rights", "payslip"] and session.notes == "Con mediatore."
    with pytest.raises(ValidationError) as bad:
        case_services.orientation_create(
            actor=tw.w.manager,
            case=tw.case,
            **{**values, "topics": [], "held_on": day(2), "duration_minutes": 1},
        )
    assert {"topics", "held_on", "duration_minutes"} <= set(bad.value.message_dict)
    case_services.orientation_update(
        actor=tw.w.manager, session=session, expected_version=1, **{**values, "kind": "group"}
    )
    with pytest.raises(StaleEditError):
        case_services.orientation_update(
            actor=tw.w.manager, session=session, expected_version=1, **values
        )
    session.refresh_from_db()
    assert session.kind == "group" and session.version == 2
    with pytest.raises(PermissionDenied):
        case_services.orientation_create(actor=tw.w.colleague, case=tw.case, **values)
    assert AuditEvent.objects.filter(action="training.orientation.updated").count() == 1


def test_an_assessment_names_the_qualification_to_recognise_and_unit_groups(tw: TrainingWorld):
    base = {
        "assessed_on": day(0),
        "assessed_by": tw.w.manager,
        "summary": "Buona manualità",
        "italian_level": 1,
    }
    with pytest.raises(ValidationError) as refused:
        case_services.assessment_create(
            actor=tw.w.manager,
            case=tw.case,
            method="qualification_recognition",
            recommended_occupations=[Occupation.objects.get(code="92")],
            **base,
        )
    assert {"qualification", "recommended_occupations"} <= set(refused.value.message_dict)
    made = case_services.assessment_create(
        actor=tw.w.manager,
        case=tw.case,
        method="qualification_recognition",
        qualification="Diploma di meccanico (Senegal)",
        recommended_occupations=[Occupation.objects.get(code="7231")],
        recommended_course_kinds=["italian", "vocational"],
        **base,
    )
    assert made.levels() == [("Italiano", "Di base")]
    assert [o.code for o in made.recommended_occupations.all()] == ["7231"]
    assert isinstance(made.assessed_on, dt.date)
