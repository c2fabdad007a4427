"""Job placements: the list with the six-month checks due (/lavoro/inserimenti/), and the
case's own proposals and jobs (recorded by hand, ended, checked at six months)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from approdo.cases.models import Case
from approdo.cases.permissions import CasePermissions
from approdo.cases.selectors import case_list, case_read, readable_case_ids
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.core.views_helpers import submit_posted_form
from approdo.jobs import employer_selectors as sel
from approdo.jobs import placements
from approdo.jobs.models import JobPlacement, MatchProposal
from approdo.jobs.placement_forms import EndForm, FollowUpForm, PlacementForm, ProposeForm

PURPOSE = "job placement"
DUE_SOON_DAYS = 30


def placements_of(case: Case) -> Any:
    """The person's jobs, from every case (a new case elsewhere still sees the earlier ones)."""
    return JobPlacement.objects.filter(person=case.person).select_related(
        "employer", "occupation", "vacancy", "follow_up_task"
    )


def proposals_of(case: Case) -> Any:
    return (
        MatchProposal.objects.filter(person=case.person)
        .exclude(status="superseded")
        .select_related("vacancy__employer", "vacancy__site__municipality")
        .order_by("-created_at")
    )


def propose_form(data: Any = None) -> ProposeForm:
    return ProposeForm(data, vacancies=sel.matchable_vacancies())


@login_required
@require_GET
def placement_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Jobs of the cases the viewer may read, the checks overdue and due first."""
    cases = case_list(user=request.user)
    today = timezone.localdate()
    rows = JobPlacement.objects.filter(case__in=cases.values("pk")).select_related(
        "case", "person", "employer", "occupation"
    )
    show = request.GET.get("show", "due")
    if show == "due":
        rows = rows.filter(follow_up="", follow_up_due_on__lte=today + dt.timedelta(DUE_SOON_DAYS))
    elif show == "active":
        rows = rows.filter(placements.active_placements_q(today))
    rows = rows.order_by("follow_up_due_on", "pk")
    listed = list(rows[:500])
    readable = readable_case_ids(user=request.user, case_ids=[r.case_id for r in listed])
    return render(
        request,
        "jobs/placements.html",
        {
            "rows": [r for r in listed if r.case_id in readable],
            "hidden": sum(1 for r in listed if r.case_id not in readable),
            "show": show,
            "today": today,
        },
    )


def _editable(request: AuthenticatedHttpRequest, case_pk: int) -> tuple[Case, CasePermissions]:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)
    if not perms.can_edit:
        raise PermissionDenied
    return case, perms


@login_required
@require_POST
def proposal_create(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = _editable(request, case_pk)
    form = propose_form(request.POST)
    if form.is_valid():
        try:
            placements.proposal_create(
                actor=request.user,
                case=case,
                vacancy=form.cleaned_data["vacancy"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Persona proposta per l'offerta."))
            return redirect("jobs:case", case_pk=case.pk)
    from approdo.jobs.profile_views import render_case_page

    return render_case_page(request, case, perms, status=400, propose_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def placement_create(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = _editable(request, case_pk)
    if case.person_id is None:
        raise Http404
    form = PlacementForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            placements.placement_create(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Lavoro registrato: la verifica a 6 mesi è tra le attività del caso."),
            )
            return redirect("jobs:case", case_pk=case.pk)
    return render(
        request,
        "jobs/placement_form.html",
        {"case": case, "perms": perms, "form": form},
        status=400 if form.is_bound else 200,
    )


def _placement(request: AuthenticatedHttpRequest, pk: int) -> tuple[JobPlacement, CasePermissions]:
    placement = JobPlacement.objects.select_related("employer", "occupation").filter(pk=pk).first()
    if placement is None:
        raise Http404
    case, perms = _editable(request, placement.case_id)
    placement.case = case
    return placement, perms


def _placement_action(
    request: AuthenticatedHttpRequest,
    pk: int,
    form_class: type[forms.Form],
    call: Any,
    done: str,
    title: str,
) -> HttpResponse:
    placement, perms = _placement(request, pk)

    def service(data: dict[str, Any]) -> object:
        version = data.pop("version")
        return call(placement, version, data)

    ok, form = submit_posted_form(request, form_class, service, done)
    if ok:
        return redirect("jobs:case", case_pk=placement.case_id)
    context = {
        "case": placement.case,
        "perms": perms,
        "placement": placement,
        "form": form,
        "title": title,
    }
    return render(request, "jobs/placement_action.html", context, status=400)


@login_required
@require_POST
def placement_end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def call(p: JobPlacement, version: int, data: dict[str, Any]) -> object:
        return placements.placement_end(
            actor=request.user, placement=p, expected_version=version, **data
        )

    return _placement_action(
        request, pk, EndForm, call, _("Fine del lavoro registrata."), _("Fine del lavoro")
    )


@login_required
@require_POST
def placement_follow_up(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def call(p: JobPlacement, version: int, data: dict[str, Any]) -> object:
        return placements.placement_follow_up(
            actor=request.user, placement=p, expected_version=version, **data
        )

    return _placement_action(
        request,
        pk,
        FollowUpForm,
        call,
        _("Verifica a 6 mesi registrata."),
        _("Verifica a 6 mesi"),
    )
