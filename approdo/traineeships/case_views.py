"""The traineeships page of a case: the person's traineeships with their attendance, the form
to plan one, and the actions (edit while planned, start with the budget's commitment, suspend,
resume, log a month, pay it, close with the outcome).

Every page reads the case through case_read (scoped, logged). A refused form comes back on the
page with the user's values, its errors and status 400; a stale version says so and carries
the current version, so resubmitting is deliberate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from approdo.cases.models import Case
from approdo.cases.permissions import CasePermissions
from approdo.cases.selectors import case_read
from approdo.core.concurrency import StaleEditError
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.traineeships import attendance, lifecycle, selectors, services
from approdo.traineeships.forms import (
    AttendanceForm,
    CloseForm,
    PayForm,
    ResumeForm,
    StartForm,
    SuspendForm,
    TraineeshipEditForm,
    TraineeshipForm,
)
from approdo.traineeships.models import AttendanceMonth, Traineeship, TraineeshipStatus
from approdo.traineeships.rules import rule_for

PURPOSE = "traineeships"


@dataclass
class Panel:
    """One traineeship on the page with its attendance and the forms its state allows."""

    traineeship: Traineeship
    ledger: selectors.Ledger
    commitment_paid: Decimal
    can_edit: bool
    forms: dict[str, forms.Form] = field(default_factory=dict)
    open_form: str = ""  # the form that was refused, shown open


def _panel(
    request: AuthenticatedHttpRequest,
    case: Case,
    perms: CasePermissions,
    t: Traineeship,
    bound: dict[str, forms.Form],
    pay_row: int | None,
) -> Panel:
    today = timezone.localdate()
    # Only this case's traineeships are edited here; another case's are shown read-only.
    can_edit = perms.can_edit and t.case_id == case.pk
    panel = Panel(t, selectors.attendance_ledger(t), selectors.commitment_paid(t), can_edit)
    if can_edit:
        version = {"version": t.version}
        status = t.status
        if status == TraineeshipStatus.PLANNED:
            panel.forms["edit"] = TraineeshipEditForm(
                case=case,
                user=request.user,
                initial=TraineeshipForm.initial_for(t),
                prefix=f"edit-{t.pk}",
            )
            panel.forms["start"] = StartForm(case=case, initial=version, prefix=f"start-{t.pk}")
        if status == TraineeshipStatus.ACTIVE:
            panel.forms["suspend"] = SuspendForm(initial=version, prefix=f"suspend-{t.pk}")
        if status == TraineeshipStatus.SUSPENDED:
            panel.forms["resume"] = ResumeForm(initial=version, prefix=f"resume-{t.pk}")
        if not t.is_closed:
            ended = min(today, t.ends_on)
            panel.forms["close"] = CloseForm(
                initial=version | {"ended_on": ended}, prefix=f"close-{t.pk}"
            )
        if t.started_at is not None:
            panel.forms["attendance"] = AttendanceForm(
                initial={"month": today.replace(day=1), "hours_planned": t.hours_per_week * 4},
                prefix=f"attendance-{t.pk}",
            )
        for month in panel.ledger.months:
            if month.payable:
                month.form = PayForm(row_id=month.row.pk, today=today)
    for name, form in bound.items():
        if name == "pay":
            for month in panel.ledger.months:
                if month.row.pk == pay_row:
                    month.form = form
        else:
            panel.forms[name] = form
        panel.open_form = name
    return panel


def _page(
    request: AuthenticatedHttpRequest,
    case: Case,
    perms: CasePermissions,
    *,
    status: int = 200,
    create_form: TraineeshipForm | None = None,
    form_for: int | None = None,
    pay_row: int | None = None,
    bound: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    rows = list(selectors.person_traineeships(user=request.user, case=case))
    panels = [
        _panel(request, case, perms, t, (bound or {}) if t.pk == form_for else {}, pay_row)
        for t in rows
    ]
    context: dict[str, Any] = {
        "case": case,
        "perms": perms,
        "can_edit": perms.can_edit and case.person_id is not None,
        "rows": rows,
        "panels": panels,
        "rule": rule_for(case.hub.region),
        "form": create_form or TraineeshipForm(case=case, user=request.user),
    }
    return render(request, "traineeships/case.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def case_traineeships(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)
    if request.method == "GET":
        return _page(request, case, perms)
    if not perms.can_edit:
        raise PermissionDenied
    form = TraineeshipForm(request.POST, case=case, user=request.user)
    if form.is_valid():
        try:
            made = services.traineeship_create(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Tirocinio programmato."))
            return _to(made)
    return _page(request, case, perms, status=400, create_form=form)


def _to(t: Traineeship) -> HttpResponseRedirect:
    url = reverse("traineeships:case", args=[t.case_id])
    return redirect(f"{url}#tirocinio-{t.pk}")


def _traineeship(
    request: AuthenticatedHttpRequest, pk: int
) -> tuple[Traineeship, Case, CasePermissions]:
    """The traineeship through its case (404 outside the user's cases, 403 if they may only
    read it)."""
    t = get_object_or_404(
        Traineeship.objects.select_related("employer", "site", "commitment"), pk=pk
    )
    case, perms = case_read(user=request.user, pk=t.case_id, purpose=PURPOSE)
    if not perms.can_edit:
        raise PermissionDenied
    t.case = case
    return t, case, perms


def _act(
    request: AuthenticatedHttpRequest,
    pk: int,
    name: str,
    make: Callable[[Any, Case], forms.Form],
    call: Callable[[Traineeship, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    t, case, perms = _traineeship(request, pk)
    form = make(request.POST, case)
    if form.is_valid():
        try:
            call(t, form.cleaned_data)
        except StaleEditError as exc:
            # The user's values with the stored version: resubmitting is a deliberate choice.
            data = request.POST.copy()
            data[form.add_prefix("version")] = str(exc.current.version)
            form = make(data, case)
            form.is_valid()
            form.add_error(None, exc)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, done)
            return _to(t)
    return _page(request, case, perms, status=400, form_for=t.pk, bound={name: form})


@login_required
@require_POST
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def call(row: Traineeship, data: dict[str, Any]) -> object:
        values = dict(data)
        version = values.pop("version")
        return services.traineeship_update(
            actor=request.user, traineeship=row, expected_version=version, **values
        )

    def make(data: Any, case: Case) -> forms.Form:
        return TraineeshipEditForm(data, case=case, user=request.user, prefix=f"edit-{pk}")

    return _act(request, pk, "edit", make, call, _("Tirocinio aggiornato."))


@login_required
@require_POST
def start(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def call(row: Traineeship, data: dict[str, Any]) -> object:
        return lifecycle.traineeship_start(
            actor=request.user,
            traineeship=row,
            goal=data["goal"],
            expected_version=data["version"],
        )

    def make(data: Any, case: Case) -> forms.Form:
        return StartForm(data, case=case, prefix=f"start-{pk}")

    return _act(
        request, pk, "start", make, call, _("Tirocinio avviato: indennità chiesta al budget.")
    )


@login_required
@require_POST
def suspend(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def call(row: Traineeship, data: dict[str, Any]) -> object:
        return lifecycle.traineeship_suspend(
            actor=request.user,
            traineeship=row,
            reason=data["reason"],
            expected_version=data["version"],
        )

    def make(data: Any, case: Case) -> forms.Form:
        return SuspendForm(data, prefix=f"suspend-{pk}")

    return _act(request, pk, "suspend", make, call, _("Tirocinio sospeso."))


@login_required
@require_POST
def resume(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def call(row: Traineeship, data: dict[str, Any]) -> object:
        return lifecycle.traineeship_resume(
            actor=request.user, traineeship=row, expected_version=data["version"]
        )

    def make(data: Any, case: Case) -> forms.Form:
        return ResumeForm(data, prefix=f"resume-{pk}")

    return _act(request, pk, "resume", make, call, _("Tirocinio ripreso."))


@login_required
@require_POST
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def call(row: Traineeship, data: dict[str, Any]) -> object:
        values = dict(data)
        return lifecycle.traineeship_close(
            actor=request.user,
            traineeship=row,
            expected_version=values.pop("version"),
            **values,
        )

    def make(data: Any, case: Case) -> forms.Form:
        return CloseForm(data, prefix=f"close-{pk}")

    return _act(request, pk, "close", make, call, _("Tirocinio chiuso con l'esito."))


@login_required
@require_POST
def attendance_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def call(row: Traineeship, data: dict[str, Any]) -> object:
        return attendance.attendance_record(actor=request.user, traineeship=row, **data)

    def make(data: Any, case: Case) -> forms.Form:
        return AttendanceForm(data, prefix=f"attendance-{pk}")

    return _act(request, pk, "attendance", make, call, _("Presenze del mese registrate."))


@login_required
@require_POST
def pay(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(AttendanceMonth, pk=pk)
    t, case, perms = _traineeship(request, row.traineeship_id)
    row.traineeship = t
    form = PayForm(request.POST, row_id=row.pk)
    if form.is_valid():
        try:
            attendance.month_pay(actor=request.user, attendance=row, **form.cleaned_data)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Indennità del mese pagata dal budget di integrazione."))
            return _to(t)
    return _page(
        request, case, perms, status=400, form_for=t.pk, pay_row=row.pk, bound={"pay": form}
    )
