"""Writes to imports: upload, layout, mapping, starting the dry run and the commit, cancelling.

Every status change goes through `_move`, which refuses moves the state machine
(models.TRANSITIONS) does not allow and, for a user's form, a stale version. The background
work itself (the dry run, the commit) lives in runs.py; these services only start it, after
their transaction commits. Audit events never carry the file's data, only figures.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases.models import AccessChannel, ExternalBodyKind, InternalSource
from approdo.core.concurrency import StaleEditError
from approdo.network.models import Node
from approdo.registers import progress
from approdo.registers.models import (
    WRITE_ROWS_PER_SECOND,
    ImportStatus,
    RegisterImport,
    can_move,
)
from approdo.registers.reading import check_file, read_layout
from approdo.registers.selectors import import_content, require_import_rights
from approdo.registers.targets import CASE_FIELDS, REQUIRED, TARGETS_BY_KEY, guess_mapping

logger = logging.getLogger(__name__)

# Counters a new mapping or layout resets.
_RESULTS: dict[str, Any] = {
    "rows_done": 0,
    "rows_with_errors": 0,
    "rows_with_warnings": 0,
    "likely_duplicates": 0,
    "error_message": "",
    "checked_at": None,
}


@dataclass(frozen=True)
class ImportOptions:
    """What the mapping page decides for every row of the file."""

    open_cases: bool = True
    access_channel: str = AccessChannel.DIRECT
    internal_source: str = ""
    external_body_kind: str = ""
    external_body_name: str = ""
    skip_likely_duplicates: bool = False
    jan_first_is_placeholder: bool = True


def move_status(
    register_import: RegisterImport,
    to: str,
    *,
    expected_version: int | None = None,
    **values: Any,
) -> RegisterImport:
    """Change the status (and `values`) if the stored status and version still hold."""
    current = register_import.status
    if not can_move(current, to):
        raise ValidationError(
            _("Un'importazione «%(from)s» non può passare a «%(to)s».")
            % {"from": ImportStatus(current).label, "to": ImportStatus(to).label},
            code="transition",
        )
    filters: dict[str, Any] = {"pk": register_import.pk, "status": current}
    if expected_version is not None:
        filters["version"] = expected_version
    updated = RegisterImport.objects.filter(**filters).update(
        status=to, version=F("version") + 1, updated_at=timezone.now(), **values
    )
    if updated != 1:
        stored = RegisterImport.objects.defer("content").get(pk=register_import.pk)
        raise StaleEditError(stored)
    register_import.refresh_from_db(fields=["status", "version", "updated_at", *values])
    return register_import


def _enqueue(task_name: str, import_id: int) -> None:
    """Start a task once the caller's transaction has committed (the task reads its rows)."""
    from approdo.registers import tasks

    def start() -> None:
        try:
            result = getattr(tasks, task_name).enqueue(import_id)
        except Exception:
            # A queue that refuses the task must not leave the import waiting for ever.
            logger.exception("Could not enqueue %s for register import %s", task_name, import_id)
            import_fail(
                import_id=import_id,
                message=_("Non è stato possibile avviare il lavoro in background: riprova."),
            )
            return
        RegisterImport.objects.filter(pk=import_id).update(task_id=str(result.id)[:64])

    transaction.on_commit(start)


# --- upload and layout -----------------------------------------------------------------------


def import_upload(
    *, actor: User, node: Node, file_name: str, data: bytes, sheet: str = ""
) -> RegisterImport:
    """Store an uploaded register for `node` (where the actor may import people).

    The file must be an XLSX or a CSV within the size and row limits, with a header row and
    at least one data row; the columns are matched to fields from their headers.
    """
    require_import_rights(actor, node.pk)
    info = check_file(file_name, data)
    if sheet and info.sheets and sheet not in info.sheets:
        raise ValidationError(
            {"sheet": _("Il foglio «%(sheet)s» non esiste nel file.") % {"sheet": sheet}}
        )
    chosen = sheet or (info.sheets[0] if info.sheets else "")
    layout = read_layout(
        data,
        kind=info.kind,
        sheet=chosen,
        encoding=info.encoding,
        delimiter=info.delimiter,
    )
    with transaction.atomic():
        register_import = RegisterImport(
            node=node,
            created_by=actor,
            file_name=file_name[:255],
            file_kind=info.kind,
            file_size=len(data),
            file_sha256=hashlib.sha256(data).hexdigest(),
            content=data,
            csv_encoding=info.encoding,
            csv_delimiter=info.delimiter,
            sheets=info.sheets,
            sheet_name=chosen,
            header_row=layout.header_row,
            headers=layout.headers,
            row_count=layout.row_count,
            mapping=guess_mapping(layout.headers),
        )
        register_import.full_clean()
        register_import.save()
        record(
            actor=actor,
            action="registers.import.uploaded",
            target=register_import,
            node_id=node.pk,
            data={
                "file_name": register_import.file_name,
                "file_kind": info.kind,
                "file_size": len(data),
                "sha256": register_import.file_sha256,
                "sheet": chosen,
                "rows": layout.row_count,
            },
        )
    register_import.content = b""  # callers never need the bytes again
    return register_import


