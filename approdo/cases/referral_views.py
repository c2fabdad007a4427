"""Pages of referrals, transfers and inquiries between nodes (/invii/).

Views validate a form, call one service or selector, and render. The receiving node reads a
referral's shared fields only; the sending team reads its own referrals and transfers.
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

from approdo.cases import inquiry_services, referral_services, selectors, transfer_services
from approdo.cases.models import ReferralStatus
from approdo.cases.permissions import CasePermissions
from approdo.cases.referral_forms import (
    InboxFilterForm,
    InquiryAnswerForm,
    InquiryForm,
    OutcomeForm,
    ReasonForm,
    ReferralForm,
    TransferForm,
)
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.people import selectors as people_selectors


def _case_context(
    request: AuthenticatedHttpRequest, pk: int, **bound: forms.BaseForm
) -> dict[str, Any]:
    case, perms = selectors.case_read(user=request.user, pk=pk, purpose="cases.referral.list")
    hubs = selectors.hub_choices()
    context: dict[str, Any] = {
        "case": case,
        "perms": perms,
        "referrals": selectors.case_referrals(perms),
        "transfers": selectors.case_transfers(perms),
        "referral_form": ReferralForm(
            hubs=hubs, externals=selectors.external_services().order_by("region__name", "name")
        ),
        "transfer_form": TransferForm(hubs=hubs.exclude(pk=case.hub_id)),
        "allowed_internal": _labels(referral_services.allowed_fields(case)),
    }
    context.update(bound)
    return context


def _labels(names: frozenset[str]) -> list[str]:
    return [
        str(label) for name, label in referral_services.SHAREABLE_FIELDS.items() if name in names
    ]


@login_required
@require_GET
def case_referrals(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return render(request, "cases/referrals/case.html", _case_context(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def referral_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The send form lives on the case's referrals page; GET goes there."""
    case, _perms = selectors.case_get(user=request.user, pk=pk)
    if request.method != "POST":
        return redirect(reverse("referrals:case", args=[case.pk]) + "#new")
    form = ReferralForm(
        request.POST, hubs=selectors.hub_choices(), externals=selectors.external_services()
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            referral = referral_services.referral_send(
                actor=request.user,
                case=case,
                to_node=data["to_node"],
                to_external=data["to_external"],
                area=data["area"],
                reason=data["reason"],
                due_on=data["due_on"],
                shared_fields=list(data["shared_fields"]),
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Invio registrato."))
            return redirect("referrals:detail", referral.pk)
    context = _case_context(request, pk, referral_form=form)
    return render(request, "cases/referrals/case.html", context)


@login_required
@require_POST
def transfer_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case, _perms = selectors.case_get(user=request.user, pk=pk)
    form = TransferForm(request.POST, hubs=selectors.hub_choices())
    if form.is_valid():
        try:
            transfer = transfer_services.transfer_propose(
                actor=request.user,
                case=case,
                to_hub=form.cleaned_data["to_hub"],
                handover=form.cleaned_data["handover"],
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Trasferimento proposto."))
            return redirect("referrals:transfer_detail", transfer.pk)
    context = _case_context(request, pk, transfer_form=form)
    return render(request, "cases/referrals/case.html", context)


@login_required
@require_GET
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    filters = InboxFilterForm(request.GET)
    node_id, status = None, ""
    if filters.is_valid():
        node_id = filters.cleaned_data.get("node") or None
        status = filters.cleaned_data.get("status") or ""
        if status not in ReferralStatus.values:
            status = ""
    received = selectors.referral_inbox(user=user, node_id=node_id, status=status)
    context = {
        "received": received[:200],
        "nodes": people_selectors.person_node_choices(user=user),
        "statuses": ReferralStatus.choices,
        "node_id": node_id,
        "status": status,
        "transfers_in": selectors.transfer_inbox(user=user),
        "inquiries_in": selectors.inquiry_inbox(user=user)[:100],
        "sent": selectors.referral_outbox(user=user)[:100],
        "transfers_out": selectors.transfer_outbox(user=user)[:100],
        "inquiries_out": selectors.inquiry_outbox(user=user)[:100],
        "today": timezone.localdate(),
    }
    return render(request, "cases/referrals/inbox.html", context)


def _detail_context(request: AuthenticatedHttpRequest, pk: int, **bound: Any) -> dict[str, Any]:
    referral, side = selectors.referral_read(user=request.user, pk=pk)
    context: dict[str, Any] = {
        "referral": referral,
        "side": side,
        "perms": side.perms,
        "shared": selectors.referral_shared_values(referral),
        "decides": side.receiver if referral.to_node_id else side.sender,
        "decline_form": ReasonForm(),
        "outcome_form": OutcomeForm(),
        "today": timezone.localdate(),
    }
    context.update(bound)
    return context


@login_required
@require_GET
def referral_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return render(request, "cases/referrals/detail.html", _detail_context(request, pk))


def _act(
    request: AuthenticatedHttpRequest,
    pk: int,
    act: Callable[[], object],
    done: str,
    *,
    form_name: str = "",
    form: forms.BaseForm | None = None,
    page: str = "detail",
) -> HttpResponse:
    """Run one service; on a field error show the page again with the form, else go back."""
    try:
        act()
    except ValidationError as exc:
        if form is not None and hasattr(exc, "error_dict"):
            attach_service_errors(form, exc)
            return _rerender(request, pk, page, **{form_name: form})
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    target = "referrals:detail" if page == "detail" else "referrals:transfer_detail"
    return redirect(target, pk)


def _act_on_form(
    request: AuthenticatedHttpRequest,
    pk: int,
    form: forms.BaseForm,
    form_name: str,
    act: Callable[[dict[str, Any]], object],
    done: str,
    *,
    page: str = "detail",
) -> HttpResponse:
    """Validate the posted form, then run the service with its data (see _act)."""
    if not form.is_valid():
        if page == "detail":
            selectors.referral_read(user=request.user, pk=pk)
        return _rerender(request, pk, page, **{form_name: form})
    return _act(
        request,
        pk,
        lambda: act(form.cleaned_data),
        done,
        form_name=form_name,
        form=form,
        page=page,
    )


def _rerender(request: AuthenticatedHttpRequest, pk: int, page: str, **bound: Any) -> HttpResponse:
    if page == "detail":
        return render(request, "cases/referrals/detail.html", _detail_context(request, pk, **bound))
    return render(
        request, "cases/referrals/transfer_detail.html", _transfer_context(request, pk, **bound)
    )


@login_required
@require_POST
def referral_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    referral = selectors.referral_get(user=request.user, pk=pk)
    return _act(
        request,
        pk,
        lambda: referral_services.referral_accept(actor=request.user, referral=referral),
        _("Invio accettato."),
    )


@login_required
@require_POST
def referral_decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    referral = selectors.referral_get(user=request.user, pk=pk)
    return _act_on_form(
        request,
        pk,
        ReasonForm(request.POST),
        "decline_form",
        lambda data: referral_services.referral_decline(
            actor=request.user, referral=referral, reason=data["reason"]
        ),
        _("Invio rifiutato."),
    )


@login_required
@require_POST
def referral_complete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    referral = selectors.referral_get(user=request.user, pk=pk)
    return _act_on_form(
        request,
        pk,
        OutcomeForm(request.POST),
        "outcome_form",
        lambda data: referral_services.referral_complete(
            actor=request.user, referral=referral, outcome_note=data["outcome_note"]
        ),
        _("Esito registrato."),
    )


@login_required
@require_POST
def referral_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    referral = selectors.referral_get(user=request.user, pk=pk)
    return _act(
        request,
        pk,
        lambda: referral_services.referral_cancel(actor=request.user, referral=referral),
        _("Invio annullato."),
    )


# --- transfers ------------------------------------------------------------------------------
def _transfer_context(request: AuthenticatedHttpRequest, pk: int, **bound: Any) -> dict[str, Any]:
    transfer, side = selectors.transfer_read(user=request.user, pk=pk)
    perms: CasePermissions = side.perms
    context: dict[str, Any] = {
        "transfer": transfer,
        "side": side,
        "can_cancel": perms.can_manage and transfer.from_hub_id == transfer.case.hub_id,
        "decline_form": ReasonForm(),
    }
    context.update(bound)
    return context


@login_required
@require_GET
def transfer_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    context = _transfer_context(request, pk)
    return render(request, "cases/referrals/transfer_detail.html", context)


@login_required
@require_POST
def transfer_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    transfer = selectors.transfer_get(user=request.user, pk=pk)
    return _act(
        request,
        pk,
        lambda: transfer_services.transfer_accept(actor=request.user, transfer=transfer),
        _("Trasferimento accettato: la presa in carico continua nel tuo hub."),
        page="transfer",
    )


@login_required
@require_POST
def transfer_decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    transfer = selectors.transfer_get(user=request.user, pk=pk)
    return _act_on_form(
        request,
        pk,
        ReasonForm(request.POST),
        "decline_form",
        lambda data: transfer_services.transfer_decline(
            actor=request.user, transfer=transfer, reason=data["reason"]
        ),
        _("Trasferimento rifiutato."),
        page="transfer",
    )


@login_required
@require_POST
def transfer_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    transfer = selectors.transfer_get(user=request.user, pk=pk)
    return _act(
        request,
        pk,
        lambda: transfer_services.transfer_cancel(actor=request.user, transfer=transfer),
        _("Trasferimento annullato."),
        page="transfer",
    )


# --- inquiries ------------------------------------------------------------------------------
@login_required
@require_POST
def inquiry_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """From the duplicate panel: first the token alone (show the form), then the request."""
    people_selectors.person_node_choices(user=request.user)  # 403 without person data
    if "message" not in request.POST:
        form = InquiryForm(initial={"token": request.POST.get("token", "")})
    else:
        form = InquiryForm(request.POST)
    node_name = ""
    token_errors: list[str] = []
    try:
        _person, node = inquiry_services.inquiry_target(request.POST.get("token", ""))
        node_name = node.name
    except ValidationError as exc:
        # An unbound form (first step) cannot carry errors: show them on the page instead.
        token_errors = list(exc.messages)
    if node_name and "message" in request.POST and form.is_valid():
        try:
            inquiry = inquiry_services.inquiry_send(
                actor=request.user,
                token=form.cleaned_data["token"],
                kind=form.cleaned_data["kind"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Richiesta inviata al nodo."))
            return redirect("referrals:inquiry_detail", inquiry.pk)
    return render(
        request,
        "cases/referrals/inquiry_new.html",
        {"form": form, "node_name": node_name, "token_errors": token_errors},
    )


def _inquiry_context(request: AuthenticatedHttpRequest, pk: int, **bound: Any) -> dict[str, Any]:
    inquiry, receiver = selectors.inquiry_read(user=request.user, pk=pk)
    context: dict[str, Any] = {
        "inquiry": inquiry,
        "receiver": receiver,
        # Only the receiving node learns which of its records matched.
        "person": inquiry.person if receiver else None,
        "answer_form": InquiryAnswerForm(),
    }
    context.update(bound)
    return context


@login_required
@require_GET
def inquiry_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return render(request, "cases/referrals/inquiry_detail.html", _inquiry_context(request, pk))


@login_required
@require_POST
def inquiry_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    inquiry = selectors.inquiry_get(user=request.user, pk=pk)
    form = InquiryAnswerForm(request.POST)
    if form.is_valid():
        try:
            inquiry_services.inquiry_answer(
                actor=request.user,
                inquiry=inquiry,
                status=form.cleaned_data["status"],
                answer=form.cleaned_data["answer"],
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Risposta inviata."))
            return redirect("referrals:inquiry_detail", pk)
    context = _inquiry_context(request, pk, answer_form=form)
    return render(request, "cases/referrals/inquiry_detail.html", context)


# --- registration from a case ---------------------------------------------------------------
@login_required
@require_POST
def link_person(request: AuthenticatedHttpRequest, pk: int, person_pk: int) -> HttpResponse:
    """From the duplicate panel: "this is the person", attach the record to the case."""
    from approdo.cases.services import case_link_person

    case, _perms = selectors.case_get(user=request.user, pk=pk)
    person = people_selectors.person_get(user=request.user, pk=person_pk)
    try:
        case_link_person(actor=request.user, case=case, person=person)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Persona collegata alla presa in carico."))
    return redirect("cases:detail", case.pk)
