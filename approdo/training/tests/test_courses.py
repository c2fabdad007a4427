"""The course catalogue's writes: only the organising node's staff, the rules of a course, its
states, its lessons and its register; each write audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from approdo.audit.models import AuditEvent
from approdo.core.concurrency import StaleEditError
from approdo.training import services
from approdo.training.models import Attendance, Course, CourseStatus, EnrolmentStatus
from approdo.training.tests.factories import (
    ABSENT,
    PRESENT,
    TrainingWorld,
    add_session,
    course_values,
    day,
    enrolled,
    make_course,
    make_training_world,
    set_status,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw() -> TrainingWorld:
    return make_training_world()


def test_the_organising_nodes_staff_add_a_course_and_the_audit_keeps_it(tw: TrainingWorld):
    course = make_course(tw.w.manager, tw.w.hub_a, title="Italiano A2", cefr_target="A2")
    assert course.status == CourseStatus.OPEN and course.created_by == tw.w.manager
    event = AuditEvent.objects.get(action="training.course.created", target_id=str(course.pk))
    assert event.node_id == tw.w.hub_a.pk and event.changes["seats"]["new"] == 2
    # A spoke belongs to its hub: the hub's staff organise courses there too.
    assert make_course(tw.w.coordinator, tw.w.spoke_a1).node == tw.w.spoke_a1


@pytest.mark.parametrize("who", ["monitor", "body_admin", "legal"])
def test_people_who_do_not_organise_courses_cannot_add_one(tw: TrainingWorld, who: str):
    with pytest.raises(PermissionDenied):
        make_course(getattr(tw.w, who), tw.w.hub_a)


def test_a_course_is_filed_under_one_of_the_authors_nodes(tw: TrainingWorld):
    with pytest.raises(ValidationError) as refused:
        make_course(tw.w.other_body, tw.w.hub_a)
    assert "node" in refused.value.message_dict


def test_the_rules_of_a_course_are_checked_field_by_field(tw: TrainingWorld):
    with pytest.raises(ValidationError) as refused:
        services.course_create(
            actor=tw.w.coordinator,
            **course_values(
                tw.w.hub_a,
                title=" ",
                cefr_target="",
                ends_on=day(-20),
                total_hours=Decimal("0.3"),
                certificate_kinds=["other"],
                min_attendance_pct=0,
            ),
        )
    errors = refused.value.message_dict
    assert {
        "title",
        "cefr_target",
        "ends_on",
        "total_hours",
        "certificate_other",
        "min_attendance_pct",
    } <= set(errors)
    assert "livello QCER" in errors["cefr_target"][0]
    # A course that is not Italian never keeps a CEFR target.
    safety = make_course(tw.w.coordinator, tw.w.hub_a, kind="safety", cefr_target="B1")
    assert safety.cefr_target == ""


def test_an_edit_at_a_stale_version_is_refused_and_seats_never_drop_below_the_enrolled(
    tw: TrainingWorld,
):
    enrolled(tw)
    enrolled(tw, case=tw.case2)
    values = course_values(tw.w.hub_a, seats=1)
    with pytest.raises(ValidationError) as fewer:
        services.course_update(actor=tw.w.coordinator, course=tw.a1, expected_version=2, **values)
    assert "seats" in fewer.value.message_dict and "2" in fewer.value.message_dict["seats"][0]
    values["seats"] = 5
    with pytest.raises(StaleEditError):
        services.course_update(actor=tw.w.coordinator, course=tw.a1, expected_version=1, **values)
    course = services.course_update(
        actor=tw.w.coordinator, course=tw.a1, expected_version=2, **values
    )
    course.refresh_from_db()
    assert course.seats == 5 and course.version == 3 and course.status == CourseStatus.RUNNING
    with pytest.raises(PermissionDenied):
        services.course_update(actor=tw.w.other_body, course=course, expected_version=3, **values)


def test_status_moves_follow_the_table_and_a_cancellation_withdraws_the_people(
    tw: TrainingWorld,
):
    with pytest.raises(ValidationError) as jump:
        set_status(tw.w.coordinator, tw.safety, CourseStatus.FINISHED)
    assert "non può diventare" in jump.value.message_dict["status"][0]
    enrolment = enrolled(tw, course=tw.safety)
    with pytest.raises(ValidationError) as reasonless:
        set_status(tw.w.coordinator, tw.safety, CourseStatus.CANCELLED)
    assert "reason" in reasonless.value.message_dict
    set_status(tw.w.coordinator, tw.safety, CourseStatus.CANCELLED, reason="Docente malato")
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.WITHDRAWN
    assert "Docente malato" in enrolment.withdraw_reason
    event = AuditEvent.objects.filter(action="training.course.status_changed").order_by("pk").last()
    assert event is not None and event.changes["withdrawn"] == 1
    with pytest.raises(ValidationError):  # a cancelled course is final
        set_status(tw.w.coordinator, tw.safety, CourseStatus.OPEN)


def test_lessons_fall_within_the_course_and_their_hours_within_the_lesson(tw: TrainingWorld):
    lesson = add_session(tw.w.coordinator, tw.a1, 1, hours=2)
    assert lesson.hours == Decimal(2)
    with pytest.raises(ValidationError) as outside:
        add_session(tw.w.coordinator, tw.a1, 30)
    assert "date" in outside.value.message_dict
    with pytest.raises(ValidationError) as twice:
        add_session(tw.w.coordinator, tw.a1, 1)
    assert "starts_at" in twice.value.message_dict
    with pytest.raises(ValidationError) as longer:
        services.session_add(
            actor=tw.w.coordinator,
            course=tw.a1,
            date=day(2),
            starts_at=dt.time(9, 0),
            ends_at=dt.time(10, 30),
            hours=Decimal(2),
        )
    assert "1,5" in longer.value.message_dict["hours"][0]
    with pytest.raises(PermissionDenied):
        add_session(tw.w.other_body, tw.a1, 3)


def test_the_register_is_kept_for_held_lessons_and_live_enrolments(tw: TrainingWorld):
    enrolment = enrolled(tw)
    first, second = tw.held
    services.attendance_record(
        actor=tw.w.coordinator, session=first, rows=[(enrolment, PRESENT, Decimal("2.5"))]
    )
    # Written again, the line is replaced; an absence is zero hours whatever was sent.
    services.attendance_record(
        actor=tw.w.coordinator, session=first, rows=[(enrolment, ABSENT, Decimal(3))]
    )
    line = Attendance.objects.get(session=first, enrolment=enrolment)
    assert line.status == ABSENT and line.hours == 0
    assert AuditEvent.objects.filter(action="training.attendance.recorded").count() == 2
    with pytest.raises(ValidationError) as future:
        services.attendance_record(
            actor=tw.w.coordinator, session=tw.upcoming, rows=[(enrolment, PRESENT, None)]
        )
    assert "non si è ancora tenuta" in future.value.messages[0]
    with pytest.raises(ValidationError) as too_long:
        services.attendance_record(
            actor=tw.w.coordinator, session=second, rows=[(enrolment, PRESENT, Decimal(4))]
        )
    assert "3,0" in too_long.value.messages[0]
    with pytest.raises(PermissionDenied):
        services.attendance_record(
            actor=tw.w.other_body,
            session=second,
            rows=[(enrolment, PRESENT, None)],
        )


def test_courses_keep_their_dates_in_order_in_the_database(tw: TrainingWorld):
    with pytest.raises(IntegrityError), transaction.atomic():
        Course.objects.filter(pk=tw.a1.pk).update(ends_on=dt.date(2000, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Course.objects.filter(pk=tw.a1.pk).update(cefr_target="")
