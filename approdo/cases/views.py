"""Pages of cases: list, first contact, the case card (with its sub-forms), attachments,
emergency access and its review by the hub coordinator.

Views validate a form, call one selector or service, and render. Scope is decided by
cases.permissions through the selectors: monitors get 403, cases outside the user's scope 404,
hub colleagues outside the team see only that the case exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from approdo.cases import permissions, selectors, services
from approdo.cases.forms import (
    AttachmentForm,
    BreakGlassForm,
    CaseFilterForm,
    CloseForm,
    FirstContactForm,
    MoveForm,
    NoteForm,
    TaskForm,
    TeamAddForm,
    VersionForm,
)
from approdo.cases.models import Case
from approdo.cases.permissions import CasePermissions, Level
from approdo.cases.stages import Stage, can_move
from approdo.core.concurrency import StaleEditError
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.people.selectors import default_node_for, person_get, person_node_choices

PAGE_SIZE = 25
FormFactory = Callable[[Case, CasePermissions, QueryDict | None], forms.BaseForm]


# --- list and first contact ------------------------------------------------------------------
@login_required
@require_GET
def case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = CaseFilterForm(request.GET or None, nodes=person_node_choices(user=user))
    filters = form.filters()
    cases = selectors.case_list(user=user, **filters)
    counts = selectors.case_stage_counts(selectors.case_list(user=user, **{**filters, "stage": ""}))
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    ids = [c.pk for c in page.object_list]
    readable = selectors.readable_case_ids(user=user, case_ids=ids)
    managers = selectors.case_managers(ids)
    rows = [(c, c.pk in readable, managers.get(c.pk)) for c in page.object_list]
    chips = [(value, label, counts.get(value, 0)) for value, label in Stage.choices]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "chips": chips,
        "total": sum(counts.values()),
        "stage": filters.get("stage", ""),
    }
    return render(request, "cases/case_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def first_contact(request: AuthenticatedHttpRequest) -> HttpResponse:
    """First contact, or (with ?person=) a new case for a person already registered."""
    user = request.user
    nodes = person_node_choices(user=user)
    person_pk = request.POST.get("person") or request.GET.get("person") or ""
    person = person_get(user=user, pk=int(person_pk)) if person_pk.isdigit() else None
    if request.method != "POST":
        form = FirstContactForm(initial={"origin_node": default_node_for(user=user)}, nodes=nodes)
    else:
        form = FirstContactForm(request.POST, nodes=nodes)
        if form.is_valid():
            try:
                case = services.case_open(actor=user, person=person, **form.cleaned_data)
            except ValidationError as exc:
                attach_service_errors(form, exc)
            else:
                messages.success(
                    request, _("Primo contatto registrato: %(ref)s.") % {"ref": case.reference}
                )
                return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/first_contact.html", {"form": form, "person": person})


# --- the case card ---------------------------------------------------------------------------
def stage_moves(case: Case) -> list[tuple[str, str]]:
    """The stage buttons the case manager sees: every allowed move except closing."""
    moves: list[tuple[str, str]] = []
    for target in Stage:
        if target == Stage.CLOSED:
            continue
        if not can_move(case.stage, target, suspended_from=case.suspended_from):
            continue
        if target == Stage.SUSPENDED:
            label = _("Sospendi")
        elif case.stage == Stage.SUSPENDED:
            label = _("Riprendi (%(stage)s)") % {"stage": target.label}
        else:
            label = _("Passa a: %(stage)s") % {"stage": target.label}
        moves.append((target.value, label))
    return moves


def _note_form(case: Case, perms: CasePermissions, data: QueryDict | None = None) -> NoteForm:
    return NoteForm(data, perms=perms)


def _close_form(case: Case, perms: CasePermissions, data: QueryDict | None = None) -> CloseForm:
    return CloseForm(data, initial={"version": case.version})


def _team_form(case: Case, perms: CasePermissions, data: QueryDict | None = None) -> TeamAddForm:
    return TeamAddForm(data, case=case)


def _task_form(case: Case, perms: CasePermissions, data: QueryDict | None = None) -> TaskForm:
    return TaskForm(data, case=case)


def _detail_context(case: Case, perms: CasePermissions, **bound: Any) -> dict[str, Any]:
    can_note = perms.can_edit or (perms.break_glass is not None and case.is_open)
    context: dict[str, Any] = {
        "case": case,
        "perms": perms,
        "events": selectors.case_events(perms)[:200],
        "notes": selectors.case_notes(perms),
        "attachments": selectors.case_attachments(perms),
        "team": selectors.case_team(case, include_past=True),
        "tasks": selectors.case_tasks(perms),
        "accesses": selectors.case_break_glass(perms),
        "moves": stage_moves(case) if perms.can_manage else [],
        "close_form": _close_form(case, perms) if perms.can_manage else None,
        "team_form": _team_form(case, perms) if perms.can_manage else None,
        "note_form": _note_form(case, perms) if can_note else None,
        "attachment_form": AttachmentForm(perms=perms) if perms.can_edit else None,
        "task_form": _task_form(case, perms) if perms.can_edit else None,
        "from_spoke": case.origin_node.kind == "spoke" and case.origin_node_id != case.hub_id,
    }
    context.update(bound)
    return context


@login_required
@require_GET
def case_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case, perms = selectors.case_get(user=request.user, pk=pk)
    if perms.level == Level.EXISTENCE:
        return _existence(request, case, perms, BreakGlassForm())
    case, perms = selectors.case_read(user=request.user, pk=pk)
    return render(request, "cases/case_detail.html", _detail_context(case, perms))


def _existence(
    request: AuthenticatedHttpRequest, case: Case, perms: CasePermissions, form: BreakGlassForm
) -> HttpResponse:
    """What a hub colleague outside the team sees: the case exists, and whom to ask."""
    context = {
        "case": case,
        "perms": perms,
        "manager": selectors.case_manager(case),
        "form": form if perms.can_break_glass else None,
    }
    return render(request, "cases/case_existence.html", context)


def _case_action(
    request: AuthenticatedHttpRequest,
    pk: int,
    *,
    form_name: str,
    make_form: FormFactory,
    require: Callable[[CasePermissions], None],
    act: Callable[[Case, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Validate one sub-form of the card, call its service, back to the card (or errors)."""
    case, perms = selectors.case_get(user=request.user, pk=pk)
    require(perms)
    form = make_form(case, perms, request.POST)
    if form.is_valid():
        try:
            act(case, form.cleaned_data)
        except StaleEditError as exc:
            # Keep what was typed; the next submit starts from the version now shown.
            data = request.POST.copy()
            data["version"] = str(exc.current.version)
            form = make_form(case, perms, data)
            form.is_valid()
            form.add_error(None, exc)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("cases:detail", pk=case.pk)
    case, perms = selectors.case_read(user=request.user, pk=pk)
    context = _detail_context(case, perms, **{form_name: form})
    return render(request, "cases/case_detail.html", context)


