"""Pages of screenings: a case's history, the form (new and draft edit), detail, confirm.

Reads go through cases.selectors.case_read (404 outside scope, 403 for monitors and hub
colleagues outside the team); writes also need the right to edit the case.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from approdo.cases.models import Case
from approdo.cases.permissions import CasePermissions, require_edit
from approdo.cases.selectors import case_read
from approdo.core.concurrency import StaleEditError
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.core.views_helpers import submit_form
from approdo.screening import selectors, services
from approdo.screening.forms import (
    CompleteForm,
    FactorRowForm,
    IndicatorRowForm,
    ScreeningForm,
    collect_answers,
    collect_vulnerabilities,
    factor_forms,
    indicator_forms,
)
from approdo.screening.models import Framework, Screening

EDIT_PURPOSE = "screening.screening.edit"


@login_required
@require_GET
def case_screenings(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = case_read(user=request.user, pk=case_pk)
    context = {
        "case": case,
        "perms": perms,
        "history": selectors.screening_history(perms),
    }
    return render(request, "screening/case_screenings.html", context)


def _form_context(
    case: Case,
    perms: CasePermissions,
    form: ScreeningForm,
    rows: list[IndicatorRowForm],
    factors: list[FactorRowForm],
    **extra: Any,
) -> dict[str, Any]:
    groups = [
        (label, [r for r in rows if r.indicator.framework == value])
        for value, label in Framework.choices
    ]
    return {
        "case": case,
        "perms": perms,
        "form": form,
        "groups": [(label, group) for label, group in groups if group],
        "factor_rows": factors,
        "row_errors": any(r.errors for r in [*rows, *factors]),
        **extra,
    }


def _bound(
    request: AuthenticatedHttpRequest,
) -> tuple[ScreeningForm, list[IndicatorRowForm], list[FactorRowForm], bool]:
    form = ScreeningForm(request.POST)
    rows = indicator_forms(list(selectors.active_indicators()), request.POST)
    factors = factor_forms(list(selectors.active_factors()), request.POST)
    valid = all([form.is_valid(), *(r.is_valid() for r in rows), *(f.is_valid() for f in factors)])
    return form, rows, factors, valid


@login_required
@require_http_methods(["GET", "POST"])
def screening_new(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=EDIT_PURPOSE)
    require_edit(perms)
    if request.method != "POST":
        form = ScreeningForm(initial={"held_on": timezone.localdate()})
        rows = indicator_forms(list(selectors.active_indicators()))
        factors = factor_forms(list(selectors.active_factors()))
    else:
        form, rows, factors, valid = _bound(request)
        if valid:
            try:
                screening = services.screening_create(
                    actor=request.user,
                    case=case,
                    details=form.details(),
                    answers=collect_answers(rows),
                    vulnerabilities=collect_vulnerabilities(factors),
                )
            except ValidationError as exc:
                attach_service_errors(form, exc)
            else:
                messages.success(request, _("Screening salvato come bozza."))
                return redirect("screening:detail", pk=screening.pk)
    context = _form_context(case, perms, form, rows, factors, screening=None)
    return render(request, "screening/screening_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def screening_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    screening, case, perms = selectors.screening_read(
        user=request.user, pk=pk, purpose=EDIT_PURPOSE
    )
    require_edit(perms)
    if screening.is_completed:
        messages.error(
            request, _("Lo screening è confermato e non si modifica più: avvia un nuovo screening.")
        )
        return redirect("screening:detail", pk=screening.pk)
    answers = {a.indicator.code: a for a in screening.answers.all()}
    vulnerabilities = {v.factor.code: v for v in screening.vulnerabilities.all()}
    current: Screening | None = None
    if request.method != "POST":
        form = ScreeningForm(initial=ScreeningForm.initial_for(screening))
        rows = indicator_forms(list(selectors.active_indicators()), existing=answers)
        factors = factor_forms(list(selectors.active_factors()), existing=vulnerabilities)
    else:
        form, rows, factors, valid = _bound(request)
        if valid:
            try:
                services.screening_update(
                    actor=request.user,
                    screening=screening,
                    expected_version=form.cleaned_data.get("version") or 0,
                    details=form.details(),
                    answers=collect_answers(rows),
                    vulnerabilities=collect_vulnerabilities(factors),
                )
            except StaleEditError as exc:
                form.add_error(None, exc)
                current = Screening.objects.get(pk=screening.pk)
            except ValidationError as exc:
                attach_service_errors(form, exc)
            else:
                messages.success(request, _("Bozza aggiornata."))
                return redirect("screening:detail", pk=screening.pk)
    context = _form_context(case, perms, form, rows, factors, screening=screening, current=current)
    return render(request, "screening/screening_form.html", context)


@login_required
@require_GET
def screening_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    screening, case, perms = selectors.screening_read(user=request.user, pk=pk)
    context = {
        "case": case,
        "perms": perms,
        "screening": screening,
        "observed": [a for a in screening.answers.all() if a.status == "observed"],
    }
    return render(request, "screening/screening_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def screening_complete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    screening, case, perms = selectors.screening_read(
        user=request.user, pk=pk, purpose=EDIT_PURPOSE
    )
    require_edit(perms)
    if screening.is_completed:
        return redirect("screening:detail", pk=screening.pk)
    if request.method != "POST":
        form = CompleteForm(
            initial={
                "version": screening.version,
                "priority": screening.suggested_priority,
                "steps": screening.suggested_steps,
            }
        )
    else:
        form = CompleteForm(request.POST)
        confirmed = submit_form(
            request,
            form,
            lambda data: services.screening_complete(
                actor=request.user,
                screening=screening,
                expected_version=data["version"],
                priority=data["priority"],
                steps=data["steps"],
                note=data.get("note", ""),
            ),
            _("Screening confermato."),
        )
        if confirmed:
            return redirect("screening:case", case.pk)
    context = {
        "case": case,
        "perms": perms,
        "screening": screening,
        "form": form,
        "observed": [a for a in screening.answers.all() if a.status == "observed"],
    }
    return render(request, "screening/screening_complete.html", context)
