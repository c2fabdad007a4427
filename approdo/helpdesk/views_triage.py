"""Triage of a contact (forms on the contact's page): answer, refer to a PSI, report to an
authority, no action possible. Each posts here and goes back to the contact's page; a form
with errors is shown again, open, with the operator's input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from approdo.core.types import AuthenticatedHttpRequest
from approdo.core.views_helpers import submit_form
from approdo.helpdesk import selectors, services
from approdo.helpdesk.forms import AnswerForm, NoActionForm, ReferAuthorityForm, ReferPsiForm
from approdo.helpdesk.models import Contact, TriageOutcome
from approdo.helpdesk.views import detail_url, render_detail


def _triage(
    request: AuthenticatedHttpRequest,
    pk: int,
    form_class: type[forms.Form],
    key: str,
    call: Callable[[Contact, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    contact = selectors.contact_get(user=request.user, pk=pk)
    form = form_class(request.POST)
    if submit_form(request, form, lambda data: call(contact, data), done):
        return redirect(detail_url(contact))
    contact = selectors.contact_read(user=request.user, pk=pk)
    return render_detail(request, contact, open_form=key, overrides={f"{key}_form": form})


@login_required
@require_POST
def triage_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _triage(
        request,
        pk,
        AnswerForm,
        "answer",
        lambda contact, data: services.triage_answer(
            actor=request.user,
            contact=contact,
            expected_version=data["version"],
            note=data["note"],
            close=data["close"],
        ),
        _("Risposta registrata."),
    )


@login_required
@require_POST
def triage_no_action(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _triage(
        request,
        pk,
        NoActionForm,
        "noaction",
        lambda contact, data: services.triage_answer(
            actor=request.user,
            contact=contact,
            expected_version=data["version"],
            note=data["note"],
            close=data["close"],
            outcome=TriageOutcome.NO_ACTION,
        ),
        _("Valutazione registrata: nessuna azione possibile."),
    )


@login_required
@require_POST
def triage_psi(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _triage(
        request,
        pk,
        ReferPsiForm,
        "psi",
        lambda contact, data: services.triage_refer_psi(
            actor=request.user,
            contact=contact,
            expected_version=data["version"],
            hub=data["hub"],
            reason=data["reason"],
            shared_fields=list(data["shared_fields"]),
            area=data["area"],
        ),
        _("Inviato al PSI: l'invio è nella casella del PSI. Tra 7 giorni verifica la risposta."),
    )


@login_required
@require_POST
def triage_authority(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _triage(
        request,
        pk,
        ReferAuthorityForm,
        "authority",
        lambda contact, data: services.triage_refer_authority(
            actor=request.user,
            contact=contact,
            expected_version=data["version"],
            authority=data["authority"],
            external_service=data["external_service"],
            note=data["note"],
            follow_up_days=data["follow_up_days"],
        ),
        _("Segnalazione all'autorità registrata, con un'attività di verifica."),
    )
