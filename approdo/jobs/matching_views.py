"""The matching page (/lavoro/abbinamenti/) and the decisions on a proposal.

The page shows, for one hub, the latest run's suggestions with every factor explained, the
proposals in progress, and the flagged employers' vacancies that matching left out. People
appear only through cases the viewer may read. Each decision posts to its own route and calls
one service; a refused input re-renders the proposal's form page with a 400.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from approdo.cases.selectors import case_read, readable_case_ids
from approdo.core.types import AuthenticatedHttpRequest
from approdo.core.views_helpers import submit_posted_form
from approdo.jobs import employer_selectors as sel
from approdo.jobs import placements
from approdo.jobs.matching_runs import SKIP_REASONS, hubs_for, run_matching
from approdo.jobs.models import IN_PROGRESS, MatchProposal, MatchRun, ProposalStatus
from approdo.jobs.placement_forms import HireForm, InterviewForm, RefuseForm, RunForm, VersionForm

PURPOSE = "job matching"


def _proposals(user: Any, rows: Any) -> list[MatchProposal]:
    """Only proposals of cases the user may read: the rest are not even counted by name."""
    rows = list(rows)
    readable = readable_case_ids(user=user, case_ids=[p.case_id for p in rows])
    return [p for p in rows if p.case_id in readable]


@login_required
@require_GET
def matching(request: AuthenticatedHttpRequest) -> HttpResponse:
    hubs = hubs_for(request.user)
    if not hubs:
        raise PermissionDenied
    chosen = next((h for h in hubs if str(h.pk) == request.GET.get("hub")), hubs[0])
    run = MatchRun.objects.filter(hub=chosen).select_related("run_by").first()
    base = MatchProposal.objects.select_related(
        "person", "case", "vacancy__employer", "vacancy__site__municipality", "vacancy__occupation"
    )
    suggestions = (
        _proposals(request.user, base.filter(run=run, status=ProposalStatus.SUGGESTED))
        if run
        else []
    )
    in_progress = _proposals(
        request.user, base.filter(case__hub=chosen, status__in=IN_PROGRESS).order_by("-proposed_at")
    )
    flagged = sel.vacancy_list(user=request.user, open_only=True).filter(flagged=True)  # type: ignore[misc]
    skipped = [
        (SKIP_REASONS[key], n)
        for key, n in (run.skipped.items() if run else [])
        if key in SKIP_REASONS
    ]
    return render(
        request,
        "jobs/matching.html",
        {
            "hub": chosen,
            "hubs": hubs,
            "run": run,
            "gain": (run.total_fit - run.greedy_fit) if run else 0,
            "skipped": skipped,
            "suggestions": suggestions,
            "in_progress": in_progress,
            "flagged": flagged,
            "run_form": RunForm(hubs=hubs, initial={"hub": chosen}),
            "refuse_form": RefuseForm(),
            "interview_form": InterviewForm(),
        },
    )


@login_required
@require_POST
def matching_run(request: AuthenticatedHttpRequest) -> HttpResponse:
    hubs = hubs_for(request.user)
    form = RunForm(request.POST, hubs=hubs)
    if not form.is_valid():
        messages.error(request, _("Scegli un polo tra i tuoi."))
        return redirect("jobs:matching")
    hub = form.cleaned_data["hub"]
    result = run_matching(
        actor=request.user, hub=hub, housing_hard=form.cleaned_data["housing_hard"]
    )
    messages.success(
        request,
        _(
            "Calcolo fatto: %(matched)s abbinamenti proposti per %(people)s persone "
            "e %(seats)s posti."
        )
        % {"matched": result.run.matched, "people": result.run.people, "seats": result.run.seats},
    )
    return redirect(f"{reverse('jobs:matching')}?hub={hub.pk}")


def _proposal(request: AuthenticatedHttpRequest, pk: int) -> MatchProposal:
    proposal = (
        MatchProposal.objects.select_related(
            "vacancy__employer", "vacancy__agreement_rate", "vacancy__occupation", "case", "person"
        )
        .filter(pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404
    case, perms = case_read(user=request.user, pk=proposal.case_id, purpose=PURPOSE)
    if not perms.can_edit:
        raise PermissionDenied
    proposal.case = case
    return proposal


def _back(request: AuthenticatedHttpRequest, proposal: MatchProposal) -> HttpResponse:
    target = request.POST.get("next", "")
    if target == "case":
        return redirect("jobs:case", case_pk=proposal.case_id)
    return redirect(f"{reverse('jobs:matching')}?hub={proposal.case.hub_id}")


def _form_page(
    request: AuthenticatedHttpRequest, proposal: MatchProposal, form: forms.BaseForm, action: str
) -> HttpResponse:
    titles = {
        "interview": _("Colloquio"),
        "refuse": _("Esito negativo"),
        "hire": _("Assunzione"),
        "propose": _("Proposta"),
    }
    return render(
        request,
        "jobs/proposal_form.html",
        {
            "proposal": proposal,
            "form": form,
            "action": action,
            "title": titles[action],
            "next": request.POST.get("next", request.GET.get("next", "")),
        },
        status=400 if form.is_bound else 200,
    )


def _decide(
    request: AuthenticatedHttpRequest,
    pk: int,
    form_class: type[forms.Form],
    action: str,
    call: Any,
    done: str,
) -> HttpResponse:
    proposal = _proposal(request, pk)

    def service(data: dict[str, Any]) -> object:
        version = data.pop("version")
        return call(proposal, version, data)

    ok, form = submit_posted_form(request, form_class, service, done)
    if ok:
        return _back(request, proposal)
    return _form_page(request, proposal, form, action)


@login_required
@require_POST
def proposal_propose(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def call(p: MatchProposal, version: int, data: dict[str, Any]) -> object:
        return placements.proposal_propose(actor=request.user, proposal=p, expected_version=version)

    return _decide(request, pk, VersionForm, "propose", call, _("Persona proposta per l'offerta."))


@login_required
@require_POST
def proposal_interview(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def call(p: MatchProposal, version: int, data: dict[str, Any]) -> object:
        return placements.proposal_interview(
            actor=request.user, proposal=p, expected_version=version, **data
        )

    return _decide(request, pk, InterviewForm, "interview", call, _("Colloquio registrato."))


@login_required
@require_POST
def proposal_refuse(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def call(p: MatchProposal, version: int, data: dict[str, Any]) -> object:
        return placements.proposal_refuse(
            actor=request.user, proposal=p, expected_version=version, **data
        )

    return _decide(request, pk, RefuseForm, "refuse", call, _("Esito registrato."))


@login_required
@require_http_methods(["GET", "POST"])
def proposal_hire(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if request.method == "GET":
        proposal = _proposal(request, pk)
        initial = {**HireForm.initial_for(proposal.vacancy), "version": proposal.version}
        return _form_page(request, proposal, HireForm(initial=initial), "hire")

    def call(p: MatchProposal, version: int, data: dict[str, Any]) -> object:
        return placements.proposal_hire(
            actor=request.user, proposal=p, expected_version=version, **data
        )

    return _decide(
        request,
        pk,
        HireForm,
        "hire",
        call,
        _("Assunzione registrata: la verifica a 6 mesi è tra le attività del caso."),
    )
