"""The integration budget of a case: the person's cap, commitments towards goals of their
PAI, the coordinator's approvals and the payments. Reads go through the case's permissions and
are logged; writes go through services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from approdo.budget import reports, selectors, services
from approdo.budget.forms import CloseForm, CommitmentForm, DecisionForm, PaymentForm, ReportForm
from approdo.budget.models import Commitment
from approdo.cases.models import Case
from approdo.cases.permissions import CasePermissions
from approdo.cases.selectors import case_read
from approdo.core.concurrency import StaleEditError
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.monitoring.selectors import can_see_monitoring
from approdo.plans.models import Goal

PURPOSE = "integration budget"


def _goals(case: Case) -> Any:
    return Goal.objects.filter(plan_version__plan__case=case).order_by("plan_version", "order")


def _page(
    request: AuthenticatedHttpRequest,
    case: Case,
    perms: CasePermissions,
    form: CommitmentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "case": case,
        "perms": perms,
        "summary": selectors.summary(case),
        "commitments": selectors.commitments(case),
        "form": form or CommitmentForm(goals=_goals(case)),
        "can_edit": perms.can_edit,
        "can_decide": perms.is_coordinator,
        "decision_form": DecisionForm(),
        "payment_form": PaymentForm(),
        "close_form": CloseForm(),
    }
    return render(request, "budget/case.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def case_budget(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)
    if request.method == "GET":
        return _page(request, case, perms)
    if not perms.can_edit:
        raise PermissionDenied
    form = CommitmentForm(request.POST, goals=_goals(case))
    if form.is_valid():
        try:
            made = services.commitment_request(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Impegno registrato: da approvare dal coordinatore.")
                if made.status == "pending"
                else _("Impegno registrato e approvato."),
            )
            return redirect("budget:case", case_pk=case.pk)
    return _page(request, case, perms, form, status=400)


def _commitment(request: AuthenticatedHttpRequest, pk: int) -> tuple[Commitment, CasePermissions]:
    commitment = get_object_or_404(Commitment.objects.select_related("case__hub"), pk=pk)
    _case, perms = case_read(user=request.user, pk=commitment.case_id, purpose=PURPOSE)
    return commitment, perms


@login_required
@require_POST
def decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commitment, _perms = _commitment(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Scegli se approvare o respingere."))
        return redirect("budget:case", case_pk=commitment.case_id)
    try:
        services.commitment_decide(
            actor=request.user,
            commitment=commitment,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        )
    except StaleEditError:
        messages.error(request, _("L'impegno è cambiato nel frattempo: controlla e riprova."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Decisione registrata."))
    return redirect("budget:case", case_pk=commitment.case_id)


@login_required
@require_POST
def pay(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commitment, _perms = _commitment(request, pk)
    form = PaymentForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("budget:case", case_pk=commitment.case_id)
    try:
        services.payment_record(actor=request.user, commitment=commitment, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Pagamento registrato."))
    return redirect("budget:case", case_pk=commitment.case_id)


@login_required
@require_POST
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commitment, perms = _commitment(request, pk)
    if not perms.can_edit:
        raise PermissionDenied
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indica il motivo."))
        return redirect("budget:case", case_pk=commitment.case_id)
    try:
        closed = services.commitment_close(
            actor=request.user,
            commitment=commitment,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
    except StaleEditError:
        messages.error(request, _("L'impegno è cambiato nel frattempo: controlla e riprova."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Impegno annullato: l'importo torna disponibile.")
            if closed.status == "cancelled"
            else _("Impegno chiuso al pagato: il resto torna disponibile."),
        )
    return redirect("budget:case", case_pk=commitment.case_id)


def _report(request: AuthenticatedHttpRequest) -> tuple[ReportForm, reports.Report | None]:
    if not can_see_monitoring(request.user):
        raise PermissionDenied
    form = ReportForm(request.GET or None, user=request.user)
    if request.GET and not form.is_valid():
        return form, None
    data = form.cleaned_data if request.GET else {}
    region, hub = data.get("region"), data.get("hub")
    report = reports.budget_report(
        user=request.user,
        region_id=region.pk if region else None,
        hub_id=hub.pk if hub else None,
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )
    return form, report


@login_required
def report(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Committed and paid per region, hub, category and person, against the allocations."""
    form, result = _report(request)
    return render(
        request,
        "budget/report.html",
        {"form": form, "report": result, "query": request.GET.urlencode()},
        status=200 if result is not None else 400,
    )


@login_required
def report_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, result = _report(request)
    if result is None:
        return render(request, "budget/report.html", {"form": form, "report": None}, status=400)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="budget-integrazione.csv"'
    reports.write_csv(result, response)
    return response
