"""Loading the ISCO-08 classification from the committed CSV file.

The file is `approdo/jobs/data/isco08.csv` (see the README beside it for source and status).
Loading is an upsert keyed by code, level by level so that every parent exists before its
children: new codes are inserted, rows whose level, parent or titles differ from the file are
updated, identical rows are not written, so a second run touches nothing. `active` is never
written on an existing row (an administrator may have retired a group), and rows that are not in
the file are left alone: records point at them.

The loader takes the model class so the data migration can pass its historical model.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

DATA_FILE = Path(__file__).resolve().parent / "data" / "isco08.csv"
COLUMNS = ("code", "level", "parent", "title_en", "title_it")
LEVELS = (1, 2, 3, 4)
_CODE = re.compile(r"[0-9]{1,4}")
# Fields the file owns; `active` belongs to the administrators.
_FILE_FIELDS = ("level", "parent_id", "title_it", "title_en")


class IscoFileError(ValueError):
    """The ISCO-08 file is missing or malformed, or a code's parent is not in it."""


@dataclass(frozen=True)
class IscoRow:
    code: str
    level: int
    parent: str | None
    title_en: str
    title_it: str


@dataclass(frozen=True)
class IscoLoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def read_isco08(path: Path = DATA_FILE) -> list[IscoRow]:
    """The file's rows, checked: header, digits-only unique codes, level = number of digits,
    parent = the code minus its last digit and present in the file, no empty title."""
    if not path.is_file():
        raise IscoFileError(f"File non trovato: {path}")
    rows: list[IscoRow] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise IscoFileError(
                f"{path.name}: intestazione attesa {','.join(COLUMNS)}, "
                f"trovata {','.join(reader.fieldnames or ())}"
            )
        for raw in reader:
            where = f"{path.name}, riga {reader.line_num}"
            if any(value is None for value in raw.values()) or None in raw:
                raise IscoFileError(f"{where}: numero di colonne errato")
            row = {key: value.strip() for key, value in raw.items()}
            code = row["code"]
            if not _CODE.fullmatch(code):
                raise IscoFileError(f"{where}: codice «{code}» non valido (da 1 a 4 cifre)")
            if row["level"] != str(len(code)):
                raise IscoFileError(f"{where}: livello «{row['level']}» errato per {code}")
            parent = code[:-1] or None
            if row["parent"] != (parent or ""):
                raise IscoFileError(
                    f"{where}: gruppo superiore «{row['parent']}» errato per {code}"
                )
            if not row["title_en"] or not row["title_it"]:
                raise IscoFileError(f"{where}: denominazione vuota per {code}")
            rows.append(IscoRow(code, len(code), parent, row["title_en"], row["title_it"]))
    codes = [row.code for row in rows]
    if len(set(codes)) != len(codes):
        repeated = sorted({code for code in codes if codes.count(code) > 1})
        raise IscoFileError(f"{path.name}: codici ripetuti {', '.join(repeated)}")
    known = set(codes)
    for item in rows:
        if item.parent is not None and item.parent not in known:
            raise IscoFileError(f"{path.name}: il gruppo superiore di {item.code} manca")
    return rows


def load_isco08(
    model: Any = None, *, using: str = "default", path: Path = DATA_FILE
) -> IscoLoadResult:
    """Upsert the file's groups into `model` (jobs.Occupation by default) by code.

    The whole file is checked before anything is written, and the load is one transaction:
    a malformed file leaves the database as it was.
    """
    if model is None:
        from approdo.jobs.models import Occupation

        model = Occupation
    rows = read_isco08(path)
    created = updated = 0
    with transaction.atomic(using=using):
        manager = model.objects.using(using)
        existing: dict[str, Any] = {obj.code: obj for obj in manager.order_by()}
        for level in LEVELS:
            ids = {code: obj.pk for code, obj in existing.items()}
            to_create: list[Any] = []
            to_update: list[Any] = []
            for row in rows:
                if row.level != level:
                    continue
                values = {
                    "level": row.level,
                    "parent_id": ids[row.parent] if row.parent else None,
                    "title_it": row.title_it,
                    "title_en": row.title_en,
                }
                current = existing.get(row.code)
                if current is None:
                    to_create.append(model(code=row.code, **values))
                elif any(getattr(current, name) != value for name, value in values.items()):
                    for name, value in values.items():
                        setattr(current, name, value)
                    to_update.append(current)
            if to_update:
                manager.bulk_update(to_update, _FILE_FIELDS, batch_size=500)
            # Fetched back rather than read from bulk_create: not every backend returns ids.
            manager.bulk_create(to_create, batch_size=500)
            if to_create:
                fresh = manager.filter(code__in=[obj.code for obj in to_create])
                existing.update({obj.code: obj for obj in fresh})
            created += len(to_create)
            updated += len(to_update)
    return IscoLoadResult(created=created, updated=updated, unchanged=len(rows) - created - updated)