def _require_note(perms: CasePermissions) -> None:
    if perms.break_glass is None or not perms.case.is_open:
        permissions.require_edit(perms)


@login_required
@require_POST
def note_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def act(case: Case, data: dict[str, Any]) -> object:
        return services.note_add(actor=request.user, case=case, **data)

    return _case_action(
        request,
        pk,
        form_name="note_form",
        make_form=_note_form,
        require=_require_note,
        act=act,
        done=_("Nota aggiunta."),
    )


@login_required
@require_POST
def case_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def act(case: Case, data: dict[str, Any]) -> object:
        return services.case_close(
            actor=request.user,
            case=case,
            outcome=data["outcome"],
            note=data["note"],
            closed_on=data["closed_on"],
            expected_version=data["version"],
        )

    return _case_action(
        request,
        pk,
        form_name="close_form",
        make_form=_close_form,
        require=permissions.require_manage,
        act=act,
        done=_("Presa in carico chiusa."),
    )


@login_required
@require_POST
def team_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def act(case: Case, data: dict[str, Any]) -> object:
        return services.team_add(actor=request.user, case=case, **data)

    return _case_action(
        request,
        pk,
        form_name="team_form",
        make_form=_team_form,
        require=permissions.require_manage,
        act=act,
        done=_("Équipe aggiornata."),
    )


@login_required
@require_POST
def task_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def act(case: Case, data: dict[str, Any]) -> object:
        return services.task_add(actor=request.user, case=case, **data)

    return _case_action(
        request,
        pk,
        form_name="task_form",
        make_form=_task_form,
        require=permissions.require_edit,
        act=act,
        done=_("Attività aggiunta."),
    )


