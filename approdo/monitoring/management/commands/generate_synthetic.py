"""`manage.py generate_synthetic`: a network-sized synthetic data set for benchmarks."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from approdo.monitoring.synthetic import DEFAULT_SERVICES_PER_PERSON, generate
from approdo.people.models import Person


def quiet(line: str) -> None:
    """Progress lines are shown only with --verbosity 2."""


class Command(BaseCommand):
    help = (
        "Genera un insieme di dati sintetici (persone, prese in carico, screening, PAI, "
        "prestazioni, invii, outreach, helpdesk) per i benchmark. Dati inventati, scritti in "
        "blocco senza eventi di audit: solo per basi di dati di prova."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--people", type=int, required=True, help="Quante schede di persone generare."
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="Seme: stesso seme, stessi dati (predefinito 0)."
        )
        parser.add_argument(
            "--services-per-person",
            type=int,
            default=DEFAULT_SERVICES_PER_PERSON,
            help=f"Prestazioni medie per persona (predefinito {DEFAULT_SERVICES_PER_PERSON}).",
        )
        parser.add_argument(
            "--also-with-people",
            action="store_true",
            help="Genera anche se il database contiene già persone (mai in produzione).",
        )

    def handle(
        self, *args: Any, people: int, seed: int, services_per_person: int, **options: Any
    ) -> None:
        if people < 1:
            raise CommandError("--people deve essere almeno 1.")
        if Person.objects.exists() and not options.get("also_with_people"):
            # Bulk writes without audit or signals: never mix them with real records.
            raise CommandError(
                "Il database contiene già delle persone: i dati sintetici vanno generati in un "
                "database di prova vuoto (--also-with-people per forzare)."
            )
        verbose = int(options.get("verbosity", 1)) >= 2
        started = time.perf_counter()
        self.stdout.write(f"Generazione di {people:,} persone (seme {seed})…")
        result = generate(
            people=people,
            seed=seed,
            services_per_person=services_per_person,
            log=self.stdout.write if verbose else quiet,
        )
        elapsed = time.perf_counter() - started
        if result.network_loaded:
            self.stdout.write("Rete demo caricata (nessun hub presente).")
        else:
            self.stdout.write("Rete esistente riutilizzata.")
        width = max(len(label) for label in result.counts)
        for label, count in result.counts.items():
            self.stdout.write(f"  {label:<{width}}  {count:>12,}")
        phases = ", ".join(f"{label} {s:.1f}" for label, s in result.seconds.items())
        self.stdout.write(f"Tempi (s): {phases}.")
        self.stdout.write(self.style.SUCCESS(f"Dati sintetici pronti in {elapsed:.1f} s."))
