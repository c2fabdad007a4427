"""The job-centre demo: registrations (DID, service pact, profiling) for about half of the
Foggia hub's open cases, a few appointments already held (with their outcome) and a few to
come, each with its reminder task.

Runs after the demo cases (network.demo.load_demo, then cases.demo.load_demo_cases). First it
puts back the seeded CPIs, which a flushed test database loses; then it writes through the real
services acting as each case's manager, so the rules and audit rows are the ones users meet.
Appointments already held are fixed "as of" a week before them (the services' `now`), since
nobody may fix one in the past. Synthetic data. Idempotent: a registration of a Foggia case's
person means the load already ran. Deterministic: cases are read in primary-key order.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases.models import Case, CaseTeamMember, TeamRole
from approdo.cases.stages import Stage
from approdo.jobcentres import selectors, services
from approdo.jobcentres.models import (
    AppointmentPurpose,
    AppointmentStatus,
    DidStatus,
    JobCentre,
    ProfilingClass,
    Registration,
)
from approdo.jobcentres.reference import ensure_job_centres
from approdo.network.models import Node

FOGGIA = "PUG-H01"
FOGGIA_CPI = "CPI-FG-FOGGIA"
# (DID status, days since the DID, days from DID to pact or None, profiling, days since a
#  suspension or None); one per chosen case, in turn.
PATTERNS: list[tuple[str, int | None, int | None, str, int | None]] = [
    (DidStatus.REGISTERED, 120, 12, ProfilingClass.JOB_REINTEGRATION, None),
    (DidStatus.REGISTERED, 40, None, "", None),
    (DidStatus.NOT_REGISTERED, None, None, "", None),
    (DidStatus.REGISTERED, 75, 20, ProfilingClass.WORK_AND_INCLUSION, None),
    (DidStatus.SUSPENDED, 200, 15, ProfilingClass.UPSKILLING, 30),
    (DidStatus.REGISTERED, 6, None, "", None),
]
# (pattern index, days from today, purpose, details, outcome for past ones)
APPOINTMENTS: list[tuple[int, int, str, str, str]] = [
    (0, -110, AppointmentPurpose.DID, "", AppointmentStatus.ATTENDED),
    (
        0,
        -8,
        AppointmentPurpose.JOB_OFFER,
        "Preselezione per la raccolta del pomodoro",
        AppointmentStatus.MISSED,
    ),
    (3, -20, AppointmentPurpose.ORIENTATION, "", AppointmentStatus.ATTENDED),
    (1, 3, AppointmentPurpose.PACT, "", ""),
    (2, 6, AppointmentPurpose.DID, "", ""),
    (3, 10, AppointmentPurpose.TRAINING, "Corso sicurezza sul lavoro (D.Lgs. 81/08)", ""),
    (5, 12, AppointmentPurpose.ORIENTATION, "", ""),
]
OUTCOME_NOTES = {
    AppointmentStatus.ATTENDED: "Presente, accompagnato dall'operatrice del PSI.",
    AppointmentStatus.MISSED: "Non presente: era al lavoro nei campi; da riprogrammare.",
}


def _manager(case: Case) -> User | None:
    row = (
        CaseTeamMember.objects.filter(case=case, role=TeamRole.CASE_MANAGER, until__isnull=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return row.user if row else None


def _cases(hub: Node) -> list[Case]:
    """Every second open case of the hub with a registered person, one per person."""
    seen: set[int] = set()
    out = []
    rows = Case.objects.filter(
        hub=hub,
        person__isnull=False,
        stage__in=[Stage.SCREENING, Stage.TAKEN_IN_CHARGE, Stage.PLAN_ACTIVE],
    ).select_related("person")
    for case in rows.order_by("pk"):
        if case.person_id is not None and case.person_id not in seen:
            seen.add(case.person_id)
            out.append(case)
    return out[::2]


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 30)))


def _register(case: Case, manager: User, index: int, today: dt.date, fallback: JobCentre) -> None:
    status, did_days, pact_after, profiling, suspended_days = PATTERNS[index % len(PATTERNS)]
    did = today - dt.timedelta(days=did_days) if did_days is not None else None
    services.registration_save(
        actor=manager,
        case=case,
        expected_version=0,
        did_status=status,
        job_centre=selectors.suggested_job_centre(case.person) or fallback,
        did_date=did,
        pact_signed_on=did + dt.timedelta(days=pact_after) if did and pact_after else None,
        status_changed_on=today - dt.timedelta(days=suspended_days) if suspended_days else None,
        profiling_class=profiling,
        siu_reference=f"DID-DEMO-{case.pk:05d}" if did else "",
        notes="Dati inventati per la demo.",
        today=today,
    )


def _appointments(chosen: list[tuple[Case, User]], today: dt.date, fallback: JobCentre) -> int:
    made = 0
    for index, offset, purpose, details, outcome in APPOINTMENTS:
        if index >= len(chosen):
            continue
        case, manager = chosen[index]
        starts = _at(today + dt.timedelta(days=offset), hour=9 + made % 3)
        appointment = services.appointment_schedule(
            actor=manager,
            case=case,
            job_centre=selectors.suggested_job_centre(case.person) or fallback,
            starts_at=starts,
            purpose=purpose,
            details=details,
            # A past appointment is written as fixed a week before it.
            now=starts - dt.timedelta(days=7) if offset < 0 else None,
        )
        if outcome:
            services.appointment_record_outcome(
                actor=manager,
                appointment=appointment,
                status=outcome,
                outcome_notes=OUTCOME_NOTES[AppointmentStatus(outcome)],
                expected_version=appointment.version,
            )
        made += 1
    return made


@transaction.atomic
def load_jobcentres_demo(*, today: dt.date | None = None) -> dict[str, int]:
    """Write the job-centre demo once; needs the demo network (and the demo cases)."""
    result = {
        "job_centres": ensure_job_centres(),
        "registrations": 0,
        "appointments": 0,
        "already_present": 0,
        "skipped": 0,
    }
    hub = Node.objects.filter(code=FOGGIA).first()
    fallback = JobCentre.objects.filter(code=FOGGIA_CPI).first()
    if hub is None or fallback is None:
        result["skipped"] = 1
        return result
    if Registration.objects.filter(person__cases__hub=hub).exists():
        result["already_present"] = 1
        return result
    today = today or timezone.localdate()
    chosen: list[tuple[Case, User]] = []
    for case in _cases(hub):
        manager = _manager(case)
        if manager is None:
            continue
        _register(case, manager, len(chosen), today, fallback)
        chosen.append((case, manager))
    if not chosen:  # no demo cases (yet): only the CPIs
        return result
    result["registrations"] = len(chosen)
    result["appointments"] = _appointments(chosen, today, fallback)
    record(
        actor=None,
        action="jobcentres.demo.loaded",
        data={k: result[k] for k in ("job_centres", "registrations", "appointments")},
    )
    return result
