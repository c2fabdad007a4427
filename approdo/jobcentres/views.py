"""Pages under /lavoro/centri-impiego/: the job centres, one job centre, and the job-centre
page of a case (registration and appointments).

Thin: a form, one service or selector, a page. A case is read through case_read (scoped,
logged); bad input answers the page again with the errors and the values typed (400); a stale
edit is refused with the values someone else saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from approdo.accounts.access import access_for
from approdo.cases.models import Case
from approdo.cases.permissions import CasePermissions
from approdo.cases.selectors import case_read
from approdo.core.types import AuthenticatedHttpRequest
from approdo.core.views_helpers import submit_form, submit_posted_form
from approdo.jobcentres import selectors as sel
from approdo.jobcentres import services
from approdo.jobcentres.forms import (
    AppointmentForm,
    CancelForm,
    FilterForm,
    OutcomeForm,
    RegistrationForm,
)
from approdo.jobcentres.models import Appointment, AppointmentStatus

PURPOSE = "jobcentres"


# --- job centres --------------------------------------------------------------------------------
@login_required
@require_GET
def centre_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The CPIs (filtered by region and province) with the people of the viewer's cases
    registered at each, and the viewer's cases' appointments of the next two weeks."""
    sel.require_read(request.user)
    filters = FilterForm(request.GET or None)
    bad_filter = filters.is_bound and not filters.is_valid()
    chosen = filters.filters()
    rows = list(
        sel.job_centre_list(
            user=request.user,
            region_id=chosen["region_id"],
            province_id=chosen["province_id"],
        )
    )
    counts = sel.registered_counts(user=request.user)
    for row in rows:
        row.registered = counts.get(row.pk, 0)  # type: ignore[attr-defined]
    context = {
        "filters": filters,
        "rows": rows,
        "people": access_for(request.user).can_see_person_data,
        "upcoming": sel.upcoming_appointments(user=request.user),
        "days": sel.UPCOMING_DAYS,
    }
    return render(request, "jobcentres/list.html", context, status=400 if bad_filter else 200)


@login_required
@require_GET
def centre_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    centre = sel.job_centre_get(user=request.user, pk=pk)
    context = {
        "centre": centre,
        "served": sel.served_municipalities(centre),
        "people": access_for(request.user).can_see_person_data,
        "registered": sel.registered_counts(user=request.user).get(centre.pk, 0),
        "upcoming": sel.upcoming_appointments(user=request.user, job_centre_id=centre.pk),
        "days": sel.UPCOMING_DAYS,
    }
    return render(request, "jobcentres/detail.html", context)


# --- the case's page ----------------------------------------------------------------------------
def _page(
    request: AuthenticatedHttpRequest,
    case: Case,
    perms: CasePermissions,
    status: int = 200,
    form_for: int | None = None,
    **bound: forms.BaseForm,
) -> HttpResponse:
    context: dict[str, Any] = {"case": case, "perms": perms, "can_edit": perms.can_edit}
    if case.person_id is None:  # the page only asks to register the person first
        return render(request, "jobcentres/case.html", context, status=status)
    registration = sel.case_registration(case)
    suggested = sel.suggested_job_centre(case.person)
    appointments = list(sel.case_appointments(perms))
    for row in appointments:
        mine = form_for == row.pk
        row.outcome_form = (  # type: ignore[attr-defined]
            bound.get("outcome_form")
            if mine and "outcome_form" in bound
            else OutcomeForm(prefix=f"o{row.pk}", initial={"version": row.version})
        )
        row.cancel_form = (  # type: ignore[attr-defined]
            bound.get("cancel_form")
            if mine and "cancel_form" in bound
            else CancelForm(prefix=f"c{row.pk}", initial={"version": row.version})
        )
    # The refusals of a row's outcome or cancel form, shown above the table too: the form
    # itself may be folded (or not shown, for an appointment still to come).
    action_errors = [
        message
        for name in ("outcome_form", "cancel_form")
        if name in bound
        for errors in bound[name].errors.values()
        for message in errors
    ]
    centre = registration.job_centre if registration and registration.job_centre else suggested
    context.update(
        {
            "registration": registration,
            "suggested": suggested,
            "appointments": appointments,
            "form_for": form_for,
            "action_errors": action_errors,
            "now": timezone.now(),
            "scheduled": AppointmentStatus.SCHEDULED,
            "registration_form": bound.get("registration_form")
            or RegistrationForm(registration=registration, suggested=suggested),
            "appointment_form": bound.get("appointment_form")
            or AppointmentForm(team=sel.case_team_users(case), centre=centre),
        }
    )
    return render(request, "jobcentres/case.html", context, status=status)


@login_required
@require_GET
def case_page(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)
    return _page(request, case, perms)


def _done(case: Case) -> HttpResponse:
    return redirect("jobcentres:case", case_pk=case.pk)


@login_required
@require_POST
def registration_save(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)

    def call(data: dict[str, Any]) -> object:
        values = dict(data)
        return services.registration_save(
            actor=request.user, case=case, expected_version=values.pop("version"), **values
        )

    registration = sel.case_registration(case)
    ok, form = submit_posted_form(
        request,
        RegistrationForm,
        call,
        _("Iscrizione al centro per l'impiego salvata."),
        registration=registration,
    )
    if ok:
        return _done(case)
    return _page(request, case, perms, status=400, registration_form=form)


@login_required
@require_POST
def appointment_schedule(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)
    form = AppointmentForm(request.POST, team=sel.case_team_users(case))
    if submit_form(
        request,
        form,
        lambda data: services.appointment_schedule(actor=request.user, case=case, **data),
        _("Appuntamento fissato; il promemoria è tra le attività."),
    ):
        return _done(case)
    return _page(request, case, perms, status=400, appointment_form=form)


def _appointment(
    request: AuthenticatedHttpRequest, pk: int
) -> tuple[Appointment, Case, CasePermissions]:
    appointment = get_object_or_404(Appointment.objects.select_related("job_centre"), pk=pk)
    case, perms = case_read(user=request.user, pk=appointment.case_id, purpose=PURPOSE)
    appointment.case = case
    return appointment, case, perms


def _close(
    request: AuthenticatedHttpRequest,
    pk: int,
    form_class: type[forms.Form],
    name: str,
    call: Callable[[Appointment, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    appointment, case, perms = _appointment(request, pk)
    prefix = ("o" if name == "outcome_form" else "c") + str(pk)
    form = form_class(request.POST, prefix=prefix)
    if submit_form(request, form, lambda data: call(appointment, data), done):
        return _done(case)
    return _page(request, case, perms, status=400, form_for=appointment.pk, **{name: form})


@login_required
@require_POST
def appointment_outcome(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def call(appointment: Appointment, data: dict[str, Any]) -> object:
        return services.appointment_record_outcome(
            actor=request.user,
            appointment=appointment,
            status=data["status"],
            outcome_notes=data["outcome_notes"],
            expected_version=data["version"],
        )

    return _close(request, pk, OutcomeForm, "outcome_form", call, _("Esito registrato."))


@login_required
@require_POST
def appointment_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def call(appointment: Appointment, data: dict[str, Any]) -> object:
        return services.appointment_cancel(
            actor=request.user,
            appointment=appointment,
            reason=data["reason"],
            expected_version=data["version"],
        )

    return _close(request, pk, CancelForm, "cancel_form", call, _("Appuntamento annullato."))
