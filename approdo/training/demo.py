"""The training demo around Foggia (hub PUG-H01): the course catalogue, orientation, skills
assessments, enrolments with their registers, and a few outcomes. Synthetic data only.

Courses: an Italian A1 course finished months ago (two people reached A1, one dropped out), an
A1 course running now (lessons in the past with their register, and in the future), an A2
course open to enrolment, a D.Lgs. 81/08 safety course (general and specific training, 8 hours)
already finished with certificates recorded in the skills profiles, and a vocational course on
pruning olive trees and vines, open to enrolment. Everything goes through the services, acting
as the hub's coordinator and each case's manager, so audit rows and rules are the ones users
meet. The case the browser journey uses (`jobs.demo_people.journey_case`, a case of
`assistente.foggia`) is never enrolled in an Italian course: the journey enrols it. Idempotent:
the running A1 course means the load already ran.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases.models import Case, CaseTeamMember, TeamRole
from approdo.cases.stages import Stage
from approdo.jobs.demo_people import journey_case
from approdo.jobs.models import Occupation
from approdo.network.models import Language, Municipality, Node
from approdo.training import case_services, enrolments, services
from approdo.training.models import (
    AttendanceStatus,
    Course,
    CourseKind,
    CourseSession,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
)

FOGGIA = "PUG-H01"
COORDINATOR = "coordinatore.foggia"
RUNNING_A1 = "Italiano per il lavoro — livello A1"
MIN_CASES = 9  # eight people in Italian courses and the case kept free
CPIA = "CPIA 1 Foggia"
EVENING = (dt.time(17, 30), dt.time(20, 0))
MORNING = (dt.time(8, 30), dt.time(12, 30))
TOPICS = [
    ["rights", "contracts", "payslip"],
    ["job_search", "cv", "job_centres"],
    ["safety", "rights"],
    ["training", "recognition"],
]


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _days(start: dt.date, count: int, weekdays: tuple[int, ...]) -> list[dt.date]:
    """The first `count` days from `start` falling on the given weekdays (0 is Monday)."""
    out: list[dt.date] = []
    day = start
    while len(out) < count:
        if day.weekday() in weekdays:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def _cases(hub: Node) -> list[Case]:
    """Open cases of the hub with a registered person, one per person, oldest first."""
    seen: set[int] = set()
    out = []
    rows = Case.objects.filter(
        hub=hub,
        person__isnull=False,
        stage__in=[Stage.TAKEN_IN_CHARGE, Stage.PLAN_ACTIVE, Stage.SCREENING],
    ).order_by("pk")
    for case in rows:
        if case.person_id not in seen:
            seen.add(case.person_id)  # type: ignore[arg-type]
            out.append(case)
    return out


def _manager(case: Case) -> User | None:
    row = (
        CaseTeamMember.objects.filter(case=case, role=TeamRole.CASE_MANAGER, until__isnull=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return row.user if row else None


class _Loader:
    def __init__(self, hub: Node, coordinator: User, today: dt.date) -> None:
        self.hub, self.coordinator, self.today = hub, coordinator, today
        self.italian = Language.objects.get_or_create(
            code="it", defaults={"name_it": "Italiano", "name_en": "Italian"}
        )[0]
        self.counts = dict.fromkeys(
            ("courses", "sessions", "orientation", "assessments", "enrolments", "completed"), 0
        )

    def actor(self, case: Case) -> User:
        return _manager(case) or self.coordinator

    def course(
        self,
        *,
        title: str,
        kind: str,
        provider: str,
        town: str,
        address: str,
        days: list[dt.date],
        times: tuple[dt.time, dt.time],
        hours: str,
        seats: int,
        cefr: str = "",
        certificates: tuple[str, ...] = (),
        other: str = "",
        min_pct: int = 70,
        description: str = "",
    ) -> Course:
        municipality = Municipality.objects.filter(name=town, province__abbreviation="FG").first()
        course = services.course_create(
            actor=self.coordinator,
            status=CourseStatus.OPEN,
            title=title,
            kind=kind,
            provider=provider,
            node=self.hub,
            municipality=municipality or self.hub.municipality,
            address=address,
            starts_on=days[0],
            ends_on=days[-1],
            total_hours=Decimal(hours) * len(days),
            seats=seats,
            language=self.italian,
            cefr_target=cefr,
            certificate_kinds=list(certificates),
            certificate_other=other,
            min_attendance_pct=min_pct,
            description=description,
        )
        for day in days:
            services.session_add(
                actor=self.coordinator,
                course=course,
                date=day,
                starts_at=times[0],
                ends_at=times[1],
                hours=Decimal(hours),
            )
        self.counts["courses"] += 1
        self.counts["sessions"] += len(days)
        return course

    def enrol(self, course: Course, cases: list[Case]) -> list[Enrolment]:
        enrolled_on = min(course.starts_on - dt.timedelta(days=7), self.today)
        out = []
        for case in cases:
            out.append(
                enrolments.enrol(
                    actor=self.actor(case), case=case, course=course, enrolled_on=enrolled_on
                )
            )
        self.counts["enrolments"] += len(out)
        return out

    def set_status(self, course: Course, status: str) -> None:
        course.refresh_from_db()
        services.course_set_status(
            actor=self.coordinator, course=course, status=status, expected_version=course.version
        )

    def register(self, course: Course, enrolments: list[Enrolment], absent: set[tuple[int, int]]):
        """Attendance for the lessons held: `absent` holds (lesson, person) pairs; every
        third absence is justified."""
        sessions = CourseSession.objects.filter(course=course, date__lte=self.today)
        for s_index, session in enumerate(sessions.order_by("date")):
            rows = []
            for p_index, enrolment in enumerate(enrolments):
                if (s_index, p_index) in absent:
                    status = AttendanceStatus.JUSTIFIED if s_index % 3 == 0 else "absent"
                    rows.append((enrolment, status, None))
                else:
                    rows.append((enrolment, AttendanceStatus.PRESENT, None))
            services.attendance_record(actor=self.coordinator, session=session, rows=rows)

    def outcome(self, enrolment: Enrolment, outcome: str, day: dt.date, cefr: str = "") -> None:
        enrolment.refresh_from_db()
        enrolments.enrolment_outcome(
            actor=self.actor(enrolment.case),
            enrolment=enrolment,
            outcome=outcome,
            outcome_on=day,
            cefr_reached=cefr,
            expected_version=enrolment.version,
            note="Esito registrato a fine corso (demo).",
        )
        if outcome == EnrolmentStatus.COMPLETED:
            self.counts["completed"] += 1


def _orientation(loader: _Loader, cases: list[Case]) -> None:
    for index, case in enumerate(cases):
        actor = loader.actor(case)
        case_services.orientation_create(
            actor=actor,
            case=case,
            held_on=loader.today - dt.timedelta(days=45 - 3 * index),
            kind="group" if index % 3 == 2 else "individual",
            led_by=actor,
            duration_minutes=90 if index % 3 == 2 else 60,
            topics=TOPICS[index % len(TOPICS)],
            notes="Con mediatore linguistico-culturale." if index % 2 else "",
            next_steps="Iscrizione al corso di italiano e al corso sulla sicurezza; "
            "appuntamento al Centro per l'impiego per la DID.",
        )
        loader.counts["orientation"] += 1


def _assessments(loader: _Loader, cases: list[Case]) -> None:
    units = list(Occupation.objects.filter(code__in=["9211", "6112", "8341"], level=4))
    for index, case in enumerate(cases):
        actor = loader.actor(case)
        case_services.assessment_create(
            actor=actor,
            case=case,
            assessed_on=loader.today - dt.timedelta(days=40 - 3 * index),
            method=["interview", "eu_skills_profile", "practical_test"][index % 3],
            assessed_by=actor,
            summary="Esperienza stagionale nella raccolta; buona manualità, italiano da "
            "rafforzare per la sicurezza sul lavoro.",
            recommended_occupations=units[: 1 + index % len(units)] if units else [],
            recommended_course_kinds=["italian", "safety"] if index % 2 else ["italian"],
            literacy_level=[3, 1, 2][index % 3],
            italian_level=index % 2,
            numeracy_level=2,
            digital_level=1,
            work_level=[2, 3][index % 2],
        )
        loader.counts["assessments"] += 1


def _courses(loader: _Loader, cases: list[Case], free: Case | None) -> None:
    today = loader.today
    italian_cases = [c for c in cases if c != free]
    # An A1 course finished in the spring: two people reached A1 (their profile says so now),
    # one dropped out.
    past = loader.course(
        title="Italiano per il lavoro — livello A1 (primavera)",
        kind=CourseKind.ITALIAN,
        provider=CPIA,
        town="Foggia",
        address="Via Gramsci 21, aula 3",
        days=_days(_monday(today) - dt.timedelta(weeks=30), 24, (0, 3)),
        times=EVENING,
        hours="2.5",
        seats=15,
        cefr="A1",
        description="Lezioni serali dopo il lavoro nei campi; test finale del CPIA.",
    )
    early = loader.enrol(past, italian_cases[:3])
    loader.set_status(past, CourseStatus.RUNNING)
    loader.register(past, early, {(s, 2) for s in range(8, 24)} | {(4, 0), (9, 1), (15, 0)})
    for enrolment in early[:2]:
        loader.outcome(enrolment, EnrolmentStatus.COMPLETED, past.ends_on, cefr="A1")
    loader.outcome(early[2], EnrolmentStatus.DROPPED_OUT, past.starts_on + dt.timedelta(weeks=5))
    loader.set_status(past, CourseStatus.FINISHED)

    running = loader.course(
        title=RUNNING_A1,
        kind=CourseKind.ITALIAN,
        provider=CPIA,
        town="Foggia",
        address="Via Gramsci 21, aula 2",
        days=_days(_monday(today) - dt.timedelta(weeks=4), 24, (0, 3)),
        times=EVENING,
        hours="2.5",
        seats=15,
        cefr="A1",
        description="Italiano di base per il lavoro e la vita quotidiana, con mediatore.",
    )
    now = loader.enrol(running, italian_cases[3:8])
    loader.set_status(running, CourseStatus.RUNNING)
    loader.register(running, now, {(1, 0), (2, 3), (4, 3), (5, 3), (6, 1)})

    a2 = loader.course(
        title="Italiano per il lavoro — livello A2",
        kind=CourseKind.ITALIAN,
        provider=CPIA,
        town="Foggia",
        address="Via Gramsci 21, aula 2",
        days=_days(_monday(today) + dt.timedelta(weeks=3), 32, (1, 4)),
        times=EVENING,
        hours="2.5",
        seats=12,
        cefr="A2",
        description="Per chi ha il livello A1: lessico del lavoro agricolo e dei contratti.",
    )
    loader.enrol(a2, [early[0].case])  # who reached A1 in the spring goes on

    safety = loader.course(
        title="Sicurezza sul lavoro in agricoltura: formazione generale e specifica",
        kind=CourseKind.SAFETY,
        provider="Ente bilaterale agricolo provinciale (demo)",
        town="Foggia",
        address="Sede dell'hub, sala riunioni",
        days=_days(today - dt.timedelta(days=21), 2, (1, 2)),
        times=MORNING,
        hours="4",
        seats=20,
        certificates=("safety_general", "safety_specific"),
        min_pct=90,
        description="D.Lgs. 81/08, art. 37: 4 ore di formazione generale e 4 di specifica "
        "(rischio basso), con verifica finale.",
    )
    trained = loader.enrol(safety, cases[:4])
    loader.set_status(safety, CourseStatus.RUNNING)
    loader.register(safety, trained, {(1, 3)})
    for enrolment in trained[:3]:
        loader.outcome(enrolment, EnrolmentStatus.COMPLETED, safety.ends_on)
    loader.outcome(trained[3], EnrolmentStatus.NOT_COMPLETED, safety.ends_on)
    loader.set_status(safety, CourseStatus.FINISHED)

    pruning = loader.course(
        title="Potatura dell'olivo e della vite",
        kind=CourseKind.VOCATIONAL,
        provider="Istituto agrario di San Severo (demo)",
        town="San Severo",
        address="Azienda agraria dell'istituto, contrada Motta",
        days=_days(today + dt.timedelta(days=10), 10, (0, 1, 2, 3, 4)),
        times=(dt.time(8, 0), dt.time(12, 0)),
        hours="4",
        seats=12,
        certificates=("other",),
        other="Attestato di frequenza: potatura di olivo e vite",
        description="Teoria e pratica in campo; forbici e DPI forniti dal corso.",
    )
    loader.enrol(pruning, cases[4:6])


@transaction.atomic
def load_training_demo(*, today: dt.date | None = None) -> dict[str, int]:
    """Write the training demo once; needs the demo network and cases (skipped without them).
    Returns what it created (all zeros and `already_present` 1 on a second run)."""
    hub = Node.objects.filter(code=FOGGIA).first()
    coordinator = User.objects.filter(username=COORDINATOR).first()
    if hub is None or coordinator is None:
        return {"skipped": 1}
    if Course.objects.filter(node=hub, title=RUNNING_A1).exists():
        return {"already_present": 1}
    cases = _cases(hub)
    if len(cases) < MIN_CASES:  # the demo cases are not loaded (or too few): nothing to show
        return {"skipped": 1}
    loader = _Loader(hub, coordinator, today or timezone.localdate())
    free = journey_case()  # the same case the jobs demo leaves without a profile
    _orientation(loader, cases[:8])
    _assessments(loader, cases[:5])
    _courses(loader, cases, free)
    record(actor=None, action="training.demo.loaded", data=loader.counts)
    return loader.counts
