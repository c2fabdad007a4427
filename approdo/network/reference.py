"""Loading the ISTAT territory (regions, provinces, municipalities) from the committed CSV files.

The files live in `approdo/network/data/` (see its README for source and licence). Loading is an
upsert keyed by ISTAT code: new codes are inserted, rows whose name, parent or coordinates changed
are updated, identical rows are not written at all, so a second run touches nothing. Rows that
are in the database but no longer in the files are left alone: nodes and managing bodies point
at them, and a municipality that merged away stays valid history.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from django.db import transaction
from django.utils.text import slugify

from approdo.network.models import Municipality, Province, Region

DATA_DIR = Path(__file__).resolve().parent / "data"
COORDINATE_PLACES = Decimal("0.00001")

M = TypeVar("M", Region, Province, Municipality)


class TerritoryFileError(ValueError):
    """A territory file is missing, malformed or refers to an unknown parent code."""


@dataclass(frozen=True)
class UpsertCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True)
class TerritoryLoadResult:
    regions: UpsertCounts
    provinces: UpsertCounts
    municipalities: UpsertCounts


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) from a UTF-8 CSV that must have exactly `columns` as header."""
    if not path.is_file():
        raise TerritoryFileError(f"File non trovato: {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != columns:
            raise TerritoryFileError(
                f"{path.name}: intestazione attesa {','.join(columns)}, "
                f"trovata {','.join(reader.fieldnames or ())}"
            )
        for row in reader:
            if any(value is None or not value.strip() for value in row.values()):
                raise TerritoryFileError(f"{path.name}, riga {reader.line_num}: campo vuoto")
            yield reader.line_num, {key: value.strip() for key, value in row.items()}


def _code(path: Path, line: int, value: str, digits: int) -> str:
    if len(value) != digits or not value.isdigit():
        raise TerritoryFileError(
            f"{path.name}, riga {line}: codice ISTAT «{value}» non valido ({digits} cifre)"
        )
    return value


def _new_code(path: Path, line: int, value: str, digits: int, seen: dict[str, Any]) -> str:
    """The row's own ISTAT code, which must not repeat within the file."""
    code = _code(path, line, value, digits)
    if code in seen:
        raise TerritoryFileError(f"{path.name}, riga {line}: codice ISTAT {code} ripetuto")
    return code


def _parent(path: Path, line: int, code: str, ids: dict[str, int], what: str) -> int:
    try:
        return ids[code]
    except KeyError:
        raise TerritoryFileError(f"{path.name}, riga {line}: {what} {code} sconosciuta") from None


def _coordinate(path: Path, line: int, value: str, limit: int) -> Decimal:
    try:
        number = Decimal(value).quantize(COORDINATE_PLACES)
    except InvalidOperation:
        raise TerritoryFileError(f"{path.name}, riga {line}: coordinata «{value}»") from None
    if not -limit <= number <= limit:
        raise TerritoryFileError(f"{path.name}, riga {line}: coordinata fuori intervallo")
    return number


def _upsert(model: type[M], wanted: dict[str, dict[str, Any]]) -> UpsertCounts:
    """Bring `model` in line with `wanted` ({istat_code: field values}) writing only the diff."""
    fields = sorted({name for values in wanted.values() for name in values})
    existing: dict[str, M] = {obj.istat_code: obj for obj in model.objects.order_by()}
    to_create: list[M] = []
    to_update: list[M] = []
    for code, values in wanted.items():
        current = existing.get(code)
        if current is None:
            to_create.append(model(istat_code=code, **values))
        elif any(getattr(current, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(current, name, value)
            to_update.append(current)
    if to_update:
        model.objects.bulk_update(to_update, fields, batch_size=500)
    model.objects.bulk_create(to_create, batch_size=500)
    return UpsertCounts(
        created=len(to_create),
        updated=len(to_update),
        unchanged=len(wanted) - len(to_create) - len(to_update),
    )


def _ids(model: type[M]) -> dict[str, int]:
    return dict(model.objects.values_list("istat_code", "pk"))


@transaction.atomic
def load_territory(data_dir: Path = DATA_DIR) -> TerritoryLoadResult:
    """Upsert regions, provinces and municipalities from `data_dir` by ISTAT code.

    Each file is checked in full before its level is written, and the load is one transaction:
    any error (missing file, bad header, repeated or malformed code, unknown parent) leaves the
    database as it was.
    """
    path = data_dir / "regions.csv"
    regions: dict[str, dict[str, Any]] = {}
    for line, row in _rows(path, ("istat_code", "name")):
        code = _new_code(path, line, row["istat_code"], 2, regions)
        regions[code] = {"name": row["name"], "slug": slugify(row["name"])}
    region_counts = _upsert(Region, regions)
    region_ids = _ids(Region)

    path = data_dir / "provinces.csv"
    provinces: dict[str, dict[str, Any]] = {}
    for line, row in _rows(path, ("istat_code", "region_code", "name", "abbreviation")):
        code = _new_code(path, line, row["istat_code"], 3, provinces)
        region_code = _code(path, line, row["region_code"], 2)
        provinces[code] = {
            "name": row["name"],
            "abbreviation": row["abbreviation"].upper(),
            "region_id": _parent(path, line, region_code, region_ids, "regione"),
        }
    province_counts = _upsert(Province, provinces)
    province_ids = _ids(Province)

    path = data_dir / "municipalities.csv"
    columns = ("istat_code", "province_code", "name", "latitude", "longitude")
    municipalities: dict[str, dict[str, Any]] = {}
    for line, row in _rows(path, columns):
        code = _new_code(path, line, row["istat_code"], 6, municipalities)
        province_code = _code(path, line, row["province_code"], 3)
        municipalities[code] = {
            "name": row["name"],
            "province_id": _parent(path, line, province_code, province_ids, "provincia"),
            "latitude": _coordinate(path, line, row["latitude"], 90),
            "longitude": _coordinate(path, line, row["longitude"], 180),
        }
    municipality_counts = _upsert(Municipality, municipalities)
    return TerritoryLoadResult(region_counts, province_counts, municipality_counts)
