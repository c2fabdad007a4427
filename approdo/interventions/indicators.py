"""Monitoring indicators held by interventions: services delivered by area and type.
Registered from InterventionsConfig.ready()."""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from approdo.interventions.models import Place, ServiceDelivered, ServiceType
from approdo.monitoring.frame import Context, Groups, months
from approdo.monitoring.registry import Figure, Group, Indicator, Unit, register
from approdo.network.models import ServiceArea


def delivered(ctx: Context) -> QuerySet[ServiceDelivered]:
    return ServiceDelivered.objects.filter(
        ctx.case_q(), ctx.in_period("date"), cancelled_at__isnull=True
    )


def compute_services(ctx: Context) -> Figure:
    """One grouped read of the services; every breakdown is a sum over its groups."""
    groups = Groups(
        delivered(ctx),
        {
            "area": "service_type__area",
            "type": "service_type",
            "month": TruncMonth("date"),
            "place": "place",
            "mediation": "with_mediator",
        },
    )
    english = (get_language() or "it").startswith("en")
    name = "name_en" if english else "name_it"
    areas = dict(ServiceArea.objects.order_by("position").values_list("pk", name))
    types = dict(ServiceType.objects.order_by("area__position", "position").values_list("pk", name))
    by_area = groups.tally("area", areas, code="area", title=_("Per area"))
    by_type = groups.tally("type", types, code="type", title=_("Per tipo"))
    by_type.rows = [row for row in by_type.rows if row[2]]
    by_month = groups.tally(
        "month",
        {m: m.strftime("%Y-%m") for m in months(ctx.start, ctx.end)},
        code="month",
        title=_("Per mese"),
    )
    by_month.chart = "line"
    by_place = groups.tally("place", dict(Place.choices), code="place", title=_("Per luogo"))
    mediated = groups.tally(
        "mediation",
        {True: _("con mediazione linguistica"), False: _("senza mediazione")},
        code="mediation",
        title=_("Mediazione"),
    )
    return Figure(value=groups.total, tallies=[by_area, by_type, by_month, by_place, mediated])


SERVICES = Indicator(
    code="services_delivered",
    group=Group.ACTIVITY,
    title=_("Prestazioni erogate per area e tipo"),
    unit=Unit.RECORDS,
    counts=_("Le prestazioni registrate e non annullate, per area, tipo, luogo e mediazione."),
    source=_("Prestazioni erogate nelle prese in carico."),
    when=_("Conta se la prestazione è stata erogata nel periodo."),
    compute=compute_services,
    order=45,
)


def register_intervention_indicators() -> None:
    register(SERVICES)
