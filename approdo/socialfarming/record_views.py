"""The forms of a project's page, each posting to its own route and calling one service:
add a partner, add a participant, record an activity or a result, end a participation.
Success goes back to the page; a refusal answers the page with the form, its values and the
errors (400)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from approdo.cases.selectors import case_read
from approdo.core.concurrency import StaleEditError
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.socialfarming import participants as participant_services
from approdo.socialfarming import permissions as perms
from approdo.socialfarming import selectors as sel
from approdo.socialfarming import services
from approdo.socialfarming.forms import (
    ActivityForm,
    EndForm,
    ParticipantForm,
    PartnerForm,
    ResultForm,
)
from approdo.socialfarming.models import Participant, PilotProject
from approdo.socialfarming.views import detail_page

# The purpose written in the access log when a case is read to add its person to a project.
PURPOSE = "socialfarming.participant"


def _submit(
    request: AuthenticatedHttpRequest,
    project: PilotProject,
    form: forms.Form,
    name: str,
    call: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("socialfarming:project", pk=project.pk)
    return detail_page(request, project, status=400, bound={name: form})


def _writable(request: AuthenticatedHttpRequest, pk: int) -> PilotProject:
    project = sel.project_get(user=request.user, pk=pk)
    perms.require_write(request.user, project)
    return project


@login_required
@require_POST
def partner_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = _writable(request, pk)

    def call(data: dict[str, Any]) -> object:
        return services.partner_add(actor=request.user, project=project, **data)

    form = PartnerForm(request.POST)
    return _submit(request, project, form, "partner_form", call, _("Partner aggiunto."))


@login_required
@require_POST
def participant_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = sel.project_get(user=request.user, pk=pk)

    def call(data: dict[str, Any]) -> object:
        # Reading the case (to add its person) is logged like any other read of it.
        case, _perms = case_read(user=request.user, pk=data["case"].pk, purpose=PURPOSE)
        return participant_services.participant_add(
            actor=request.user,
            project=project,
            case=case,
            role=data["role"],
            hours_per_week=data["hours_per_week"],
            joined_on=data["joined_on"],
        )

    form = ParticipantForm(request.POST, user=request.user)
    return _submit(request, project, form, "participant_form", call, _("Partecipante aggiunto."))


@login_required
@require_POST
def activity_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = _writable(request, pk)
    participants = sel.project_participants(user=request.user, project=project)
    choices = sel.attendee_choices(project, participants)

    def call(data: dict[str, Any]) -> object:
        fields = dict(data)
        ids = fields.pop("attendees")
        attendees = list(project.participants.filter(pk__in=ids))
        return participant_services.activity_record(
            actor=request.user, project=project, attendees=attendees, **fields
        )

    form = ActivityForm(request.POST, choices=choices)
    return _submit(request, project, form, "activity_form", call, _("Attività registrata."))


@login_required
@require_POST
def result_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = _writable(request, pk)

    def call(data: dict[str, Any]) -> object:
        return services.result_record(actor=request.user, project=project, **data)

    form = ResultForm(request.POST)
    return _submit(request, project, form, "result_form", call, _("Risultato registrato."))


@login_required
@require_POST
def participant_end(
    request: AuthenticatedHttpRequest, pk: int, participant_pk: int
) -> HttpResponse:
    project = sel.project_get(user=request.user, pk=pk)
    row = sel.participant_for_end(pk=participant_pk, project=project)
    # Only the person's case team gets this far (404 for others: the row is not theirs to see).
    case_read(user=request.user, pk=row.case_id, purpose=PURPOSE)
    form = EndForm(request.POST, prefix=f"end{row.pk}")
    if form.is_valid():
        try:
            participant_services.participant_end(
                actor=request.user,
                participant=row,
                expected_version=form.cleaned_data["version"],
                left_on=form.cleaned_data["left_on"],
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except StaleEditError as exc:
            if (
                isinstance(exc.current, Participant) and exc.current.left_on is not None
            ):  # someone else recorded the exit meanwhile
                messages.error(request, _("La partecipazione è già conclusa."))
                return redirect("socialfarming:project", pk=project.pk)
            data = request.POST.copy()
            data[f"end{row.pk}-version"] = str(exc.current.version)
            form = EndForm(data, prefix=f"end{row.pk}")
            form.is_valid()
            form.add_error(None, exc)
        except ValidationError as exc:
            if exc.code == "ended":
                messages.error(request, " ".join(exc.messages))
                return redirect("socialfarming:project", pk=project.pk)
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Uscita dal progetto registrata."))
            return redirect("socialfarming:project", pk=project.pk)
    return detail_page(request, project, status=400, end_form=(row.pk, form))
