"""Monitoring indicators held by cases: cases by stage and access channel, referrals and their
times, transfers between regions. Registered from CasesConfig.ready()."""

from __future__ import annotations

import statistics
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approdo.cases.models import AccessChannel, Case, Referral, ReferralStatus, Transfer
from approdo.cases.stages import Stage
from approdo.monitoring.frame import Context, PeopleRows, records_by, tally
from approdo.monitoring.registry import Figure, Group, Indicator, Unit, register
from approdo.network.models import Region, ServiceArea


def open_cases(ctx: Context) -> QuerySet[Case]:
    return (
        ctx.cases()
        .filter(opened_on__lte=ctx.end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=ctx.start))
    )


def compute_stages(ctx: Context) -> Figure:
    rows = open_cases(ctx)
    by_stage = records_by(
        rows, "stage", dict(Stage.choices), code="stage", title=_("Per stato attuale")
    )
    opened = ctx.cases().filter(ctx.in_period("opened_on"))
    by_channel = records_by(
        opened,
        "access_channel",
        dict(AccessChannel.choices),
        code="channel",
        title=_("Aperte nel periodo, per canale di accesso"),
    )
    return Figure(value=by_stage.total, tallies=[by_stage, by_channel])


def referrals(ctx: Context) -> QuerySet[Referral]:
    q = ctx.person_q("case__person__") & ctx.in_period("created_at__date")
    if ctx.nodes is not None:
        q &= Q(from_node_id__in=ctx.nodes) | Q(to_node_id__in=ctx.nodes)
    if ctx.filters.access_channel:
        q &= Q(case__access_channel=ctx.filters.access_channel)
    return Referral.objects.filter(q)


ACCEPTANCE_BANDS = {
    "0_2": _("entro 2 giorni"),
    "3_7": _("3–7 giorni"),
    "8_14": _("8–14 giorni"),
    "15_plus": _("oltre 14 giorni"),
}


def _band(days: int) -> str:
    if days <= 2:
        return "0_2"
    if days <= 7:
        return "3_7"
    if days <= 14:
        return "8_14"
    return "15_plus"


def compute_referrals(ctx: Context) -> Figure:
    rows = referrals(ctx)
    today = timezone.localdate()
    statuses: dict[str, Any] = dict(ReferralStatus.choices)
    by_status = records_by(rows, "status", statuses, code="status", title=_("Per esito"))
    overdue = rows.filter(status=ReferralStatus.SENT, due_on__lt=today).count()
    by_status.rows.append(("overdue", str(_("di cui in attesa oltre la scadenza")), overdue))
    by_status.total = rows.count()
    areas = dict(ServiceArea.objects.values_list("pk", "name_it"))
    by_area = records_by(rows, "area", areas, code="area", title=_("Per area"))
    by_target = tally(
        {
            "node": rows.filter(to_node__isnull=False).count(),
            "external": rows.filter(to_external__isnull=False).count(),
        },
        {"node": _("a un nodo della rete"), "external": _("a un servizio esterno")},
        code="target",
        title=_("Per destinatario"),
    )
    accepted = rows.filter(decided_at__isnull=False).exclude(
        status__in=[ReferralStatus.DECLINED, ReferralStatus.CANCELLED]
    )
    days = [
        max((decided - created).days, 0)
        for created, decided in accepted.values_list("created_at", "decided_at")
        if decided is not None
    ]
    bands: dict[str, int] = {}
    for d in days:
        bands[_band(d)] = bands.get(_band(d), 0) + 1
    by_time = tally(bands, ACCEPTANCE_BANDS, code="acceptance", title=_("Tempo di accettazione"))
    note = ""
    if days:
        note = str(_("Tempo mediano di accettazione: %(days)s giorni.")) % {
            "days": f"{statistics.median(days):g}"
        }
    return Figure(
        value=by_status.total, tallies=[by_status, by_target, by_area, by_time], note=note
    )


def compute_transfers(ctx: Context) -> Figure:
    q = Q(status="accepted") & ctx.in_period("decided_at__date") & ctx.person_q("case__person__")
    q &= ~Q(from_hub__region=F("to_hub__region"))
    if ctx.nodes is not None:
        q &= Q(from_hub_id__in=ctx.nodes) | Q(to_hub_id__in=ctx.nodes)
    if ctx.filters.access_channel:
        q &= Q(case__access_channel=ctx.filters.access_channel)
    people = PeopleRows(
        Transfer.objects.filter(q),
        {"from": "from_hub__region", "to": "to_hub__region"},
        "case__person__",
    )
    regions = dict(Region.objects.values_list("pk", "name"))
    return Figure(
        value=people.total,
        tallies=[
            people.tally("from", regions, code="from_region", title=_("Per regione di partenza")),
            people.tally("to", regions, code="to_region", title=_("Per regione di arrivo")),
        ],
    )


STAGES = Indicator(
    code="cases_by_stage",
    group=Group.ACTIVITY,
    title=_("Prese in carico per stato e canale di accesso"),
    unit=Unit.CASES,
    counts=_(
        "Le prese in carico (casi) aperte in almeno un giorno del periodo, per stato attuale; "
        "quelle aperte nel periodo, per canale di accesso."
    ),
    source=_("Prese in carico."),
    when=_("Aperte entro la fine del periodo e non chiuse prima del suo inizio."),
    compute=compute_stages,
    order=10,
)
REFERRALS = Indicator(
    code="referrals",
    group=Group.ACTIVITY,
    title=_("Invii: inviati, accettati, rifiutati, scaduti"),
    unit=Unit.RECORDS,
    counts=_(
        "Gli invii fatti nel periodo da o verso i nodi scelti, per esito, destinatario e area; "
        "quelli ancora in attesa oltre la data di risposta attesa sono «scaduti»; il tempo di "
        "accettazione va dall'invio alla decisione."
    ),
    source=_("Invii (interni alla rete ed esterni)."),
    when=_("Conta se l'invio è stato fatto nel periodo."),
    compute=compute_referrals,
    order=50,
)
TRANSFERS = Indicator(
    code="transfers_between_regions",
    group=Group.ACTIVITY,
    title=_("Trasferimenti tra regioni"),
    unit=Unit.PEOPLE,
    counts=_("Persone distinte la cui presa in carico è passata a un hub di un'altra regione."),
    source=_("Trasferimenti accettati."),
    when=_("Conta se il trasferimento è stato accettato nel periodo."),
    compute=compute_transfers,
    order=60,
)


def register_case_indicators() -> None:
    register(STAGES, REFERRALS, TRANSFERS)
