"""`manage.py link_csv INPUT.csv --out OUTPUT.csv`: link any CSV of person records.

Touches no database: the records are read from the file, linked by the network's linkage
engine (approdo.linkage.engine) and written back as record_id,cluster_id, one row per record,
so the linkage can be evaluated on any labelled data set.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from approdo.linkage.engine.link import LINK_THRESHOLD, link_records
from approdo.linkage.engine.records import COLUMNS, RecordError, read_csv, write_clusters


class Command(BaseCommand):
    help = (
        "Collega i record di persone di un CSV (colonne: " + ", ".join(COLUMNS) + ") e scrive "
        "record_id,cluster_id per ogni record. Non usa il database."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "input", help="CSV UTF-8 con intestazione; solo record_id è obbligatorio."
        )
        parser.add_argument("--out", required=True, help="CSV da scrivere: record_id,cluster_id.")
        parser.add_argument(
            "--threshold",
            type=float,
            default=LINK_THRESHOLD,
            help=f"Probabilità minima per collegare due record (predefinita {LINK_THRESHOLD}).",
        )

    def handle(self, *args: Any, input: str, out: str, threshold: float, **options: Any) -> None:
        if not 0 < threshold < 1:
            raise CommandError("--threshold deve essere tra 0 e 1 (esclusi).")
        try:
            records = read_csv(input)
        except FileNotFoundError as error:
            raise CommandError(f"File non trovato: {input}") from error
        except (RecordError, UnicodeDecodeError) as error:
            raise CommandError(f"{input}: {error}") from error
        result = link_records(records, threshold=threshold)
        write_clusters(Path(out), result.clusters)
        clusters = len(set(result.clusters.values()))
        self.stdout.write(
            f"{len(records)} record, {clusters} persone distinte, "
            f"{len(result.left)} coppie confrontate in {result.seconds['total']:.1f} s → {out}"
        )
