"""Outreach back office: awareness campaigns and events (lists with totals, forms, pages).

Readable by everyone whose places cover the node (monitors included: no personal data);
writable by person-data roles of the node (awareness_selectors says how).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from approdo.core.types import AuthenticatedHttpRequest
from approdo.core.views_helpers import submit_form
from approdo.outreach import awareness_selectors as sel
from approdo.outreach import awareness_services
from approdo.outreach.forms import AwarenessFilterForm, CampaignForm, EventForm, catch_stale
from approdo.outreach.models import AwarenessEvent, Campaign
from approdo.outreach.place_selectors import (
    place_list,
    reader_nodes,
    writer_municipalities,
    writer_nodes,
)

PAGE_SIZE = 50


def _filters(request: AuthenticatedHttpRequest) -> tuple[AwarenessFilterForm, sel.AwarenessFilters]:
    sel.require_awareness_reader(request.user)
    form = AwarenessFilterForm(request.GET or None, nodes=reader_nodes(request.user))
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = sel.AwarenessFilters(
        node=data["node"].pk if data.get("node") else None,
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        audience=data.get("audience", ""),
    )
    return form, filters


@login_required
@require_GET
def event_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    events = sel.event_list(user=request.user, filters=filters)
    totals = events.aggregate(events=Count("pk"), people=Sum("people_reached"))
    context = {
        "form": form,
        "page": Paginator(events, PAGE_SIZE).get_page(request.GET.get("page")),
        "node_totals": sel.event_totals(events),
        "totals": {"events": totals["events"], "people": totals["people"] or 0},
        "can_add": sel.can_write(request.user),
    }
    return render(request, "outreach/event_list.html", context)


@login_required
@require_GET
def campaign_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    context = {
        "form": form,
        "page": Paginator(
            sel.campaign_list(user=request.user, filters=filters), PAGE_SIZE
        ).get_page(request.GET.get("page")),
        "can_add": sel.can_write(request.user),
    }
    return render(request, "outreach/campaign_list.html", context)


@login_required
@require_GET
def event_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = sel.event_get(user=request.user, pk=pk)
    context = {"event": event, "can_edit": _can_edit(request, event.node_id)}
    return render(request, "outreach/event_detail.html", context)


@login_required
@require_GET
def campaign_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign = sel.campaign_get(user=request.user, pk=pk)
    events = sel.campaign_events(campaign)
    context = {
        "campaign": campaign,
        "events": events,
        "people": events.aggregate(total=Sum("people_reached"))["total"] or 0,
        "can_edit": _can_edit(request, campaign.node_id),
    }
    return render(request, "outreach/campaign_detail.html", context)


def _can_edit(request: AuthenticatedHttpRequest, node_id: int) -> bool:
    try:
        sel.require_awareness_writer(request.user, node_id)
    except PermissionDenied:
        return False
    return True


def _require_some_writer(request: AuthenticatedHttpRequest) -> None:
    sel.require_awareness_reader(request.user)
    if not sel.can_write(request.user):
        raise PermissionDenied


# --- campaigns -----------------------------------------------------------------------------
def _campaign_form(request: AuthenticatedHttpRequest, **kwargs: Any) -> CampaignForm:
    data = request.POST if request.method == "POST" else None
    return CampaignForm(data, nodes=writer_nodes(request.user), **kwargs)


def _campaign_initial(c: Campaign) -> dict[str, Any]:
    return {
        "name": c.name,
        "node": c.node_id,
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
        "description": c.description,
        "languages": [x.pk for x in c.languages.all()],
        "materials": [x.pk for x in c.materials.all()],
        "version": c.version,
    }


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    campaign: Campaign | None = None
    if pk is None:
        _require_some_writer(request)
        form = _campaign_form(request)
    else:
        campaign = sel.campaign_get(user=request.user, pk=pk)
        sel.require_awareness_writer(request.user, campaign.node_id)
        form = _campaign_form(request, initial=_campaign_initial(campaign))
    stale, on_error = catch_stale()
    saved: list[Campaign] = []
    ok = submit_form(
        request,
        form,
        lambda data: saved.append(
            awareness_services.campaign_save(
                actor=request.user,
                campaign=campaign,
                expected_version=data["version"],
                **form.values(),
            )
        ),
        _("Campagna salvata."),
        on_error=on_error,
    )
    if ok:
        return redirect("outreach:campaign_detail", pk=saved[0].pk)
    context = {"form": form, "campaign": campaign, "current": stale[0] if stale else None}
    return render(request, "outreach/campaign_form.html", context)


# --- events --------------------------------------------------------------------------------
def _event_form(request: AuthenticatedHttpRequest, **kwargs: Any) -> EventForm:
    nodes = writer_nodes(request.user)
    return EventForm(
        request.POST if request.method == "POST" else None,
        nodes=nodes,
        places=place_list(user=request.user),
        campaigns=sel.campaign_choices(request.user),
        municipalities=writer_municipalities(request.user),
        **kwargs,
    )


def _event_initial(e: AwarenessEvent) -> dict[str, Any]:
    return {
        "title": e.title,
        "node": e.node_id,
        "campaign": e.campaign_id,
        "date": e.date,
        "place": e.place_id,
        "municipality": e.municipality_id,
        "venue": e.venue,
        "audience": e.audience,
        "partners": e.partners,
        "materials": [x.pk for x in e.materials.all()],
        "languages": [x.pk for x in e.languages.all()],
        "people_reached": e.people_reached,
        "notes": e.notes,
        "version": e.version,
    }


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    event: AwarenessEvent | None = None
    if pk is None:
        _require_some_writer(request)
        initial: dict[str, Any] = {}
        campaign_id = request.GET.get("campaign", "")
        if campaign_id.isdigit():
            initial["campaign"] = int(campaign_id)
        form = _event_form(request, initial=initial)
    else:
        event = sel.event_get(user=request.user, pk=pk)
        sel.require_awareness_writer(request.user, event.node_id)
        form = _event_form(request, initial=_event_initial(event))
    stale, on_error = catch_stale()
    saved: list[AwarenessEvent] = []
    ok = submit_form(
        request,
        form,
        lambda data: saved.append(
            awareness_services.event_save(
                actor=request.user,
                event=event,
                expected_version=data["version"],
                **form.values(),
            )
        ),
        _("Evento salvato."),
        on_error=on_error,
    )
    if ok:
        return redirect("outreach:event_detail", pk=saved[0].pk)
    context = {"form": form, "event": event, "current": stale[0] if stale else None}
    return render(request, "outreach/event_form.html", context)
