"""Monitoring indicator of traineeships: the people in a traineeship during the period, with
the outcome of those that ended in it. Registered from TraineeshipsConfig.ready()."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from approdo.monitoring.frame import Context, PeopleRows
from approdo.monitoring.registry import Figure, Group, Indicator, Unit, register
from approdo.people.models import Sex
from approdo.traineeships.models import CLOSED, Result, Traineeship, TraineeshipKind


def compute_traineeships(ctx: Context) -> Figure:
    # Started (a planned traineeship that never began counts nowhere) and running on some
    # day of the period: from its start to the day it ended, or is due to end.
    running = Q(started_at__isnull=False, starts_on__lte=ctx.end) & (
        Q(ended_on__isnull=True, ends_on__gte=ctx.start) | Q(ended_on__gte=ctx.start)
    )
    people = PeopleRows(
        Traineeship.objects.filter(running, ctx.case_q()),
        {
            "kind": "kind",
            "sex": "person__sex",
            "status": "status",
            "ended_on": "ended_on",
            "result": "result",
        },
        "person__",
    )
    ended = people.column("ended_on")
    status = people.column("status")
    closed_in_period = people.subset(
        lambda row: status(row) in CLOSED and ctx.start <= ended(row) <= ctx.end
    )
    return Figure(
        value=people.total,
        tallies=[
            people.tally("kind", dict(TraineeshipKind.choices), code="kind", title=_("Per tipo")),
            people.tally("sex", dict(Sex.choices), code="sex", title=_("Per sesso")),
            closed_in_period.tally(
                "result",
                dict(Result.choices),
                code="outcome",
                title=_("Esito dei tirocini finiti nel periodo"),
            ),
        ],
    )


PEOPLE_IN_TRAINEESHIP = Indicator(
    code="people_in_traineeship",
    group=Group.ACTIVITY,
    title=_("Persone in tirocinio"),
    unit=Unit.PEOPLE,
    counts=_(
        "Persone distinte con un tirocinio avviato in corso in almeno un giorno del periodo "
        "(una persona con due tirocini conta una volta), per tipo e sesso; per chi ha finito "
        "il tirocinio nel periodo, l'esito (assunta dal soggetto ospitante, altro lavoro, "
        "altra formazione, nessuno)."
    ),
    source=_("Tirocini extracurricolari registrati nelle prese in carico."),
    when=_(
        "Conta se il tirocinio avviato si sovrappone al periodo (dall'inizio alla fine "
        "effettiva o prevista); l'esito conta nel periodo in cui il tirocinio è finito."
    ),
    compute=compute_traineeships,
    order=102,
)


def register_traineeship_indicators() -> None:
    register(PEOPLE_IN_TRAINEESHIP)
