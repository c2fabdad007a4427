"""Courses and enrolments for tests, on top of the cases' test world (hub A is Foggia).

`make_training_world` adds to the CaseWorld: an Italian A1 course of hub A, running, 8 hours in
all, two seats, with two lessons held (3 hours each: both attended is 75%, one is 37.5%) and
one of 2 hours to come; a safety course of hub A, open, 8 hours in two lessons already held,
90% minimum, issuing the general and specific D.Lgs. 81/08 certificates; a course of hub B
(another managing body), open; and a second case at hub A managed by `w.manager`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from approdo.accounts.models import User
from approdo.cases.models import Case
from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.housing.tests.factories import open_case
from approdo.network.models import Language, Node
from approdo.training import enrolments, services
from approdo.training.models import (
    AttendanceStatus,
    Course,
    CourseKind,
    CourseSession,
    CourseStatus,
    Enrolment,
)


def today() -> dt.date:
    return timezone.localdate()


def day(offset: int) -> dt.date:
    return today() + dt.timedelta(days=offset)


def italian() -> Language:
    # A flushed database (transactional tests) has lost the seeded languages.
    return Language.objects.get_or_create(
        code="it", defaults={"name_it": "Italiano", "name_en": "Italian"}
    )[0]


def course_values(node: Node, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": "Italiano A1 per il lavoro",
        "kind": CourseKind.ITALIAN,
        "provider": "CPIA 1 Foggia",
        "node": node,
        "municipality": node.municipality,
        "address": "Via Gramsci 21",
        "starts_on": day(-10),
        "ends_on": day(20),
        "total_hours": Decimal(8),
        "seats": 2,
        "language": italian(),
        "cefr_target": "A1",
        "certificate_kinds": [],
        "certificate_other": "",
        "min_attendance_pct": 70,
        "description": "",
    }
    values.update(overrides)
    return values


def make_course(
    actor: User, node: Node, *, status: str = CourseStatus.OPEN, **overrides: Any
) -> Course:
    return services.course_create(actor=actor, status=status, **course_values(node, **overrides))


def add_session(actor: User, course: Course, offset: int, hours: int = 2) -> CourseSession:
    return services.session_add(
        actor=actor,
        course=course,
        date=day(offset),
        starts_at=dt.time(17, 0),
        ends_at=dt.time(17 + hours, 0),
    )


def set_status(actor: User, course: Course, status: str, reason: str = "") -> Course:
    course.refresh_from_db()
    return services.course_set_status(
        actor=actor, course=course, status=status, expected_version=course.version, reason=reason
    )


@dataclass
class TrainingWorld:
    w: CaseWorld
    a1: Course  # hub A, Italian A1, running, 8 hours, 2 seats
    held: list[CourseSession]  # two lessons of 3 hours, 5 and 3 days ago
    upcoming: CourseSession  # in 5 days
    safety: Course  # hub A, open, 8 hours, two certificates
    other: Course  # hub B, open
    case2: Case  # a second case at hub A, case manager `w.manager`

    @property
    def case(self) -> Case:
        return self.w.case


def make_training_world() -> TrainingWorld:
    w = make_case_world()
    a1 = make_course(w.coordinator, w.hub_a)
    held = [add_session(w.coordinator, a1, -5, 3), add_session(w.coordinator, a1, -3, 3)]
    upcoming = add_session(w.coordinator, a1, 5)
    a1 = set_status(w.coordinator, a1, CourseStatus.RUNNING)
    safety = make_course(
        w.coordinator,
        w.hub_a,
        title="Sicurezza sul lavoro: formazione generale e specifica",
        kind=CourseKind.SAFETY,
        provider="Ente bilaterale agricolo",
        cefr_target="",
        certificate_kinds=["safety_general", "safety_specific"],
        total_hours=Decimal(8),
        seats=20,
        min_attendance_pct=90,
        starts_on=day(-2),
        ends_on=day(-1),
    )
    add_session(w.coordinator, safety, -2, 4)
    add_session(w.coordinator, safety, -1, 4)
    other = make_course(w.other_body, w.hub_b, title="Italiano A2 a Cerignola", cefr_target="A2")
    return TrainingWorld(
        w=w,
        a1=a1,
        held=held,
        upcoming=upcoming,
        safety=safety,
        other=other,
        case2=open_case(w, family_name="Traore"),
    )


def enrolled(
    tw: TrainingWorld, case: Case | None = None, course: Course | None = None
) -> Enrolment:
    return enrolments.enrol(
        actor=tw.w.manager, case=case or tw.case, course=course or tw.a1, enrolled_on=day(-7)
    )


def attend(tw: TrainingWorld, enrolment: Enrolment, *statuses: str) -> None:
    """Write the register of the held lessons of `enrolment`'s course, one status per lesson."""
    sessions = CourseSession.objects.filter(course=enrolment.course, date__lte=today()).order_by(
        "date"
    )
    for session, status in zip(sessions, statuses, strict=False):
        services.attendance_record(
            actor=tw.w.coordinator, session=session, rows=[(enrolment, status, None)]
        )


PRESENT = AttendanceStatus.PRESENT
ABSENT = AttendanceStatus.ABSENT
