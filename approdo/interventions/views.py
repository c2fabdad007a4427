"""The services page of a case: the log of services delivered and the appointments.

Views validate a form, call one service or selector and render. case_read decides access
(404 outside scope, 403 for monitors and hub colleagues outside the team); writes need
require_edit (team or coordinator, case open).
"""

from __future__ import annotations

from typing import Any

from django import forms
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
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.core.views_helpers import run_service, submit_form
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


def _editable_case(request: AuthenticatedHttpRequest, case_pk: int) -> tuple[Case, CasePermissions]:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)
    require_edit(perms)
    return case, perms


def _plan_action_errors_above(form: forms.BaseForm, exc: ValidationError) -> None:
    """The plan action travels in a hidden field: show its error above the form."""
    attach_service_errors(form, exc)
    for error in form.errors.pop("plan_action_id", []):
        form.add_error(None, error)


@login_required
@require_POST
def service_log(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = _editable_case(request, case_pk)
    form = ServiceForm(request.POST, team=selectors.case_team_users(case))
    saved = submit_form(
        request,
        form,
        lambda data: services.service_log(actor=request.user, case=case, **data),
        _("Prestazione registrata."),
        on_error=_plan_action_errors_above,
    )
    if saved:
        return redirect(_page_url(case))
    return _render(request, case, perms, service_form=form)


@login_required
@require_POST
def service_cancel(request: AuthenticatedHttpRequest, case_pk: int, pk: int) -> HttpResponse:
    case, perms = _editable_case(request, case_pk)
    row = selectors.service_get(perms, pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Scrivi perché la prestazione viene annullata."))
        return redirect(_page_url(case))
    run_service(
        request,
        lambda: services.service_cancel(
            actor=request.user,
            service=row,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        ),
        _("Prestazione annullata: resta nel registro, barrata."),
    )
    return redirect(_page_url(case))


@login_required
@require_POST
def appointment_schedule(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = _editable_case(request, case_pk)
    form = AppointmentForm(request.POST, team=selectors.case_team_users(case))
    saved = submit_form(
        request,
        form,
        lambda data: services.appointment_schedule(actor=request.user, case=case, **data),
        _("Appuntamento fissato."),
    )
    if saved:
        return redirect(_page_url(case))
    return _render(request, case, perms, appointment_form=form)


@login_required
@require_POST
def appointment_status(request: AuthenticatedHttpRequest, case_pk: int, pk: int) -> HttpResponse:
    case, perms = _editable_case(request, case_pk)
    appointment = selectors.appointment_get(perms, pk)
    form = AppointmentStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Richiesta non valida: ricarica la pagina e riprova."))
        return redirect(_page_url(case))
    status = form.cleaned_data["status"]
    done_now = status == AppointmentStatus.DONE
    saved = run_service(
        request,
        lambda: services.appointment_set_status(
            actor=request.user,
            appointment=appointment,
            status=status,
            expected_version=form.cleaned_data["version"],
            note=form.cleaned_data["note"],
        ),
        _("Appuntamento svolto. Registra qui sotto la prestazione erogata.")
        if done_now
        else _("Stato dell'appuntamento aggiornato."),
    )
    if saved and done_now:
        return redirect(f"{_page_url(case)}?from_appointment={appointment.pk}#service-form")
    return redirect(_page_url(case))
