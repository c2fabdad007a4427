"""Pages of the individual plan (PAI) of a case.

Views read through plans.selectors (which go through cases.selectors.case_read: 404 outside
scope, 403 for monitors and hub colleagues outside the team, AccessLog row), then call one
service. Service errors are shown on the form's fields, or as a message on the plan page.
"""

from __future__ import annotations

from collections.abc import Callable
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
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from approdo.cases.models import Case
from approdo.cases.permissions import CasePermissions, require_edit
from approdo.cases.selectors import case_read
from approdo.core.concurrency import StaleEditError
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.core.views_helpers import run_service, submit_form
from approdo.plans import selectors, services
from approdo.plans.forms import (
    ActionForm,
    ActionStatusForm,
    AgreementForm,
    GoalForm,
    IntervalForm,
    ReviewForm,
    VersionStepForm,
)
from approdo.plans.models import ActionStatus, Goal, PlanArea, PlanVersion
from approdo.plans.pdf import plan_pdf
from approdo.plans.pdf_labels import LABELS, LANGUAGE_NAMES


def _back(case_pk: int) -> HttpResponse:
    return redirect("plans:case", case_pk)


def by_area(goals: list[Goal]) -> list[tuple[str, list[Goal]]]:
    """Goals grouped by area, in the areas' fixed order."""
    groups: list[tuple[str, list[Goal]]] = []
    for area in PlanArea:
        rows = [g for g in goals if g.area == area.value]
        if rows:
            groups.append((str(area.label), rows))
    return groups


@login_required
@require_GET
def plan_case(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=selectors.CASE_PURPOSE)
    versions = list(selectors.plan_versions(perms))
    current = selectors.current_version(versions)
    goals = list(current.goals.all()) if current else []
    context: dict[str, Any] = {
        "case": case,
        "perms": perms,
        "plan": selectors.plan_of(perms),
        "versions": versions,
        "current": current,
        "approved": selectors.approved_version(versions),
        "groups": by_area(goals),
        "reviews": selectors.plan_reviews(perms),
        "pdf_languages": [(c, LANGUAGE_NAMES[c]) for c in selectors.pdf_languages(case)],
        "action_statuses": ActionStatus.choices,
        "can_edit": perms.can_edit,
        "can_approve": perms.can_edit and perms.is_coordinator,
    }
    return render(request, "plans/plan_case.html", context)


def _form_page(
    request: AuthenticatedHttpRequest,
    *,
    case: Case,
    perms: CasePermissions,
    form: forms.BaseForm,
    title: str,
    testid: str,
    current: Any = None,
) -> HttpResponse:
    context = {
        "case": case,
        "perms": perms,
        "form": form,
        "title": title,
        "testid": testid,
        "current": current,
        "back": reverse("plans:case", args=[case.pk]),
    }
    return render(request, "plans/form.html", context, status=200)


def _saved_or_form(
    request: AuthenticatedHttpRequest,
    *,
    case: Case,
    perms: CasePermissions,
    form: forms.BaseForm,
    save: Callable[[dict[str, Any]], object],
    done: str,
    title: str,
    testid: str,
) -> HttpResponse:
    """Save a valid form through one service and go back to the plan, or show the form."""
    if submit_form(request, form, save, done):
        return _back(case.pk)
    return _form_page(request, case=case, perms=perms, form=form, title=title, testid=testid)


