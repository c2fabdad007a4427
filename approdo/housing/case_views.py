"""The housing tab of a case: the person's housing history, the bed request, extensions,
moves and exits, and the way to autonomy (searches, contracts, deposit from the budget).

Every page reads the case through case_read (scoped, logged). A form with errors comes back
on the page with its errors and status 400; a stale version is refused with a message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from approdo.cases.models import Case
from approdo.cases.permissions import CasePermissions
from approdo.cases.selectors import case_read
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.core.views_helpers import submit_posted_form
from approdo.housing import autonomy_services, request_services, selectors, services
from approdo.housing.forms import (
    CancelForm,
    ContractForm,
    DepositForm,
    ExitForm,
    ExtendForm,
    MoveForm,
    RequestForm,
    SearchForm,
    SearchUpdateForm,
)
from approdo.housing.models import (
    Bed,
    ExitReason,
    Placement,
    RentalContract,
    RentalSearch,
    RequestStatus,
)
from approdo.plans.models import Goal

PURPOSE = "housing"


def _goals(case: Case) -> Any:
    return Goal.objects.filter(plan_version__plan__case=case).order_by("plan_version", "order")


def _page(
    request: AuthenticatedHttpRequest,
    case: Case,
    perms: CasePermissions,
    status: int = 200,
    form_for: int | None = None,
    **bound: forms.BaseForm,
) -> HttpResponse:
    today = timezone.localdate()
    requests = list(selectors.case_requests(case))
    contracts = list(selectors.case_contracts(case))
    for contract in contracts:
        # A deposit can be asked again only after the budget refused or cancelled it.
        contract.deposit_open = contract.deposit is None or contract.deposit.status in (  # type: ignore[attr-defined]
            "rejected",
            "cancelled",
        )
    history = list(selectors.person_placements(user=request.user, case=case))
    for placement in history:
        placement.shown_status = placement.status_label(today)  # type: ignore[attr-defined]
    searches = selectors.case_searches(case)
    context: dict[str, Any] = {
        "case": case,
        "perms": perms,
        "today": today,
        "can_edit": perms.can_edit,
        "history": history,
        "waiting": next((r for r in requests if r.status == RequestStatus.WAITING), None),
        "requests": requests,
        "searches": searches,
        "contracts": contracts,
        "goals": _goals(case),
        "exit_form": ExitForm(),
        "request_form": RequestForm(),
        "search_form": SearchForm(),
        "contract_form": ContractForm(searches=searches),
        "deposit_form": DepositForm(contracts=case.rental_contracts.all(), goals=_goals(case)),
        "form_for": form_for,
    }
    context.update(bound)
    context["exit_reasons"] = ExitReason.objects.filter(active=True)
    context["action_errors"] = [
        message
        for form in bound.values()
        if isinstance(form, forms.BaseForm) and form.is_bound
        for errors in form.errors.values()
        for message in errors
    ]
    return render(request, "housing/case.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def case_housing(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)
    if request.method == "GET":
        return _page(request, case, perms)
    if not perms.can_edit:
        raise PermissionDenied
    form = RequestForm(request.POST)
    if form.is_valid():
        try:
            request_services.request_create(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Richiesta inserita nella lista d'attesa dell'hub."))
            return redirect("housing:case", case_pk=case.pk)
    return _page(request, case, perms, status=400, request_form=form)


def _placement(
    request: AuthenticatedHttpRequest, pk: int
) -> tuple[Placement, Case, CasePermissions]:
    placement = get_object_or_404(Placement.objects.select_related("bed__room__site"), pk=pk)
    case, perms = case_read(user=request.user, pk=placement.case_id, purpose=PURPOSE)
    placement.case = case
    return placement, case, perms


def _done(request: AuthenticatedHttpRequest, case: Case, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("housing:case", case_pk=case.pk)


def _placement_form(
    request: AuthenticatedHttpRequest,
    pk: int,
    form_class: type[forms.Form],
    name: str,
    call: Callable[..., object],
    done: str,
) -> HttpResponse:
    """One form about a placement → its service (with the form's version) → back to the tab,
    or the tab again with the form and its errors next to that placement."""
    placement, case, perms = _placement(request, pk)

    def service(data: dict[str, Any]) -> object:
        version = data.pop("version")
        return call(actor=request.user, placement=placement, expected_version=version, **data)

    ok, form = submit_posted_form(request, form_class, service, done)
    if ok:
        return redirect("housing:case", case_pk=case.pk)
    return _page(request, case, perms, status=400, form_for=placement.pk, **{name: form})


@login_required
@require_POST
def extend(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _placement_form(
        request,
        pk,
        ExtendForm,
        "extend_form",
        services.placement_extend,
        _("Inserimento prorogato."),
    )


@login_required
@require_POST
def end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _placement_form(
        request, pk, ExitForm, "exit_form", services.placement_end, _("Uscita registrata.")
    )


@login_required
@require_POST
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _placement_form(
        request,
        pk,
        CancelForm,
        "cancel_form",
        services.placement_cancel,
        _("Inserimento annullato."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The coordinator moves the person to another free bed of the hub from a night."""
    placement, case, perms = _placement(request, pk)
    if not perms.is_coordinator:
        raise PermissionDenied
    today = timezone.localdate()
    start = max(today, placement.starts_on + dt.timedelta(days=1))
    day = start if start <= placement.ends_on else placement.ends_on
    free = selectors.free_beds(hub_id=case.hub_id, first=day, last=placement.ends_on)
    beds = Bed.objects.filter(pk__in=[b.pk for b in free]).select_related("room__site")
    if request.method == "GET":
        form = MoveForm(beds=beds, initial={"from_day": day, "version": placement.version})
        return render(
            request,
            "housing/move.html",
            {"placement": placement, "case": case, "perms": perms, "form": form},
        )
    form = MoveForm(
        request.POST, beds=Bed.objects.filter(room__site__hub_id=case.hub_id, active=True)
    )
    if form.is_valid():
        try:
            services.placement_move(
                actor=request.user,
                placement=placement,
                bed=form.cleaned_data["bed"],
                from_day=form.cleaned_data["from_day"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            return _done(request, case, _("Spostamento registrato."))
    form.fields["bed"].queryset = beds  # type: ignore[attr-defined]
    context = {"placement": placement, "case": case, "perms": perms, "form": form}
    return render(request, "housing/move.html", context, status=400)


@login_required
@require_POST
def search_add(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)
    form = SearchForm(request.POST)
    if form.is_valid():
        try:
            autonomy_services.search_create(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            return _done(request, case, _("Ricerca di casa registrata."))
    return _page(request, case, perms, status=400, search_form=form)


@login_required
@require_POST
def search_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    search = get_object_or_404(RentalSearch, pk=pk)
    case, perms = case_read(user=request.user, pk=search.case_id, purpose=PURPOSE)
    form = SearchUpdateForm(request.POST)
    if form.is_valid():
        try:
            autonomy_services.search_update(
                actor=request.user,
                search=search,
                status=form.cleaned_data["status"],
                ended_on=form.cleaned_data["ended_on"],
                notes=form.cleaned_data["notes"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            return _done(request, case, _("Ricerca aggiornata."))
    return _page(request, case, perms, status=400, search_update_form=form, form_for=search.pk)


@login_required
@require_POST
def contract_add(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)
    form = ContractForm(request.POST, searches=selectors.case_searches(case))
    if form.is_valid():
        try:
            autonomy_services.contract_create(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            return _done(request, case, _("Contratto di affitto registrato."))
    return _page(request, case, perms, status=400, contract_form=form)


@login_required
@require_POST
def deposit(request: AuthenticatedHttpRequest, case_pk: int) -> HttpResponse:
    case, perms = case_read(user=request.user, pk=case_pk, purpose=PURPOSE)
    contracts = RentalContract.objects.filter(case=case)
    form = DepositForm(request.POST, contracts=contracts, goals=_goals(case))
    if form.is_valid():
        data = form.cleaned_data
        try:
            contract = autonomy_services.deposit_request(
                actor=request.user,
                contract=data["contract"],
                goal=data["goal"],
                amount=data["amount"],
                description=data["description"],
                expected_version=data["version"],
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            pending = contract.deposit is not None and contract.deposit.status == "pending"
            return _done(
                request,
                case,
                _("Deposito chiesto al budget: da approvare dal coordinatore.")
                if pending
                else _("Deposito chiesto al budget e approvato."),
            )
    return _page(request, case, perms, status=400, deposit_form=form)
