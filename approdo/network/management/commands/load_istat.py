"""`manage.py load_istat`: upsert the ISTAT territory from the committed CSV files."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from approdo.network.reference import DATA_DIR, TerritoryFileError, load_territory


class Command(BaseCommand):
    help = "Carica o aggiorna regioni, province e comuni ISTAT dai file CSV del repository."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=DATA_DIR,
            help="Cartella con regions.csv, provinces.csv e municipalities.csv.",
        )

    def handle(self, *args: Any, data_dir: Path, **options: Any) -> None:
        started = time.perf_counter()
        try:
            result = load_territory(data_dir)
        except TerritoryFileError as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        for label, counts in (
            ("Regioni", result.regions),
            ("Province", result.provinces),
            ("Comuni", result.municipalities),
        ):
            self.stdout.write(
                f"{label}: {counts.created} nuove, {counts.updated} aggiornate, "
                f"{counts.unchanged} invariate"
            )
        self.stdout.write(self.style.SUCCESS(f"Territorio ISTAT caricato in {elapsed:.1f} s."))
        # The job centres are keyed by ISTAT codes: seeded once the territory is there.
        from approdo.jobcentres.reference import ensure_job_centres

        made = ensure_job_centres()
        self.stdout.write(f"Centri per l'impiego: {made} aggiunti.")
        # So are the regional rules of traineeships (allowance, attendance, duration).
        from approdo.traineeships.rules import ensure_regional_rules

        ensure_regional_rules()
