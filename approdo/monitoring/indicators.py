"""The programme's own indicators: realisation (people taken in charge, people supported) and
the EU funds' participant breakdowns (FSE+) and outputs (FAMI).

People are counted once across the network through the linkage clusters (frame.people_by).
The participants of FSE+ and FAMI are the people taken in charge in the period.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Case as SqlCase
from django.db.models import CharField, Q, QuerySet, Value, When
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from approdo.cases.models import AccessChannel, Case
from approdo.interventions.models import FamiOutput, ServiceDelivered
from approdo.monitoring.frame import (
    AGE_BANDS,
    AGE_UNKNOWN,
    Context,
    _years_before,
    distinct_people,
    months,
    people_by,
    tally,
)
from approdo.monitoring.registry import Figure, Group, Indicator, Unit, register
from approdo.network.models import Localisation, Region
from approdo.people.forms import country_name
from approdo.people.models import HOUSING_EXCLUSION, EmploymentStatus, Gender, Sex

TOP_NATIONALITIES = 12


def taken_in_charge(ctx: Context) -> QuerySet[Case]:
    """Cases that reached "taken in charge" in the period (the realisation indicator's rows)."""
    return ctx.cases().filter(ctx.in_period("taken_in_charge_on"))


def age_band_expression(ctx: Context, prefix: str = "person__") -> SqlCase:
    whens = [When(**{f"{prefix}birth_date__isnull": True}, then=Value(AGE_UNKNOWN[0]))]
    for code, _label, _low, high in AGE_BANDS:
        if high is not None:
            born_after = _years_before(ctx.end, high + 1)
            whens.append(When(**{f"{prefix}birth_date__gt": born_after}, then=Value(code)))
    return SqlCase(*whens, default=Value(AGE_BANDS[-1][0]), output_field=CharField())


def age_labels() -> dict[str, Any]:
    return {code: label for code, label, _low, _high in AGE_BANDS} | {
        AGE_UNKNOWN[0]: AGE_UNKNOWN[1]
    }


def nationality_tally(ctx: Context, rows: QuerySet[Any], total: int) -> Any:
    counted = people_by(rows, "person__nationality", {}, code="nationality", title="")
    ranked = sorted(counted.rows, key=lambda row: -row[2])
    top = {key: value for key, _label, value in ranked[:TOP_NATIONALITIES]}
    labels = {key: country_name(key) for key in top}
    result = tally(
        top,
        labels,
        code="nationality",
        title=_("Per cittadinanza (le %(n)s più frequenti)") % {"n": TOP_NATIONALITIES},
        total=total,
    )
    others = sum(value for _key, _label, value in ranked[TOP_NATIONALITIES:])
    if others:
        result.rows.append(("other", str(_("altre cittadinanze")), others))
    return result


def compute_taken_in_charge(ctx: Context) -> Figure:
    rows = taken_in_charge(ctx)
    total = distinct_people(rows)
    regions = {r.pk: r.name for r in Region.objects.filter(nodes__kind="hub").distinct()}
    by_month = people_by(
        rows.annotate(month=TruncMonth("taken_in_charge_on")),
        "month",
        {m: m.strftime("%Y-%m") for m in months(ctx.start, ctx.end)},
        code="month",
        title=_("Per mese"),
        total=total,
    )
    by_month.chart = "line"
    return Figure(
        value=total,
        tallies=[
            people_by(
                rows, "hub__region", regions, code="region", title=_("Per regione"), total=total
            ),
            by_month,
            people_by(
                rows,
                "access_channel",
                dict(AccessChannel.choices),
                code="channel",
                title=_("Per canale di accesso"),
                total=total,
            ),
            people_by(
                rows,
                "person__sex",
                dict(Sex.choices),
                code="sex",
                title=_("Per sesso"),
                total=total,
            ),
            people_by(
                rows.annotate(band=age_band_expression(ctx)),
                "band",
                age_labels(),
                code="age",
                title=_("Per fascia d'età (alla fine del periodo)"),
                total=total,
            ),
            nationality_tally(ctx, rows, total),
        ],
        note=str(
            _(
                "Una persona presa in carico in più regioni o in più mesi è contata in ciascuna "
                "riga, una volta sola nel totale."
            )
        ),
    )


def open_in_period(ctx: Context) -> QuerySet[Case]:
    return (
        ctx.cases()
        .filter(opened_on__lte=ctx.end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=ctx.start))
        .exclude(person__isnull=True)
    )


