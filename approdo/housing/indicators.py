"""Monitoring indicators of housing support: bed-nights occupied (and the average occupancy)
and the distinct people housed. Registered from HousingConfig.ready()."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from approdo.housing.models import Bed, BedNight, Placement, PlacementStatus, Site, SiteKind
from approdo.monitoring.frame import Context, PeopleRows, tally
from approdo.monitoring.registry import Figure, Group, Indicator, Unit, register
from approdo.network.models import Region
from approdo.people.models import Sex


def _open_nights(site: Site, start: dt.date, end: dt.date) -> int:
    """Nights of the period the site is open (seasonal centres have a period)."""
    first = max(start, site.available_from or start)
    last = min(end, site.available_until or end)
    return max((last - first).days + 1, 0)


def _capacity(ctx: Context) -> tuple[dict[str, int], dict[int, int]]:
    """Bed-nights available in the period, by site kind and by region."""
    beds = dict(
        Bed.objects.filter(active=True, room__site__active=True)
        .filter(ctx.in_nodes("room__site__hub_id"))
        .values("room__site_id")
        .annotate(n=Count("pk"))
        .values_list("room__site_id", "n")
    )
    by_kind: defaultdict[str, int] = defaultdict(int)
    by_region: defaultdict[int, int] = defaultdict(int)
    for site in Site.objects.filter(pk__in=beds).select_related("hub"):
        nights = beds[site.pk] * _open_nights(site, ctx.start, ctx.end)
        by_kind[site.kind] += nights
        by_region[site.hub.region_id] += nights
    return dict(by_kind), dict(by_region)


def compute_beds(ctx: Context) -> Figure:
    q = ctx.in_nodes("bed__room__site__hub_id") & ctx.in_period("night")
    q &= ctx.person_q("person__")
    if ctx.filters.access_channel:
        q &= Q(placement__case__access_channel=ctx.filters.access_channel)
    rows = (
        BedNight.objects.filter(q)
        .values("bed__room__site__kind", "bed__room__site__hub__region_id")
        .annotate(n=Count("pk"))
        .values_list("bed__room__site__kind", "bed__room__site__hub__region_id", "n")
    )
    by_kind: defaultdict[str, int] = defaultdict(int)
    by_region: defaultdict[int, int] = defaultdict(int)
    for kind, region, n in rows:
        by_kind[kind] += n
        by_region[region] += n
    regions = dict(Region.objects.values_list("pk", "name"))
    kinds = dict(SiteKind.choices)
    nights = tally(
        by_kind, kinds, code="site_kind", title=_("Notti occupate per tipo di struttura")
    )
    tallies = [
        nights,
        tally(
            by_region,
            {pk: name for pk, name in regions.items() if pk in by_region},
            code="region",
            title=_("Notti occupate per regione"),
        ),
    ]
    note = ""
    if not (ctx.filters.person_filtered or ctx.filters.access_channel):
        # A share of capacity only means something for every guest, not a filtered few.
        cap_kind, _cap_region = _capacity(ctx)
        shares = {
            kind: round(100 * by_kind.get(kind, 0) / available)
            for kind, available in cap_kind.items()
            if available
        }
        tallies.append(
            tally(shares, kinds, code="occupancy", title=_("Occupazione media per tipo (%)"))
        )
        available = sum(cap_kind.values())
        if available:
            note = str(
                _("Occupazione media nel periodo: %(share)s%% di %(nights)s notti-letto.")
            ) % {
                "share": f"{100 * (nights.total or 0) / available:.0f}",
                "nights": available,
            }
    return Figure(value=nights.total, tallies=tallies, note=note)


def compute_people(ctx: Context) -> Figure:
    q = ctx.in_nodes("bed__room__site__hub_id") & ctx.person_q("person__")
    q &= Q(starts_on__lte=ctx.end, ends_on__gte=ctx.start) & ~Q(status=PlacementStatus.CANCELLED)
    if ctx.filters.access_channel:
        q &= Q(case__access_channel=ctx.filters.access_channel)
    people = PeopleRows(
        Placement.objects.filter(q),
        {
            "region": "bed__room__site__hub__region_id",
            "kind": "bed__room__site__kind",
            "sex": "person__sex",
        },
        "person__",
    )
    regions = dict(Region.objects.values_list("pk", "name"))
    present = {row[1] for row in people.rows}
    return Figure(
        value=people.total,
        tallies=[
            people.tally(
                "region",
                {pk: name for pk, name in regions.items() if pk in present},
                code="region",
                title=_("Per regione della struttura"),
            ),
            people.tally(
                "kind", dict(SiteKind.choices), code="site_kind", title=_("Per tipo di struttura")
            ),
            people.tally("sex", dict(Sex.choices), code="sex", title=_("Per sesso")),
        ],
    )


BEDS_OCCUPIED = Indicator(
    code="housing_beds_occupied",
    group=Group.ACTIVITY,
    title=_("Posti letto: notti occupate e occupazione media"),
    unit=Unit.DAYS,
    counts=_(
        "Le notti-letto occupate nel periodo nelle strutture abitative (un posto letto per una "
        "notte), per tipo di struttura e regione; l'occupazione media le rapporta alle "
        "notti-letto disponibili (posti letto in uso per le notti di apertura)."
    ),
    source=_("Inserimenti nei posti letto delle strutture abitative."),
    when=_("Conta ogni notte del periodo in cui un posto letto è occupato."),
    compute=compute_beds,
    order=96,
)
PEOPLE_HOUSED = Indicator(
    code="housing_people_housed",
    group=Group.ACTIVITY,
    title=_("Persone accolte nei posti letto"),
    unit=Unit.PEOPLE,
    counts=_(
        "Persone distinte con almeno una notte in un posto letto nel periodo (una persona "
        "spostata o accolta in più strutture conta una volta nel totale), per regione, tipo di "
        "struttura e sesso."
    ),
    source=_("Inserimenti nei posti letto (esclusi quelli annullati)."),
    when=_("Conta se l'inserimento si sovrappone al periodo."),
    compute=compute_people,
    order=97,
)


def register_housing_indicators() -> None:
    register(BEDS_OCCUPIED, PEOPLE_HOUSED)
