"""Monitoring indicators held by screening: people screened and the indicators observed.
Registered from ScreeningConfig.ready()."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from approdo.monitoring.frame import Context, PeopleRows
from approdo.monitoring.registry import Figure, Group, Indicator, Unit, register
from approdo.screening.models import (
    Indicator as ScreeningIndicator,
)
from approdo.screening.models import (
    IndicatorAnswer,
    Observation,
    Priority,
    Screening,
    ScreeningStatus,
)

PERSON = "case__person__"


def screenings(ctx: Context) -> QuerySet[Screening]:
    return Screening.objects.filter(
        ctx.case_q(), ctx.in_period("held_on"), status=ScreeningStatus.COMPLETED
    )


def compute_screened(ctx: Context) -> Figure:
    people = PeopleRows(
        screenings(ctx), {"priority": "confirmed_priority", "danger": "immediate_danger"}, PERSON
    )
    return Figure(
        value=people.total,
        tallies=[
            people.tally(
                "priority",
                dict(Priority.choices),
                code="priority",
                title=_("Per priorità confermata"),
            ),
            people.tally(
                "danger",
                {True: _("in pericolo immediato"), False: _("senza pericolo immediato")},
                code="danger",
                title=_("Pericolo immediato"),
            ),
        ],
    )


def compute_observed(ctx: Context) -> Figure:
    answers = IndicatorAnswer.objects.filter(
        status=Observation.OBSERVED,
        screening__in=screenings(ctx).values("pk"),
    )
    people = PeopleRows(answers, {"indicator": "indicator_id"}, "screening__case__person__")
    english = (get_language() or "it").startswith("en")
    labels = {
        i.pk: f"{i.get_framework_display()}: {i.label_en if english else i.label_it}"
        for i in ScreeningIndicator.objects.order_by("framework", "order")
    }
    return Figure(
        value=people.total,
        tallies=[
            people.tally("indicator", labels, code="indicator", title=_("Per indicatore osservato"))
        ],
        note=str(
            _(
                "Gli indicatori sostengono il giudizio professionale: nessuno è «vittima» per "
                "il solo fatto che un indicatore è stato osservato."
            )
        ),
    )


SCREENED = Indicator(
    code="people_screened",
    group=Group.ACTIVITY,
    title=_("Persone che hanno fatto uno screening"),
    unit=Unit.PEOPLE,
    counts=_("Persone distinte con uno screening confermato, per priorità e pericolo immediato."),
    source=_("Screening confermati."),
    when=_("Conta se lo screening si è svolto nel periodo."),
    compute=compute_screened,
    order=20,
)
OBSERVED = Indicator(
    code="exploitation_indicators_observed",
    group=Group.ACTIVITY,
    title=_("Indicatori di sfruttamento osservati"),
    unit=Unit.PEOPLE,
    counts=_(
        "Persone distinte per cui uno screening confermato ha registrato come «osservato» ogni "
        "indice dell'art. 603-bis c.p. e ogni indicatore ILO di lavoro forzato."
    ),
    source=_("Risposte agli indicatori negli screening confermati."),
    when=_("Conta se lo screening si è svolto nel periodo."),
    compute=compute_observed,
    order=30,
)


def register_screening_indicators() -> None:
    register(SCREENED, OBSERVED)