def compute_supported(ctx: Context) -> Figure:
    rows = open_in_period(ctx)
    total = distinct_people(rows)
    regions = {r.pk: r.name for r in Region.objects.filter(nodes__kind="hub").distinct()}
    return Figure(
        value=total,
        tallies=[
            people_by(
                rows, "hub__region", regions, code="region", title=_("Per regione"), total=total
            ),
            people_by(
                rows,
                "access_channel",
                dict(AccessChannel.choices),
                code="channel",
                title=_("Per canale di accesso"),
                total=total,
            ),
        ],
    )


GENDER_LABELS = {
    "women": _("donne"),
    "men": _("uomini"),
    "non_binary": _("non binari"),
    "not_stated": _("non dichiarato"),
}


def gender_expression() -> SqlCase:
    """Gender as declared; where not declared, the sex on the documents."""
    return SqlCase(
        When(person__gender=Gender.WOMAN, then=Value("women")),
        When(person__gender=Gender.MAN, then=Value("men")),
        When(person__gender=Gender.NON_BINARY, then=Value("non_binary")),
        When(person__sex=Sex.FEMALE, then=Value("women")),
        When(person__sex=Sex.MALE, then=Value("men")),
        default=Value("not_stated"),
        output_field=CharField(),
    )


ISCED_LABELS = {
    "isced_0_2": _("ISCED 0–2"),
    "isced_3_4": _("ISCED 3–4"),
    "isced_5_8": _("ISCED 5–8"),
    "unknown": _("non noto"),
}


def isced_expression() -> SqlCase:
    return SqlCase(
        When(person__education_level__in=["0", "1", "2"], then=Value("isced_0_2")),
        When(person__education_level__in=["3", "4"], then=Value("isced_3_4")),
        When(person__education_level__in=["5", "6", "7", "8"], then=Value("isced_5_8")),
        default=Value("unknown"),
        output_field=CharField(),
    )


YES_NO_UNKNOWN = {"yes": _("sì"), "no": _("no"), "unknown": _("non noto")}


def housing_expression() -> SqlCase:
    return SqlCase(
        When(person__housing_condition__in=sorted(HOUSING_EXCLUSION), then=Value("yes")),
        When(person__housing_condition="housed", then=Value("no")),
        default=Value("unknown"),
        output_field=CharField(),
    )


def rural_expression() -> SqlCase:
    return SqlCase(
        When(origin_node__localisation=Localisation.RURAL, then=Value("yes")),
        default=Value("no"),
        output_field=CharField(),
    )


def compute_fse(ctx: Context) -> Figure:
    rows = taken_in_charge(ctx)
    total = distinct_people(rows)

    def by(expression: Any, labels: dict[str, Any], code: str, title: Any) -> Any:
        annotated = rows.annotate(category=expression)
        return people_by(annotated, "category", labels, code=code, title=title, total=total)

    return Figure(
        value=total,
        tallies=[
            by(gender_expression(), GENDER_LABELS, "gender", _("Per genere")),
            by(age_band_expression(ctx), age_labels(), "age", _("Per età")),
            by(isced_expression(), ISCED_LABELS, "education", _("Per titolo di studio")),
            people_by(
                rows,
                "person__employment_status",
                dict(EmploymentStatus.choices),
                code="employment",
                title=_("Per condizione occupazionale"),
                total=total,
            ),
            by(
                housing_expression(),
                YES_NO_UNKNOWN,
                "homeless",
                _("Senza dimora o in esclusione abitativa"),
            ),
            by(
                rural_expression(),
                {"yes": _("sì"), "no": _("no")},
                "rural",
                _("Incontrati in un'area rurale"),
            ),
        ],
    )


