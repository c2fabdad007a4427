"""Files and imports for the tests: CSV and XLSX builders, upload/check/commit in one call."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from approdo.people.tests.factories import World
from approdo.registers import runs, services
from approdo.registers.models import RegisterImport
from approdo.registers.validation import problem_text

HEADER = [
    "Cognome",
    "Nome",
    "Sesso",
    "Data di nascita",
    "Nazionalità",
    "Codice fiscale",
    "N. passaporto",
    "Tipo permesso",
    "Scadenza permesso",
    "Cellulare",
    "Comune",
    "Lingue",
    "Data presa in carico",
    "Note",
]


def good_rows() -> list[list[Any]]:
    return [
        HEADER,
        ["Diop", "Awa", "F", "03/04/1995", "Senegal", "", "A1234567", "art. 18",
         "31/12/2030", "+39 399 000 1001", "Foggia", "wolof (madrelingua), francese", "02/01/2024",
         "Segue un corso di italiano"],
        ["Rahman", "Abdul", "M", "1990", "Bangladesh", "", "", "", "", "3990001002", "", "",
         "", ""],
        ["Singh", "Gurpreet", "Maschio", "1988-11-20", "IND", "", "P7654321", "", "", "", "", "",
         "", ""],
    ]  # fmt: skip


def csv_bytes(
    rows: Sequence[Sequence[Any]], *, delimiter: str = ";", encoding: str = "utf-8-sig"
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow(["" if c is None else c for c in row])
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(sheets: dict[str, Sequence[Sequence[Any]]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def a_date(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d/%m/%Y").date()


def upload(
    world: World,
    rows: Sequence[Sequence[Any]] | None = None,
    *,
    user: Any = None,
    node: Any = None,
    data: bytes | None = None,
    name: str = "registro.csv",
    **options: Any,
) -> RegisterImport:
    """An uploaded import with the guessed mapping saved (status `mapped`)."""
    actor = user or world.worker_a
    register_import = services.import_upload(
        actor=actor,
        node=node or world.hub_a,
        file_name=name,
        data=data if data is not None else csv_bytes(rows if rows is not None else good_rows()),
    )
    return services.import_map(
        actor=actor,
        register_import=register_import,
        expected_version=register_import.version,
        mapping=register_import.mapping,
        options=services.ImportOptions(**options),
    )


def check(register_import: RegisterImport, *, user: Any = None) -> RegisterImport:
    """Run the dry run in this process, as the task would."""
    services.import_start_check(
        actor=user or register_import.created_by,
        register_import=register_import,
        expected_version=register_import.version,
        background=False,
    )
    runs.run_check(register_import.pk)
    register_import.refresh_from_db()
    return register_import


def commit(register_import: RegisterImport, *, user: Any = None) -> RegisterImport:
    services.import_start_commit(
        actor=user or register_import.created_by,
        register_import=register_import,
        expected_version=register_import.version,
        background=False,
    )
    runs.run_commit(register_import.pk)
    register_import.refresh_from_db()
    return register_import


def problem_texts(register_import: RegisterImport) -> list[str]:
    return [
        problem_text(p.row_number, p.column, p.message)
        for p in register_import.problems.order_by("row_number", "pk")
    ]
