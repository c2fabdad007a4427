"""The services page of a case: the log of services delivered and the appointments.

Views validate a form, call one service or selector and render. case_read decides access
(404 outside scope, 403 for monitors and hub colleagues outside the team); writes need
require_edit (team or coordinator, case open).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from approdo.cases.models import Case
from approdo.cases.permissions import CasePermissions, require_edit
from approdo.cases.selectors import case_read
from approdo.core.concurrency import StaleEditError
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.interventions import selectors, services
from approdo.interventions.forms import (
    AppointmentForm,
    AppointmentStatusForm,
    AreaFilterForm,
    CancelForm,
    ServiceForm,
)
from approdo.interventions.models import AppointmentPlace, AppointmentStatus, Place

PURPOSE = "interventions.case.services"


def _prefill_from_appointment(perms: CasePermissions, pk: str | None) -> dict[str, Any]:
    """Initial values of the service form from an appointment just marked done."""
    if not pk or not pk.isdigit():
        return {}
    appointment = selectors.case_appointments(perms).filter(pk=int(pk)).first()
    if appointment is None:
        return {}
    place = appointment.place if appointment.place != AppointmentPlace.EXTERNAL else ""
    return {
        "date": timezone.localdate(appointment.starts_at),
        "duration_minutes": appointment.duration_minutes,
        "place": place or Place.HUB,
        "operator": appointment.operator_id,
        "with_mediator": appointment.needs_mediator,
        "language": appointment.language_id,
        "notes": appointment.purpose,
    }


def _render(
    request: AuthenticatedHttpRequest,
    case: Case,
    perms: CasePermissions,
    *,
    service_form: ServiceForm | None = None,
    appointment_form: AppointmentForm | None = None,
) -> HttpResponse:
    team = selectors.case_team_users(case)
    area_form = AreaFilterForm(request.GET)
    area = area_form.cleaned_data.get("area") if area_form.is_valid() else None
    area_form.fields["area"].queryset = selectors.service_areas_of_case(perms)  # type: ignore[attr-defined]
    if service_form is None:
        initial: dict[str, Any] = {"date": timezone.localdate(), "place": Place.HUB}
        initial.update(_prefill_from_appointment(perms, request.GET.get("from_appointment")))
        if plan_action := request.GET.get("plan_action", ""):
            initial["plan_action_id"] = plan_action if plan_action.isdigit() else None
        service_form = ServiceForm(initial=initial, team=team)
    upcoming, past = selectors.split_appointments(perms)
    context = {
        "case": case,
        "perms": perms,
        "services": selectors.case_services(perms, area_id=area.pk if area else None),
        "totals": selectors.service_totals(perms),
        "area_form": area_form,
        "area": area,
        "service_form": service_form,
        "appointment_form": appointment_form or AppointmentForm(team=team),
        "upcoming": upcoming,
        "past": past,
        "now": timezone.now(),
        "statuses": AppointmentStatus,
        "prefilled": bool(request.GET.get("from_appointment")),
    }
    return render(request, "interventions/case_services.html", context)


def _page_url(case: Case) -> str:
    return reverse("interventions:case", args=[case.pk])


@login_required
@require_GET
def case_services(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)
    return _render(request, case, perms)


@login_required
@require_POST
def service_log(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)
    require_edit(perms)
    form = ServiceForm(request.POST, team=selectors.case_team_users(case))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.service_log(
                actor=request.user,
                case=case,
                service_type=data["service_type"],
                date=data["date"],
                duration_minutes=data["duration_minutes"],
                place=data["place"],
                with_mediator=data["with_mediator"],
                language=data["language"],
                plan_action_id=data["plan_action_id"],
                notes=data["notes"],
                operator=data["operator"],
                mediator=data["mediator"],
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
            # The plan action travels in a hidden field: show its error above the form.
            for error in form.errors.pop("plan_action_id", []):
                form.add_error(None, error)
        else:
            messages.success(request, _("Prestazione registrata."))
            return redirect(_page_url(case))
    return _render(request, case, perms, service_form=form)


@login_required
@require_POST
def service_cancel(request: AuthenticatedHttpRequest, case_pk: int, pk: int) -> HttpResponse:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)
    require_edit(perms)
    row = selectors.service_get(perms, pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Scrivi perché la prestazione viene annullata."))
        return redirect(_page_url(case))
    try:
        services.service_cancel(
            actor=request.user,
            service=row,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Prestazione annullata: resta nel registro, barrata."))
    return redirect(_page_url(case))


@login_required
@require_POST
def appointment_schedule(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)
    require_edit(perms)
    form = AppointmentForm(request.POST, team=selectors.case_team_users(case))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.appointment_schedule(
                actor=request.user,
                case=case,
                starts_at=data["starts_at"],
                duration_minutes=data["duration_minutes"],
                operator=data["operator"],
                purpose=data["purpose"],
                place=data["place"],
                external_place=data["external_place"],
                needs_mediator=data["needs_mediator"],
                language=data["language"],
                remind_at=data["remind_at"],
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Appuntamento fissato."))
            return redirect(_page_url(case))
    return _render(request, case, perms, appointment_form=form)


@login_required
@require_POST
def appointment_status(request: AuthenticatedHttpRequest, case_pk: int, pk: int) -> HttpResponse:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)
    require_edit(perms)
    appointment = selectors.appointment_get(perms, pk)
    form = AppointmentStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Richiesta non valida: ricarica la pagina e riprova."))
        return redirect(_page_url(case))
    status = form.cleaned_data["status"]
    try:
        services.appointment_set_status(
            actor=request.user,
            appointment=appointment,
            status=status,
            expected_version=form.cleaned_data["version"],
            note=form.cleaned_data["note"],
        )
    except StaleEditError as exc:
        messages.error(request, " ".join(exc.messages))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if status == AppointmentStatus.DONE:
            messages.success(
                request, _("Appuntamento svolto. Registra qui sotto la prestazione erogata.")
            )
            return redirect(f"{_page_url(case)}?from_appointment={appointment.pk}#service-form")
        messages.success(request, _("Stato dell'appuntamento aggiornato."))
    return redirect(_page_url(case))