def fami_services(ctx: Context) -> QuerySet[ServiceDelivered]:
    return ServiceDelivered.objects.filter(
        ctx.case_q(),
        ctx.in_period("date"),
        cancelled_at__isnull=True,
    ).exclude(service_type__fami_output="")


def compute_fami(ctx: Context) -> Figure:
    rows = fami_services(ctx)
    total = distinct_people(rows, "case__person__")
    return Figure(
        value=total,
        tallies=[
            people_by(
                rows,
                "service_type__fami_output",
                dict(FamiOutput.choices),
                code="output",
                title=_("Per tipo di output"),
                person_path="case__person__",
                total=total,
            )
        ],
    )


TAKEN_IN_CHARGE = Indicator(
    code="people_taken_in_charge",
    group=Group.REALISATION,
    title=_("Persone prese in carico dal sistema dei PSI"),
    unit=Unit.PEOPLE,
    counts=_(
        "Cittadini e cittadine di Paesi terzi distinti presi in carico: una persona presa in "
        "carico da più hub (anche in regioni diverse) conta una volta, grazie al collegamento "
        "delle schede (doppioni riconosciuti o uniti)."
    ),
    source=_("Prese in carico (casi) e il loro passaggio allo stato «Presa in carico»."),
    when=_(
        "Conta nel periodo in cui la presa in carico è avvenuta per la prima volta (il giorno "
        "del passaggio a «Presa in carico» o direttamente a «PAI attivo»), anche se poi è "
        "stata sospesa o chiusa."
    ),
    compute=compute_taken_in_charge,
    order=10,
)
SUPPORTED = Indicator(
    code="people_supported",
    group=Group.REALISATION,
    title=_("Persone sostenute dal programma"),
    unit=Unit.PEOPLE,
    counts=_(
        "Persone registrate distinte con una presa in carico aperta in qualunque stato "
        "(dal primo contatto, anche da outreach o helpdesk) nel periodo. Le presenze anonime "
        "dell'outreach sono contate a parte e mai sommate."
    ),
    source=_("Prese in carico con una persona registrata."),
    when=_("Conta se la presa in carico era aperta in almeno un giorno del periodo."),
    compute=compute_supported,
    order=20,
)
FSE = Indicator(
    code="fse_participants",
    group=Group.FSE,
    title=_("Partecipanti (indicatori comuni FSE+)"),
    unit=Unit.PEOPLE,
    counts=_(
        "Le persone prese in carico nel periodo, per genere, età, titolo di studio (ISCED), "
        "condizione occupazionale, condizione abitativa (ETHOS: senza tetto, senza casa, "
        "alloggio insicuro o inadeguato) e area rurale (nodo del primo contatto rurale)."
    ),
    source=_("Prese in carico e scheda della persona (come registrata al calcolo)."),
    when=_(
        "Come l'indicatore delle persone prese in carico; l'età è quella alla fine del periodo."
    ),
    compute=compute_fse,
    order=10,
)
FAMI = Indicator(
    code="fami_outputs",
    group=Group.FAMI,
    title=_("Partecipanti a corsi di lingua, orientamento civico e consulenza personalizzata"),
    unit=Unit.PEOPLE,
    counts=_(
        "Persone distinte con almeno una prestazione erogata (non annullata) di un tipo "
        "associato a un output FAMI nel catalogo delle prestazioni."
    ),
    source=_("Prestazioni erogate e il catalogo dei tipi di prestazione (campo «output FAMI»)."),
    when=_("Conta se la prestazione è stata erogata nel periodo."),
    compute=compute_fami,
    order=10,
)


def register_programme_indicators() -> None:
    register(TAKEN_IN_CHARGE, SUPPORTED, FSE, FAMI)
