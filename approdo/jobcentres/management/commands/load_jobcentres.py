"""`manage.py load_jobcentres`: create the seeded job centres that are missing (after
`load_istat` on a new installation). CPIs already there are left as they are."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from approdo.jobcentres.models import JobCentre
from approdo.jobcentres.reference import SEED_CENTRES, ensure_job_centres


class Command(BaseCommand):
    help = (
        "Crea i centri per l'impiego caricati all'installazione che mancano (province della "
        "rete demo, da verificare sugli elenchi regionali). Serve il territorio ISTAT."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        made = ensure_job_centres()
        present = JobCentre.objects.filter(code__in=[s.code for s in SEED_CENTRES]).count()
        missing = len(SEED_CENTRES) - present
        self.stdout.write(f"Centri per l'impiego: {made} creati, {present} presenti.")
        if missing:
            self.stdout.write(
                self.style.WARNING(
                    f"{missing} non creati: manca il territorio ISTAT (esegui prima load_istat)."
                )
            )
