"""Pages of employers and vacancies under /lavoro/. Thin: a form, one service or selector, a
page. Bad input answers the page again with the errors (400), never a 500; a stale edit shows
the values someone else saved."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from approdo.core.concurrency import StaleEditError
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.jobs import employer_selectors as sel
from approdo.jobs import employers as services
from approdo.jobs.employer_forms import (
    CloseVacancyForm,
    EmployerFilterForm,
    EmployerForm,
    InspectionForm,
    SiteForm,
    VacancyFilterForm,
    VacancyForm,
)
from approdo.jobs.models import Employer, Vacancy, VacancyStatus

PAGE_SIZE = 200


# --- employers ----------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def employers(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The network's employers with filters; writers register a new one below the list."""
    sel.require_read(request.user)
    can_write = sel.can_write(request.user)
    form = EmployerForm()
    status = 200
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        form = EmployerForm(request.POST)
        if form.is_valid():
            try:
                employer = services.employer_create(actor=request.user, **form.service_values())
            except ValidationError as exc:
                attach_service_errors(form, exc)
            else:
                messages.success(request, _("Datore di lavoro registrato."))
                return redirect("jobs:employer", pk=employer.pk)
        status = 400
    filters = EmployerFilterForm(request.GET or None)
    rows = sel.employer_list(user=request.user, **filters.filters())
    context = {
        "filters": filters,
        "rows": rows[:PAGE_SIZE],
        "total": rows.count(),
        "form": form,
        "can_write": can_write,
    }
    return render(request, "jobs/employers.html", context, status=status)