def import_set_layout(
    *,
    actor: User,
    register_import: RegisterImport,
    expected_version: int,
    sheet: str = "",
    header_row: int | None = None,
) -> RegisterImport:
    """Read another sheet or another header row: the mapping starts again from a guess."""
    require_import_rights(actor, register_import.node_id)
    if register_import.sheets and sheet not in register_import.sheets:
        raise ValidationError({"sheet": _("Scegli uno dei fogli del file.")})
    layout = read_layout(
        import_content(register_import),
        kind=register_import.file_kind,
        sheet=sheet,
        header_row=header_row,
        encoding=register_import.csv_encoding,
        delimiter=register_import.csv_delimiter,
    )
    with transaction.atomic():
        register_import.problems.all().delete()
        move_status(
            register_import,
            ImportStatus.UPLOADED,
            expected_version=expected_version,
            sheet_name=sheet,
            header_row=layout.header_row,
            headers=layout.headers,
            row_count=layout.row_count,
            mapping=guess_mapping(layout.headers),
            **_RESULTS,
        )
        record(
            actor=actor,
            action="registers.import.layout_changed",
            target=register_import,
            node_id=register_import.node_id,
            data={"sheet": sheet, "header_row": layout.header_row, "rows": layout.row_count},
        )
    return register_import


# --- mapping ---------------------------------------------------------------------------------