@login_required
@require_POST
def plan_start(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, _perms = case_read(user=request.user, pk=case_pk, purpose=selectors.CASE_PURPOSE)
    run_service(
        request,
        lambda: services.plan_start(actor=request.user, case=case),
        _("PAI avviato: aggiungi gli obiettivi."),
    )
    return _back(case_pk)


@login_required
@require_http_methods(["GET", "POST"])
def goal_add(request: AuthenticatedHttpRequest, case_pk: int, version_pk: int) -> HttpResponse:
    got = selectors.version_get(user=request.user, case_pk=case_pk, pk=version_pk)
    require_edit(got.perms)
    return _saved_or_form(
        request,
        case=got.case,
        perms=got.perms,
        form=GoalForm(request.POST or None),
        save=lambda data: services.goal_add(
            actor=request.user,
            version=got.version,
            area=data["area"],
            title=data["title"],
            description=data["description"],
            target_on=data["target_on"],
        ),
        done=_("Obiettivo aggiunto."),
        title=_("Nuovo obiettivo"),
        testid="goal-form",
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: AuthenticatedHttpRequest, case_pk: int, pk: int) -> HttpResponse:
    case, perms, goal = selectors.goal_get(user=request.user, case_pk=case_pk, pk=pk)
    require_edit(perms)
    current: Goal | None = None
    if request.method != "POST":
        form = GoalForm(
            initial={
                "version": goal.version,
                "area": goal.area,
                "title": goal.title,
                "description": goal.description,
                "target_on": goal.target_on,
            }
        )
    else:
        form = GoalForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.goal_update(
                    actor=request.user,
                    goal=goal,
                    expected_version=data["version"] or 0,
                    area=data["area"],
                    title=data["title"],
                    description=data["description"],
                    target_on=data["target_on"],
                )
            except StaleEditError as exc:
                # Show the stored values; the form now carries their version, so saving
                # again overwrites them knowingly.
                current = Goal.objects.get(pk=goal.pk)
                data_now = request.POST.copy()
                data_now["version"] = str(current.version)
                form = GoalForm(data_now)
                form.is_valid()
                attach_service_errors(form, exc)
            except ValidationError as exc:
                attach_service_errors(form, exc)
            else:
                messages.success(request, _("Obiettivo modificato."))
                return _back(case_pk)
    return _form_page(
        request,
        case=case,
        perms=perms,
        form=form,
        title=_("Modifica l'obiettivo"),
        testid="goal-edit-form",
        current=current,
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_add(request: AuthenticatedHttpRequest, case_pk: int, goal_pk: int) -> HttpResponse:
    case, perms, goal = selectors.goal_get(user=request.user, case_pk=case_pk, pk=goal_pk)
    require_edit(perms)
    return _saved_or_form(
        request,
        case=case,
        perms=perms,
        form=ActionForm(request.POST or None, team=selectors.responsible_choices(case)),
        save=lambda data: services.action_add(actor=request.user, goal=goal, **data),
        done=_("Azione aggiunta."),
        title=_("Nuova azione per «%(goal)s»") % {"goal": goal.title},
        testid="action-form",
    )


@login_required
@require_POST
def action_status(request: AuthenticatedHttpRequest, case_pk: int, pk: int) -> HttpResponse:
    _case, _perms, action = selectors.action_get(user=request.user, case_pk=case_pk, pk=pk)
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Scegli lo stato dell'azione."))
        return _back(case_pk)
    run_service(
        request,
        lambda: services.action_set_status(
            actor=request.user,
            action=action,
            status=form.cleaned_data["status"],
            expected_version=form.cleaned_data["version"],
        ),
        _("Stato dell'azione aggiornato."),
    )
    return _back(case_pk)


@login_required
@require_http_methods(["GET", "POST"])
def agreement(request: AuthenticatedHttpRequest, case_pk: int, version_pk: int) -> HttpResponse:
    got = selectors.version_get(user=request.user, case_pk=case_pk, pk=version_pk)
    require_edit(got.perms)
    version = got.version
    initial = {"version": version.version, "agreed_on": timezone.localdate()}
    return _saved_or_form(
        request,
        case=got.case,
        perms=got.perms,
        form=AgreementForm(request.POST or None, initial=initial),
        save=lambda data: services.agreement_record(
            actor=request.user,
            version=version,
            agreed_on=data["agreed_on"],
            kind=data["kind"],
            note=data["note"],
            expected_version=data["version"],
        ),
        done=_("Adesione della persona registrata."),
        title=_("Adesione della persona al PAI v%(n)s") % {"n": version.number},
        testid="agreement-form",
    )


@login_required
@require_http_methods(["GET", "POST"])
def interval(request: AuthenticatedHttpRequest, case_pk: int, version_pk: int) -> HttpResponse:
    got = selectors.version_get(user=request.user, case_pk=case_pk, pk=version_pk)
    require_edit(got.perms)
    version = got.version
    initial = {"version": version.version, "review_every_weeks": version.review_every_weeks}
    return _saved_or_form(
        request,
        case=got.case,
        perms=got.perms,
        form=IntervalForm(request.POST or None, initial=initial),
        save=lambda data: services.review_interval_set(
            actor=request.user,
            version=version,
            weeks=data["review_every_weeks"],
            expected_version=data["version"],
        ),
        done=_("Intervallo delle verifiche aggiornato."),
        title=_("Ogni quanto si verifica il PAI"),
        testid="interval-form",
    )


def _version_step(
    request: AuthenticatedHttpRequest,
    case_pk: int,
    version_pk: int,
    step: Callable[..., object],
    done: str,
) -> HttpResponse:
    """Submit or approve a plan version: `step` is the service, `done` its success message."""
    got = selectors.version_get(user=request.user, case_pk=case_pk, pk=version_pk)
    form = VersionStepForm(request.POST)
    expected = form.cleaned_data["version"] if form.is_valid() else None
    run_service(
        request,
        lambda: step(actor=request.user, version=got.version, expected_version=expected),
        done,
    )
    return _back(case_pk)


@login_required
@require_POST
def plan_submit(request: AuthenticatedHttpRequest, case_pk: int, version_pk: int) -> HttpResponse:
    done = _("PAI inviato al coordinatore per l'approvazione.")
    return _version_step(request, case_pk, version_pk, services.plan_submit, done)


@login_required
@require_POST
def plan_approve(request: AuthenticatedHttpRequest, case_pk: int, version_pk: int) -> HttpResponse:
    return _version_step(request, case_pk, version_pk, services.plan_approve, _("PAI approvato."))


@login_required
@require_POST
def plan_new_draft(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    _case, perms = case_read(user=request.user, pk=case_pk, purpose=selectors.CASE_PURPOSE)
    plan = selectors.plan_of(perms)
    if plan is None:
        messages.error(request, _("Questa presa in carico non ha ancora un PAI."))
        return _back(case_pk)
    run_service(
        request,
        lambda: services.plan_new_draft(actor=request.user, plan=plan),
        _("Nuova bozza creata dalla versione approvata."),
    )
    return _back(case_pk)


@login_required
@require_http_methods(["GET", "POST"])
def review_record(request: AuthenticatedHttpRequest, case_pk: int, version_pk: int) -> HttpResponse:
    got = selectors.version_get(user=request.user, case_pk=case_pk, pk=version_pk)
    require_edit(got.perms)
    goals = list(got.version.goals.all())
    form = ReviewForm(request.POST or None, goals=goals, initial={"held_on": timezone.localdate()})
    return _saved_or_form(
        request,
        case=got.case,
        perms=got.perms,
        form=form,
        save=lambda data: services.review_record(
            actor=request.user,
            version=got.version,
            held_on=data["held_on"],
            kind=data["kind"],
            note=data["note"],
            progress=form.progress(),
        ),
        done=_("Verifica registrata."),
        title=_("Verifica del PAI v%(n)s") % {"n": got.version.number},
        testid="review-form",
    )


@login_required
@require_GET
def pdf(request: AuthenticatedHttpRequest, case_pk: int, version_pk: int) -> HttpResponse:
    got = selectors.version_get(
        user=request.user, case_pk=case_pk, pk=version_pk, purpose=selectors.PDF_PURPOSE
    )
    lang = request.GET.get("lang", "it")
    if lang not in LABELS:
        lang = "it"
    version: PlanVersion = got.version
    body = plan_pdf(case=got.case, version=version, lang=lang)
    response = HttpResponse(body, content_type="application/pdf")
    name = f"PAI-{got.case.reference}-v{version.number}-{lang}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
