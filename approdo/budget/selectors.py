"""Reads of the integration budget for one case: the person's cap in the case's region, what
is held and paid, and the commitments with what was paid on each."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import DecimalField, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from approdo.budget.models import ZERO, Commitment, Payment, RegionalBudget
from approdo.budget.services import cap_for, held
from approdo.cases.models import Case
from approdo.network.models import Region


@dataclass(frozen=True)
class Summary:
    region: Region
    rules: RegionalBudget | None
    cap: Decimal | None
    held: Decimal
    paid: Decimal

    @property
    def left(self) -> Decimal | None:
        return None if self.cap is None else self.cap - self.held


def summary(case: Case) -> Summary:
    region = case.hub.region
    rules = RegionalBudget.objects.filter(region=region).first()
    cap: Decimal | None = None
    if rules is not None and case.person is not None:
        try:
            cap = cap_for(person=case.person, region=region)
        except ValidationError:
            cap = None
    person_held = held(person=case.person, region=region) if case.person else ZERO
    paid = ZERO
    person_id = case.person_id
    if person_id is not None:
        rows = Payment.objects.filter(commitment__person_id=person_id, commitment__region=region)
        paid = rows.aggregate(s=Sum("amount"))["s"] or ZERO
    return Summary(region=region, rules=rules, cap=cap, held=person_held, paid=paid)


def commitments(case: Case) -> QuerySet[Commitment]:
    """The person's commitments in the case's region (from any of their cases there)."""
    money = DecimalField(max_digits=10, decimal_places=2)  # type: ignore[var-annotated]
    if case.person_id is None:
        return Commitment.objects.none()
    return (
        Commitment.objects.filter(person_id=case.person_id, region=case.hub.region)
        .select_related("goal", "requested_by", "decided_by", "case")
        .annotate(paid=Coalesce(Sum("payments__amount"), Value(ZERO), output_field=money))
        .order_by("-created_at", "-pk")
    )
