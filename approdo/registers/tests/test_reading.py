"""Reading uploads: CSV encodings and delimiters, XLSX sheets, and every unreadable file
refused with an Italian message (never an exception the user would see as a 500)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from approdo.registers import reading
from approdo.registers.reading import check_file, data_rows, read_layout
from approdo.registers.tests.builders import HEADER, csv_bytes, good_rows, xlsx_bytes


def _layout(data: bytes, name: str = "r.csv", **kwargs):
    info = check_file(name, data)
    return info, read_layout(
        data,
        kind=info.kind,
        sheet=kwargs.pop("sheet", info.sheets[0] if info.sheets else ""),
        encoding=info.encoding,
        delimiter=info.delimiter,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(";", "utf-8-sig"), (",", "utf-8"), ("\t", "utf-8-sig"), (";", "cp1252")],
)
def test_csv_encodings_and_delimiters_are_sniffed(delimiter, encoding):
    data = csv_bytes(good_rows(), delimiter=delimiter, encoding=encoding)
    info, layout = _layout(data)
    assert info.delimiter == delimiter
    assert layout.headers == HEADER  # "Nazionalità" decoded right in every encoding
    assert layout.row_count == 3


def test_latin1_bytes_that_are_not_utf8_fall_back():
    data = "Cognome;Nome\nCaf\xe9;Jos\xe9\n".encode("latin-1")
    info, _unused = _layout(data)
    assert info.encoding in ("cp1252", "latin-1")
    rows = list(data_rows(data, kind="csv", sheet="", header_row=1, columns=2, **_csv(info)))
    assert rows[0].cells == ("Café", "José")


def _csv(info):
    return {"encoding": info.encoding, "delimiter": info.delimiter}


def test_header_below_a_title_and_empty_rows_keep_spreadsheet_numbers():
    title: list[Any] = ["Registro 2024", None]
    rows = [title, [], HEADER[:4], [], ["Diop", "Awa", "F", "03/04/1995"]]
    data = xlsx_bytes({"Persone": rows})
    _info, layout = _layout(data, name="r.xlsx")
    assert layout.header_row == 3
    assert layout.row_count == 1
    found = list(data_rows(data, kind="xlsx", sheet="Persone", header_row=3, columns=4))
    assert [r.number for r in found] == [5]


def test_xlsx_sheets_and_cell_types():
    data = xlsx_bytes(
        {
            "Note": [["appunti"]],
            "Persone": [
                ["Cognome", "Nome", "Data di nascita", "Telefono"],
                ["Diop", "Awa", dt.datetime(1995, 4, 3), 3990001001],
            ],
        }
    )
    info = check_file("r.xlsx", data)
    assert info.sheets == ["Note", "Persone"]
    layout = read_layout(data, kind="xlsx", sheet="Persone")
    assert layout.headers == ["Cognome", "Nome", "Data di nascita", "Telefono"]
    (row,) = data_rows(data, kind="xlsx", sheet="Persone", header_row=1, columns=4)
    assert row.cells[2] == dt.datetime(1995, 4, 3)
    assert reading.cell_text(row.cells[2]) == "03/04/1995"
    assert reading.cell_text(row.cells[3]) == "3990001001"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("r.csv", b"", "Il file è vuoto."),
        ("r.pdf", b"%PDF-1.4", "Sono accettati solo file Excel (.xlsx) e CSV (.csv)."),
        ("r.xls", b"\xd0\xcf\x11\xe0rest", "Il formato .xls non è accettato"),
        ("r.xlsx", b"Cognome;Nome\n", "non è un file Excel"),
        ("r.xlsx", b"PK\x03\x04broken zip", "Il file Excel non si può leggere"),
        ("r.csv", b"PK\x03\x04\x00\x00", "non è un file di testo"),
    ],
)
def test_unusable_files_are_refused_in_italian(name, data, message):
    with pytest.raises(ValidationError) as caught:
        check_file(name, data)
    assert message in caught.value.messages[0]


def test_file_too_big(monkeypatch):
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100)
    with pytest.raises(ValidationError, match="troppo grande"):
        check_file("r.csv", b"x" * 101)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([[None], [None]], "Nelle prime 20 righe non c'è un'intestazione"),
        ([HEADER], "Sotto l'intestazione (riga 1) non ci sono righe di dati."),
    ],
)
def test_sheet_without_header_or_rows(rows, message):
    data = xlsx_bytes({"Foglio": rows})
    with pytest.raises(ValidationError) as caught:
        read_layout(data, kind="xlsx", sheet="Foglio")
    assert message in caught.value.messages[0]


def test_too_many_rows(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 2)
    with pytest.raises(ValidationError, match="più di 2 righe"):
        _layout(csv_bytes(good_rows()))


def test_a_csv_with_one_column_names_the_delimiter():
    with pytest.raises(ValidationError, match="separatore"):
        _layout(b"Cognome Nome\nDiop Awa\n")
