"""Demo traineeships at the Foggia hub: a few people in traineeships at the demo employers that
are not flagged, with their monthly attendance and allowances paid from the integration
budget; one completed and hired by the host, one with a month below the attendance threshold,
one with a month left to pay, one planned.

Runs after the demo cases, the budget demo and the jobs demo (load_demo). Everything goes
through the real services acting as each case's manager (the coordinator approves the budget
commitments above the threshold), so audit rows and rules are the ones users meet. Cases are
chosen among the hub's open cases with an approved PAI whose budget still has room for the
allowance. Idempotent: any traineeship means the load already ran. Deterministic: rows are
read in primary-key order, dates are whole months counted from today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from approdo.accounts.models import User
from approdo.budget import services as budget
from approdo.budget.models import CommitmentStatus
from approdo.cases.models import Case
from approdo.cases.selectors import case_manager
from approdo.jobs.models import Employer, EmployerSite, Occupation
from approdo.network.models import Node
from approdo.plans.models import Goal, VersionStatus
from approdo.traineeships import attendance, lifecycle, services
from approdo.traineeships.models import (
    ContractType,
    Result,
    Traineeship,
    TraineeshipKind,
    TraineeshipStatus,
)
from approdo.traineeships.rules import add_months, ensure_regional_rules, total_due

COORDINATOR = "coordinatore.foggia"
FOGGIA = "PUG-H01"


@dataclass(frozen=True)
class Spec:
    start: tuple[int, int]  # (months from this month, day)
    end: tuple[int, int]  # (months from this month, day; 0 = the month's last day)
    allowance: str
    hours: int
    occupation: str
    kind: str
    attended: tuple[int, ...]  # per logged month from the first, % of the hours planned
    host: int  # which host (demo employers in the order they were registered)
    outcome: str = ""  # "hired": completed and hired by the host
    started: bool = True


# Short traineeships: the demo budget has already spent part of each person's 2,000 € cap
# (best fit below puts each where it still fits).
SPECS = [
    Spec((-4, 1), (-3, 0), "450.00", 30, "9211", TraineeshipKind.INCLUSION, (95, 90), 0, "hired"),
    Spec((-2, 20), (0, 0), "450.00", 25, "6113", TraineeshipKind.ORIENTATION, (92, 60), 2),
    Spec((-1, 16), (0, 15), "450.00", 30, "9329", TraineeshipKind.ORIENTATION, (85,), 3),
    Spec((1, 1), (1, 0), "450.00", 25, "9211", TraineeshipKind.INCLUSION, (), 1, started=False),
]
PROJECT = (
    "Apprendere le mansioni di base del reparto e le regole di sicurezza (D.Lgs. 81/08); "
    "migliorare l'italiano del lavoro; lavorare in squadra rispettando orari e turni."
)


def _day(this_month: dt.date, when: tuple[int, int]) -> dt.date:
    first = add_months(this_month, when[0])
    if when[1]:
        return first.replace(day=when[1])
    return add_months(first, 1) - dt.timedelta(days=1)


def _planned_hours(hours: int, month: dt.date, start: dt.date, end: dt.date) -> Decimal:
    """The hours of the weeks of the traineeship that fall in the month."""
    last = add_months(month, 1) - dt.timedelta(days=1)
    days = (min(end, last) - max(start, month)).days + 1
    return (Decimal(hours) * days / 7).quantize(Decimal("1"))


def _goal(case: Case) -> Goal | None:
    return (
        Goal.objects.filter(
            plan_version__plan__case=case, plan_version__status=VersionStatus.APPROVED
        )
        .order_by("order", "pk")
        .first()
    )


def _room(case: Case) -> Decimal:
    """What the person's integration budget has left in the case's region."""
    person = case.person
    if person is None:
        return Decimal(0)
    region = case.hub.region
    try:
        return budget.cap_for(person=person, region=region) - budget.held(
            person=person, region=region
        )
    except ValidationError:  # the region has no integration budget
        return Decimal(0)


def _cases(hub: Node, coordinator: User) -> list[Case]:
    with_goals = Goal.objects.filter(
        plan_version__plan__case__hub=hub, plan_version__status=VersionStatus.APPROVED
    ).values("plan_version__plan__case_id")
    cases = Case.objects.filter(pk__in=with_goals, person__isnull=False, closed_on__isnull=True)
    out = []
    for case in cases.select_related("hub__region", "person").order_by("pk"):
        manager = case_manager(case)
        if manager is not None and manager.user_id != coordinator.pk and case.is_open:
            out.append(case)
    return out


@transaction.atomic
def load_traineeships_demo(*, today: dt.date | None = None) -> dict[str, int]:
    """Returns what was made: traineeships, started, months logged, months paid, completed
    (already_present or skipped set to 1 when nothing was made)."""
    ensure_regional_rules()
    if Traineeship.objects.exists():
        return {"traineeships": 0, "already_present": 1}
    coordinator = User.objects.filter(username=COORDINATOR).first()
    hub = Node.objects.filter(code=FOGGIA).select_related("region").first()
    if coordinator is None or hub is None:
        return {"traineeships": 0, "skipped": 1}
    today = today or timezone.localdate()
    this_month = today.replace(day=1)
    hosts = list(
        Employer.objects.unflagged(today)
        .filter(sites__municipality__province__abbreviation="FG")
        .distinct()
        .order_by("pk")
    )
    counts = {"traineeships": 0, "started": 0, "months": 0, "paid": 0, "completed": 0}
    if not hosts:
        return counts | {"skipped": 1}
    room = {case: _room(case) for case in _cases(hub, coordinator)}
    dates = [(_day(this_month, s.start), _day(this_month, s.end)) for s in SPECS]
    amounts = [
        total_due(a, b, Decimal(s.allowance)) for s, (a, b) in zip(SPECS, dates, strict=True)
    ]
    # Best fit, largest first: each traineeship goes to the person whose budget has the least
    # room that still holds its allowance.
    chosen: dict[int, Case] = {}
    for index in sorted(range(len(SPECS)), key=lambda i: -amounts[i]):
        fits = [c for c, left in room.items() if left >= amounts[index]]
        if fits:
            best = min(fits, key=lambda c: (room[c], c.pk))
            chosen[index] = best
            del room[best]
    for index, spec in enumerate(SPECS):
        case = chosen.get(index)
        if case is None:
            continue
        start, end = dates[index]
        manager = case_manager(case)
        assert manager is not None
        host = hosts[spec.host % len(hosts)]
        t = services.traineeship_create(
            actor=manager.user,
            case=case,
            kind=spec.kind,
            employer=host,
            site=EmployerSite.objects.filter(employer=host).order_by("pk").first(),
            occupation=Occupation.objects.get(code=spec.occupation),
            starts_on=start,
            ends_on=end,
            hours_per_week=spec.hours,
            monthly_allowance=Decimal(spec.allowance),
            promoter_name="",
            promoter_tutor=manager.user,
            host_tutor_name="Giuseppe Russo (tutor inventato)",
            host_tutor_role="Capo squadra",
            host_tutor_phone="",
            project=PROJECT,
        )
        counts["traineeships"] += 1
        if not spec.started:
            continue
        t = lifecycle.traineeship_start(
            actor=manager.user, traineeship=t, goal=_goal(case), expected_version=t.version
        )
        counts["started"] += 1
        commitment = t.commitment
        if commitment is not None and commitment.status == CommitmentStatus.PENDING:
            budget.commitment_decide(
                actor=coordinator,
                commitment=commitment,
                approve=True,
                note="",
                expected_version=commitment.version,
            )
        for offset, percent in enumerate(spec.attended):
            month = add_months(start.replace(day=1), offset)
            planned = _planned_hours(spec.hours, month, start, end)
            row = attendance.attendance_record(
                actor=manager.user,
                traineeship=t,
                month=month,
                hours_planned=planned,
                hours_attended=(planned * percent / 100).quantize(Decimal("0.1")),
            )
            counts["months"] += 1
            # The last month of a running traineeship is left to pay (the page's button).
            last_running = spec.outcome == "" and offset == len(spec.attended) - 1
            if percent >= t.attendance_threshold and not last_running:
                attendance.month_pay(
                    actor=manager.user,
                    attendance=row,
                    paid_on=min(today, add_months(month, 1).replace(day=10)),
                    reference=f"Bonifico demo {t.pk}-{offset + 1}",
                )
                counts["paid"] += 1
        if spec.outcome == "hired":
            t.refresh_from_db()
            lifecycle.traineeship_close(
                actor=manager.user,
                traineeship=t,
                status=TraineeshipStatus.COMPLETED,
                ended_on=end,
                result=Result.HIRED_BY_HOST,
                contract_type=ContractType.FIXED_TERM,
                expected_version=t.version,
            )
            counts["completed"] += 1
    return counts
