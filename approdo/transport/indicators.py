"""Monitoring indicators of transport: rides given and people transported.
Registered from TransportConfig.ready().

A ride is a boarding recorded by the driver or the operator; it counts on the day of the trip.
People are counted once across the network (linkage clusters, frame.PeopleRows), and their
small cells are suppressed outside the hub like every people indicator.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from approdo.monitoring.frame import Context, Groups, PeopleRows, months
from approdo.monitoring.indicators import hub_regions
from approdo.monitoring.registry import Figure, Group, Indicator, Unit, register
from approdo.people.models import Sex
from approdo.transport.models import Boarding, StopKind

DAY = "booking__trip__date"


def boardings(ctx: Context) -> QuerySet[Boarding]:
    return Boarding.objects.filter(
        ctx.case_q("booking__case__"),
        ctx.in_period(DAY),
        ctx.in_nodes("booking__trip__shuttle__hub_id"),
    )


def compute_rides(ctx: Context) -> Figure:
    groups = Groups(
        boardings(ctx),
        {
            "region": "booking__trip__shuttle__hub__region_id",
            "month": TruncMonth(DAY),
            "kind": "booking__dropoff__stop__kind",
        },
    )
    return Figure(
        value=groups.total,
        tallies=[
            groups.tally("region", hub_regions(), code="region", title=_("Per regione")),
            groups.tally(
                "month",
                {m: m.strftime("%Y-%m") for m in months(ctx.start, ctx.end)},
                code="month",
                title=_("Per mese"),
            ),
            groups.tally(
                "kind",
                dict(StopKind.choices),
                code="destination",
                title=_("Per tipo di destinazione"),
            ),
        ],
    )


def compute_people(ctx: Context) -> Figure:
    people = PeopleRows(
        boardings(ctx),
        {"region": "booking__trip__shuttle__hub__region_id", "sex": "booking__person__sex"},
        person_path="booking__person__",
        distinct=True,
    )
    return Figure(
        value=people.total,
        tallies=[
            people.tally("region", hub_regions(), code="region", title=_("Per regione")),
            people.tally("sex", dict(Sex.choices), code="sex", title=_("Per sesso")),
        ],
        note=str(_("Chi viaggia in più regioni è contato in ciascuna riga, una volta nel totale.")),
    )


RIDES = Indicator(
    code="transport_rides",
    group=Group.ACTIVITY,
    title=_("Trasporti: corse date"),
    unit=Unit.RECORDS,
    counts=_("Le salite a bordo delle navette registrate da autisti e operatori."),
    source=_("Prenotazioni delle navette con la salita a bordo registrata."),
    when=_("Una corsa conta nel giorno del viaggio."),
    compute=compute_rides,
    order=96,
)

PEOPLE = Indicator(
    code="transport_people",
    group=Group.ACTIVITY,
    title=_("Trasporti: persone trasportate"),
    unit=Unit.PEOPLE,
    counts=_("Le persone distinte salite almeno una volta su una navetta nel periodo."),
    source=_("Salite a bordo delle navette, persone contate una volta grazie al collegamento."),
    when=_("Una persona conta se ha viaggiato almeno una volta nel periodo."),
    compute=compute_people,
    order=97,
)


def register_transport_indicators() -> None:
    register(RIDES, PEOPLE)
