"""Outreach back office: the place registry and the map of places.

Views validate a form, call one service or selector and render. Reading places needs a
membership (place_selectors says why); writing them needs a person-data role at the node.
Sessions are in views_sessions, awareness in views_awareness.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from approdo.accounts.access import access_for
from approdo.core.types import AuthenticatedHttpRequest
from approdo.core.views_helpers import run_service, submit_form
from approdo.outreach import place_selectors as sel
from approdo.outreach import place_services
from approdo.outreach.forms import (
    MapFilterForm,
    PlaceFilterForm,
    PlaceForm,
    VersionForm,
    catch_stale,
)
from approdo.outreach.models import Place

PAGE_SIZE = 50


def _filter_form(request: AuthenticatedHttpRequest, form_class: type[PlaceFilterForm]) -> Any:
    sel.require_place_reader(request.user)
    return form_class(request.GET or None, nodes=sel.reader_nodes(request.user))


@login_required
@require_GET
def place_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = _filter_form(request, PlaceFilterForm)
    month = timezone.localdate().month
    places = sel.place_list(user=request.user, filters=form.filters(month))
    page = Paginator(places, PAGE_SIZE).get_page(request.GET.get("page"))
    figures = sel.place_figures([p.pk for p in page], days=90)
    rows = [(p, figures[p.pk]) for p in page]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "month": month,
        "can_add": bool(access_for(request.user).person_node_ids),
    }
    return render(request, "outreach/place_list.html", context)


@login_required
@require_GET
def place_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    place = sel.place_get(user=request.user, pk=pk)
    access = access_for(request.user)
    sessions = list(sel.place_recent_sessions(place))
    context = {
        "place": place,
        "months": _month_chips(place),
        "figures": sel.place_figures([place.pk], days=90)[place.pk],
        "sessions": sessions,
        "can_open_sessions": access.can_see_person_data,
        "readable_session_nodes": access.person_node_ids,
        "can_edit": sel.can_write_place(request.user, place.node_id),
    }
    return render(request, "outreach/place_detail.html", context)


def _month_chips(place: Place) -> list[dict[str, Any]]:
    return [
        {"number": n, "name": name, "on": place.is_in_season(n)} for n, name in MONTHS_3.items()
    ]


def _place_form(request: AuthenticatedHttpRequest, **kwargs: Any) -> PlaceForm:
    return PlaceForm(
        request.POST if request.method == "POST" else None,
        nodes=sel.writer_nodes(request.user),
        municipalities=sel.writer_municipalities(request.user),
        **kwargs,
    )


@login_required
@require_http_methods(["GET", "POST"])
def place_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    sel.require_place_reader(request.user)
    if not access_for(request.user).person_node_ids:
        raise PermissionDenied
    form = _place_form(request)
    created: list[Place] = []
    saved = submit_form(
        request,
        form,
        lambda _data: created.append(
            place_services.place_create(actor=request.user, **form.values())
        ),
        _("Luogo aggiunto."),
    )
    if saved:
        return redirect("outreach:place_detail", pk=created[0].pk)
    return render(request, "outreach/place_form.html", {"form": form, "place": None})


@login_required
@require_http_methods(["GET", "POST"])
def place_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    place = sel.place_get(user=request.user, pk=pk)
    sel.require_place_writer(request.user, place.node_id)
    form = _place_form(request, initial=PlaceForm.initial_for(place))
    stale, on_error = catch_stale()

    saved = submit_form(
        request,
        form,
        lambda data: place_services.place_update(
            actor=request.user,
            place=place,
            expected_version=data["version"] or 0,
            **form.values(),
        ),
        _("Luogo aggiornato."),
        on_error=on_error,
    )
    if saved:
        return redirect("outreach:place_detail", pk=place.pk)
    context = {"form": form, "place": place, "current": stale[0] if stale else None}
    return render(request, "outreach/place_form.html", context)


@login_required
@require_POST
def place_set_active(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    place = sel.place_get(user=request.user, pk=pk)
    sel.require_place_writer(request.user, place.node_id)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Richiesta non valida: ricarica la pagina e riprova."))
        return redirect("outreach:place_detail", pk=place.pk)
    active = not place.active
    run_service(
        request,
        lambda: place_services.place_set_active(
            actor=request.user,
            place=place,
            active=active,
            expected_version=form.cleaned_data["version"],
        ),
        _("Luogo riattivato.") if active else _("Luogo disattivato: non compare più sulla mappa."),
    )
    return redirect("outreach:place_detail", pk=place.pk)


# --- map -----------------------------------------------------------------------------------
@login_required
@require_GET
def place_map(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = _filter_form(request, MapFilterForm)
    days = _days(form)
    month = timezone.localdate().month
    places = list(sel.place_list(user=request.user, filters=form.filters(month)))
    figures = sel.place_figures([p.pk for p in places], days=days)
    query = request.GET.urlencode()
    context = {
        "form": form,
        "days": days,
        "rows": [(p, figures[p.pk]) for p in places],
        "geojson_url": reverse("outreach:map_places") + (f"?{query}" if query else ""),
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
    return render(request, "outreach/map.html", context)


def _days(form: MapFilterForm) -> int:
    if form.is_bound and form.is_valid():
        return int(form.cleaned_data.get("days") or sel.PERIODS[0])
    return sel.PERIODS[0]


def place_features(places: list[Place], *, days: int) -> dict[str, Any]:
    """Places as a GeoJSON FeatureCollection (lon, lat) with their recent figures."""
    figures = sel.place_figures([p.pk for p in places], days=days)
    features = []
    for p in places:
        f = figures[p.pk]
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(p.longitude), float(p.latitude)],
                },
                "properties": {
                    "id": p.pk,
                    "name": p.name,
                    "kind": p.kind,
                    "kind_label": p.get_kind_display(),
                    "municipality": p.municipality.name,
                    "node": p.node.name,
                    "sessions": f.sessions,
                    "people": f.people,
                    "last_session": f.last_session.isoformat() if f.last_session else None,
                    "url": reverse("outreach:place_detail", args=[p.pk]),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


@login_required
@require_GET
def map_places(request: AuthenticatedHttpRequest) -> JsonResponse:
    """The filtered places with the figures of the last 30 or 90 days, as GeoJSON."""
    sel.require_place_reader(request.user)
    form = MapFilterForm(request.GET, nodes=sel.reader_nodes(request.user))
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    month = timezone.localdate().month
    places = list(sel.place_list(user=request.user, filters=form.filters(month)))
    return JsonResponse(
        place_features(places, days=_days(form)),
        content_type="application/geo+json",
        json_dumps_params={"separators": (",", ":"), "ensure_ascii": False},
    )
