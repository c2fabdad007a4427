"""Reading the uploaded file: CSV (UTF-8 with or without BOM, else Windows/Latin-1; `;`, `,`,
tab or `|` sniffed) or XLSX (openpyxl, read-only, cached values of formulas).

Rows are numbered as the spreadsheet shows them (a CSV record is one row even when a quoted
cell spans lines), so "row 14" in a problem is row 14 on the user's screen. Empty rows are
skipped and never counted. Every way a file can be unreadable ends in a ValidationError with
an Italian message, never in an exception the user sees as a server error.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from approdo.registers.models import FileKind

MAX_FILE_BYTES: int = getattr(settings, "REGISTER_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
MAX_ROWS: int = getattr(settings, "REGISTER_IMPORT_MAX_ROWS", 50_000)
# An XLSX is a ZIP: refuse one that would inflate beyond this (a "zip bomb").
MAX_XLSX_INFLATED_BYTES = 400 * 1024 * 1024
MAX_COLUMNS = 200
HEADER_SCAN_ROWS = 20
CSV_ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
CSV_DELIMITERS = (";", ",", "\t", "|")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls (Excel 97-2003) and other old Office files

Cell = Any  # str, int, float, bool, datetime, date, time or None


@dataclass(frozen=True)
class SourceRow:
    number: int  # as the spreadsheet numbers it (1-based)
    cells: tuple[Cell, ...]

    def get(self, index: int) -> Cell:
        return self.cells[index] if 0 <= index < len(self.cells) else None


@dataclass(frozen=True)
class FileInfo:
    """What the upload learns about a file before any mapping."""

    kind: str
    sheets: list[str]
    encoding: str = ""
    delimiter: str = ""


@dataclass(frozen=True)
class Layout:
    sheet: str
    header_row: int
    headers: list[str]
    row_count: int


# --- cells -----------------------------------------------------------------------------------


def is_empty(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Cell) -> str:
    """A cell as the user sees it in the spreadsheet (dates as dd/mm/yyyy)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return _("sì") if value else _("no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA (as spreadsheets name columns)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- the file as a whole ---------------------------------------------------------------------


def _size_label(size: int) -> str:
    return f"{size / 1_048_576:.1f}".replace(".", ",")


def check_file(name: str, data: bytes) -> FileInfo:
    """Extension, size and content of an upload; a ValidationError says what is wrong."""
    if not data:
        raise ValidationError(_("Il file è vuoto."), code="empty")
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(
            _("Il file è troppo grande (%(size)s MB): il massimo è %(max)s MB.")
            % {"size": _size_label(len(data)), "max": MAX_FILE_BYTES // 1_048_576},
            code="too_large",
        )
    extension = os.path.splitext(name)[1].lower()
    if extension in (".xls", ".ods", ".numbers"):
        raise ValidationError(
            _(
                "Il formato %(ext)s non è accettato: apri il file e salvalo come Excel (.xlsx) "
                "o come CSV."
            )
            % {"ext": extension},
            code="extension",
        )
    if extension == ".xlsx":
        if not data.startswith(ZIP_MAGIC):
            raise ValidationError(
                _(
                    "Il file ha estensione .xlsx ma non è un file Excel: salvalo di nuovo "
                    "come .xlsx."
                ),
                code="content",
            )
        return FileInfo(kind=FileKind.XLSX, sheets=_xlsx_sheets(data))
    if extension in (".csv", ".txt"):
        if data.startswith((ZIP_MAGIC, OLE_MAGIC)) or b"\x00" in data[:65536]:
            raise ValidationError(
                _(
                    "Il file ha estensione .csv ma non è un file di testo: se è un foglio "
                    "Excel, caricalo con estensione .xlsx."
                ),
                code="content",
            )
        text, encoding = decode_csv(data)
        return FileInfo(
            kind=FileKind.CSV, sheets=[], encoding=encoding, delimiter=sniff_delimiter(text)
        )
    raise ValidationError(
        _("Sono accettati solo file Excel (.xlsx) e CSV (.csv)."), code="extension"
    )


def decode_csv(data: bytes) -> tuple[str, str]:
    """The text and the encoding that decoded it: UTF-8 first, then Windows and Latin-1."""
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any byte")  # pragma: no cover


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the same number (> 1) of cells."""
    lines = [line for line in text[:65536].splitlines()[:50] if line.strip()]
    best, best_score = ";", (0, 0)
    for delimiter in CSV_DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        if not counts:
            continue
        columns, frequency = Counter(counts).most_common(1)[0]
        score = (frequency if columns > 1 else 0, columns)
        if score > best_score:
            best, best_score = delimiter, score
    return best


# --- XLSX ------------------------------------------------------------------------------------


def _unreadable_xlsx() -> ValidationError:
    return ValidationError(
        _(
            "Il file Excel non si può leggere (danneggiato o protetto da password). Aprilo e "
            "salvalo di nuovo come .xlsx, oppure esportalo come CSV."
        ),
        code="unreadable",
    )


def _open_workbook(data: bytes) -> Any:
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _unreadable_xlsx() from exc
    if inflated > MAX_XLSX_INFLATED_BYTES:
        raise ValidationError(
            _("Il file Excel è troppo grande una volta aperto: dividilo in più file."),
            code="too_large",
        )
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on malformed files
        raise _unreadable_xlsx() from exc


def _xlsx_sheets(data: bytes) -> list[str]:
    workbook = _open_workbook(data)
    try:
        names = [str(name) for name in workbook.sheetnames]
    finally:
        workbook.close()
    if not names:
        raise ValidationError(_("Il file Excel non contiene fogli."), code="empty")
    return names


def _xlsx_rows(data: bytes, sheet: str, max_col: int) -> Iterator[SourceRow]:
    workbook = _open_workbook(data)
    try:
        if sheet not in workbook.sheetnames:
            raise ValidationError(
                _("Il foglio «%(sheet)s» non esiste nel file.") % {"sheet": sheet},
                code="sheet",
            )
        try:
            rows = workbook[sheet].iter_rows(values_only=True, max_col=max_col)
            for number, cells in enumerate(rows, start=1):
                yield SourceRow(number, tuple(cells))
        except ValidationError:
            raise
        except Exception as exc:
            raise _unreadable_xlsx() from exc
    finally:
        workbook.close()


# --- CSV -------------------------------------------------------------------------------------


def _csv_rows(data: bytes, encoding: str, delimiter: str, max_col: int) -> Iterator[SourceRow]:
    text = data.decode(encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield SourceRow(number, tuple(cells[:max_col]))
    except csv.Error as exc:
        raise ValidationError(
            _(
                "Il CSV non si può leggere dopo la riga %(row)s (virgolette non chiuse o "
                "cella troppo lunga)."
            )
            % {"row": number},
            code="unreadable",
        ) from exc


# --- rows of a sheet -------------------------------------------------------------------------


def raw_rows(
    data: bytes,
    *,
    kind: str,
    sheet: str = "",
    encoding: str = "",
    delimiter: str = "",
    max_col: int = MAX_COLUMNS,
) -> Iterator[SourceRow]:
    """Every row of the sheet, empty ones included, numbered from 1."""
    if kind == FileKind.XLSX:
        return _xlsx_rows(data, sheet, max_col)
    return _csv_rows(data, encoding or "utf-8-sig", delimiter or ";", max_col)


def _looks_like_header(row: SourceRow) -> bool:
    texts = [c for c in row.cells if isinstance(c, str) and c.strip()]
    return len(texts) >= 2


def find_header_row(rows: Iterator[SourceRow]) -> SourceRow | None:
    """The first row, among the first ones, with at least two text cells."""
    for row in rows:
        if row.number > HEADER_SCAN_ROWS:
            return None
        if _looks_like_header(row):
            return row
    return None


def headers_of(row: SourceRow) -> list[str]:
    """Header labels, trailing empty columns dropped; an empty header becomes "Colonna X"."""
    cells = list(row.cells)
    while cells and is_empty(cells[-1]):
        cells.pop()
    return [
        cell_text(value) or _("Colonna %(letter)s") % {"letter": column_letter(i)}
        for i, value in enumerate(cells)
    ]


def data_rows(
    data: bytes,
    *,
    kind: str,
    sheet: str,
    header_row: int,
    columns: int,
    encoding: str = "",
    delimiter: str = "",
) -> Iterator[SourceRow]:
    """The non-empty rows below the header row, cut to the header's columns."""
    for row in raw_rows(
        data,
        kind=kind,
        sheet=sheet,
        encoding=encoding,
        delimiter=delimiter,
        max_col=max(columns, 1),
    ):
        if row.number <= header_row:
            continue
        cells = row.cells[:columns]
        if all(is_empty(c) for c in cells):
            continue
        yield SourceRow(row.number, cells)


def read_layout(
    data: bytes,
    *,
    kind: str,
    sheet: str = "",
    header_row: int | None = None,
    encoding: str = "",
    delimiter: str = "",
) -> Layout:
    """Header row (found or given), header labels and the number of data rows.

    Refuses a sheet without a header, without data or with more than MAX_ROWS rows.
    """
    rows = raw_rows(data, kind=kind, sheet=sheet, encoding=encoding, delimiter=delimiter)
    if header_row is None:
        found = find_header_row(rows)
        if found is None:
            message = _(
                "Nelle prime %(n)s righe non c'è un'intestazione: la prima riga del foglio "
                "deve contenere i nomi delle colonne (Cognome, Nome, Data di nascita...)."
            ) % {"n": HEADER_SCAN_ROWS}
            if kind == FileKind.CSV:
                message += " " + _(
                    "In un CSV le colonne vanno separate con il punto e virgola o la virgola: "
                    "controlla il separatore."
                )
            raise ValidationError(message, code="no_header")
    else:
        found = next((row for row in rows if row.number == header_row), None)
        if found is None or all(is_empty(c) for c in found.cells):
            raise ValidationError(
                _("La riga %(row)s è vuota: non può essere l'intestazione.") % {"row": header_row},
                code="no_header",
            )
    headers = headers_of(found)
    if len(headers) < 2:
        raise ValidationError(
            _(
                "L'intestazione (riga %(row)s) ha una sola colonna: se è un CSV, controlla che "
                "il separatore sia il punto e virgola o la virgola."
            )
            % {"row": found.number},
            code="no_header",
        )
    count = 0
    for _row in data_rows(
        data,
        kind=kind,
        sheet=sheet,
        header_row=found.number,
        columns=len(headers),
        encoding=encoding,
        delimiter=delimiter,
    ):
        count += 1
        if count > MAX_ROWS:
            raise ValidationError(
                _(
                    "Il foglio ha più di %(max)s righe: dividilo in più file e importali uno "
                    "alla volta."
                )
                % {"max": f"{MAX_ROWS:,}".replace(",", ".")},
                code="too_many_rows",
            )
    if count == 0:
        raise ValidationError(
            _("Sotto l'intestazione (riga %(row)s) non ci sono righe di dati.")
            % {"row": found.number},
            code="no_rows",
        )
    return Layout(sheet=sheet, header_row=found.number, headers=headers, row_count=count)
