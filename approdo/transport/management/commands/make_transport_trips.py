"""`manage.py make_transport_trips [--days N]`: the timetabled trips of today and the next days.

Run daily (cron or a systemd timer), like the other periodic jobs; running it twice makes
nothing new, each timetable has one trip per day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from approdo.transport.services import trips_for_day


class Command(BaseCommand):
    help = "Crea le corse delle linee a orario per oggi e i giorni seguenti."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=2, help="Giorni da oggi (default 2).")

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        today = timezone.localdate()
        total = 0
        for offset in range(max(1, days)):
            total += len(trips_for_day(actor=None, date=today + dt.timedelta(days=offset)))
        self.stdout.write(f"Corse a orario per {max(1, days)} giorni: {total}.")
