"""The "Formazione" tab of a case: orientation sessions, skills assessments, enrolments with
attendance and outcome, and the forms to record them.

Every page reads the case through case_read (scoped, logged); each form posts to its own route
and calls one service. A form with errors comes back on the page with its errors, the user's
values and status 400; a stale version is refused with a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from approdo.cases.models import Case
from approdo.cases.permissions import CasePermissions
from approdo.cases.selectors import case_read
from approdo.core.concurrency import StaleEditError
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.training import case_services, enrolments
from approdo.training import selectors as sel
from approdo.training.case_forms import (
    AssessmentForm,
    EnrolForm,
    OrientationForm,
    OutcomeForm,
    WithdrawForm,
)
from approdo.training.models import CourseKind, Enrolment, OrientationSession

PURPOSE = "training"


@dataclass
class EnrolmentRow:
    enrolment: Enrolment
    hours: Decimal
    pct: Decimal
    outcome_form: OutcomeForm | None
    withdraw_form: WithdrawForm | None


def _rows(case: Case, can_edit: bool, bound: dict[str, Any]) -> list[EnrolmentRow]:
    form_for = bound.get("form_for")
    rows = []
    for enrolment in sel.case_enrolments(case):
        course = enrolment.course
        hours: Decimal = enrolment.hours_attended  # type: ignore[attr-defined]
        pct = sel.attendance_pct(hours, course.total_hours)
        live = can_edit and enrolment.is_active
        initial = {"version": enrolment.version, "cefr_reached": course.cefr_target}
        mine = form_for == enrolment.pk
        rows.append(
            EnrolmentRow(
                enrolment=enrolment,
                hours=hours,
                pct=pct,
                outcome_form=(bound.get("outcome_form") if mine else None)
                or (OutcomeForm(initial=initial, prefix=f"o{enrolment.pk}") if live else None),
                withdraw_form=(bound.get("withdraw_form") if mine else None)
                or (WithdrawForm(initial=initial, prefix=f"w{enrolment.pk}") if live else None),
            )
        )
    return rows


def _page(
    request: AuthenticatedHttpRequest,
    case: Case,
    perms: CasePermissions,
    status: int = 200,
    **bound: Any,
) -> HttpResponse:
    context: dict[str, Any] = {"case": case, "perms": perms, "can_edit": perms.can_edit}
    if case.person_id is not None:
        staff = sel.hub_staff(case, also=request.user)
        context.update(
            {
                "orientations": sel.case_orientations(case),
                "assessments": sel.case_assessments(case),
                "enrolments": _rows(case, perms.can_edit, bound),
                "orientation_form": bound.get("orientation_form")
                or OrientationForm(staff=staff, initial={"led_by": request.user.pk}),
                "assessment_form": bound.get("assessment_form")
                or AssessmentForm(staff=staff, initial={"assessed_by": request.user.pk}),
                "enrol_form": bound.get("enrol_form")
                or EnrolForm(courses=sel.enrollable_courses()),
                "italian": CourseKind.ITALIAN,
            }
        )
    return render(request, "training/case.html", context, status=status)


@login_required
@require_GET
def case_training(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)
    return _page(request, case, perms)


def _editable(request: AuthenticatedHttpRequest, case_pk: int) -> tuple[Case, CasePermissions]:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)
    if not perms.can_edit:
        raise PermissionDenied
    return case, perms


def _done(case: Case, request: AuthenticatedHttpRequest, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("training:case", case_pk=case.pk)


@login_required
@require_POST
def orientation_add(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = _editable(request, case_pk)
    form = OrientationForm(request.POST, staff=sel.hub_staff(case, also=request.user))
    if form.is_valid():
        try:
            case_services.orientation_create(actor=request.user, case=case, **form.service_values())
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            return _done(case, request, _("Sessione di orientamento registrata."))
    return _page(request, case, perms, status=400, orientation_form=form)


@login_required
@require_POST
def assessment_add(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = _editable(request, case_pk)
    form = AssessmentForm(request.POST, staff=sel.hub_staff(case, also=request.user))
    if form.is_valid():
        try:
            case_services.assessment_create(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            return _done(case, request, _("Valutazione delle competenze registrata."))
    return _page(request, case, perms, status=400, assessment_form=form)


@login_required
@require_POST
def enrol(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = _editable(request, case_pk)
    # Any course open to enrolment is accepted here, a full one too: the service refuses it
    # with the seats, where the select would only say "not a valid choice".
    form = EnrolForm(request.POST, courses=sel.course_list(user=request.user))
    if form.is_valid():
        try:
            enrolments.enrol(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            return _done(case, request, _("Iscrizione registrata."))
    # The course chosen stays chosen, even when it is full (the error says so next to it).
    raw = str(request.POST.get("course", ""))
    form.fields["course"].queryset = sel.enrollable_courses(  # type: ignore[attr-defined]
        include=int(raw) if raw.isdigit() and len(raw) < 19 else None
    )
    return _page(request, case, perms, status=400, enrol_form=form)


def _enrolment(
    request: AuthenticatedHttpRequest, pk: int
) -> tuple[Enrolment, Case, CasePermissions]:
    enrolment = get_object_or_404(Enrolment.objects.select_related("course"), pk=pk)
    case, perms = case_read(user=request.user, pk=enrolment.case_id, purpose=PURPOSE)
    if not perms.can_edit:
        raise PermissionDenied
    enrolment.case = case
    return enrolment, case, perms


def _enrolment_submit(
    request: AuthenticatedHttpRequest,
    pk: int,
    form_class: type[forms.Form],
    prefix: str,
    name: str,
    call: Any,
    done: str,
) -> HttpResponse:
    enrolment, case, perms = _enrolment(request, pk)
    form = form_class(request.POST, prefix=f"{prefix}{pk}")
    if form.is_valid():
        try:
            call(enrolment, form.cleaned_data)
        except StaleEditError as exc:
            form.add_error(None, exc)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            return _done(case, request, done)
    return _page(request, case, perms, status=400, form_for=pk, **{name: form})


@login_required
@require_POST
def outcome(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def call(enrolment: Enrolment, data: dict[str, Any]) -> object:
        return enrolments.enrolment_outcome(
            actor=request.user,
            enrolment=enrolment,
            outcome=data["outcome"],
            outcome_on=data["outcome_on"],
            cefr_reached=data["cefr_reached"],
            certificate_issued_on=data["certificate_issued_on"],
            note=data["note"],
            expected_version=data["version"],
        )

    return _enrolment_submit(
        request, pk, OutcomeForm, "o", "outcome_form", call, _("Esito registrato.")
    )


@login_required
@require_POST
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def call(enrolment: Enrolment, data: dict[str, Any]) -> object:
        return enrolments.enrolment_withdraw(
            actor=request.user,
            enrolment=enrolment,
            reason=data["reason"],
            expected_version=data["version"],
        )

    return _enrolment_submit(
        request, pk, WithdrawForm, "w", "withdraw_form", call, _("Iscrizione ritirata.")
    )


@login_required
@require_http_methods(["GET", "POST"])
def orientation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Correct an orientation session (the case's team), at the version read."""
    session = get_object_or_404(OrientationSession, pk=pk)
    case, perms = case_read(user=request.user, pk=session.case_id, purpose=PURPOSE)
    if not perms.can_edit:
        raise PermissionDenied
    session.case = case
    staff = sel.hub_staff(case, also=request.user)
    current: OrientationSession | None = None
    if request.method == "GET":
        form = OrientationForm(initial=OrientationForm.initial_for(session), staff=staff)
        context = {"case": case, "perms": perms, "session": session, "form": form}
        return render(request, "training/orientation_edit.html", context)
    form = OrientationForm(request.POST, staff=staff)
    if form.is_valid():
        try:
            case_services.orientation_update(
                actor=request.user,
                session=session,
                expected_version=form.cleaned_data["version"] or 0,
                **form.service_values(),
            )
        except StaleEditError as exc:
            current = OrientationSession.objects.get(pk=pk)
            data = request.POST.copy()
            data["version"] = str(current.version)
            form = OrientationForm(data, staff=staff)
            form.is_valid()
            form.add_error(None, exc)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            return _done(case, request, _("Sessione di orientamento aggiornata."))
    context = {"case": case, "perms": perms, "session": session, "form": form, "current": current}
    return render(request, "training/orientation_edit.html", context, status=400)
