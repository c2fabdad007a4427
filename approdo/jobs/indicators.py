"""Monitoring indicators of work: people placed in a job, and people in work six months after
the start (the programme's result indicator, read from the six-month check of each job).
Registered from JobsConfig.ready()."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from approdo.jobs.models import EMPLOYED_FOLLOW_UPS, ContractType, FollowUp, JobPlacement, Sector
from approdo.monitoring.frame import Context, PeopleRows
from approdo.monitoring.registry import Figure, Group, Indicator, Unit, register
from approdo.people.models import Sex

NOT_CHECKED = "unchecked"


def compute_placed(ctx: Context) -> Figure:
    people = PeopleRows(
        JobPlacement.objects.filter(ctx.case_q("case__"), ctx.in_period("starts_on")),
        {
            "contract": "contract_type",
            "sector": "employer__sector",
            "sex": "person__sex",
        },
    )
    return Figure(
        value=people.total,
        tallies=[
            people.tally(
                "contract", dict(ContractType.choices), code="contract", title=_("Per contratto")
            ),
            people.tally(
                "sector", dict(Sector.choices), code="sector", title=_("Per settore del datore")
            ),
            people.tally("sex", dict(Sex.choices), code="sex", title=_("Per sesso")),
        ],
    )


def compute_employed_at_six_months(ctx: Context) -> Figure:
    """Jobs whose six-month point falls in the period, by what the check found."""
    people = PeopleRows(
        JobPlacement.objects.filter(ctx.case_q("case__"), ctx.in_period("follow_up_due_on")),
        {"follow_up": "follow_up", "sex": "person__sex"},
    )
    outcome = people.column("follow_up")
    employed = people.subset(lambda row: outcome(row) in EMPLOYED_FOLLOW_UPS)
    labels = {**dict(FollowUp.choices), NOT_CHECKED: _("Verifica non ancora fatta")}
    checked = people.subset(lambda row: outcome(row) != "")
    return Figure(
        value=employed.total,
        tallies=[
            people.tally(
                lambda row: outcome(row) or NOT_CHECKED,
                labels,
                code="follow_up",
                title=_("Esito della verifica a 6 mesi"),
            ),
            employed.tally("sex", dict(Sex.choices), code="sex", title=_("Occupati per sesso")),
        ],
        note=str(_("Verifiche fatte: %(checked)s persone su %(due)s con la verifica nel periodo."))
        % {"checked": checked.total, "due": people.total},
    )


PLACED = Indicator(
    code="jobs_people_placed",
    group=Group.ACTIVITY,
    title=_("Persone inserite al lavoro"),
    unit=Unit.PEOPLE,
    counts=_(
        "Persone distinte con un lavoro iniziato nel periodo (da un abbinamento o trovato in altro "
        "modo e registrato nella scheda Lavoro), per tipo di contratto, settore del datore e sesso."
    ),
    source=_("Inserimenti lavorativi registrati nelle prese in carico."),
    when=_("Conta nel periodo in cui il lavoro inizia."),
    compute=compute_placed,
    order=105,
)
EMPLOYED_AT_SIX_MONTHS = Indicator(
    code="jobs_employed_at_6_months",
    group=Group.FSE,
    title=_("Persone occupate 6 mesi dopo l'inserimento"),
    unit=Unit.PEOPLE,
    counts=_(
        "Persone distinte che alla verifica a 6 mesi dall'inizio del lavoro risultano occupate "
        "(presso lo stesso datore, un altro, o in proprio); le altre righe dicono chi non lo è, "
        "chi non è rintracciabile e per chi la verifica non è ancora stata fatta."
    ),
    source=_("Verifiche a 6 mesi degli inserimenti lavorativi."),
    when=_("Conta nel periodo in cui cade la scadenza dei 6 mesi."),
    compute=compute_employed_at_six_months,
    order=106,
)


def register_jobs_indicators() -> None:
    register(PLACED, EMPLOYED_AT_SIX_MONTHS)
