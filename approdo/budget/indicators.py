"""Monitoring indicators of the integration budget: committed and paid by category.
Registered from BudgetConfig.ready()."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from approdo.budget.models import Category, Commitment, CommitmentStatus, Payment
from approdo.monitoring.frame import Context, tally
from approdo.monitoring.registry import Figure, Group, Indicator, Unit, register


def euros(amounts: dict[str, Decimal]) -> dict[str, int]:
    return {key: int(value.to_integral_value()) for key, value in amounts.items()}


def compute_budget(ctx: Context) -> Figure:
    committed: defaultdict[str, Decimal] = defaultdict(Decimal)
    rows = Commitment.objects.filter(
        ctx.case_q(), ctx.in_period("created_at__date"), status=CommitmentStatus.APPROVED
    )
    for category, amount in (
        rows.values("category").annotate(s=Sum("amount")).values_list("category", "s")
    ):
        committed[category] += amount or Decimal(0)
    paid: defaultdict[str, Decimal] = defaultdict(Decimal)
    payments = Payment.objects.filter(ctx.case_q("commitment__case__"), ctx.in_period("paid_on"))
    for category, amount in (
        payments.values("commitment__category")
        .annotate(s=Sum("amount"))
        .values_list("commitment__category", "s")
    ):
        paid[category] += amount or Decimal(0)
    labels = dict(Category.choices)
    spent = tally(euros(paid), labels, code="paid", title=_("Pagato per voce (€)"))
    return Figure(
        value=spent.total,
        tallies=[
            spent,
            tally(euros(committed), labels, code="committed", title=_("Impegnato per voce (€)")),
        ],
    )


BUDGET = Indicator(
    code="integration_budget",
    group=Group.ACTIVITY,
    title=_("Budget di integrazione: pagato e impegnato"),
    unit=Unit.EUROS,
    counts=_(
        "Gli euro pagati nel periodo e quelli impegnati (approvati) nel periodo, per voce di "
        "spesa; arrotondati all'euro."
    ),
    source=_("Impegni di spesa approvati e pagamenti del budget di integrazione."),
    when=_("Un pagamento conta nel giorno in cui è fatto, un impegno nel giorno della richiesta."),
    compute=compute_budget,
    order=95,
)


def register_budget_indicators() -> None:
    register(BUDGET)
