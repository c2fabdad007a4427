"""The helpdesk pages: the queue, a new contact, a contact's page (read, edit, take, close).

Only helpdesk operators: monitors get a 403, everyone else a 404 (selectors.require_helpdesk).
Triage forms post to views_triage.py, tasks to views_tasks.py, the directory is
views_directory.py. The way to call back is shown only after the operator asks for it
(a POST that logs the read), never in lists.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from approdo.cases.referral_services import FIRST_CONTACT_FIELDS
from approdo.core.types import AuthenticatedHttpRequest
from approdo.core.views_helpers import submit_form
from approdo.helpdesk import selectors, services
from approdo.helpdesk.forms import (
    OTHER_LANGUAGE,
    AnswerForm,
    CloseForm,
    ContactEditForm,
    HubRegionForm,
    NewContactForm,
    NoActionForm,
    QueueFilterForm,
    ReferAuthorityForm,
    ReferPsiForm,
    ReporterForm,
    TaskCompleteForm,
    TaskForm,
    VersionForm,
)
from approdo.helpdesk.intake import ReporterDetails, contact_receive
from approdo.helpdesk.models import Contact, ContactStatus, ReporterContact, TaskKind
from approdo.helpdesk.selectors import QueueFilters

QUEUE_LIMIT = 200


def _yes_no(value: str) -> bool | None:
    return {"1": True, "0": False}.get(value)


@login_required
@require_GET
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    selectors.require_helpdesk(request.user)
    form = QueueFilterForm(request.GET)
    data: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    filters = QueueFilters(
        status=data.get("status") or "",
        channel=data.get("channel") or "",
        language=data["language"].pk if data.get("language") else None,
        need=data.get("need") or "",
        urgency=data.get("urgency") or "",
        region=data["region"].pk if data.get("region") else None,
        out_of_hours=_yes_no(data.get("out_of_hours") or ""),
        anonymous=_yes_no(data.get("anonymous") or ""),
        q=data.get("q") or "",
    )
    rows = selectors.contact_queue(user=request.user, filters=filters)
    context = {
        "form": form,
        "contacts": rows[:QUEUE_LIMIT],
        "total": rows.count(),
        "limit": QUEUE_LIMIT,
        "counts": [
            (status, label, n)
            for (status, label), n in zip(
                ContactStatus.choices,
                selectors.status_counts(user=request.user).values(),
                strict=True,
            )
        ],
        "tasks_due": selectors.tasks_due(user=request.user),
        "mine": selectors.my_contacts(user=request.user),
        "now": timezone.now(),
    }
    return render(request, "helpdesk/queue.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def contact_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    selectors.require_helpdesk(request.user)
    form = NewContactForm(request.POST or None)
    reporter_form = ReporterForm(request.POST or None)
    if request.method == "POST":
        created: list[Contact] = []

        def call(data: dict[str, Any]) -> None:
            details = reporter_form.cleaned_data
            reporter = ReporterDetails(
                phone=details.get("phone", ""),
                email=details.get("email", ""),
                preferred=details.get("preferred", ""),
                best_time=details.get("best_time", ""),
                safe_to_leave_message=bool(details.get("safe_to_leave_message")),
            )
            created.append(
                contact_receive(actor=request.user, reporter=reporter, **form.service_values())
            )

        if reporter_form.is_valid() and submit_form(request, form, call, _("Contatto registrato.")):
            return redirect("helpdesk:detail", pk=created[0].pk)
        if "reporter_email" in form.errors:
            reporter_form.add_error("email", form.errors.pop("reporter_email"))
    return render(
        request,
        "helpdesk/contact_new.html",
        {"form": form, "reporter_form": reporter_form},
    )


def detail_url(contact: Contact) -> str:
    return reverse("helpdesk:detail", args=[contact.pk])


def render_detail(
    request: AuthenticatedHttpRequest,
    contact: Contact,
    *,
    reporter: ReporterContact | None = None,
    reporter_shown: bool = False,
    open_form: str = "",
    overrides: dict[str, forms.BaseForm] | None = None,
) -> HttpResponse:
    """The contact's page with its triage forms; a form with errors replaces the blank one."""
    version = {"version": contact.version}
    form_overrides = overrides or {}
    region_form = HubRegionForm(request.GET or {"hub_region": contact.region_id or ""})
    hub_region = None
    if region_form.is_valid() and region_form.cleaned_data["hub_region"] is not None:
        hub_region = region_form.cleaned_data["hub_region"].pk
    psi_form = form_overrides.get("psi_form") or ReferPsiForm(
        initial={**version, "shared_fields": sorted(FIRST_CONTACT_FIELDS - {"phone"})}
    )
    open_ = contact.status != ContactStatus.CLOSED
    context = {
        "contact": contact,
        "needs": contact.needs.all(),
        "timeline": selectors.timeline(contact),
        "triages": selectors.contact_triages(contact),
        "tasks": selectors.contact_tasks(contact),
        "has_reporter": selectors.has_reporter(contact),
        "reporter": reporter,
        "reporter_shown": reporter_shown,
        "is_open": open_,
        "mine": contact.assigned_to_id == request.user.pk,
        "hubs": selectors.hubs_for_picker(region_id=hub_region),
        "region_form": region_form,
        "answer_form": form_overrides.get("answer_form") or AnswerForm(initial=version),
        "noaction_form": form_overrides.get("noaction_form") or NoActionForm(initial=version),
        "psi_form": psi_form,
        "authority_form": form_overrides.get("authority_form")
        or ReferAuthorityForm(initial=version),
        "close_form": form_overrides.get("close_form") or CloseForm(initial=version),
        "task_form": form_overrides.get("task_form")
        or TaskForm(initial={"kind": TaskKind.CALL_BACK, "assigned_to": request.user.pk}),
        "complete_form": TaskCompleteForm(),
        "open_form": open_form,
        "next_url": detail_url(contact),
    }
    response = render(request, "helpdesk/contact_detail.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
@never_cache
def contact_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = selectors.contact_read(user=request.user, pk=pk)
    return render_detail(request, contact)


@login_required
@require_POST
@never_cache
def contact_reporter(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """ "Show contact details": the way to call back, its read logged."""
    contact = selectors.contact_read(user=request.user, pk=pk)
    reporter = selectors.reporter_read(user=request.user, contact=contact)
    return render_detail(request, contact, reporter=reporter, reporter_shown=True)


def _edit_initial(contact: Contact) -> dict[str, Any]:
    language: str = ""
    if contact.language_id:
        language = str(contact.language_id)
    elif contact.language_other:
        language = OTHER_LANGUAGE
    return {
        "version": contact.version,
        "channel": contact.channel,
        "language": language,
        "language_other": contact.language_other,
        "urgency": contact.urgency,
        "needs": selectors.contact_needs(contact),
        "message": contact.message,
        "anonymous": contact.anonymous,
        "name": contact.name,
        "region": contact.region_id,
        "municipality": contact.municipality_id,
        "place": contact.place,
    }


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = selectors.contact_get(user=request.user, pk=pk)
    if contact.status == ContactStatus.CLOSED:
        messages.error(request, _("Il contatto è chiuso: non si può più modificare."))
        return redirect(detail_url(contact))
    if request.method == "POST":
        form = ContactEditForm(request.POST)
        saved = submit_form(
            request,
            form,
            lambda data: services.contact_update(
                actor=request.user,
                contact=contact,
                expected_version=data["version"],
                **form.service_values(),
            ),
            _("Contatto aggiornato."),
        )
        if saved:
            return redirect(detail_url(contact))
    else:
        form = ContactEditForm(initial=_edit_initial(contact))
    return render(request, "helpdesk/contact_edit.html", {"contact": contact, "form": form})


@login_required
@require_POST
def contact_take(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = selectors.contact_get(user=request.user, pk=pk)
    form = VersionForm(request.POST)
    if form.is_valid():
        submit_form(
            request,
            form,
            lambda data: services.contact_take(
                actor=request.user, contact=contact, expected_version=data["version"]
            ),
            _("Contatto preso in carico."),
            on_error=lambda _form, exc: messages.error(request, " ".join(exc.messages)),
        )
    else:
        messages.error(request, _("Richiesta non valida: ricarica la pagina e riprova."))
    return redirect(detail_url(contact))


@login_required
@require_POST
def contact_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = selectors.contact_read(user=request.user, pk=pk)
    form = CloseForm(request.POST)
    saved = submit_form(
        request,
        form,
        lambda data: services.contact_close(
            actor=request.user,
            contact=contact,
            expected_version=data["version"],
            note=data["note"],
        ),
        _("Contatto chiuso; i recapiti di chi ha contattato sono stati cancellati."),
    )
    if saved:
        return redirect(detail_url(contact))
    return render_detail(request, contact, open_form="close", overrides={"close_form": form})
