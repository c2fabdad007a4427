"""Monitoring indicator of social agriculture: the people taking part in pilot projects during
the period, by the outcome of those who left, by role and by region. Registered from
SocialFarmingConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from approdo.monitoring.frame import Context, PeopleRows
from approdo.monitoring.registry import Figure, Group, Indicator, Unit, register
from approdo.network.models import Region
from approdo.socialfarming.models import Participant, ParticipantOutcome, ParticipantRole

ONGOING = "ongoing"


def compute_participants(ctx: Context) -> Figure:
    q = ctx.case_q("case__") & Q(joined_on__lte=ctx.end)
    q &= Q(left_on__isnull=True) | Q(left_on__gte=ctx.start)
    people = PeopleRows(
        Participant.objects.filter(q),
        {
            "left_on": "left_on",
            "outcome": "outcome",
            "role": "role",
            "region": "project__region_id",
        },
        "person__",
    )
    left_on, outcome = people.column("left_on"), people.column("outcome")

    def result(row: tuple[Any, ...]) -> str:
        # Who left by the period's end counts by outcome; anyone else is still taking part.
        return outcome(row) if left_on(row) is not None and left_on(row) <= ctx.end else ONGOING

    outcomes = {
        ONGOING: _("Ancora nel progetto a fine periodo"),
        **dict(ParticipantOutcome.choices),
    }
    region = people.column("region")
    present = {region(row) for row in people.rows}
    regions = dict(Region.objects.filter(pk__in=present).values_list("pk", "name"))
    return Figure(
        value=people.total,
        tallies=[
            people.tally(result, outcomes, code="outcome", title=_("Per esito di chi è uscito")),
            people.tally("role", dict(ParticipantRole.choices), code="role", title=_("Per ruolo")),
            people.tally("region", regions, code="region", title=_("Per regione del progetto")),
        ],
    )


PARTICIPANTS = Indicator(
    code="social_farming_participants",
    group=Group.ACTIVITY,
    title=_("Persone nei progetti di agricoltura sociale"),
    unit=Unit.PEOPLE,
    counts=_(
        "Persone distinte che partecipano nel periodo a un progetto pilota di agricoltura "
        "sociale (una persona in più progetti conta una volta nel totale), per esito di chi è "
        "uscito nel periodo (assunzione da un partner, nuova impresa o cooperativa, altro "
        "lavoro, abbandono), per ruolo e per regione del progetto."
    ),
    source=_(
        "Partecipazioni ai progetti di agricoltura sociale, registrate dalla presa in carico."
    ),
    when=_(
        "Conta se la partecipazione si sovrappone al periodo; l'esito conta se l'uscita cade "
        "entro la fine del periodo."
    ),
    compute=compute_participants,
    order=120,
)


def register_socialfarming_indicators() -> None:
    register(PARTICIPANTS)
