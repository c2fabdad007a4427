"""The programme's own indicators: realisation (people taken in charge, people supported) and
the EU funds' participant breakdowns (FSE+) and outputs (FAMI).

People are counted once across the network through the linkage clusters (frame.PeopleRows).
The participants of FSE+ and FAMI are the people taken in charge in the period.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from approdo.cases.models import AccessChannel, Case
from approdo.interventions.models import FamiOutput, ServiceDelivered
from approdo.monitoring.frame import (
    AGE_BANDS,
    AGE_UNKNOWN,
    Context,
    PeopleRows,
    _years_before,
    months,
    tally,
)
from approdo.monitoring.registry import Figure, Group, Indicator, Tally, Unit, register
from approdo.network.models import Localisation, Region
from approdo.people.forms import country_name
from approdo.people.models import HOUSING_EXCLUSION, EmploymentStatus, Gender, Sex

TOP_NATIONALITIES = 12
Row = tuple[Any, ...]

# What the realisation and FSE+ breakdowns need of each case taken in charge.
TAKEN_FIELDS = {
    "region": "hub__region_id",
    "day": "taken_in_charge_on",
    "channel": "access_channel",
    "sex": "person__sex",
    "gender": "person__gender",
    "birth": "person__birth_date",
    "nationality": "person__nationality",
    "education": "person__education_level",
    "employment": "person__employment_status",
    "housing": "person__housing_condition",
    "localisation": "origin_node__localisation",
}


def taken_in_charge(ctx: Context) -> QuerySet[Case]:
    """Cases that reached "taken in charge" in the period (the realisation indicator's rows)."""
    return ctx.cases().filter(ctx.in_period("taken_in_charge_on"))


def taken_rows(ctx: Context) -> PeopleRows:
    """The cases taken in charge in the period, read once for every indicator that needs them
    (realisation, FSE+, and progress when the period starts with the programme)."""
    return ctx.shared("taken", lambda: PeopleRows(taken_in_charge(ctx), TAKEN_FIELDS))


# Where each field sits in a row of taken_rows (the person's key comes first).
AT = {name: index + 1 for index, name in enumerate(TAKEN_FIELDS)}


def age_band_of(ctx: Context) -> Any:
    """The age band on the last day of the period, from the birth date."""
    limits = [
        (_years_before(ctx.end, high + 1), code) for code, _l, _low, high in AGE_BANDS if high
    ]
    oldest = AGE_BANDS[-1][0]

    def band(row: Row) -> str:
        born: dt.date | None = row[AT["birth"]]
        if born is None:
            return AGE_UNKNOWN[0]
        for born_after, code in limits:
            if born > born_after:
                return code
        return oldest

    return band


def age_labels() -> dict[str, Any]:
    return {code: label for code, label, _low, _high in AGE_BANDS} | {
        AGE_UNKNOWN[0]: AGE_UNKNOWN[1]
    }


def nationality_tally(people: PeopleRows) -> Tally:
    ranked = sorted(people.counts("nationality").items(), key=lambda kv: (-kv[1], str(kv[0])))
    top = dict(ranked[:TOP_NATIONALITIES])
    labels = {key: country_name(key) if key else str(_("non indicata")) for key in top}
    result = tally(
        top,
        labels,
        code="nationality",
        title=_("Per cittadinanza (le %(n)s più frequenti)") % {"n": TOP_NATIONALITIES},
        total=people.total,
    )
    if len(ranked) > TOP_NATIONALITIES:
        rest = people.subset(lambda row: row[AT["nationality"]] not in top)
        result.rows.append(("other", str(_("altre cittadinanze")), rest.total))
    return result


def hub_regions() -> dict[int, str]:
    return {r.pk: r.name for r in Region.objects.filter(nodes__kind="hub").distinct()}


def compute_taken_in_charge(ctx: Context) -> Figure:
    people = taken_rows(ctx)
    day = people.column("day")
    return Figure(
        value=people.total,
        tallies=[
            people.tally("region", hub_regions(), code="region", title=_("Per regione")),
            people.tally(
                lambda row: day(row).replace(day=1),
                {m: m.strftime("%Y-%m") for m in months(ctx.start, ctx.end)},
                code="month",
                title=_("Per mese"),
                chart="line",
            ),
            people.tally(
                "channel",
                dict(AccessChannel.choices),
                code="channel",
                title=_("Per canale di accesso"),
            ),
            people.tally("sex", dict(Sex.choices), code="sex", title=_("Per sesso")),
            people.tally(
                age_band_of(ctx),
                age_labels(),
                code="age",
                title=_("Per fascia d'età (alla fine del periodo)"),
            ),
            nationality_tally(people),
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
    people = PeopleRows(
        open_in_period(ctx), {"region": "hub__region_id", "channel": "access_channel"}
    )
    return Figure(
        value=people.total,
        tallies=[
            people.tally("region", hub_regions(), code="region", title=_("Per regione")),
            people.tally(
                "channel",
                dict(AccessChannel.choices),
                code="channel",
                title=_("Per canale di accesso"),
            ),
        ],
    )


GENDER_LABELS = {
    "women": _("donne"),
    "men": _("uomini"),
    "non_binary": _("non binari"),
    "not_stated": _("non dichiarato"),
}
_GENDERS = {Gender.WOMAN: "women", Gender.MAN: "men", Gender.NON_BINARY: "non_binary"}
_SEXES = {Sex.FEMALE: "women", Sex.MALE: "men"}


def gender_of(row: Row) -> str:
    """Gender as declared; where not declared, the sex on the documents."""
    sex, gender = row[AT["sex"]], row[AT["gender"]]
    return _GENDERS.get(gender) or _SEXES.get(sex) or "not_stated"


ISCED_LABELS = {
    "isced_0_2": _("ISCED 0–2"),
    "isced_3_4": _("ISCED 3–4"),
    "isced_5_8": _("ISCED 5–8"),
    "unknown": _("non noto"),
}
_ISCED = dict.fromkeys("012", "isced_0_2") | dict.fromkeys("34", "isced_3_4")
_ISCED |= dict.fromkeys("5678", "isced_5_8")

YES_NO_UNKNOWN = {"yes": _("sì"), "no": _("no"), "unknown": _("non noto")}


def housing_of(row: Row) -> str:
    housing = row[AT["housing"]]
    if housing in HOUSING_EXCLUSION:
        return "yes"
    return "no" if housing == "housed" else "unknown"


def compute_fse(ctx: Context) -> Figure:
    people = taken_rows(ctx)
    education = people.column("education")
    localisation = people.column("localisation")
    return Figure(
        value=people.total,
        tallies=[
            people.tally(gender_of, GENDER_LABELS, code="gender", title=_("Per genere")),
            people.tally(age_band_of(ctx), age_labels(), code="age", title=_("Per età")),
            people.tally(
                lambda row: _ISCED.get(education(row), "unknown"),
                ISCED_LABELS,
                code="education",
                title=_("Per titolo di studio"),
            ),
            people.tally(
                "employment",
                dict(EmploymentStatus.choices),
                code="employment",
                title=_("Per condizione occupazionale"),
            ),
            people.tally(
                housing_of,
                YES_NO_UNKNOWN,
                code="homeless",
                title=_("Senza dimora o in esclusione abitativa"),
            ),
            people.tally(
                lambda row: "yes" if localisation(row) == Localisation.RURAL else "no",
                {"yes": _("sì"), "no": _("no")},
                code="rural",
                title=_("Incontrati in un'area rurale"),
            ),
        ],
    )


def fami_services(ctx: Context) -> QuerySet[ServiceDelivered]:
    return ServiceDelivered.objects.filter(
        ctx.case_q(), ctx.in_period("date"), cancelled_at__isnull=True
    ).exclude(service_type__fami_output="")


def compute_fami(ctx: Context) -> Figure:
    people = PeopleRows(
        fami_services(ctx), {"output": "service_type__fami_output"}, "case__person__", distinct=True
    )
    return Figure(
        value=people.total,
        tallies=[
            people.tally(
                "output", dict(FamiOutput.choices), code="output", title=_("Per tipo di output")
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
