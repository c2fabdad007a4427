"""Reads of traineeships, always through the cases the user may read.

A traineeship is case data: it is listed only for cases whose data the user may read (on the
team now or before, coordinator of the case's hub, open emergency access: the rule of
cases.selectors.readable_case_ids, as a filter), and the names a list shows are logged as
reads. Monitors get a 403: they see the indicator, never the people.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import DecimalField, Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from approdo.accounts.access import access_for
from approdo.accounts.models import User
from approdo.audit.services import log_access
from approdo.budget.models import ZERO, Payment
from approdo.cases.models import BreakGlassAccess, Case, CaseTeamMember
from approdo.cases.permissions import coordinated_hub_ids
from approdo.traineeships.attendance import amount_due
from approdo.traineeships.models import (
    STARTED,
    AttendanceMonth,
    Traineeship,
    TraineeshipStatus,
)

LIST_PURPOSE = "traineeships.list"
HOURS: DecimalField[Decimal, Decimal] = DecimalField(max_digits=8, decimal_places=1)
MONEY: DecimalField[Decimal, Decimal] = DecimalField(max_digits=12, decimal_places=2)


def require_reader(user: User) -> None:
    """People's traineeships are for person-data roles; monitors and the rest get a 403."""
    if not access_for(user).can_see_person_data:
        raise PermissionDenied


def readable_q(user: User) -> Q:
    """Traineeships whose case the user may read (the rule of readable_case_ids)."""
    now = timezone.now()
    on_team = CaseTeamMember.objects.filter(case=OuterRef("case_id"), user=user)
    glass = BreakGlassAccess.objects.filter(case=OuterRef("case_id"), user=user, expires_at__gt=now)
    return Q(case__hub_id__in=coordinated_hub_ids(user)) | Exists(on_team) | Exists(glass)


def with_totals(rows: QuerySet[Traineeship]) -> QuerySet[Traineeship]:
    """Each row with the hours attended and the allowance paid (subqueries, so the two sums
    never multiply each other)."""
    hours = (
        AttendanceMonth.objects.filter(traineeship=OuterRef("pk"))
        .order_by()
        .values("traineeship")
        .annotate(s=Sum("hours_attended"))
        .values("s")
    )
    paid = (
        Payment.objects.filter(commitment=OuterRef("commitment_id"))
        .order_by()
        .values("commitment")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    return rows.annotate(
        hours_attended=Coalesce(Subquery(hours, output_field=HOURS), Decimal("0.0")),
        allowance_paid=Coalesce(Subquery(paid, output_field=MONEY), ZERO),
    )


def _related(rows: QuerySet[Traineeship]) -> QuerySet[Traineeship]:
    return rows.select_related(
        "case__hub",
        "person",
        "employer",
        "site__municipality",
        "occupation",
        "promoter_node",
        "promoter_tutor",
        "commitment",
    )


def traineeship_list(
    *,
    user: User,
    status: str = "",
    employer_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[Traineeship]:
    """Traineeships of the cases the user may read; the period keeps those running at some
    point in it (from the start to the end, or to the day they ended)."""
    require_reader(user)
    rows = Traineeship.objects.filter(readable_q(user))
    if status:
        rows = rows.filter(status=status)
    if employer_id:
        rows = rows.filter(employer_id=employer_id)
    if date_to:
        rows = rows.filter(starts_on__lte=date_to)
    if date_from:
        rows = rows.filter(
            Q(ended_on__isnull=True, ends_on__gte=date_from) | Q(ended_on__gte=date_from)
        )
    return with_totals(_related(rows)).order_by("-starts_on", "-pk")


def log_list_reads(*, user: User, rows: list[Traineeship]) -> None:
    """A list that names people is a read of each of their cases."""
    seen: set[int] = set()
    for row in rows:
        if row.case_id not in seen:
            seen.add(row.case_id)
            log_access(user=user, record=row.case, node_id=row.case.hub_id, purpose=LIST_PURPOSE)


def person_traineeships(*, user: User, case: Case) -> QuerySet[Traineeship]:
    """The case's person's traineeships under any of their cases the user may read (the
    caller has read `case` through case_read)."""
    if case.person_id is None:
        return Traineeship.objects.none()
    rows = Traineeship.objects.filter(person_id=case.person_id).filter(
        readable_q(user) | Q(case=case)
    )
    return with_totals(_related(rows)).order_by("-starts_on", "-pk")


@dataclass
class MonthRow:
    """A logged month with its due allowance and whether it can be paid now."""

    row: AttendanceMonth
    due: Decimal
    reaches_threshold: bool
    payable: bool
    form: Any = None


@dataclass
class Ledger:
    months: list[MonthRow] = field(default_factory=list)
    hours_planned: Decimal = Decimal("0.0")
    hours_attended: Decimal = Decimal("0.0")
    paid: Decimal = ZERO

    @property
    def percent(self) -> int | None:
        if not self.hours_planned:
            return None
        return int(self.hours_attended * 100 // self.hours_planned)


def attendance_ledger(traineeship: Traineeship) -> Ledger:
    rows = list(
        AttendanceMonth.objects.filter(traineeship=traineeship)
        .select_related("payment")
        .order_by("month")
    )
    ledger = Ledger()
    approved = traineeship.commitment is not None and traineeship.commitment.status == "approved"
    for row in rows:
        row.traineeship = traineeship
        reaches = row.percent >= traineeship.attendance_threshold
        ledger.months.append(
            MonthRow(
                row=row,
                due=amount_due(row),
                reaches_threshold=reaches,
                payable=reaches and not row.is_paid and approved,
            )
        )
        ledger.hours_planned += row.hours_planned
        ledger.hours_attended += row.hours_attended
        if row.payment is not None:
            ledger.paid += row.payment.amount
    return ledger


def commitment_paid(traineeship: Traineeship) -> Decimal:
    """Everything paid on the traineeship's commitment (from this page or the budget's)."""
    if traineeship.commitment_id is None:
        return ZERO
    total = Payment.objects.filter(commitment_id=traineeship.commitment_id).aggregate(
        s=Sum("amount")
    )["s"]
    return total or ZERO


def case_summary(case: Case) -> dict[str, Any]:
    """For the case's "Lavoro" tab (the caller has read the case): this case's traineeships,
    the one running now if any, and the link to the traineeships page."""
    rows = list(
        with_totals(
            Traineeship.objects.filter(case=case).select_related("employer", "site")
        ).order_by("-starts_on", "-pk")
    )
    running = next(
        (t for t in rows if t.status in (TraineeshipStatus.ACTIVE, TraineeshipStatus.SUSPENDED)),
        None,
    )
    return {
        "rows": rows,
        "count": len(rows),
        "running": running,
        "started": sum(1 for t in rows if t.status in STARTED),
        "url": reverse("traineeships:case", args=[case.pk]),
    }
