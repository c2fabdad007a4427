"""Monitoring indicators of orientation and training: people oriented, people in training and
people trained. Registered from TrainingConfig.ready().

People are counted once across the network (linkage clusters, frame.PeopleRows) through their
cases, so the filters on places, access channel and person apply as for every case indicator,
and small cells are suppressed outside the hub like every people indicator.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet, Value
from django.utils.translation import gettext_lazy as _

from approdo.monitoring.frame import Context, PeopleRows
from approdo.monitoring.indicators import hub_regions
from approdo.monitoring.registry import Figure, Group, Indicator, Unit, register
from approdo.people.models import Sex
from approdo.training.models import (
    CourseKind,
    Enrolment,
    EnrolmentStatus,
    OrientationSession,
    SkillsAssessment,
)

PERSON = "case__person__"
FIELDS = {"region": "case__hub__region_id", "sex": "case__person__sex"}
ACTIVITIES = {
    "orientation": _("Orientamento"),
    "assessment": _("Valutazione delle competenze"),
}


def _rows(rows: QuerySet[Any], activity: str) -> PeopleRows:
    tagged = rows.annotate(activity=Value(activity))
    return PeopleRows(tagged, {**FIELDS, "activity": "activity"}, PERSON, distinct=True)


def compute_oriented(ctx: Context) -> Figure:
    sessions = OrientationSession.objects.filter(ctx.case_q(), ctx.in_period("held_on"))
    assessments = SkillsAssessment.objects.filter(ctx.case_q(), ctx.in_period("assessed_on"))
    both = _rows(sessions, "orientation").rows + _rows(assessments, "assessment").rows
    people = PeopleRows(None, {**FIELDS, "activity": ""}, fetched=both)
    return Figure(
        value=people.total,
        tallies=[
            people.tally("activity", ACTIVITIES, code="activity", title=_("Per attività")),
            people.tally("region", hub_regions(), code="region", title=_("Per regione")),
            people.tally("sex", dict(Sex.choices), code="sex", title=_("Per sesso")),
        ],
        note=str(_("Chi ha avuto orientamento e valutazione è contato in entrambe le righe.")),
    )


def _people_by_kind(rows: QuerySet[Enrolment]) -> Figure:
    people = PeopleRows(rows, {**FIELDS, "kind": "course__kind"}, PERSON, distinct=True)
    return Figure(
        value=people.total,
        tallies=[
            people.tally(
                "kind", dict(CourseKind.choices), code="course_kind", title=_("Per tipo di corso")
            ),
            people.tally("region", hub_regions(), code="region", title=_("Per regione")),
            people.tally("sex", dict(Sex.choices), code="sex", title=_("Per sesso")),
        ],
    )


def compute_in_training(ctx: Context) -> Figure:
    """Enrolments that overlap the period: the course runs in it, the person was enrolled by its
    end and had not left (withdrawn, outcome) before its start."""
    rows = Enrolment.objects.filter(
        ctx.case_q(),
        course__starts_on__lte=ctx.end,
        course__ends_on__gte=ctx.start,
        enrolled_on__lte=ctx.end,
    ).exclude(status=EnrolmentStatus.WITHDRAWN)
    rows = rows.filter(Q(outcome_on__isnull=True) | Q(outcome_on__gte=ctx.start))
    return _people_by_kind(rows)


def compute_trained(ctx: Context) -> Figure:
    rows = Enrolment.objects.filter(
        ctx.case_q(), ctx.in_period("outcome_on"), status=EnrolmentStatus.COMPLETED
    )
    return _people_by_kind(rows)


PEOPLE_ORIENTED = Indicator(
    code="people_oriented",
    group=Group.ACTIVITY,
    title=_("Persone orientate al lavoro"),
    unit=Unit.PEOPLE,
    counts=_(
        "Le persone distinte con almeno una sessione di orientamento al lavoro o una valutazione "
        "delle competenze nel periodo, per attività, regione dell'hub e sesso."
    ),
    source=_("Sessioni di orientamento e valutazioni delle competenze delle prese in carico."),
    when=_("Conta la data della sessione o della valutazione."),
    compute=compute_oriented,
    order=98,
)
PEOPLE_IN_TRAINING = Indicator(
    code="people_in_training",
    group=Group.ACTIVITY,
    title=_("Persone in formazione"),
    unit=Unit.PEOPLE,
    counts=_(
        "Le persone distinte iscritte a un corso (lingua italiana, sicurezza sul lavoro, "
        "formazione professionale…) attivo nel periodo, per tipo di corso, regione e sesso."
    ),
    source=_("Iscrizioni ai corsi del catalogo, escluse quelle ritirate."),
    when=_(
        "Conta se il corso si svolge nel periodo, l'iscrizione è avvenuta entro la sua fine e "
        "l'esito non è precedente al suo inizio."
    ),
    compute=compute_in_training,
    order=99,
)
PEOPLE_TRAINED = Indicator(
    code="people_trained",
    group=Group.ACTIVITY,
    title=_("Persone formate"),
    unit=Unit.PEOPLE,
    counts=_(
        "Le persone distinte che hanno completato un corso nel periodo (con la frequenza minima "
        "richiesta), per tipo di corso, regione e sesso."
    ),
    source=_("Iscrizioni ai corsi con esito «corso completato»."),
    when=_("Conta la data dell'esito."),
    compute=compute_trained,
    order=100,
)


def register_training_indicators() -> None:
    register(PEOPLE_ORIENTED, PEOPLE_IN_TRAINING, PEOPLE_TRAINED)
