"""Pages of social-agriculture projects under /lavoro/agricoltura-sociale/: the list with key
figures, a new project, and the project's page (its data, partners, participants, activities,
results). Thin: a form, one service or selector, a page. Bad input answers the page again
with the errors (400), never a 500; a stale edit shows the values someone else saved."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from approdo.core.concurrency import StaleEditError
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.socialfarming import permissions as perms
from approdo.socialfarming import selectors as sel
from approdo.socialfarming import services
from approdo.socialfarming.forms import (
    ActivityForm,
    EndForm,
    ParticipantForm,
    PartnerForm,
    ProjectFilterForm,
    ProjectForm,
    ResultForm,
)
from approdo.socialfarming.models import PilotProject
from approdo.socialfarming.participants import can_end

PAGE_SIZE = 200


@login_required
@require_GET
def projects(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The network's projects with filters and key figures."""
    perms.require_read(request.user)
    filters = ProjectFilterForm(request.GET or None)
    rows = list(sel.project_list(user=request.user, **filters.filters())[:PAGE_SIZE])
    results = sel.latest_results([p.pk for p in rows])
    for project in rows:
        project.targets = sel.targets_reached(results[project.pk])  # type: ignore[attr-defined]
    context = {
        "filters": filters,
        "rows": rows,
        "can_create": perms.can_create(request.user),
    }
    status = 400 if filters.is_bound and not filters.is_valid() else 200
    return render(request, "socialfarming/projects.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    perms.require_read(request.user)
    if not perms.can_create(request.user):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(actor=request.user, **form.service_values())
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Progetto registrato."))
            return redirect("socialfarming:project", pk=project.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "socialfarming/project_form.html", {"form": form}, status=status)


def detail_page(
    request: AuthenticatedHttpRequest,
    project: PilotProject,
    *,
    status: int = 200,
    current: PilotProject | None = None,
    end_form: tuple[int, forms.Form] | None = None,
    bound: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    """The project's page; `bound` holds a form the user just sent, with its errors, by name
    (project_form, partner_form, participant_form, activity_form, result_form)."""
    user = request.user
    bound = bound or {}
    can_write = perms.can_write(user, project)
    participants = sel.project_participants(user=user, project=project)
    results = list(sel.project_results(project))
    latest = sel.latest_results([project.pk])[project.pk]
    activities = sel.project_activities(project, participants)
    for row in participants.active_named:
        if can_end(user, row.participant):
            form: forms.Form = EndForm(
                initial={"version": row.participant.version}, prefix=f"end{row.participant.pk}"
            )
            if end_form is not None and end_form[0] == row.participant.pk:
                form = end_form[1]
            row.end_form = form  # type: ignore[attr-defined]
    participant_form = bound.get("participant_form")
    if participant_form is None and not project.is_closed:
        participant_form = ParticipantForm(user=user, initial=_preselected(request))
        if not participant_form.cases.exists():
            participant_form = None  # nobody of theirs to add
    context: dict[str, Any] = {
        "project": project,
        "can_write": can_write,
        "partners": project.partners.select_related("employer").order_by("from_on", "name"),
        "participants": participants,
        "activities": activities,
        "hours": sum((row.activity.hours for row in activities), Decimal(0)),
        "results": results,
        "latest": latest,
        "targets": sel.targets_reached(latest),
        "current": current,
        "participant_form": participant_form,
    }
    if can_write:
        context.update(
            project_form=bound.get("project_form") or ProjectForm(user=user, project=project),
            partner_form=bound.get("partner_form") or PartnerForm(),
            activity_form=bound.get("activity_form")
            or ActivityForm(choices=sel.attendee_choices(project, participants)),
            result_form=bound.get("result_form") or ResultForm(),
        )
    return render(request, "socialfarming/project.html", context, status=status)


def _preselected(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    # From the case's tab: "?case=<pk>" picks that case in the form (if the user may edit it).
    value = request.GET.get("case", "")
    return {"case": int(value)} if value.isdigit() and len(value) < 12 else {}


@login_required
@require_http_methods(["GET", "POST"])
def project(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    record = sel.project_get(user=request.user, pk=pk)
    if request.method == "GET":
        return detail_page(request, record)
    perms.require_write(request.user, record)
    form = ProjectForm(request.POST, user=request.user, project=record)
    current: PilotProject | None = None
    if form.is_valid():
        try:
            services.project_update(
                actor=request.user,
                project=record,
                expected_version=form.cleaned_data["version"] or 0,
                **form.service_values(),
            )
        except StaleEditError:
            current = sel.project_get(user=request.user, pk=pk)
            resubmit = request.POST.copy()
            resubmit["version"] = str(current.version)
            form = ProjectForm(resubmit, user=request.user, project=current)
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Qualcun altro ha modificato questo progetto mentre lo stavi modificando. "
                    "Controlla i valori attuali qui sotto e ripeti la modifica."
                ),
            )
            record = current
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Progetto aggiornato."))
            return redirect("socialfarming:project", pk=pk)
    return detail_page(request, record, status=400, current=current, bound={"project_form": form})