def check_mapping(mapping: dict[str, int], headers: list[str], options: ImportOptions) -> None:
    """A usable mapping: required fields mapped, one field per column, known columns only."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    for key, column in mapping.items():
        if key not in TARGETS_BY_KEY:
            add("__all__", _("Campo sconosciuto: «%(key)s».") % {"key": key})
        elif not 0 <= column < len(headers):
            add(key, _("La colonna scelta non esiste nel file."))
    for key in REQUIRED:
        if key not in mapping:
            add(
                key,
                _("Associa la colonna di «%(field)s»: è obbligatoria.")
                % {"field": TARGETS_BY_KEY[key].label},
            )
    seen: dict[int, str] = {}
    for key, column in sorted(mapping.items(), key=lambda kv: kv[1]):
        if column in seen and key in TARGETS_BY_KEY:
            add(
                key,
                _("La colonna «%(column)s» è già associata a «%(other)s».")
                % {"column": headers[column], "other": TARGETS_BY_KEY[seen[column]].label},
            )
        seen.setdefault(column, key)
    if not options.open_cases:
        for key in sorted(CASE_FIELDS & mapping.keys()):
            add(key, _("Questo campo va nella presa in carico: scegli di aprirla."))
    if options.access_channel not in AccessChannel.values:
        add("access_channel", _("Scegli il canale di accesso."))
    if options.access_channel == AccessChannel.INTERNAL and (
        options.internal_source not in InternalSource.values
    ):
        add("internal_source", _("Indica quale servizio ha inviato le persone."))
    if options.access_channel == AccessChannel.EXTERNAL and (
        options.external_body_kind not in ExternalBodyKind.values
    ):
        add("external_body_kind", _("Indica quale ente ha inviato le persone."))
    if errors:
        raise ValidationError(errors)


def import_map(
    *,
    actor: User,
    register_import: RegisterImport,
    expected_version: int,
    mapping: dict[str, int],
    options: ImportOptions,
) -> RegisterImport:
    """Save which column fills which field and the options for the whole file."""
    require_import_rights(actor, register_import.node_id)
    check_mapping(mapping, list(register_import.headers), options)
    channel = options.access_channel
    values = asdict(options)
    values["internal_source"] = options.internal_source if channel == AccessChannel.INTERNAL else ""
    external = channel == AccessChannel.EXTERNAL
    values["external_body_kind"] = options.external_body_kind if external else ""
    values["external_body_name"] = options.external_body_name.strip()[:200] if external else ""
    with transaction.atomic():
        register_import.problems.all().delete()
        move_status(
            register_import,
            ImportStatus.MAPPED,
            expected_version=expected_version,
            mapping=dict(mapping),
            **values,
            **_RESULTS,
        )
        record(
            actor=actor,
            action="registers.import.mapped",
            target=register_import,
            node_id=register_import.node_id,
            data={"fields": sorted(mapping), **values},
        )
    return register_import


# --- the dry run and the commit ----------------------------------------------------------------


def import_start_check(
    *,
    actor: User,
    register_import: RegisterImport,
    expected_version: int,
    language: str = "it",
    background: bool = True,
) -> RegisterImport:
    """Start the dry run in the background: every row is checked, nothing is written.

    `background=False` leaves the run to the caller (the management command runs it itself).
    """
    require_import_rights(actor, register_import.node_id)
    with transaction.atomic():
        move_status(
            register_import,
            ImportStatus.CHECKING,
            expected_version=expected_version,
            checked_by=actor,
            language=(language or "it")[:8],
            **_RESULTS,
        )
        progress.forget(register_import.pk)
        if background:
            _enqueue("check_register", register_import.pk)
    return register_import


def import_start_commit(
    *,
    actor: User,
    register_import: RegisterImport,
    expected_version: int,
    background: bool = True,
) -> RegisterImport:
    """Start the commit in the background, once the dry run found no errors.

    The commit checks every row again (the network may have changed) and writes all of them
    in one transaction, or nothing.
    """
    require_import_rights(actor, register_import.node_id)
    if register_import.status == ImportStatus.CHECKED and register_import.rows_with_errors:
        raise ValidationError(
            _(
                "La verifica ha trovato errori in %(n)s righe: correggi il file e caricalo di "
                "nuovo, o cambia l'associazione delle colonne."
            )
            % {"n": register_import.rows_with_errors},
            code="has_errors",
        )
    if register_import.status == ImportStatus.CHECKED and register_import.rows_ready == 0:
        raise ValidationError(_("Non resta nessuna riga da importare."), code="nothing")
    with transaction.atomic():
        move_status(
            register_import,
            ImportStatus.IMPORTING,
            expected_version=expected_version,
            committed_by=actor,
            rows_done=0,
            error_message="",
        )
        progress.forget(register_import.pk)
        if background:
            _enqueue("commit_register", register_import.pk)
    return register_import


def import_cancel(
    *, actor: User, register_import: RegisterImport, expected_version: int
) -> RegisterImport:
    """Drop an import that will not be committed: the file and its problems are deleted."""
    require_import_rights(actor, register_import.node_id)
    with transaction.atomic():
        register_import.problems.all().delete()
        move_status(
            register_import,
            ImportStatus.CANCELLED,
            expected_version=expected_version,
            content=b"",
            finished_at=timezone.now(),
        )
        record(
            actor=actor,
            action="registers.import.cancelled",
            target=register_import,
            node_id=register_import.node_id,
        )
    return register_import


def import_fail(*, import_id: int, message: str, actor: User | None = None) -> None:
    """Mark a running import failed with the reason (nothing it was doing is kept)."""
    with transaction.atomic():
        register_import = (
            RegisterImport.objects.defer("content").select_for_update().filter(pk=import_id).first()
        )
        if register_import is None or not register_import.is_running:
            return
        move_status(
            register_import,
            ImportStatus.FAILED,
            error_message=message,
            finished_at=timezone.now(),
        )
        record(
            actor=actor,
            action="registers.import.failed",
            target=register_import,
            node_id=register_import.node_id,
            data={"reason": message[:500]},
        )
    progress.forget(import_id)


def quiet_allowed_minutes(register_import: RegisterImport) -> int:
    """How long a running import may go without a sign of life before it can be abandoned.

    The dry run publishes figures every few hundred rows. A commit on SQLite publishes nothing
    until it ends, so it is allowed twice its expected length on top."""
    minutes = settings.REGISTER_IMPORT_STALL_MINUTES
    if register_import.status == ImportStatus.IMPORTING and not progress.live_during_transaction():
        minutes += 2 * math.ceil(register_import.row_count / WRITE_ROWS_PER_SECOND / 60)
    return minutes


def quiet_minutes(register_import: RegisterImport, *, now: float | None = None) -> int:
    """Whole minutes since the running import last showed a sign of life."""
    moment = time.time() if now is None else now
    return int((moment - progress.last_sign_of_life(register_import)) // 60)


def import_abandon(
    *, actor: User, register_import: RegisterImport, now: float | None = None
) -> RegisterImport:
    """Give up on an import whose background task died (the worker was killed or the machine
    restarted): it is marked failed, nothing it was writing is kept, and it can be checked
    again. Refused while the task still shows signs of life."""
    require_import_rights(actor, register_import.node_id)
    if not register_import.is_running:
        raise ValidationError(_("L'importazione non è in corso."), code="not_running")
    quiet = quiet_minutes(register_import, now=now)
    allowed = quiet_allowed_minutes(register_import)
    if quiet < allowed:
        raise ValidationError(
            _(
                "L'importazione ha dato segni di vita %(quiet)d minuti fa: si può interrompere "
                "solo dopo %(allowed)d minuti senza segni di vita."
            )
            % {"quiet": quiet, "allowed": allowed},
            code="alive",
        )
    message = _(
        "Interrotta da %(name)s: il lavoro in background non dava segni di vita da %(quiet)d "
        "minuti. Nulla è stato scritto; si può verificare di nuovo."
    ) % {"name": actor.display_name, "quiet": quiet}
    import_fail(import_id=register_import.pk, message=message, actor=actor)
    record(
        actor=actor,
        action="registers.import.abandoned",
        target=register_import,
        node_id=register_import.node_id,
        data={"quiet_minutes": quiet},
    )
    register_import.refresh_from_db(fields=["status", "version", "error_message"])
    return register_import