def _employer_page(
    request: AuthenticatedHttpRequest,
    employer: Employer,
    *,
    form: EmployerForm | None = None,
    site_form: SiteForm | None = None,
    inspection_form: InspectionForm | None = None,
    current: Employer | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "employer": employer,
        "flag_reasons": employer.flag_reasons(),
        "rete_stale": employer.rete_check_stale(),
        "violation": employer.latest_violation(),
        "inspections": sel.employer_inspections(employer),
        "vacancies": sel.vacancy_list(user=request.user, employer_id=employer.pk),
        "can_write": sel.can_write(request.user),
        "form": form or EmployerForm(initial=EmployerForm.initial_for(employer)),
        "site_form": site_form or SiteForm(),
        "inspection_form": inspection_form or InspectionForm(),
        "current": current,
    }
    return render(request, "jobs/employer.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def employer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """An employer: flags with reasons, sites, inspections, vacancies; writers edit it."""
    record = sel.employer_get(user=request.user, pk=pk)
    if request.method == "GET":
        return _employer_page(request, record)
    if not sel.can_write(request.user):
        raise PermissionDenied
    form = EmployerForm(request.POST)
    current: Employer | None = None
    if form.is_valid():
        try:
            services.employer_update(
                actor=request.user,
                employer=record,
                expected_version=form.cleaned_data["version"] or 0,
                **form.service_values(),
            )
        except StaleEditError as exc:
            current = sel.employer_get(user=request.user, pk=pk)
            resubmit = request.POST.copy()
            resubmit["version"] = str(current.version)
            form = EmployerForm(resubmit)
            form.is_valid()
            form.add_error(None, exc)
            record = current
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Scheda del datore di lavoro aggiornata."))
            return redirect("jobs:employer", pk=pk)
    return _employer_page(request, record, form=form, current=current, status=400)


@login_required
@require_POST
def employer_site(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    record = sel.employer_get(user=request.user, pk=pk)
    sel.require_write(request.user)
    form = SiteForm(request.POST)
    if form.is_valid():
        try:
            services.site_add(actor=request.user, employer=record, **form.cleaned_data)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Sede aggiunta."))
            return redirect("jobs:employer", pk=pk)
    return _employer_page(request, record, site_form=form, status=400)


@login_required
@require_POST
def employer_inspection(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    record = sel.employer_get(user=request.user, pk=pk)
    sel.require_write(request.user)
    form = InspectionForm(request.POST)
    if form.is_valid():
        try:
            services.inspection_record(actor=request.user, employer=record, **form.cleaned_data)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Ispezione registrata."))
            return redirect("jobs:employer", pk=pk)
    return _employer_page(request, record, inspection_form=form, status=400)


# --- vacancies ----------------------------------------------------------------------------------
@login_required
def vacancies(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Vacancies of the network; a flagged employer's vacancy carries its flag in the list."""
    sel.require_read(request.user)
    filters = VacancyFilterForm(request.GET or None)
    rows = sel.vacancy_list(user=request.user, **filters.filters())
    status = 400 if filters.is_bound and not filters.is_valid() else 200
    context = {"filters": filters, "rows": rows[:PAGE_SIZE], "total": rows.count()}
    return render(request, "jobs/vacancies.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_create(request: AuthenticatedHttpRequest, employer_pk: int) -> HttpResponse:
    record = sel.employer_get(user=request.user, pk=employer_pk)
    sel.require_write(request.user)
    form = VacancyForm(request.POST or None, employer=record)
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.vacancy_create(
                actor=request.user, employer=record, **form.service_values()
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Offerta di lavoro registrata."))
            return redirect("jobs:vacancy", pk=vacancy.pk)
    context = {"employer": record, "form": form, "flag_reasons": record.flag_reasons()}
    status = 400 if request.method == "POST" else 200
    return render(request, "jobs/vacancy_form.html", context, status=status)


def _vacancy_page(
    request: AuthenticatedHttpRequest,
    vacancy: Vacancy,
    *,
    form: VacancyForm | None = None,
    current: Vacancy | None = None,
    status: int = 200,
) -> HttpResponse:
    can_edit = sel.can_edit_vacancy(request.user, vacancy)
    editable = vacancy.status in (VacancyStatus.DRAFT, VacancyStatus.OPEN)
    context: dict[str, Any] = {
        "vacancy": vacancy,
        "employer": vacancy.employer,
        "flag_reasons": vacancy.employer.flag_reasons(),
        "violation": vacancy.employer.latest_violation(),
        "below_minimum": vacancy.gross_hourly_pay < vacancy.agreement_rate.minimum_hourly_pay,
        "can_edit": can_edit and editable,
        "form": form
        or VacancyForm(initial=VacancyForm.initial_for(vacancy), employer=vacancy.employer),
        "close_form": CloseVacancyForm(initial={"version": vacancy.version}),
        "current": current,
    }
    return render(request, "jobs/vacancy.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def vacancy(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    record = sel.vacancy_get(user=request.user, pk=pk)
    if request.method == "GET":
        return _vacancy_page(request, record)
    if not sel.can_edit_vacancy(request.user, record):
        raise PermissionDenied
    form = VacancyForm(request.POST, employer=record.employer)
    current: Vacancy | None = None
    if form.is_valid():
        try:
            services.vacancy_update(
                actor=request.user,
                vacancy=record,
                expected_version=form.cleaned_data["version"] or 0,
                **form.service_values(),
            )
        except StaleEditError:
            current = sel.vacancy_get(user=request.user, pk=pk)
            resubmit = request.POST.copy()
            resubmit["version"] = str(current.version)
            form = VacancyForm(resubmit, employer=current.employer)
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Qualcun altro ha modificato questa offerta mentre la stavi modificando. "
                    "Controlla i valori attuali qui sotto e ripeti la modifica."
                ),
            )
            record = current
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Offerta aggiornata."))
            return redirect("jobs:vacancy", pk=pk)
    return _vacancy_page(request, record, form=form, current=current, status=400)


@login_required
@require_POST
def vacancy_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    record = sel.vacancy_get(user=request.user, pk=pk)
    if not sel.can_edit_vacancy(request.user, record):
        raise PermissionDenied
    form = CloseVacancyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Scegli se l'offerta è coperta o chiusa."))
        return redirect("jobs:vacancy", pk=pk)
    try:
        services.vacancy_close(
            actor=request.user,
            vacancy=record,
            expected_version=form.cleaned_data["version"],
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
        )
    except StaleEditError:
        messages.error(request, _("L'offerta è cambiata nel frattempo: controlla e riprova."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Offerta chiusa."))
    return redirect("jobs:vacancy", pk=pk)
