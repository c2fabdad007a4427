"""Monitoring pages: the dashboard with its filters and exports, the indicators' definitions,
and snapshots (freeze, list, open, download identical, compare with a live recomputation).

Every page shows aggregates only; selectors decide the places and the suppression. A user
with no place gets a 403; a snapshot outside the user's places is a 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from approdo.audit.services import record
from approdo.core.types import AuthenticatedHttpRequest
from approdo.monitoring import exports, registry, selectors, services
from approdo.monitoring.compare import differences
from approdo.monitoring.compute import definitions
from approdo.monitoring.forms import FilterForm, SnapshotForm, filter_form
from approdo.monitoring.frame import Filters
from approdo.network.models import ManagingBody, Node, Region

FORMATS = ("xlsx", "csv")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _istat_codes() -> dict[int, str]:
    return dict(Region.objects.values_list("pk", "istat_code"))


def _groups(figures: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The indicators under their group's heading, in the registry's order."""
    groups: dict[str, list[dict[str, Any]]] = {}
    units = dict(registry.Unit.choices)
    for ind in figures["indicators"]:
        ind["unit_label"] = str(units.get(ind["unit"], ind["unit"])).capitalize()
        groups.setdefault(ind["group"], []).append(ind)
    return [(registry.group_label(code), items) for code, items in groups.items()]


def _scope_label(filters: Filters, user_label: str) -> str:
    parts = []
    if filters.region:
        parts.append(str(Region.objects.filter(pk=filters.region).first() or ""))
    if filters.managing_body:
        parts.append(str(ManagingBody.objects.filter(pk=filters.managing_body).first() or ""))
    if filters.node:
        parts.append(str(Node.objects.filter(pk=filters.node).first() or ""))
    return " · ".join(p for p in parts if p) or user_label


def _figures_context(figures: dict[str, Any]) -> dict[str, Any]:
    codes = _istat_codes()
    progress = dict(figures.get("progress") or {})
    for key in ("starts_on", "ends_on", "as_of"):
        if progress.get(key):
            progress[key] = dt.date.fromisoformat(progress[key])
    for region in progress.get("regions", []):
        region["istat"] = codes.get(region["region_id"], "")
    return {
        "figures": figures,
        "groups": _groups(figures),
        "progress": progress,
        "hidden_mark": exports.hidden_mark(),
    }


def _viewer_label(request: AuthenticatedHttpRequest) -> str:
    ids = selectors.viewer_node_ids(request.user)
    if ids is None:
        return _("Intero programma")
    regions = Region.objects.filter(nodes__in=ids).distinct().order_by("name")
    return ", ".join(r.name for r in regions) or _("I tuoi nodi")


@login_required
@require_GET
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = filter_form(request.GET, request.user)
    context: dict[str, Any] = {"form": form, "snapshot_form": SnapshotForm()}
    if form.is_valid():
        filters = form.filters()
        fresh = request.GET.get("aggiorna") == "1"
        figures = selectors.dashboard_for(request.user, filters, fresh=fresh)
        context |= _figures_context(figures)
        context["scope_label"] = _scope_label(filters, _viewer_label(request))
        context["query"] = form_query(filters)
        # Region names in the progress table open that region's dashboard for the period.
        context["period_query"] = form_query(Filters(filters.date_from, filters.date_to))
        context["computed_at"] = dt.datetime.fromisoformat(figures["computed_at"])
    else:
        selectors.viewer_node_ids(request.user)  # 403 for a user with no place
    return render(request, "monitoring/dashboard.html", context)


def form_query(filters: Filters) -> str:
    query = QueryDict(mutable=True)
    for key, value in filters.as_dict().items():
        if value not in (None, ""):
            query[key] = str(value)
    return query.urlencode()


def _download(content: bytes | str, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def export(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    form = FilterForm(request.GET, user=request.user)
    if not form.is_valid():
        return render(
            request,
            "monitoring/dashboard.html",
            {"form": form, "snapshot_form": SnapshotForm()},
            status=400,
        )
    filters = form.filters()
    figures = selectors.dashboard_for(request.user, filters)
    record(
        actor=request.user,
        action="monitoring.dashboard.exported",
        data={"format": fmt, "filters": filters.as_dict()},
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    title = _("Monitoraggio Approdo — %(scope)s") % {
        "scope": _scope_label(filters, _viewer_label(request))
    }
    if fmt == "xlsx":
        data = exports.workbook(figures, definitions(), title)
        return _download(data, f"monitoraggio-{stamp}.xlsx", XLSX)
    return _download(
        exports.csv_text(figures), f"monitoraggio-{stamp}.csv", "text/csv; charset=utf-8"
    )


@login_required
@require_GET
def indicator_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    selectors.viewer_node_ids(request.user)
    items = definitions()
    groups: dict[str, list[dict[str, str]]] = {}
    for item in items:
        groups.setdefault(item["group"], []).append(item)
    return render(request, "monitoring/indicators.html", {"groups": list(groups.items())})


@login_required
@require_GET
def indicator_detail(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    selectors.viewer_node_ids(request.user)
    indicator = registry.get(code)
    if indicator is None:
        raise Http404
    item = next(d for d in definitions() if d["code"] == code)
    start, end = timezone.localdate().replace(month=1, day=1), timezone.localdate()
    figures = selectors.dashboard_for(request.user, Filters(date_from=start, date_to=end), [code])
    context = {"item": item, "result": figures["indicators"][0], "start": start, "end": end}
    return render(request, "monitoring/indicator.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def snapshot_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = FilterForm(request.POST, user=request.user)
        title_form = SnapshotForm(request.POST)
        if form.is_valid() and title_form.is_valid():
            snapshot = services.snapshot_create(
                actor=request.user, filters=form.filters(), title=title_form.cleaned_data["title"]
            )
            messages.success(request, _("Istantanea salvata: i dati sono congelati."))
            return redirect("monitoring:snapshot", pk=snapshot.pk)
        messages.error(
            request,
            _("Istantanea non salvata: indica un titolo e filtri validi (%(errors)s).")
            % {"errors": "; ".join(str(e) for f in (form, title_form) for e in f.errors.values())},
        )
        return redirect("monitoring:snapshots")
    rows = selectors.snapshots_for(request.user)
    return render(request, "monitoring/snapshots.html", {"snapshots": rows})


@login_required
@require_GET
def snapshot_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    snapshot = selectors.snapshot_for(request.user, pk)
    context: dict[str, Any] = {"snapshot": snapshot} | _figures_context(snapshot.figures)
    if request.GET.get("confronta"):
        live = services.live_figures(snapshot)
        context["changes"] = differences(snapshot.figures, live, total=_("Totale"))
        context["compared"] = True
        context["live_computed_at"] = dt.datetime.fromisoformat(live["computed_at"])
    return render(request, "monitoring/snapshot.html", context)


@login_required
@require_GET
def snapshot_download(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    snapshot = selectors.snapshot_for(request.user, pk)
    name = f"istantanea-{snapshot.pk}-{snapshot.date_from:%Y%m%d}-{snapshot.date_to:%Y%m%d}"
    # In the language it was made in, whoever downloads it: the same file every time.
    with translation.override(snapshot.language):
        if fmt == "xlsx":
            data = exports.workbook(snapshot.figures, snapshot.definitions, snapshot.title)
            return _download(data, f"{name}.xlsx", XLSX)
        text = exports.csv_text(snapshot.figures)
    return _download(text, f"{name}.csv", "text/csv; charset=utf-8")
