"""Compute and keep the programme's and each region's dashboard for the default period, so
monitors open them at once. Schedule it a little more often than MONITORING_CACHE_SECONDS
(every 10 minutes with the default 15)."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from approdo.monitoring.services import warm_dashboards


class Command(BaseCommand):
    help = "Calcola e conserva i cruscotti del programma e delle regioni (periodo predefinito)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.MONITORING_CACHE_SECONDS:
            self.stdout.write("MONITORING_CACHE_SECONDS è 0: i cruscotti non si conservano.")
            return
        started = time.perf_counter()
        count = warm_dashboards()
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Cruscotti calcolati: {count} in {seconds:.1f} s."))
