"""Demo integration budget: regional rules and allocations, and commitments for some demo cases
with approved plans, written through the services (maker-checker included)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from approdo.accounts.models import Membership, User
from approdo.accounts.roles import Role
from approdo.budget import services
from approdo.budget.models import Commitment, CommitmentStatus, HubAllocation, RegionalBudget
from approdo.cases.models import Case
from approdo.cases.selectors import case_manager
from approdo.network.models import Node, NodeKind, Region, RegionalTarget
from approdo.plans.models import Goal

# Public figures: Puglia €2,000 and Basilicata €12,000 per person; the others are assumed.
CAPS = {"Basilicata": Decimal("12000.00")}
DEFAULT_CAP = Decimal("2000.00")
APPROVAL_ABOVE = Decimal("500.00")
# Assumed: one person in ten taken in charge uses the whole cap.
ALLOCATION_SHARE = Decimal("0.10")
DEMO_REGIONS = ("Puglia", "Basilicata")
CASES_PER_HUB = 8
# (category, amount, description, paid share): a path to autonomy in four steps.
STEPS = [
    ("documents", "86.00", "Marca da bollo e bollettino per il permesso di soggiorno", 1),
    ("housing_deposit", "600.00", "Deposito cauzionale per una stanza in affitto", 1),
    ("transport", "45.00", "Abbonamento mensile all'autobus extraurbano", 1),
    ("training", "750.00", "Corso HACCP e sicurezza sul lavoro", 0),
]


def load_budget_demo(*, today: dt.date | None = None) -> int:
    """Idempotent: rules and allocations are kept if present; commitments are made once.
    Returns how many commitments were made."""
    _rules()
    if Commitment.objects.exists():
        return 0
    today = today or timezone.localdate()
    made = 0
    hubs = Node.objects.filter(kind=NodeKind.HUB, region__name__in=DEMO_REGIONS).order_by("code")
    for hub in hubs:
        coordinator = _coordinator(hub)
        if coordinator is None:
            continue
        for position, case in enumerate(_cases(hub)):
            # The first case of each hub goes all the way (a training course to approve).
            made += _commit(case, coordinator, today, steps=4 - position % 3)
    return made


def _rules() -> None:
    targets = {t.region_id: t.value for t in RegionalTarget.objects.all()}
    for region in Region.objects.filter(targets__isnull=False).distinct():
        cap = CAPS.get(region.name, DEFAULT_CAP)
        allocation = (cap * targets.get(region.pk, 0) * ALLOCATION_SHARE).quantize(Decimal("1"))
        rules, _ = RegionalBudget.objects.get_or_create(
            region=region,
            defaults={
                "cap_per_person": cap,
                "approval_above": APPROVAL_ABOVE,
                "allocation": allocation or None,
            },
        )
        hubs = list(Node.objects.filter(region=region, kind=NodeKind.HUB))
        if not rules.allocation or not hubs:
            continue
        share = (rules.allocation / len(hubs)).quantize(Decimal("1"))
        for hub in hubs:
            HubAllocation.objects.get_or_create(
                hub=hub, defaults={"amount": share, "note": "Quota uguale per polo (demo)"}
            )


def _coordinator(hub: Node) -> User | None:
    row = (
        Membership.objects.filter(node=hub, role=Role.HUB_COORDINATOR)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return row.user if row else None


def _cases(hub: Node) -> list[Case]:
    with_goals = Goal.objects.filter(
        plan_version__plan__case__hub=hub, plan_version__status="approved"
    ).values("plan_version__plan__case_id")
    return list(
        Case.objects.filter(pk__in=with_goals, person__isnull=False, closed_on__isnull=True)
        .select_related("hub__region")
        .order_by("pk")[:CASES_PER_HUB]
    )


def _commit(case: Case, coordinator: User, today: dt.date, *, steps: int) -> int:
    member = case_manager(case)
    goal = (
        Goal.objects.filter(plan_version__plan__case=case, plan_version__status="approved")
        .order_by("-plan_version__number", "order")
        .first()
    )
    if member is None or goal is None or member.user_id == coordinator.pk:
        return 0
    made = 0
    for index, (category, amount, description, paid) in enumerate(STEPS[:steps]):
        commitment = services.commitment_request(
            actor=member.user,
            case=case,
            goal=goal,
            category=category,
            amount=amount,
            description=description,
        )
        made += 1
        if commitment.status == CommitmentStatus.PENDING:
            if category == "training":
                continue  # left for the coordinator to decide in the demo
            services.commitment_decide(
                actor=coordinator,
                commitment=commitment,
                approve=True,
                note="",
                expected_version=commitment.version,
            )
        if paid:
            services.payment_record(
                actor=member.user,
                commitment=commitment,
                amount=amount,
                paid_on=today - dt.timedelta(days=7 * (index + 1)),
                reference=f"Ricevuta demo {case.pk}-{index + 1}",
            )
    return made
