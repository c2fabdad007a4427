""" "My work": what an operator needs to act on today, gathered from every app.

Each section is scoped to the user: cases on whose team they are, tasks assigned to them,
plan reviews and expiring documents of those cases, referrals and transfers waiting at their
nodes, their appointments, and (for coordinators) emergency accesses to acknowledge.
Sections of apps that are not installed yet simply stay empty.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone

from approdo.accounts import access
from approdo.accounts.models import User
from approdo.cases.models import (
    BreakGlassAccess,
    Case,
    CaseTask,
    CaseTeamMember,
    InquiryStatus,
    PersonInquiry,
    Referral,
    ReferralStatus,
    Transfer,
    TransferStatus,
)
from approdo.cases.permissions import coordinated_hub_ids
from approdo.cases.stages import OPEN_STAGES, Stage
from approdo.people.models import IdentityDocument

EXPIRY_WINDOWS = (30, 60)
TASKS_AHEAD_DAYS = 7
APPOINTMENTS_AHEAD_DAYS = 14
LIST_LIMIT = 20


@dataclass
class StageCount:
    stage: str
    label: str
    count: int


@dataclass
class ExpiringDocument:
    document: IdentityDocument
    case: Case
    days_left: int

    @property
    def window(self) -> int:
        """30 or 60: the first window the expiry falls in (0 = already expired)."""
        if self.days_left < 0:
            return 0
        return next(w for w in EXPIRY_WINDOWS if self.days_left <= w)


@dataclass
class MyWork:
    today: dt.date
    stages: list[StageCount]
    cases: list[Case]
    tasks_overdue: list[CaseTask]
    tasks_due: list[CaseTask]
    reviews_due: list[Any] = field(default_factory=list)
    documents: list[ExpiringDocument] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)
    inquiries: list[PersonInquiry] = field(default_factory=list)
    appointments: list[Any] = field(default_factory=list)
    break_glass: list[BreakGlassAccess] = field(default_factory=list)

    @property
    def waiting_count(self) -> int:
        return len(self.referrals) + len(self.transfers) + len(self.inquiries)


def my_cases(user: User) -> QuerySet[Case]:
    """Open cases on whose team the user is now."""
    on_team = CaseTeamMember.objects.filter(case=OuterRef("pk"), user=user, until__isnull=True)
    return Case.objects.filter(Exists(on_team)).exclude(stage=Stage.CLOSED)


def _stage_counts(cases: QuerySet[Case]) -> list[StageCount]:
    counts = dict(cases.values_list("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    order = [*OPEN_STAGES, Stage.SUSPENDED]
    return [StageCount(s, str(Stage(s).label), counts.get(s, 0)) for s in order]


def _expiring_documents(cases: QuerySet[Case], today: dt.date) -> list[ExpiringDocument]:
    horizon = today + dt.timedelta(days=max(EXPIRY_WINDOWS))
    by_person = {c.person_id: c for c in cases.filter(person__isnull=False)}
    docs = (
        IdentityDocument.objects.filter(
            person_id__in=list(by_person), expires_on__isnull=False, expires_on__lte=horizon
        )
        .filter(expires_on__gte=today - dt.timedelta(days=30))
        .select_related("person")
        .order_by("expires_on")
    )
    return [
        ExpiringDocument(d, by_person[d.person_id], (d.expires_on - today).days)
        for d in docs[:LIST_LIMIT]
        if d.expires_on is not None
    ]


def _optional_sections(user: User, today: dt.date) -> tuple[list[Any], list[Any]]:
    """Plan reviews and appointments, from their apps when those provide the selectors."""
    reviews: list[Any] = []
    appointments: list[Any] = []
    try:
        from approdo.plans.selectors import reviews_due
    except ImportError:
        pass
    else:
        reviews = list(reviews_due(user=user, today=today)[:LIST_LIMIT])
    try:
        from approdo.interventions.selectors import appointments_for_user
    except ImportError:
        pass
    else:
        start = timezone.now()
        end = start + dt.timedelta(days=APPOINTMENTS_AHEAD_DAYS)
        appointments = list(appointments_for_user(user=user, start=start, end=end)[:LIST_LIMIT])
    return reviews, appointments


def my_work_for(*, user: User, today: dt.date | None = None) -> MyWork | None:
    """The start page's sections for a person-data user; None for everyone else."""
    acc = access.access_for(user)
    if not acc.person_node_ids:
        return None
    today = today or timezone.localdate()
    cases = my_cases(user)
    tasks = CaseTask.objects.filter(assignee=user, done_at__isnull=True).select_related("case")
    node_ids = acc.person_node_ids
    reviews, appointments = _optional_sections(user, today)
    return MyWork(
        today=today,
        stages=_stage_counts(cases),
        cases=list(
            cases.select_related("person", "hub").order_by("stage", "-opened_on")[:LIST_LIMIT]
        ),
        tasks_overdue=list(tasks.filter(due_on__lt=today).order_by("due_on")[:LIST_LIMIT]),
        tasks_due=list(
            tasks.filter(
                due_on__gte=today, due_on__lte=today + dt.timedelta(days=TASKS_AHEAD_DAYS)
            ).order_by("due_on")[:LIST_LIMIT]
        ),
        reviews_due=reviews,
        documents=_expiring_documents(cases, today),
        referrals=list(
            Referral.objects.filter(to_node_id__in=node_ids, status=ReferralStatus.SENT)
            .select_related("case", "from_node", "to_node")
            .order_by("due_on")[:LIST_LIMIT]
        ),
        transfers=list(
            Transfer.objects.filter(to_hub_id__in=node_ids, status=TransferStatus.PROPOSED)
            .select_related("case", "from_hub")
            .order_by("created_at")[:LIST_LIMIT]
        ),
        inquiries=list(
            PersonInquiry.objects.filter(to_node_id__in=node_ids, status=InquiryStatus.OPEN)
            .select_related("from_node")
            .order_by("created_at")[:LIST_LIMIT]
        ),
        appointments=appointments,
        break_glass=list(
            BreakGlassAccess.objects.filter(
                case__hub_id__in=coordinated_hub_ids(user), reviewed_at__isnull=True
            )
            .select_related("case", "user")
            .order_by("-opened_at")[:LIST_LIMIT]
        ),
    )
