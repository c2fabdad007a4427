"""`manage.py relink_people`: link every person record of the network again (full run)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from approdo.linkage.engine.link import LINK_THRESHOLD
from approdo.linkage.services import relink_all


class Command(BaseCommand):
    help = "Collega di nuovo tutte le schede di persone della rete e salva i cluster."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--threshold", type=float, default=LINK_THRESHOLD)

    def handle(self, *args: Any, threshold: float, **options: Any) -> None:
        run = relink_all(actor=None, threshold=threshold)
        self.stdout.write(
            f"{run.records} schede, {run.clusters} persone distinte, "
            f"{run.linked_pairs} coppie collegate su {run.compared_pairs} confrontate "
            f"in {run.seconds.get('total', 0):.1f} s."
        )
