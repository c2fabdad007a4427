"""Make the monthly snapshot of every region for the last complete month (or --month).

Schedule it daily (cron or a systemd timer): it is idempotent, so a region already done is
skipped and a missed day is made up by the next run.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from approdo.monitoring.services import monthly_snapshots, previous_month


def parse_month(value: str) -> tuple[dt.date, dt.date]:
    try:
        start = dt.datetime.strptime(value, "%Y-%m").date()
    except ValueError as exc:
        raise CommandError(f"mese non valido: {value!r} (atteso AAAA-MM)") from exc
    return previous_month((start + dt.timedelta(days=32)).replace(day=1))


class Command(BaseCommand):
    help = "Crea le istantanee mensili per regione (l'ultimo mese concluso, o --month AAAA-MM)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", help="il mese, AAAA-MM (predefinito: l'ultimo concluso)")

    def handle(self, *args: Any, **options: Any) -> None:
        month = parse_month(options["month"]) if options.get("month") else None
        made = monthly_snapshots(month=month)
        for snapshot in made:
            self.stdout.write(f"{snapshot.title}: creata (#{snapshot.pk})")
        self.stdout.write(self.style.SUCCESS(f"Istantanee create: {len(made)}."))
