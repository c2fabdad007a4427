"""Reads of screenings, always through the case's scope (cases.selectors.case_read)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from approdo.accounts.models import User
from approdo.cases.models import Case
from approdo.cases.permissions import CasePermissions
from approdo.cases.selectors import case_read
from approdo.screening.models import (
    Indicator,
    IndicatorAnswer,
    Observation,
    Screening,
    ScreeningStatus,
    VulnerabilityAnswer,
    VulnerabilityFactor,
)

DETAIL_PURPOSE = "screening.screening.detail"


def active_indicators() -> QuerySet[Indicator]:
    return Indicator.objects.filter(active=True).order_by("order", "code")


def active_factors() -> QuerySet[VulnerabilityFactor]:
    return VulnerabilityFactor.objects.filter(active=True).order_by("order", "code")


def _with_answers(rows: QuerySet[Screening]) -> QuerySet[Screening]:
    return rows.select_related("node", "operator", "confirmed_by", "language").prefetch_related(
        Prefetch("answers", queryset=IndicatorAnswer.objects.select_related("indicator")),
        Prefetch("vulnerabilities", queryset=VulnerabilityAnswer.objects.select_related("factor")),
    )


def case_screenings(perms: CasePermissions) -> QuerySet[Screening]:
    """The case's screenings the user may read (by node after a transfer), latest first."""
    rows = Screening.objects.filter(case=perms.case)
    node_ids = perms.visible_node_ids()
    if node_ids is not None:
        rows = rows.filter(node_id__in=node_ids)
    return _with_answers(rows).order_by("-held_on", "-pk")


@dataclass
class HistoryRow:
    screening: Screening
    observed: list[Indicator]
    newly_observed: list[Indicator] = field(default_factory=list)
    no_longer_observed: list[Indicator] = field(default_factory=list)
    has_previous: bool = False


def _observed(screening: Screening) -> list[Indicator]:
    return [a.indicator for a in screening.answers.all() if a.status == Observation.OBSERVED]


def screening_history(perms: CasePermissions) -> list[HistoryRow]:
    """Screenings latest first, each with the indicators that changed since the previous one."""
    screenings = list(case_screenings(perms))
    rows = [HistoryRow(screening=s, observed=_observed(s)) for s in screenings]
    for row, previous in itertools.pairwise(rows):
        before = {i.code for i in previous.observed}
        now = {i.code for i in row.observed}
        row.has_previous = True
        row.newly_observed = [i for i in row.observed if i.code not in before]
        row.no_longer_observed = [i for i in previous.observed if i.code not in now]
    return rows


def screening_read(
    *, user: User, pk: int, purpose: str = DETAIL_PURPOSE
) -> tuple[Screening, Case, CasePermissions]:
    """A screening the user may read (404 outside scope, 403 for monitors); the read is logged."""
    case_id = Screening.objects.filter(pk=pk).values_list("case_id", flat=True).first()
    if case_id is None:
        raise Http404
    case, perms = case_read(user=user, pk=case_id, purpose=purpose)
    screening = case_screenings(perms).filter(pk=pk).first()
    if screening is None:
        raise Http404
    return screening, case, perms


def latest_priority(case: Case) -> str | None:
    """The priority confirmed by the latest completed screening of the case, or None.

    Not scoped: callers pass a case the user may already see (My work, waiting lists)."""
    row = (
        Screening.objects.filter(case=case, status=ScreeningStatus.COMPLETED)
        .order_by("-held_on", "-confirmed_at", "-pk")
        .values_list("confirmed_priority", flat=True)
        .first()
    )
    return row or None
