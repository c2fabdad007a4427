"""Monitoring indicators held by the helpdesk: contacts by channel, language and need.
Registered from HelpdeskConfig.ready().

The helpdesk serves the whole programme: a region's figures are the contacts from that region;
a hub's or a managing body's, the contacts the helpdesk sent to their hubs. Contacts are often
anonymous, so the filters on the person (nationality, sex, age) do not apply to them.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from approdo.helpdesk.models import Channel, Contact, ContactNeed, Need, Urgency
from approdo.monitoring.frame import Context, records_by, tally
from approdo.monitoring.registry import Figure, Group, Indicator, Unit, register
from approdo.network.models import Language, Node


def contacts(ctx: Context) -> QuerySet[Contact]:
    f = ctx.filters
    q = ctx.in_period("received_at__date")
    if f.node is not None or f.managing_body is not None:
        q &= Q(triages__hub_id__in=ctx.nodes or [])
    elif ctx.node_ids is not None:
        # A region's contacts belong to a viewer whose places cover the whole region (its
        # monitor); a hub's staff see the contacts sent to their hubs.
        whole = [
            region
            for region in ctx.region_ids() or ()
            if set(Node.objects.filter(region_id=region).values_list("pk", flat=True))
            <= ctx.node_ids
        ]
        q &= Q(region_id__in=whole) | Q(triages__hub_id__in=ctx.node_ids)
    if f.region is not None:
        q &= Q(region_id=f.region) | Q(triages__hub__region_id=f.region)
    ids = Contact.objects.filter(q).values("pk").distinct()
    return Contact.objects.filter(pk__in=ids)


def compute_contacts(ctx: Context) -> Figure:
    rows = contacts(ctx)
    english = (get_language() or "it").startswith("en")
    languages = dict(
        Language.objects.order_by("position").values_list("pk", "name_en" if english else "name_it")
    )
    by_language = records_by(rows, "language", languages, code="language", title=_("Per lingua"))
    by_language.rows = [row for row in by_language.rows if row[2]]
    needs = records_by(
        ContactNeed.objects.filter(contact__in=rows),
        "need",
        dict(Need.choices),
        code="need",
        title=_("Per bisogno espresso (un contatto può esprimerne più d'uno)"),
    )
    needs.total = rows.count()
    hours = tally(
        {
            "in": rows.filter(out_of_hours=False).count(),
            "out": rows.filter(out_of_hours=True).count(),
        },
        {"in": _("in orario"), "out": _("fuori orario (da richiamare)")},
        code="hours",
        title=_("Orario di arrivo"),
    )
    channel = records_by(
        rows, "channel", dict(Channel.choices), code="channel", title=_("Per canale")
    )
    urgency = records_by(
        rows, "urgency", dict(Urgency.choices), code="urgency", title=_("Per urgenza")
    )
    note = ""
    if ctx.filters.person_filtered:
        note = str(_("I filtri sulla persona non si applicano ai contatti dell'helpdesk."))
    return Figure(
        value=channel.total, tallies=[channel, by_language, needs, urgency, hours], note=note
    )


CONTACTS = Indicator(
    code="helpdesk_contacts",
    group=Group.ACTIVITY,
    title=_("Contatti dell'helpdesk per canale, lingua e bisogno"),
    unit=Unit.RECORDS,
    counts=_(
        "Richieste e segnalazioni ricevute dall'helpdesk anticaporalato (anche anonime), per "
        "canale, lingua, bisogno, urgenza e orario."
    ),
    source=_("Contatti dell'helpdesk e il loro smistamento agli hub."),
    when=_("Conta se il contatto è arrivato nel periodo."),
    compute=compute_contacts,
    order=70,
)


def register_helpdesk_indicators() -> None:
    register(CONTACTS)
