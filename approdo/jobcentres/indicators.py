"""Monitoring indicator of the link with the job centres: people with an active DID at the
end of the period, and DIDs made in it. Registered from JobCentresConfig.ready()."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from approdo.cases.models import Case
from approdo.jobcentres.models import DID_ENDED, DidStatus, Registration
from approdo.monitoring.frame import Context, PeopleRows
from approdo.monitoring.registry import Figure, Group, Indicator, Unit, register
from approdo.network.models import Region
from approdo.people.models import Sex


def _registered_on_end(ctx: Context) -> Q:
    """An active DID on the period's last day: registered since then, or suspended or lapsed
    only after it."""
    ended_later = Q(did_status__in=[s.value for s in DID_ENDED], status_changed_on__gt=ctx.end)
    return Q(did_date__lte=ctx.end) & (Q(did_status=DidStatus.REGISTERED) | ended_later)


def compute_registered(ctx: Context) -> Figure:
    # A person counts where they are taken in charge: a case of theirs in the covered nodes.
    in_scope = Exists(Case.objects.filter(ctx.case_q(""), person_id=OuterRef("person_id")))
    rows = Registration.objects.filter(in_scope, did_date__isnull=False)
    fields = {"region": "job_centre__province__region_id", "sex": "person__sex"}
    registered = PeopleRows(rows.filter(_registered_on_end(ctx)), fields)
    made = PeopleRows(rows.filter(ctx.in_period("did_date")), fields)
    present = {row[1] for row in registered.rows + made.rows}
    regions = {pk: name for pk, name in Region.objects.values_list("pk", "name") if pk in present}
    return Figure(
        value=registered.total,
        tallies=[
            registered.tally(
                "region", regions, code="region", title=_("Iscritte per regione del CPI")
            ),
            registered.tally("sex", dict(Sex.choices), code="sex", title=_("Iscritte per sesso")),
            made.tally(
                "region",
                regions,
                code="dids_in_period",
                title=_("DID rese nel periodo, per regione del CPI"),
            ),
        ],
    )


PEOPLE_REGISTERED = Indicator(
    code="people_registered_jobcentre",
    group=Group.ACTIVITY,
    title=_("Persone iscritte al centro per l'impiego (DID)"),
    unit=Unit.PEOPLE,
    counts=_(
        "Persone distinte con una DID attiva presso un centro per l'impiego l'ultimo giorno del "
        "periodo, per regione del CPI e sesso; a parte, le persone che hanno reso la DID nel "
        "periodo."
    ),
    source=_("Iscrizioni al centro per l'impiego registrate nelle prese in carico."),
    when=_(
        "Conta se la DID è stata resa entro la fine del periodo e a quella data non era "
        "sospesa né decaduta; la DID resa nel periodo conta nel giorno della dichiarazione."
    ),
    compute=compute_registered,
    order=120,
)


def register_jobcentre_indicators() -> None:
    register(PEOPLE_REGISTERED)
