"""Call-back and follow-up tasks: the list (mine, unassigned, all; overdue first), adding a
task to a contact, completing one with its outcome (a stale form is refused)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from approdo.core.types import AuthenticatedHttpRequest
from approdo.core.views_helpers import run_service, submit_form
from approdo.helpdesk import selectors, services
from approdo.helpdesk.forms import TaskCompleteForm, TaskForm, TaskScopeForm
from approdo.helpdesk.views import detail_url, render_detail

TASK_LIMIT = 200


@login_required
@require_GET
def task_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    selectors.require_helpdesk(request.user)
    form = TaskScopeForm(request.GET)
    scope, done = "mine", False
    if form.is_valid():
        scope = form.cleaned_data["scope"] or "mine"
        done = form.cleaned_data["done"]
    rows = selectors.task_list(user=request.user, scope=scope, done=done)
    context = {
        "tasks": rows[:TASK_LIMIT],
        "scope": scope,
        "done": done,
        "scopes": [
            ("mine", _("Le mie")),
            ("unassigned", _("Non assegnate")),
            ("all", _("Tutte")),
        ],
        "now": timezone.now(),
        "complete_form": TaskCompleteForm(),
    }
    return render(request, "helpdesk/tasks.html", context)


@login_required
@require_POST
def task_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = selectors.contact_get(user=request.user, pk=pk)
    form = TaskForm(request.POST)
    saved = submit_form(
        request,
        form,
        lambda data: services.task_add(actor=request.user, contact=contact, **data),
        _("Attività aggiunta."),
    )
    if saved:
        return redirect(detail_url(contact))
    contact = selectors.contact_read(user=request.user, pk=pk)
    return render_detail(request, contact, open_form="task", overrides={"task_form": form})


@login_required
@require_POST
def task_complete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk)
    form = TaskCompleteForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: services.task_complete(
                actor=request.user,
                task=task,
                expected_version=form.cleaned_data["version"],
                outcome=form.cleaned_data["outcome"],
            ),
            _("Attività conclusa."),
        )
    else:
        messages.error(request, _("Scrivi l'esito dell'attività."))
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect(detail_url(task.contact))
