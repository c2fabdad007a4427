"""The review queue: pairs that may be one person, side by side; merges, and undoing them.

Only coordinators (selectors.review_node_ids): everyone else gets a 403. A pair or a merge
outside the reviewer's places is a 404. Decisions go through services at the version shown.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from approdo.accounts import access
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.linkage import selectors, services
from approdo.linkage.forms import STATUS_CHOICES, DecisionForm, QueueFilterForm, UnmergeForm
from approdo.linkage.merge import unmerge_people
from approdo.linkage.models import CandidateStatus, LinkCandidate
from approdo.linkage.tasks import relink_all_task
from approdo.people.selectors import can_read_person

PAGE_SIZE = 50


@login_required
@require_GET
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    status = status or CandidateStatus.PENDING
    rows = selectors.candidate_queue(user=request.user, status=status)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "linkage/queue.html",
        {
            "page": page,
            "status": status,
            "statuses": STATUS_CHOICES,
            "pending": selectors.candidate_queue(
                user=request.user, status=CandidateStatus.PENDING
            ).count(),
            "pseudonym": selectors.pseudonym,
        },
    )


def _survivors(candidate: LinkCandidate, view: selectors.SideBySide) -> list[tuple[int, str]]:
    """The record that stays: the older by default."""
    older = _("Scheda A (la più vecchia): %(label)s") % {"label": view.label_a}
    newer = _("Scheda B: %(label)s") % {"label": view.label_b}
    return [(candidate.person_a_id, older), (candidate.person_b_id, newer)]


@login_required
@require_http_methods(["GET", "POST"])
def candidate_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    candidate = selectors.candidate_get(user=request.user, pk=pk)
    view = selectors.side_by_side(user=request.user, candidate=candidate)
    survivors = _survivors(candidate, view)
    form = DecisionForm(
        request.POST or None, survivors=survivors, initial={"version": candidate.version}
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == DecisionForm.CONFIRM:
                merge = services.candidate_confirm(
                    actor=request.user,
                    candidate=candidate,
                    expected_version=data["version"],
                    survivor_pk=int(data["survivor"] or candidate.person_a_id),
                    note=data["note"],
                )
                messages.success(request, _("Schede unite: ora sono una sola persona."))
                return redirect("linkage:merge", pk=merge.pk)
            services.candidate_reject(
                actor=request.user,
                candidate=candidate,
                expected_version=data["version"],
                note=data["note"],
            )
            messages.success(request, _("Segnate come persone diverse: non verranno collegate."))
            return redirect("linkage:queue")
        except ValidationError as exc:
            attach_service_errors(form, exc)
            candidate.refresh_from_db()
            stale = candidate
    return render(
        request,
        "linkage/candidate.html",
        {
            "candidate": candidate,
            "view": view,
            "form": form if candidate.status == CandidateStatus.PENDING or stale else None,
            "open_a": can_read_person(request.user, candidate.person_a) and not view.cross_body,
            "open_b": can_read_person(request.user, candidate.person_b) and not view.cross_body,
        },
        status=409 if stale else 200,
    )


@login_required
@require_GET
def merge_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    merges = selectors.merge_list(user=request.user)
    page = Paginator(merges, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "linkage/merges.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def merge_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    merge = selectors.merge_get(user=request.user, pk=pk)
    form = UnmergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            unmerge_people(actor=request.user, merge=merge, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Schede separate: ognuna è tornata com'era."))
            return redirect("linkage:merge", pk=merge.pk)
    details = selectors.merge_details(user=request.user, merge=merge)
    return render(
        request,
        "linkage/merge.html",
        {"merge": merge, "details": details, "form": form if merge.is_active else None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def runs(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The last full runs with their figures; a system administrator can start one."""
    rows = selectors.run_list(user=request.user)
    can_start = access.access_for(request.user).is_system_admin
    if request.method == "POST":
        if not can_start:
            raise PermissionDenied
        user_pk = request.user.pk
        transaction.on_commit(lambda: relink_all_task.enqueue(user_pk))
        messages.success(
            request,
            _("Collegamento completo avviato: il risultato comparirà qui quando sarà finito."),
        )
        return redirect("linkage:runs")
    return render(
        request,
        "linkage/runs.html",
        {
            "runs": rows[:30],
            "can_start": can_start,
            "can_review": bool(selectors.review_node_ids(request.user)),
        },
    )
