"""The background work of an import: the dry run and the all-or-nothing commit.

Both are called by the tasks (tasks.py) or, on the server, by `manage.py import_register`.
Neither lets an exception out: whatever goes wrong leaves the import `failed` with a reason a
user can read, and the traceback goes to the log.

- The dry run checks every row, stores its problems in batches and its progress on the import
  row, each in a short transaction of its own, and writes no person.
- The commit checks every row again (the network may have changed since the dry run) and
  writes them in one transaction: the first row that fails undoes every row before it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from approdo.accounts import access
from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.linkage.tasks import linking_in_one_task
from approdo.registers import progress
from approdo.registers.commit import write_row
from approdo.registers.models import (
    ImportedRow,
    ImportProblem,
    ImportStatus,
    RegisterImport,
    RowOutcome,
)
from approdo.registers.reading import SourceRow, data_rows
from approdo.registers.selectors import import_content
from approdo.registers.services import import_fail, move_status
from approdo.registers.validation import CheckedRow, RowValidator, problem_text

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 50  # rows between two progress updates
PROBLEM_BATCH = 500


class RowFailed(Exception):
    """A row the commit cannot write; the message names the row."""


def _load(import_id: int, status: str) -> RegisterImport | None:
    found = (
        RegisterImport.objects.defer("content")
        .select_related("node", "checked_by", "committed_by")
        .filter(pk=import_id)
        .first()
    )
    # Another status means the import moved on (re-mapped, cancelled): the task is stale.
    return found if found is not None and found.status == status else None


def _rows(register_import: RegisterImport) -> Iterator[SourceRow]:
    return data_rows(
        import_content(register_import),
        kind=register_import.file_kind,
        sheet=register_import.sheet_name,
        header_row=register_import.header_row,
        columns=len(register_import.headers),
        encoding=register_import.csv_encoding,
        delimiter=register_import.csv_delimiter,
    )


def _no_access_message() -> str:
    return _(
        "Chi ha avviato l'operazione non può più registrare persone in questo nodo: "
        "nulla è stato scritto."
    )


def _unexpected_message(register_import: RegisterImport) -> str:
    return _(
        "Errore imprevisto: nulla è stato scritto. Riprova; se si ripete, segnala "
        "l'importazione n. %(id)s all'assistenza."
    ) % {"id": register_import.pk}


# --- dry run ---------------------------------------------------------------------------------


@dataclass
class _Counts:
    done: int = 0
    errors: int = 0
    warnings: int = 0
    duplicates: int = 0

    def add(self, row: CheckedRow) -> None:
        self.done += 1
        self.errors += row.has_errors
        self.warnings += row.has_warnings
        self.duplicates += row.is_likely_duplicate


def _problem_rows(register_import: RegisterImport, row: CheckedRow) -> list[ImportProblem]:
    return [
        ImportProblem(
            register_import=register_import,
            row_number=p.row,
            column=p.column[:200],
            field=p.field,
            value=p.value,
            severity=p.severity,
            code=p.code,
            message=p.message,
            person_id=p.person_id,
        )
        for p in row.problems
    ]


def _run(
    import_id: int,
    status: str,
    actor_of: Callable[[RegisterImport], User | None],
    work: Callable[[RegisterImport, User], None],
    what: str,
) -> bool:
    """Run `work` on an import in `status` as the user who started it, in the language they
    started it in; any failure ends the import `failed` with a message, never stuck."""
    register_import = _load(import_id, status)
    if register_import is None:
        return False
    actor = actor_of(register_import)
    with translation.override(register_import.language):
        try:
            if actor is None:
                raise PermissionDenied
            access.require_person_access(actor, register_import.node_id)
            work(register_import, actor)
        except RowFailed as exc:
            import_fail(import_id=import_id, message=str(exc), actor=actor)
            return False
        except (PermissionDenied, Http404):
            import_fail(import_id=import_id, message=_no_access_message(), actor=actor)
            return False
        except ValidationError as exc:  # e.g. the file cannot be read any more
            import_fail(import_id=import_id, message=" ".join(exc.messages), actor=actor)
            return False
        except Exception:
            logger.exception("%s of register import %s failed", what, import_id)
            import_fail(
                import_id=import_id, message=_unexpected_message(register_import), actor=actor
            )
            return False
    return True


def run_check(import_id: int) -> bool:
    """The dry run of a `checking` import; True when it ended `checked`."""
    return _run(import_id, ImportStatus.CHECKING, lambda imp: imp.checked_by, _check, "Dry run")


def _check(register_import: RegisterImport, actor: User) -> None:
    pk, total = register_import.pk, register_import.row_count
    ImportProblem.objects.filter(register_import_id=pk).delete()
    validator = RowValidator(register_import, actor)
    counts = _Counts()
    batch: list[ImportProblem] = []
    progress.publish(pk, phase=progress.CHECKING, done=0, total=total)
    for source in _rows(register_import):
        row = validator.check(source)
        counts.add(row)
        batch.extend(_problem_rows(register_import, row))
        if len(batch) >= PROBLEM_BATCH:
            ImportProblem.objects.bulk_create(batch)
            batch = []
        if counts.done % PROGRESS_EVERY == 0:
            RegisterImport.objects.filter(pk=pk).update(rows_done=counts.done)
            progress.publish(pk, phase=progress.CHECKING, done=counts.done, total=total)
    ImportProblem.objects.bulk_create(batch)
    with transaction.atomic():
        move_status(
            register_import,
            ImportStatus.CHECKED,
            rows_done=counts.done,
            row_count=counts.done,
            rows_with_errors=counts.errors,
            rows_with_warnings=counts.warnings,
            likely_duplicates=counts.duplicates,
            checked_at=timezone.now(),
        )
        record(
            actor=actor,
            action="registers.import.checked",
            target=register_import,
            node_id=register_import.node_id,
            data={
                "rows": counts.done,
                "rows_with_errors": counts.errors,
                "rows_with_warnings": counts.warnings,
                "likely_duplicates": counts.duplicates,
            },
        )
    progress.publish(pk, phase=progress.CHECKING, done=counts.done, total=counts.done)


# --- commit ----------------------------------------------------------------------------------


@dataclass
class _Written:
    people: int = 0
    cases: int = 0
    skipped: int = 0


def run_commit(import_id: int) -> bool:
    """The commit of an `importing` import; True when it ended `imported`."""
    return _run(import_id, ImportStatus.IMPORTING, lambda imp: imp.committed_by, _commit, "Commit")


def _commit(register_import: RegisterImport, actor: User) -> None:
    pk, total = register_import.pk, register_import.row_count
    validator = RowValidator(register_import, actor)
    sources = _rows(register_import)
    with progress.side_channel():
        live = progress.live_during_transaction()
        progress.publish(pk, phase=progress.WRITING, done=0, total=total, live=live)
        # The imported people are linked against the network by one task after the commit.
        with transaction.atomic(), linking_in_one_task():
            written = _write_all(register_import, actor, validator, sources)
            move_status(
                register_import,
                ImportStatus.IMPORTED,
                rows_done=total,
                people_created=written.people,
                cases_opened=written.cases,
                rows_skipped=written.skipped,
                finished_at=timezone.now(),
                content=b"",  # the people are in the network now: the file is not kept
            )
            record(
                actor=actor,
                action="registers.import.committed",
                target=register_import,
                node_id=register_import.node_id,
                data={
                    "file_name": register_import.file_name,
                    "sha256": register_import.file_sha256,
                    "rows": total,
                    "people_created": written.people,
                    "cases_opened": written.cases,
                    "rows_skipped": written.skipped,
                },
            )
    progress.publish(pk, phase=progress.WRITING, done=total, total=total)


def _write_all(
    register_import: RegisterImport,
    actor: User,
    validator: RowValidator,
    sources: Iterator[SourceRow],
) -> _Written:
    node = register_import.node
    written = _Written()
    outcomes: list[ImportedRow] = []
    live = progress.live_during_transaction()
    for done, source in enumerate(sources, start=1):
        row = validator.check(source)
        failed = row.first_error
        if failed is not None:
            raise RowFailed(problem_text(failed.row, failed.column, failed.message))
        if register_import.skip_likely_duplicates and row.is_likely_duplicate:
            outcomes.append(
                ImportedRow(
                    register_import=register_import,
                    row_number=row.number,
                    outcome=RowOutcome.SKIPPED,
                )
            )
            written.skipped += 1
        else:
            try:
                result = write_row(actor=actor, node=node, register_import=register_import, row=row)
            except ValidationError as exc:
                raise RowFailed(problem_text(row.number, "", " ".join(exc.messages))) from exc
            validator.ignore_person_ids.add(result.person.pk)
            outcomes.append(
                ImportedRow(
                    register_import=register_import,
                    row_number=row.number,
                    outcome=RowOutcome.CREATED,
                    person=result.person,
                    case=result.case,
                )
            )
            written.people += 1
            written.cases += result.case is not None
        if len(outcomes) >= PROBLEM_BATCH:
            ImportedRow.objects.bulk_create(outcomes)
            outcomes = []
        if live and done % PROGRESS_EVERY == 0:
            progress.publish(
                register_import.pk,
                phase=progress.WRITING,
                done=done,
                total=register_import.row_count,
            )
    ImportedRow.objects.bulk_create(outcomes)
    return written
