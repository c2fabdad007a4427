"""Pages of the network registry: directory, node card, team, bodies, contracts, totals, map.

Views validate input, call selectors or one service, and render. Who may see what is decided
in accounts.access (through the selectors): outside a user's places a non-public page is a
404, a forbidden action inside them a 403.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import push_url

from approdo.core.concurrency import StaleEditError
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.network import selectors, services, totals
from approdo.network.forms import (
    BaseOpeningHoursFormSet,
    DirectoryFilterForm,
    NodeEditForm,
    OpeningHoursFormSet,
)
from approdo.network.models import Node

PAGE_SIZE = 50


class KnownCountPaginator(Paginator):
    """Reuses the total the page already computed, so paging costs no second COUNT."""

    def __init__(self, object_list: QuerySet[Node], per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def _wants_partial(request: AuthenticatedHttpRequest) -> bool:
    # A history restore after a cache miss needs the whole page, even though htmx asks.
    return bool(request.htmx) and not request.htmx.history_restore_request


def _filtered_nodes(
    request: AuthenticatedHttpRequest,
) -> tuple[DirectoryFilterForm, QuerySet[Node], dict[str, int]]:
    form = DirectoryFilterForm(request.GET)
    form.is_valid()
    nodes = selectors.node_list(user=request.user, filters=form.filters())
    return form, nodes, selectors.node_kind_counts(nodes)


def _url_parts(name: str) -> tuple[str, str]:
    """A detail URL split around its pk, to build many links without reversing each one."""
    placeholder = "987654321"
    head, _sep, tail = reverse(name, args=[placeholder]).partition(placeholder)
    return head, tail


def _with_links(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each directory row with the URLs of its card and of its hub's card."""
    head, tail = _url_parts("network:node_detail")
    for row in rows:
        row["url"] = f"{head}{row['id']}{tail}"
        row["hub_url"] = f"{head}{row['parent_hub_id']}{tail}" if row["parent_hub_id"] else ""
    return rows


def _filters_in_use(request: AuthenticatedHttpRequest, url: str) -> str:
    """`url` with the request's query string, leaving out the form's empty fields."""
    query = urlencode([(k, v) for k, values in request.GET.lists() for v in values if v])
    return f"{url}?{query}" if query else url


