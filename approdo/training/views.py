"""Pages of the course catalogue under /lavoro/formazione/: the list with filters, a course
with its lessons and the people enrolled, the course form, and a lesson's register.

Thin: a form, one service or selector, a page. Bad input answers the page again with the
errors and status 400, never a 500; a stale edit shows the values someone else saved. A course
shows a person's name only to who may read their case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BoundField
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from approdo.core.concurrency import StaleEditError
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.training import selectors as sel
from approdo.training import services
from approdo.training.forms import (
    CourseFilterForm,
    CourseForm,
    RegisterForm,
    SessionForm,
    StatusForm,
    hours_field,
    status_field,
)
from approdo.training.models import Attendance, Course, CourseSession, CourseStatus, Enrolment

PAGE_SIZE = 200


@login_required
@require_GET
def courses(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The network's catalogue, filtered, with the seats left."""
    sel.require_read(request.user)
    filters = CourseFilterForm(request.GET or None)
    rows = sel.course_list(user=request.user, **filters.filters())
    status = 400 if filters.is_bound and not filters.is_valid() else 200
    context = {
        "filters": filters,
        "rows": rows[:PAGE_SIZE],
        "total": rows.count(),
        "can_create": sel.can_create(request.user),
    }
    return render(request, "training/courses.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def course_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    sel.require_read(request.user)
    if not sel.can_create(request.user):
        raise PermissionDenied
    form = CourseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_create(
                actor=request.user, status=form.cleaned_data["status"], **form.service_values()
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Corso aggiunto al catalogo."))
            return redirect("training:course", pk=course.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "training/course_form.html", {"form": form}, status=status)


def _course_page(
    request: AuthenticatedHttpRequest,
    course: Course,
    *,
    status: int = 200,
    **bound: Any,
) -> HttpResponse:
    can_edit = sel.can_edit_course(request.user, course)
    context: dict[str, Any] = {
        "course": course,
        "sessions": sel.course_sessions(course),
        "held_hours": sel.held_hours(course),
        "enrolled": sel.course_enrolments(user=request.user, course=course),
        "can_edit": can_edit and course.status not in services.CLOSED,
        "status_form": StatusForm(course=course),
        "session_form": SessionForm(),
    }
    context.update(bound)
    return render(request, "training/course.html", context, status=status)


@login_required
@require_GET
def course_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _course_page(request, sel.course_get(user=request.user, pk=pk))


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    course = sel.course_get(user=request.user, pk=pk)
    sel.require_edit_course(request.user, course)
    current: Course | None = None
    if request.method == "GET":
        form = CourseForm(initial=CourseForm.initial_for(course), user=request.user, editing=True)
        return render(request, "training/course_form.html", {"form": form, "course": course})
    form = CourseForm(request.POST, user=request.user, editing=True)
    if form.is_valid():
        try:
            services.course_update(
                actor=request.user,
                course=course,
                expected_version=form.cleaned_data["version"] or 0,
                **form.service_values(),
            )
        except StaleEditError as exc:
            # Keep the user's values with the stored version, so resubmitting is deliberate.
            current = sel.course_get(user=request.user, pk=pk)
            data = request.POST.copy()
            data["version"] = str(current.version)
            form = CourseForm(data, user=request.user, editing=True)
            form.is_valid()
            form.add_error(None, exc)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Corso aggiornato."))
            return redirect("training:course", pk=pk)
    context = {"form": form, "course": course, "current": current}
    return render(request, "training/course_form.html", context, status=400)


@login_required
@require_POST
def course_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    course = sel.course_get(user=request.user, pk=pk)
    sel.require_edit_course(request.user, course)
    form = StatusForm(request.POST, course=course)
    if form.is_valid():
        try:
            services.course_set_status(
                actor=request.user,
                course=course,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Stato del corso aggiornato."))
            return redirect("training:course", pk=pk)
    return _course_page(request, course, status=400, status_form=form)


@login_required
@require_POST
def session_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    course = sel.course_get(user=request.user, pk=pk)
    sel.require_edit_course(request.user, course)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            services.session_add(actor=request.user, course=course, **form.cleaned_data)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Lezione aggiunta."))
            return redirect("training:course", pk=pk)
    return _course_page(request, course, status=400, session_form=form)


@login_required
@require_POST
def session_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(CourseSession, pk=pk)
    course = sel.course_get(user=request.user, pk=session.course_id)
    session.course = course
    try:
        services.session_remove(actor=request.user, session=session)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Lezione rimossa."))
    return redirect("training:course", pk=course.pk)


@dataclass
class RegisterLine:
    """A line of the register page: the person (if the viewer may read the case), what was
    written, and the form's fields for a live enrolment."""

    enrolment: Enrolment
    shown: sel.EnrolledRow | None
    line: Attendance | None
    status: BoundField | None
    hours: BoundField | None


def _line(
    form: RegisterForm,
    shown: dict[int, sel.EnrolledRow],
    enrolment: Enrolment,
    line: Attendance | None,
) -> RegisterLine:
    status, hours = status_field(enrolment), hours_field(enrolment)
    return RegisterLine(
        enrolment=enrolment,
        shown=shown.get(enrolment.pk),
        line=line,
        status=form[status] if status in form.fields else None,
        hours=form[hours] if hours in form.fields else None,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_register(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A lesson's register: who was there and for how many hours (the course's staff)."""
    session = get_object_or_404(CourseSession.objects.select_related("course"), pk=pk)
    course = sel.course_get(user=request.user, pk=session.course_id)
    session.course = course
    can_edit = sel.can_edit_course(request.user, course)
    lines = sel.session_register(session)
    form = RegisterForm(request.POST or None, session=session, lines=lines)
    status = 200
    if request.method == "POST":
        sel.require_edit_course(request.user, course)
        if form.is_valid():
            try:
                services.attendance_record(actor=request.user, session=session, rows=form.rows())
            except ValidationError as exc:
                attach_service_errors(form, exc)
            else:
                messages.success(request, _("Registro salvato."))
                return redirect("training:session", pk=pk)
        status = 400
    shown = {
        row.enrolment.pk: row for row in sel.course_enrolments(user=request.user, course=course)
    }
    context = {
        "session": session,
        "course": course,
        "form": form,
        "lines": [_line(form, shown, enrolment, line) for enrolment, line in lines],
        "held": session.date <= timezone.localdate(),
        "can_edit": can_edit and course.status != CourseStatus.CANCELLED,
    }
    return render(request, "training/session.html", context, status=status)
