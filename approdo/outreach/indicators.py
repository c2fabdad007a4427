"""Monitoring indicators held by outreach: sessions and places, and the anonymous headcounts,
which are counted apart and never added to named people. Registered from OutreachConfig.ready().
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from approdo.monitoring.frame import Context, records_by, sums_by
from approdo.monitoring.registry import Figure, Group, Indicator, Unit, register
from approdo.outreach.models import (
    AgeBand,
    Audience,
    AwarenessEvent,
    Headcount,
    OnSpotService,
    OnSpotServiceKind,
    OutreachSession,
    PlaceKind,
    SessionStatus,
    Sex,
)
from approdo.people.forms import country_name


def sessions(ctx: Context) -> QuerySet[OutreachSession]:
    return OutreachSession.objects.filter(
        ctx.in_nodes("node_id"), ctx.in_period("date"), status=SessionStatus.DONE
    )


def compute_sessions(ctx: Context) -> Figure:
    rows = sessions(ctx)
    by_kind = records_by(
        rows,
        "place__kind",
        dict(PlaceKind.choices),
        code="place_kind",
        title=_("Per tipo di luogo"),
    )
    places = rows.values("place").distinct().count()
    services = sums_by(
        OnSpotService.objects.filter(session__in=rows),
        "kind",
        "people",
        dict(OnSpotServiceKind.choices),
        code="on_spot",
        title=_("Servizi sul posto (persone raggiunte)"),
    )
    note = str(_("Luoghi diversi visitati: %(n)s.")) % {"n": places}
    return Figure(value=by_kind.total, tallies=[by_kind, services], note=note)


def compute_headcount(ctx: Context) -> Figure:
    rows = Headcount.objects.filter(session__in=sessions(ctx))
    f = ctx.filters
    if f.sex in ("female", "male"):
        rows = rows.filter(sex=f.sex)
    if f.age_band:
        rows = rows.filter(age_band=f.age_band)
    if f.nationality:
        rows = rows.filter(nationality=f.nationality)
    by_sex = sums_by(rows, "sex", "count", dict(Sex.choices), code="sex", title=_("Per sesso"))
    by_age = sums_by(
        rows, "age_band", "count", dict(AgeBand.choices), code="age", title=_("Per fascia d'età")
    )
    by_nationality = sums_by(
        rows, "nationality", "count", {}, code="nationality", title=_("Per cittadinanza")
    )
    by_nationality.rows = sorted(
        (
            (key, country_name(key) if key else str(_("non rilevata")), n)
            for key, _l, n in by_nationality.rows
        ),
        key=lambda row: -row[2],
    )
    return Figure(
        value=by_sex.total,
        tallies=[by_sex, by_age, by_nationality],
        note=str(
            _(
                "Presenze anonime contate dalle unità mobili: la stessa persona può essere "
                "contata in più uscite. Non si sommano mai alle persone registrate."
            )
        ),
    )


def compute_awareness(ctx: Context) -> Figure:
    rows = AwarenessEvent.objects.filter(ctx.in_nodes("node_id"), ctx.in_period("date"))
    by_audience = records_by(
        rows, "audience", dict(Audience.choices), code="audience", title=_("Eventi per pubblico")
    )
    reached = sums_by(
        rows,
        "audience",
        "people_reached",
        dict(Audience.choices),
        code="reached",
        title=_("Persone raggiunte (stima) per pubblico"),
    )
    return Figure(value=by_audience.total, tallies=[by_audience, reached])


SESSIONS = Indicator(
    code="outreach_sessions",
    group=Group.ACTIVITY,
    title=_("Uscite di outreach e luoghi visitati"),
    unit=Unit.RECORDS,
    counts=_(
        "Le uscite delle unità mobili e i turni ai presidi svolti, per tipo di luogo; i luoghi "
        "diversi visitati; le persone raggiunte dai servizi sul posto."
    ),
    source=_("Uscite di outreach svolte e i loro servizi sul posto."),
    when=_("Conta se l'uscita si è svolta nel periodo."),
    compute=compute_sessions,
    order=80,
)
HEADCOUNT = Indicator(
    code="outreach_headcount",
    group=Group.REALISATION,
    title=_("Presenze anonime dell'outreach"),
    unit=Unit.HEADCOUNT,
    counts=_(
        "Le persone incontrate e contate in forma anonima nelle uscite (per sesso, età e "
        "cittadinanza se nota). Sono tenute separate: non sono persone registrate e non si "
        "sommano mai ai conteggi nominativi."
    ),
    source=_("Conteggi anonimi delle uscite di outreach svolte."),
    when=_("Conta se l'uscita si è svolta nel periodo."),
    compute=compute_headcount,
    order=30,
)


AWARENESS = Indicator(
    code="awareness_events",
    group=Group.ACTIVITY,
    title=_("Eventi di sensibilizzazione e persone raggiunte"),
    unit=Unit.RECORDS,
    counts=_(
        "Gli eventi di sensibilizzazione e animazione territoriale dei nodi, per pubblico, e la "
        "stima delle persone raggiunte (non sono persone registrate)."
    ),
    source=_("Eventi di sensibilizzazione registrati dai nodi."),
    when=_("Conta se l'evento si è svolto nel periodo."),
    compute=compute_awareness,
    order=90,
)


def register_outreach_indicators() -> None:
    register(SESSIONS, HEADCOUNT, AWARENESS)