@login_required
@require_GET
def directory(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, nodes, counts = _filtered_nodes(request)
    page = KnownCountPaginator(nodes, PAGE_SIZE, count=counts["total"]).get_page(
        request.GET.get("page")
    )
    rows = _with_links(selectors.node_rows(cast(QuerySet[Node], page.object_list)))
    context = {"form": form, "page": page, "rows": rows, "counts": counts}
    if _wants_partial(request):
        response = render(request, "network/_directory_results.html", context)
        push_url(response, _filters_in_use(request, request.path))
    else:
        response = render(request, "network/directory.html", context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@login_required
@require_GET
def node_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    node = selectors.node_get(user=user, pk=pk)
    internal = selectors.node_can_see_internal(user=user, node=node)
    context: dict[str, Any] = {
        "node": node,
        "bodies": selectors.node_managing_bodies(user=user, node=node),
        "can_edit": selectors.node_can_edit(user=user, node=node),
        "internal": internal,
    }
    if internal:
        context["team"] = list(selectors.node_team(user=user, node=node))
        context["contracts"] = list(selectors.node_contracts(user=user, node=node))
    return render(request, "network/node_detail.html", context)


@login_required
@require_GET
def node_team(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    node = selectors.node_get(user=request.user, pk=pk)
    team = selectors.node_team(user=request.user, node=node)
    return render(request, "network/node_team.html", {"node": node, "team": team})


def _error_links(form: NodeEditForm, hours: BaseOpeningHoursFormSet) -> list[tuple[str, str, str]]:
    """(input id, label, message) for the error summary above the edit form."""
    links = [
        (field.auto_id, str(field.label), str(error))
        for field in form
        for error in field.errors
        if not field.is_hidden
    ]
    hours_label = _("Orari di apertura")
    links += [("opening-hours", hours_label, str(error)) for error in hours.non_form_errors()]
    for number, row in enumerate(hours.forms, start=1):
        for field in row:
            label = _("Orario %(n)s, %(label)s") % {"n": number, "label": field.label}
            links += [(field.auto_id, label, str(error)) for error in field.errors]
    return links


@login_required
@require_http_methods(["GET", "POST"])
def node_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    node = selectors.node_for_edit(user=request.user, pk=pk)
    current: Node | None = None
    if request.method != "POST":
        form = NodeEditForm(initial=NodeEditForm.initial_for(node))
        hours = OpeningHoursFormSet(initial=OpeningHoursFormSet.initial_for(node), prefix="hours")
    else:
        form = NodeEditForm(request.POST)
        hours = OpeningHoursFormSet(request.POST, prefix="hours")
        form_valid = form.is_valid()
        if hours.is_valid() and form_valid:
            data = form.cleaned_data
            try:
                services.node_update(
                    actor=request.user,
                    node=node,
                    expected_version=data["version"],
                    address=data["address"],
                    phone=data["phone"],
                    email=data["email"],
                    latitude=data["latitude"],
                    longitude=data["longitude"],
                    notes=data["notes"],
                    languages=data["languages"],
                    areas=data["areas"],
                    opening_hours=hours.slots(),
                )
            except StaleEditError as exc:
                # Keep what the user typed, show the stored values beside it, and let the
                # next submit start from the version they have now seen.
                current = cast(Node, exc.current)
                resubmit = request.POST.copy()
                resubmit["version"] = str(exc.current.version)
                form = NodeEditForm(resubmit)
                form.is_valid()
                form.add_error(None, exc)
            except ValidationError as exc:
                attach_service_errors(form, exc)
            else:
                messages.success(request, _("Scheda del nodo aggiornata."))
                return redirect("network:node_detail", pk=node.pk)
    context = {
        "node": node,
        "form": form,
        "hours": hours,
        "current": current,
        "error_links": _error_links(form, hours) if form.is_bound else [],
    }
    return render(request, "network/node_edit.html", context)


@login_required
@require_GET
def managing_body_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    bodies = selectors.managing_body_list(user=request.user)
    return render(request, "network/managing_body_list.html", {"bodies": bodies})


@login_required
@require_GET
def managing_body_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    body = selectors.managing_body_get(user=request.user, pk=pk)
    return render(request, "network/managing_body_detail.html", {"body": body})


@login_required
@require_GET
def contract_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    contracts = selectors.contract_list(user=request.user)
    return render(request, "network/contract_list.html", {"contracts": contracts})


@login_required
@require_GET
def totals_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "network/totals.html", {"programmes": totals.programme_totals()})


@login_required
@require_GET
def node_map(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, nodes, counts = _filtered_nodes(request)
    context = {
        "form": form,
        "counts": counts,
        "regions": selectors.region_kind_counts(nodes),
        "nodes_url": _filters_in_use(request, reverse("network:map_nodes")),
        "directory_url": _filters_in_use(request, reverse("network:directory")),
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
    return render(request, "network/map.html", context)


@login_required
@require_GET
def map_nodes(request: AuthenticatedHttpRequest) -> JsonResponse:
    """The filtered nodes as a GeoJSON FeatureCollection (coordinates are lon, lat)."""
    form = DirectoryFilterForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    nodes = selectors.node_list(user=request.user, filters=form.filters())
    head, tail = _url_parts("network:node_detail")
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p.longitude, p.latitude]},
            "properties": {
                "id": p.pk,
                "name": p.name,
                "kind": p.kind,
                "spoke_kind": p.spoke_kind,
                "url": f"{head}{p.pk}{tail}",
                "municipality": p.municipality,
            },
        }
        for p in selectors.node_map_points(nodes)
    ]
    return JsonResponse(
        {"type": "FeatureCollection", "features": features},
        content_type="application/geo+json",
        json_dumps_params={"separators": (",", ":"), "ensure_ascii": False},
    )
