"""Housing pages of a hub: the occupancy board, a site's beds by night, the waiting list and
the coordinator's placing of a request into a free bed. Reads go through selectors (scoped),
writes through services; errors come back in the form, never as a 500."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from approdo.accounts.access import access_for
from approdo.cases.permissions import coordinated_hub_ids
from approdo.core.concurrency import StaleEditError
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.housing import request_services, selectors
from approdo.housing.forms import BoardFilterForm, DatesForm, PlaceForm, WithdrawForm
from approdo.housing.models import Bed, HousingRequest
from approdo.housing.nights import LATEST
from approdo.plans.models import Goal

BOARD_DAYS = 31  # today and the next 30 days
GRID_DAYS = 14


def _window(start: dt.date | None, length: int) -> tuple[dt.date, dt.date]:
    first = start or timezone.localdate()
    last = min(first + dt.timedelta(days=length - 1), LATEST)
    return first, last


@login_required
@require_GET
def board(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = BoardFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    first, last = _window(data.get("day"), BOARD_DAYS)
    sites = selectors.site_list(user=request.user, hub_id=data.get("hub"), site_id=data.get("site"))
    rows = selectors.occupancy(sites, first, last)
    totals = {
        "beds": sum(r.tonight.beds for r in rows),
        "occupied": sum(r.tonight.occupied for r in rows),
    }
    totals["free"] = max(totals["beds"] - totals["occupied"], 0)
    context = {
        "form": form,
        "rows": rows,
        "days": selectors.days(first, last),
        "first": first,
        "totals": totals,
        "hubs": selectors.hubs_for(request.user),
        "all_sites": selectors.site_list(user=request.user, hub_id=data.get("hub")),
        "can_see_list": access_for(request.user).can_see_person_data,
    }
    return render(request, "housing/board.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def site_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    site = selectors.site_get(user=request.user, pk=pk)
    form = BoardFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    first, last = _window(data.get("day"), GRID_DAYS)
    context = {
        "site": site,
        "form": form,
        "days": selectors.days(first, last),
        "first": first,
        "previous": first - dt.timedelta(days=GRID_DAYS),
        "next": first + dt.timedelta(days=GRID_DAYS),
        "grid": selectors.site_grid(user=request.user, site=site, first=first, last=last),
        "occupancy": selectors.occupancy(
            selectors.site_list(user=request.user, site_id=pk), first, last
        )[0],
    }
    return render(request, "housing/site.html", context)


@login_required
@require_GET
def waiting_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = BoardFilterForm(request.GET or None)
    hub_id = form.cleaned_data.get("hub") if form.is_bound and form.is_valid() else None
    rows = list(selectors.waiting_list(user=request.user, hub_id=hub_id))
    readable = selectors.readable_waiting(user=request.user, rows=rows)
    context = {
        "rows": rows,
        "readable": readable,
        "coordinated": coordinated_hub_ids(request.user),
        "hubs": selectors.hubs_for(request.user).filter(
            pk__in=selectors.person_hub_ids(request.user)
        ),
        "hub_id": hub_id,
        "withdraw_form": WithdrawForm(),
    }
    return render(request, "housing/waiting_list.html", context)


def _place_page(
    request: AuthenticatedHttpRequest,
    row: HousingRequest,
    dates: DatesForm,
    form: PlaceForm | None,
    free: list[Bed],
    status: int = 200,
) -> HttpResponse:
    context = {"row": row, "dates": dates, "form": form, "free": free}
    return render(request, "housing/place.html", context, status=status)


def _forms(
    request: AuthenticatedHttpRequest, row: HousingRequest, data: dict[str, str] | None
) -> tuple[DatesForm, PlaceForm | None, list[Bed]]:
    start = max(row.desired_from, timezone.localdate())
    initial = {"starts_on": start, "ends_on": start + dt.timedelta(days=89)}
    dates = DatesForm(data if data is not None else request.GET or None, initial=initial)
    if dates.is_bound and not dates.is_valid():
        return dates, None, []
    first = dates.cleaned_data["starts_on"] if dates.is_bound else initial["starts_on"]
    last = dates.cleaned_data["ends_on"] if dates.is_bound else initial["ends_on"]
    free = selectors.free_beds(
        hub_id=row.hub_id,
        first=first,
        last=last,
        accessible=row.needs_accessible,
        room_gender=row.room_gender,
    )
    # Any bed of the hub is a valid choice: if it was taken meanwhile, the service names the
    # clash (bed and nights) instead of a bare "invalid choice".
    beds = Bed.objects.filter(room__site__hub_id=row.hub_id).select_related("room__site")
    goals = Goal.objects.filter(plan_version__plan__case=row.case).order_by("plan_version", "order")
    place_initial = {"starts_on": first, "ends_on": last, "version": row.version}
    return dates, PlaceForm(data, beds=beds, goals=goals, initial=place_initial), free


@login_required
@require_http_methods(["GET", "POST"])
def place(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The coordinator chooses a free bed for the request's nights."""
    row = selectors.request_get(user=request.user, pk=pk)
    if row.hub_id not in coordinated_hub_ids(request.user):
        raise PermissionDenied
    if request.method == "GET":
        dates, form, free = _forms(request, row, None)
        return _place_page(request, row, dates, form, free, status=400 if dates.errors else 200)
    dates, form, free = _forms(request, row, request.POST.dict())
    if form is None or not form.is_valid():
        return _place_page(request, row, dates, form, free, status=400)
    try:
        data = form.cleaned_data
        request_services.request_place(
            actor=request.user,
            request=row,
            bed=data["bed"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            goal=data.get("goal"),
            expected_version=data["version"],
        )
    except StaleEditError:
        messages.error(request, _("La richiesta è cambiata nel frattempo: controlla e riprova."))
        return redirect("housing:waiting_list")
    except ValidationError as exc:
        attach_service_errors(form, exc)
        return _place_page(request, row, dates, form, free, status=400)
    messages.success(request, _("Persona inserita nel posto letto."))
    return redirect("housing:waiting_list")


@login_required
@require_POST
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    row = selectors.request_get(user=request.user, pk=pk)
    form = WithdrawForm(request.POST)
    back = request.POST.get("next") == "case"
    target = (
        redirect("housing:case", case_pk=row.case_id) if back else redirect("housing:waiting_list")
    )
    if not form.is_valid():
        messages.error(request, _("Indica il motivo del ritiro."))
        return target
    try:
        request_services.request_withdraw(
            actor=request.user,
            request=row,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
    except StaleEditError:
        messages.error(request, _("La richiesta è cambiata nel frattempo: controlla e riprova."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Richiesta ritirata."))
    return target