@login_required
@require_POST
def attachment_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def make_form(
        case: Case, perms: CasePermissions, data: QueryDict | None = None
    ) -> AttachmentForm:
        return AttachmentForm(data, request.FILES, perms=perms)

    def act(case: Case, data: dict[str, Any]) -> object:
        return services.attachment_add(actor=request.user, case=case, **data)

    return _case_action(
        request,
        pk,
        form_name="attachment_form",
        make_form=make_form,
        require=permissions.require_edit,
        act=act,
        done=_("Allegato caricato."),
    )


def _quick_action(
    request: AuthenticatedHttpRequest,
    pk: int,
    require: Callable[[CasePermissions], None],
    act: Callable[[Case, CasePermissions], object],
    done: str,
) -> HttpResponse:
    """A one-button write (stage, task done, end membership): errors come back as a message."""
    case, perms = selectors.case_get(user=request.user, pk=pk)
    require(perms)
    try:
        act(case, perms)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_POST
def case_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    form = MoveForm(request.POST)

    def act(case: Case, perms: CasePermissions) -> object:
        if not form.is_valid():
            raise ValidationError(_("Fase non valida."))
        return services.case_move(
            actor=request.user,
            case=case,
            to_stage=form.cleaned_data["to_stage"],
            expected_version=form.cleaned_data["version"],
            note=form.cleaned_data["note"],
        )

    return _quick_action(request, pk, permissions.require_manage, act, _("Fase aggiornata."))


@login_required
@require_POST
def team_end(request: AuthenticatedHttpRequest, pk: int, member: int) -> HttpResponse:
    def act(case: Case, perms: CasePermissions) -> object:
        row = get_object_or_404(selectors.case_team(case), pk=member)
        return services.team_end(actor=request.user, member=row)

    return _quick_action(request, pk, permissions.require_manage, act, _("Incarico concluso."))


@login_required
@require_POST
def task_complete(request: AuthenticatedHttpRequest, pk: int, item: int) -> HttpResponse:
    form = VersionForm(request.POST)

    def act(case: Case, perms: CasePermissions) -> object:
        task = get_object_or_404(selectors.case_tasks(perms), pk=item)
        if not form.is_valid():
            raise ValidationError(_("Ricarica la pagina e riprova."))
        return services.task_complete(
            actor=request.user, task=task, expected_version=form.cleaned_data["version"]
        )

    return _quick_action(request, pk, permissions.require_edit, act, _("Attività completata."))


@login_required
@require_GET
def attachment_download(request: AuthenticatedHttpRequest, pk: int, item: int) -> FileResponse:
    row = selectors.attachment_get(user=request.user, case_pk=pk, pk=item)
    response = FileResponse(
        row.file.open("rb"),
        as_attachment=True,
        filename=row.original_name,
        content_type=row.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- emergency access ------------------------------------------------------------------------
@login_required
@require_POST
def break_glass(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case, perms = selectors.case_get(user=request.user, pk=pk)
    if not perms.can_break_glass:
        raise PermissionDenied
    form = BreakGlassForm(request.POST)
    if form.is_valid():
        try:
            services.break_glass_open(
                actor=request.user, case=case, justification=form.cleaned_data["justification"]
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.warning(request, _("Accesso di emergenza aperto: il coordinatore è avvisato."))
            return redirect("cases:detail", pk=case.pk)
    return _existence(request, case, perms, form)


def _require_coordinator(request: AuthenticatedHttpRequest) -> None:
    if not permissions.coordinated_hub_ids(request.user):
        raise PermissionDenied


@login_required
@require_GET
def break_glass_review(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_coordinator(request)
    rows = selectors.break_glass_for_coordinator(user=request.user, since_days=90)
    return render(request, "cases/break_glass_review.html", {"rows": rows})


@login_required
@require_POST
def break_glass_ack(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require_coordinator(request)
    rows = selectors.break_glass_for_coordinator(user=request.user, since_days=3650)
    services.break_glass_review(actor=request.user, row=get_object_or_404(rows, pk=pk))
    messages.success(request, _("Presa visione registrata."))
    return redirect("cases:break_glass_review")
