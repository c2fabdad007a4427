"""Monitoring indicators held by the plans: PAI active and reviewed on time, goals by area.
Registered from PlansConfig.ready()."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from approdo.monitoring.frame import Context, records_by, tally
from approdo.monitoring.registry import Figure, Group, Indicator, Unit, register
from approdo.plans.models import Goal, PlanArea, PlanVersion, VersionStatus


def active_versions(ctx: Context) -> QuerySet[PlanVersion]:
    """The approved version of each plan whose case was open in the period."""
    case = ctx.case_q("plan__case__")
    return PlanVersion.objects.filter(
        case,
        Q(plan__case__closed_on__isnull=True) | Q(plan__case__closed_on__gte=ctx.start),
        status=VersionStatus.APPROVED,
        approved_at__date__lte=ctx.end,
    )


def compute_plans(ctx: Context) -> Figure:
    versions = active_versions(ctx)
    day = min(ctx.end, ctx.today)
    on_time = versions.filter(Q(next_review_on__isnull=True) | Q(next_review_on__gte=day)).count()
    overdue = versions.filter(next_review_on__lt=day).count()
    reviews = tally(
        {"on_time": on_time, "overdue": overdue},
        {"on_time": _("verifica nei tempi"), "overdue": _("verifica scaduta")},
        code="review",
        title=_("Verifiche del PAI (al %(day)s)") % {"day": day.strftime("%d/%m/%Y")},
    )
    goals = records_by(
        Goal.objects.filter(plan_version__in=versions.values("pk")),
        "area",
        dict(PlanArea.choices),
        code="goal_area",
        title=_("Obiettivi per area"),
    )
    total = on_time + overdue
    note = ""
    if total:
        note = str(_("Verificati nei tempi: %(share)s%%.")) % {
            "share": f"{100 * on_time / total:.0f}"
        }
    return Figure(value=total, tallies=[reviews, goals], note=note)


PLANS = Indicator(
    code="plans_active",
    group=Group.ACTIVITY,
    title=_("PAI attivi e verificati nei tempi"),
    unit=Unit.CASES,
    counts=_(
        "I PAI con una versione approvata la cui presa in carico era aperta nel periodo; "
        "quelli la cui prossima verifica è già passata sono «scaduti»; i loro obiettivi per area."
    ),
    source=_("Versioni approvate dei PAI, le loro verifiche e i loro obiettivi."),
    when=_(
        "Approvati entro la fine del periodo; le verifiche sono valutate alla fine del periodo "
        "(o a oggi, se il periodo non è finito)."
    ),
    compute=compute_plans,
    order=40,
)


def register_plan_indicators() -> None:
    register(PLANS)
