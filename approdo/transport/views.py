"""Pages of transport: the overview, a trip with its check-in, a case's transport tab, and the
route plans. Views validate a form, call one service or selector and render; a refused write
shows its reason in the form or as a message, never a 500."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from approdo.cases.models import Case
from approdo.cases.permissions import CasePermissions
from approdo.cases.selectors import case_read
from approdo.core.concurrency import StaleEditError
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.transport import plan_edits, plan_services, selectors, services
from approdo.transport.access import is_operator, operator_hubs, visible_hubs
from approdo.transport.forms import (
    AdjustForm,
    BoardForm,
    BookingForm,
    PlanRunForm,
    PublishForm,
    RideRequestForm,
)
from approdo.transport.models import Booking, PlanStatus, RunStatus, StopKind

PURPOSE = "transport"


@login_required
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    user = request.user
    rides = selectors.ridership(user)
    context = {
        "hubs": visible_hubs(user),
        "shuttles": selectors.shuttles_for(user),
        "stops": selectors.stops_for(user).filter(active=True),
        "today": today,
        "tomorrow": today + dt.timedelta(days=1),
        "trips": selectors.trips_for(user, [today, today + dt.timedelta(days=1)]),
        "rides_30": rides.count(),
        "people_30": rides.values("booking__person_id").distinct().count(),
        "can_plan": bool(operator_hubs(user)),
    }
    return render(request, "transport/overview.html", context)


def _trip_page(request: AuthenticatedHttpRequest, pk: int, status: int = 200) -> HttpResponse:
    trip = selectors.trip_get(user=request.user, pk=pk)
    operator = is_operator(request.user, trip.shuttle.hub_id)
    context = {
        "trip": trip,
        "stops": selectors.trip_stops(trip),
        "seats_left": selectors.seats_left(trip),
        "operator": operator,
        "bookings": selectors.trip_bookings(user=request.user, trip=trip) if operator else [],
    }
    return render(request, "transport/trip.html", context, status=status)


@login_required
def trip_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _trip_page(request, pk)


@login_required
@require_POST
def board(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(Booking.objects.select_related("trip__shuttle", "case"), pk=pk)
    selectors.trip_get(user=request.user, pk=booking.trip_id)
    form = BoardForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Scegli se la persona è salita."))
        return redirect("transport:trip", pk=booking.trip_id)
    try:
        services.booking_board(
            actor=request.user,
            booking=booking,
            boarded=form.cleaned_data["boarded"] == "yes",
            expected_version=form.cleaned_data["version"],
        )
    except StaleEditError:
        messages.error(request, _("La prenotazione è cambiata nel frattempo: controlla e riprova."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Salita registrata."))
    return redirect("transport:trip", pk=booking.trip_id)


# --- the case's transport tab ----------------------------------------------------------------


# The booking form shares the page with the ride request form: its fields get their own ids.
BOOKING = "booking"


def _case_page(
    request: AuthenticatedHttpRequest,
    case: Case,
    perms: CasePermissions,
    *,
    request_form: RideRequestForm | None = None,
    booking_form: BookingForm | None = None,
    status: int = 200,
) -> HttpResponse:
    stops = selectors.case_stops(case)
    trips = selectors.bookable_trips(case)
    bookings = selectors.case_bookings(perms)
    context = {
        "case": case,
        "perms": perms,
        "can_edit": perms.can_edit and case.person_id is not None,
        "requests": selectors.case_requests(perms),
        "bookings": bookings,
        "rides": [b for b in bookings if hasattr(b, "boarding")],
        "request_form": request_form or RideRequestForm(stops=stops),
        "booking_form": booking_form or BookingForm(trips=trips, prefix=BOOKING),
        "trips": [(t, selectors.seats_left(t)) for t in trips],
    }
    return render(request, "transport/case.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def case_transport(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)
    if request.method == "GET":
        return _case_page(request, case, perms)
    if not perms.can_edit:
        raise PermissionDenied
    if request.POST.get("form") == "booking":
        bform = BookingForm(request.POST, trips=selectors.bookable_trips(case), prefix=BOOKING)
        if bform.is_valid():
            try:
                made = services.booking_create(actor=request.user, case=case, **bform.cleaned_data)
            except ValidationError as exc:
                attach_service_errors(bform, exc)
            else:
                messages.success(
                    request,
                    _("Posto prenotato: salita alle %(time)s.")
                    % {"time": made.pickup_at.strftime("%H:%M")},
                )
                return redirect("transport:case", case_pk=case.pk)
        return _case_page(request, case, perms, booking_form=bform, status=400)
    rform = RideRequestForm(request.POST, stops=selectors.case_stops(case))
    if rform.is_valid():
        try:
            services.ride_request_create(actor=request.user, case=case, **rform.cleaned_data)
        except ValidationError as exc:
            attach_service_errors(rform, exc)
        else:
            messages.success(request, _("Richiesta di trasporto registrata."))
            return redirect("transport:case", case_pk=case.pk)
    return _case_page(request, case, perms, request_form=rform, status=400)


# --- route plans -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plans(request: AuthenticatedHttpRequest) -> HttpResponse:
    hubs = operator_hubs(request.user)
    if not hubs:
        raise PermissionDenied
    form = PlanRunForm(hubs=hubs)
    status = 200
    if request.method == "POST":
        form = PlanRunForm(request.POST, hubs=hubs)
        if form.is_valid():
            try:
                plan = plan_services.plan_create(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                attach_service_errors(form, exc)
            else:
                return redirect("transport:plan", pk=plan.pk)
        status = 400
    context = {"form": form, "plans": selectors.plans_for(request.user)[:50]}
    return render(request, "transport/plans.html", context, status=status)


def _plan_page(request: AuthenticatedHttpRequest, pk: int, status: int = 200) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=pk)
    routes, unserved = selectors.plan_view(user=request.user, plan=plan)
    reasons = {
        "window": _(
            "Nessuna navetta può rispettare la sua fascia oraria (o l'orario di servizio)."
        ),
        "capacity": _("Posti esauriti: nessuna navetta ha spazio in quella fascia oraria."),
        "removed": _("Tolto a mano dal piano."),
    }
    context: dict[str, Any] = {
        "plan": plan,
        "routes": routes,
        "unserved": [(rid, who, reasons.get(why, why)) for rid, who, why in unserved],
        "editable": plan.status == PlanStatus.DRAFT and plan.run_status == RunStatus.DONE,
        "running": plan.run_status in (RunStatus.QUEUED, RunStatus.RUNNING),
        "map": {
            "routes": [
                {"shuttle": str(r.shuttle or r.shuttle_id), "points": r.points} for r in routes
            ],
        },
        "kinds": StopKind,
    }
    return render(request, "transport/plan.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def plan_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if request.method == "GET":
        return _plan_page(request, pk)
    plan = selectors.plan_get(user=request.user, pk=pk)
    try:
        if request.POST.get("form") == "publish":
            pform = PublishForm(request.POST)
            if not pform.is_valid():
                raise ValidationError(_("Ricarica la pagina e riprova."))
            plan_services.plan_publish(
                actor=request.user, plan=plan, expected_version=pform.cleaned_data["version"]
            )
            messages.success(request, _("Piano pubblicato: corse e prenotazioni create."))
        else:
            aform = AdjustForm(request.POST)
            if not aform.is_valid():
                raise ValidationError(_("Modifica non valida: ricarica la pagina e riprova."))
            data = aform.cleaned_data
            plan_edits.plan_adjust(
                actor=request.user,
                plan=plan,
                expected_version=data["version"],
                action=data["action"],
                rider=data["rider"],
                shuttle=data["shuttle"],
            )
            messages.success(request, _("Piano modificato e ricontrollato."))
    except StaleEditError:
        messages.error(request, _("Il piano è cambiato nel frattempo: ecco la versione attuale."))
        return _plan_page(request, pk, status=409)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _plan_page(request, pk, status=400)
    return redirect("transport:plan", pk=plan.pk)
