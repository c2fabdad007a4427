"""`manage.py import_register FILE --node CODE --user EMAIL`: import a register on the server.

The same services and runs as the pages, in this process and without the task queue: upload,
mapping (guessed from the headers, corrected with --mapping), dry run, and — unless --dry-run
or the dry run finds errors — the all-or-nothing commit. The import is then listed on the
pages like any other, with its problems and its people.

--mapping takes JSON (inline or a file name): {"field": column}, where a column is a header
("Data di nascita"), a column letter ("D") or a 0-based index; null drops a guessed field.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from approdo.accounts.models import User
from approdo.cases.models import AccessChannel
from approdo.network.models import Node
from approdo.registers import runs, selectors, services
from approdo.registers.models import ImportStatus, RegisterImport
from approdo.registers.reading import column_letter
from approdo.registers.targets import TARGETS_BY_KEY
from approdo.registers.validation import problem_text

SHOWN_PROBLEMS = 50


def _column(value: Any, headers: list[str]) -> int:
    if isinstance(value, int) and 0 <= value < len(headers):
        return value
    text = str(value).strip()
    for index, header in enumerate(headers):
        if header.casefold() == text.casefold():
            return index
    if re.fullmatch(r"[A-Za-z]{1,3}", text):
        letters = [column_letter(i) for i in range(len(headers))]
        if text.upper() in letters:
            return letters.index(text.upper())
    raise CommandError(f"Colonna «{value}» non trovata. Colonne del file: {', '.join(headers)}")


def resolve_mapping(raw: str, guessed: dict[str, int], headers: list[str]) -> dict[str, int]:
    """The guessed mapping corrected by the --mapping JSON (inline or a file)."""
    if not raw:
        return dict(guessed)
    path = Path(raw)
    text = path.read_text(encoding="utf-8") if path.suffix == ".json" and path.exists() else raw
    try:
        given = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(f"--mapping non è JSON valido: {exc}") from exc
    if not isinstance(given, dict):
        raise CommandError('--mapping: serve un oggetto JSON {"campo": "colonna"}.')
    mapping = dict(guessed)
    for key, value in given.items():
        if key not in TARGETS_BY_KEY:
            raise CommandError(f"Campo sconosciuto: {key}. Campi: {', '.join(TARGETS_BY_KEY)}")
        if value is None:
            mapping.pop(key, None)
        else:
            mapping[key] = _column(value, headers)
    return mapping


class Command(BaseCommand):
    help = "Importa un registro di persone (XLSX o CSV) in un nodo, con verifica preventiva."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Il file .xlsx o .csv")
        parser.add_argument("--node", required=True, help="Codice del nodo (per esempio PUG-H01)")
        parser.add_argument("--user", required=True, help="E-mail di chi importa")
        parser.add_argument("--mapping", default="", help="JSON {campo: colonna} o file .json")
        parser.add_argument("--sheet", default="", help="Foglio del file Excel")
        parser.add_argument("--header-row", type=int, default=None)
        parser.add_argument("--dry-run", action="store_true", help="Solo la verifica")
        parser.add_argument("--skip-duplicates", action="store_true")
        parser.add_argument("--no-cases", action="store_true", help="Non aprire prese in carico")
        parser.add_argument(
            "--access-channel", default=AccessChannel.DIRECT, choices=AccessChannel.values
        )
        parser.add_argument("--internal-source", default="")
        parser.add_argument("--external-body-kind", default="")
        parser.add_argument("--external-body-name", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"Nessun utente attivo con e-mail {options['user']}.")
        node = Node.objects.filter(code=options["node"]).first()
        if node is None:
            raise CommandError(f"Nessun nodo con codice {options['node']}.")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"File non trovato: {path}")
        try:
            register_import = self._prepare(user, node, path, options)
            self._check(user, register_import)
            if options["dry_run"]:
                self.stdout.write("Solo verifica (--dry-run): nessuna persona registrata.")
                return
            self._commit(user, register_import)
        except (PermissionDenied, Http404) as exc:
            raise CommandError(f"{user.email} non può importare persone in {node.code}.") from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc

    def _prepare(
        self, user: User, node: Node, path: Path, options: dict[str, Any]
    ) -> RegisterImport:
        register_import = services.import_upload(
            actor=user,
            node=node,
            file_name=path.name,
            data=path.read_bytes(),
            sheet=options["sheet"],
        )
        if options["header_row"]:
            services.import_set_layout(
                actor=user,
                register_import=register_import,
                expected_version=register_import.version,
                sheet=register_import.sheet_name,
                header_row=options["header_row"],
            )
        headers = list(register_import.headers)
        mapping = resolve_mapping(options["mapping"], register_import.mapping, headers)
        for key, column in mapping.items():
            self.stdout.write(
                f"  {TARGETS_BY_KEY[key].label} ← {column_letter(column)} {headers[column]}"
            )
        services.import_map(
            actor=user,
            register_import=register_import,
            expected_version=register_import.version,
            mapping=mapping,
            options=services.ImportOptions(
                open_cases=not options["no_cases"],
                access_channel=options["access_channel"],
                internal_source=options["internal_source"],
                external_body_kind=options["external_body_kind"],
                external_body_name=options["external_body_name"],
                skip_likely_duplicates=options["skip_duplicates"],
            ),
        )
        return register_import

    def _check(self, user: User, register_import: RegisterImport) -> None:
        services.import_start_check(
            actor=user,
            register_import=register_import,
            expected_version=register_import.version,
            background=False,
        )
        runs.run_check(register_import.pk)
        register_import.refresh_from_db()
        if register_import.status == ImportStatus.FAILED:
            raise CommandError(register_import.error_message)
        self.stdout.write(
            f"Importazione n. {register_import.pk}: {register_import.row_count} righe, "
            f"{register_import.rows_with_errors} con errori, "
            f"{register_import.rows_with_warnings} con avvisi, "
            f"{register_import.likely_duplicates} probabili doppioni."
        )
        problems = selectors.import_problems(register_import)
        for problem in problems[:SHOWN_PROBLEMS]:
            marker = "ERRORE" if problem.severity == "error" else "avviso"
            text = problem_text(problem.row_number, problem.column, problem.message)
            self.stdout.write(f"  [{marker}] {text}")
        if problems.count() > SHOWN_PROBLEMS:
            self.stdout.write("  ... e altri: l'elenco completo è nella pagina dell'importazione.")
        if register_import.rows_with_errors:
            raise CommandError("Ci sono righe con errori: nessuna persona registrata.")

    def _commit(self, user: User, register_import: RegisterImport) -> None:
        services.import_start_commit(
            actor=user,
            register_import=register_import,
            expected_version=register_import.version,
            background=False,
        )
        runs.run_commit(register_import.pk)
        register_import.refresh_from_db()
        if register_import.status != ImportStatus.IMPORTED:
            raise CommandError(register_import.error_message)
        self.stdout.write(
            self.style.SUCCESS(
                f"Importate {register_import.people_created} persone, "
                f"{register_import.cases_opened} prese in carico aperte, "
                f"{register_import.rows_skipped} righe saltate."
            )
        )
