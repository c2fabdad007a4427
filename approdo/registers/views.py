"""Pages of the imports: list, upload, column mapping, status with progress, dry-run result,
final result, CSV of the problems.

Views validate a form, call one selector or service, and render. Who sees an import and who
may act on it is decided in selectors (accounts.access underneath): monitors get 403,
imports outside the user's scope 404, users who see an import but do not import 403.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from approdo.accounts.models import User
from approdo.core.concurrency import StaleEditError
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest
from approdo.people.selectors import default_node_for
from approdo.registers import progress, selectors, services
from approdo.registers.exports import problem_lines
from approdo.registers.forms import (
    LayoutForm,
    MappingForm,
    ProblemFilterForm,
    UploadForm,
    VersionForm,
)
from approdo.registers.models import (
    WRITE_ROWS_PER_SECOND,
    ImportProblem,
    ImportStatus,
    RegisterImport,
    RowOutcome,
)
from approdo.registers.reading import column_letter
from approdo.registers.targets import GROUP_LABELS

PAGE_SIZE = 25
# Measured on SQLite (person, documents, phone, languages, case, note and their audit rows).
SQLITE_WARN_ROWS = 500
CSV_CHUNK = 2000
PROBLEMS_PAGE_SIZE = 100
SAMPLE = Path(__file__).resolve().parent / "samples" / "registro-esempio.csv"
# Statuses in which the columns may (again) be mapped.
MAPPABLE = frozenset(
    {ImportStatus.UPLOADED, ImportStatus.MAPPED, ImportStatus.CHECKED, ImportStatus.FAILED}
)


@login_required
@require_GET
def import_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    imports = selectors.import_list(user=request.user)
    page = Paginator(imports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "registers/import_list.html",
        {"page": page, "can_import": selectors.can_import(request.user)},
    )


@login_required
@require_GET
def sample(request: AuthenticatedHttpRequest) -> FileResponse:
    return FileResponse(
        SAMPLE.open("rb"),
        as_attachment=True,
        filename=SAMPLE.name,
        content_type="text/csv; charset=utf-8",
    )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    nodes = selectors.import_node_choices(user=user)
    if not nodes.exists():
        raise PermissionDenied
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        nodes=nodes,
        default=default_node_for(user=user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload_file = data["file"]
        try:
            register_import = services.import_upload(
                actor=user,
                node=data["node"],
                file_name=upload_file.name or "registro",
                data=upload_file.read(),
                sheet=data.get("sheet") or "",
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                attach_service_errors(form, exc)
            else:
                form.add_error("file", exc)
        else:
            messages.success(
                request,
                _("File caricato: %(n)s righe. Controlla quale colonna va in quale campo.")
                % {"n": register_import.row_count},
            )
            return redirect("registers:mapping", pk=register_import.pk)
    return render(request, "registers/upload.html", {"form": form})


def _problems_page(request: AuthenticatedHttpRequest, register_import: RegisterImport) -> dict:
    filters = ProblemFilterForm(request.GET)
    severity = filters.cleaned_data.get("severity", "") if filters.is_valid() else ""
    problems = selectors.import_problems(register_import, severity=severity).select_related(
        "person"
    )
    page = Paginator(problems, PROBLEMS_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.redact_problems(request.user, page.object_list)
    return {"problems": page, "severity": severity}


@login_required
@require_GET
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    register_import = selectors.import_read(user=user, pk=pk)
    context: dict = {
        "imp": register_import,
        "can_act": register_import.node_id in selectors.import_node_ids(user),
        "version_form": VersionForm(initial={"version": register_import.version}),
        "progress": progress.read(register_import),
    }
    if register_import.is_running:
        quiet = services.quiet_minutes(register_import)
        context["quiet_minutes"] = quiet
        context["stalled"] = quiet >= services.quiet_allowed_minutes(register_import)
    status = register_import.status
    if status in (ImportStatus.CHECKED, ImportStatus.FAILED, ImportStatus.IMPORTED):
        context.update(_problems_page(request, register_import))
    if status == ImportStatus.CHECKED:
        context["lock_minutes"] = _sqlite_lock_minutes(register_import.rows_ready)
    if status == ImportStatus.IMPORTED:
        rows = selectors.imported_rows(register_import)
        context["rows"] = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("rows"))
        context["skipped"] = RowOutcome.SKIPPED
    if status in (ImportStatus.MAPPED, ImportStatus.CHECKED):
        headers = register_import.headers
        context["mapped"] = [
            (label, f"{column_letter(column)} · {headers[column]}")
            for label, column in _mapped_fields(register_import)
        ]
    return render(request, "registers/detail.html", context)


def _sqlite_lock_minutes(rows: int) -> int:
    """On SQLite the commit's one transaction holds the write lock: everyone else's saves wait
    (and fail after a few seconds) until it ends. Worth saying before a long one."""
    if connection.vendor != "sqlite" or rows < SQLITE_WARN_ROWS:
        return 0
    return math.ceil(rows / WRITE_ROWS_PER_SECOND / 60)


def _mapped_fields(register_import: RegisterImport) -> list[tuple[str, int]]:
    from approdo.registers.targets import TARGETS

    mapping = register_import.mapping or {}
    return [(str(t.label), int(mapping[t.key])) for t in TARGETS if t.key in mapping]


@login_required
@require_GET
def progress_partial(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The progress bar, polled by htmx; once the task is done the page reloads."""
    register_import = selectors.import_get(user=request.user, pk=pk)
    response = render(
        request,
        "registers/_progress.html",
        {"imp": register_import, "progress": progress.read(register_import)},
    )
    if not register_import.is_running and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def mapping(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    register_import = selectors.import_for_action(user=user, pk=pk)
    if register_import.status not in MAPPABLE:
        messages.info(request, _("In questo stato le colonne non si possono più cambiare."))
        return redirect("registers:detail", pk=pk)
    form = MappingForm(request.POST or None, register_import=register_import)
    if request.method == "POST" and form.is_valid():
        try:
            services.import_map(
                actor=user,
                register_import=register_import,
                expected_version=form.cleaned_data["version"],
                mapping=form.mapping(),
                options=form.options(),
            )
        except StaleEditError:
            messages.error(request, _("L'importazione è cambiata nel frattempo: ricontrolla."))
            return redirect("registers:mapping", pk=pk)
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            messages.success(request, _("Colonne associate. Ora avvia la verifica."))
            return redirect("registers:detail", pk=pk)
    headers = register_import.headers
    context = {
        "imp": register_import,
        "form": form,
        "groups": [(label, form.target_fields(key)) for key, label in GROUP_LABELS.items()],
        "option_fields": [form[name] for name in MappingForm.OPTION_FIELDS],
        "layout_form": LayoutForm(register_import=register_import),
        "columns": [(column_letter(i), h) for i, h in enumerate(headers)],
        "preview": selectors.import_preview(register_import),
    }
    return render(request, "registers/mapping.html", context)


def _action(request: AuthenticatedHttpRequest, pk: int) -> tuple[RegisterImport, int | None]:
    register_import = selectors.import_for_action(user=request.user, pk=pk)
    form = VersionForm(request.POST)
    return register_import, form.cleaned_data["version"] if form.is_valid() else None


def _refused(request: AuthenticatedHttpRequest, exc: ValidationError) -> None:
    if isinstance(exc, StaleEditError):
        messages.error(request, _("L'importazione è cambiata nel frattempo: ricontrolla."))
    else:
        for message in exc.messages:
            messages.error(request, message)


@login_required
@require_POST
def layout(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    register_import = selectors.import_for_action(user=request.user, pk=pk)
    form = LayoutForm(request.POST, register_import=register_import)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("registers:mapping", pk=pk)
    try:
        services.import_set_layout(
            actor=request.user,
            register_import=register_import,
            expected_version=form.cleaned_data["version"],
            sheet=form.cleaned_data.get("sheet") or "",
            header_row=form.cleaned_data["header_row"],
        )
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Intestazione riletta: controlla di nuovo le colonne."))
    return redirect("registers:mapping", pk=pk)


@login_required
@require_POST
def check(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    register_import, version = _action(request, pk)
    try:
        services.import_start_check(
            actor=request.user,
            register_import=register_import,
            expected_version=version or 0,
            language=get_language() or "it",
        )
    except ValidationError as exc:
        _refused(request, exc)
    return redirect("registers:detail", pk=pk)


@login_required
@require_POST
def commit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    register_import, version = _action(request, pk)
    try:
        services.import_start_commit(
            actor=request.user, register_import=register_import, expected_version=version or 0
        )
    except ValidationError as exc:
        _refused(request, exc)
    return redirect("registers:detail", pk=pk)


@login_required
@require_POST
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    register_import, version = _action(request, pk)
    try:
        services.import_cancel(
            actor=request.user, register_import=register_import, expected_version=version or 0
        )
    except ValidationError as exc:
        _refused(request, exc)
        return redirect("registers:detail", pk=pk)
    messages.success(request, _("Importazione annullata: il file è stato eliminato."))
    return redirect("registers:list")


@login_required
@require_POST
def abandon(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    register_import = selectors.import_get(user=request.user, pk=pk)
    try:
        services.import_abandon(actor=request.user, register_import=register_import)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.warning(request, _("Importazione interrotta: si può verificare di nuovo."))
    return redirect("registers:detail", pk=pk)


def _readable_problems(user: User, register_import: RegisterImport) -> Iterator[ImportProblem]:
    problems = selectors.import_problems(register_import).iterator(chunk_size=CSV_CHUNK)
    while chunk := list(islice(problems, CSV_CHUNK)):
        yield from selectors.redact_problems(user, chunk)


@login_required
@require_GET
def problems_csv(request: AuthenticatedHttpRequest, pk: int) -> StreamingHttpResponse:
    register_import = selectors.import_read(
        user=request.user, pk=pk, purpose="registers.import.problems_csv"
    )
    response = StreamingHttpResponse(
        problem_lines(_readable_problems(request.user, register_import)),
        content_type="text/csv; charset=utf-8",
    )
    name = f"problemi-importazione-{register_import.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
