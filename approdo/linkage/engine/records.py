"""Person records as the linkage engine reads them: the `link_csv` columns, nothing else.

The engine is pure Python (no database): the same code links a CSV file, a benchmark's
synthetic registry or the people of the network (the database adapter builds these records).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path

COLUMNS = (
    "record_id",
    "family_name",
    "given_names",
    "sex",
    "birth_date",
    "birth_date_precision",
    "nationality",
    "codice_fiscale",
    "passport_number",
    "permit_number",
    "phone",
    "municipality",
    "source_node",
)
PRECISIONS = frozenset({"", "exact", "month", "year", "estimated"})


class RecordError(ValueError):
    """A CSV that cannot be read as person records (the message says where and why)."""


@dataclass(slots=True)
class Record:
    """One person record. Every field but record_id may be empty.

    birth_date is YYYY-MM-DD (a month or year precision still carries a full date, as the
    registers do: 1 January or the 1st of the month); birth_date_precision is one of
    exact|month|year|estimated or empty (unknown: a 1 January date may still be a placeholder).
    """

    record_id: str
    family_name: str = ""
    given_names: str = ""
    sex: str = ""
    birth_date: str = ""
    birth_date_precision: str = ""
    nationality: str = ""
    codice_fiscale: str = ""
    passport_number: str = ""
    permit_number: str = ""
    phone: str = ""
    municipality: str = ""
    source_node: str = ""

    @classmethod
    def from_mapping(cls, row: Mapping[str, str | None]) -> Record:
        values = {name: (row.get(name) or "").strip() for name in COLUMNS}
        return cls(**values)


assert tuple(f.name for f in fields(Record)) == COLUMNS


def read_csv(path: str | Path) -> list[Record]:
    """Read a UTF-8 CSV with a header row; unknown columns are ignored, missing ones empty.

    Raises RecordError for a missing record_id column, an empty or repeated record_id.
    """
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or "record_id" not in reader.fieldnames:
            raise RecordError("the header has no record_id column")
        records: list[Record] = []
        seen: set[str] = set()
        for line, row in enumerate(reader, start=2):
            record = Record.from_mapping(row)
            if not record.record_id:
                raise RecordError(f"line {line}: empty record_id")
            if record.record_id in seen:
                raise RecordError(f"line {line}: record_id {record.record_id!r} repeated")
            seen.add(record.record_id)
            records.append(record)
    return records


def write_csv(
    path: str | Path, records: Iterable[Record], extra: Mapping[str, list[str]] | None = None
) -> None:
    """Write records with the link_csv columns (plus `extra` columns, one value per record)."""
    extra = extra or {}
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*COLUMNS, *extra])
        for index, record in enumerate(records):
            row = [getattr(record, name) for name in COLUMNS]
            writer.writerow([*row, *(values[index] for values in extra.values())])


def write_clusters(path: str | Path, clusters: Mapping[str, str]) -> None:
    """Write `record_id,cluster_id` for every record, in the order given."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["record_id", "cluster_id"])
        writer.writerows(clusters.items())
