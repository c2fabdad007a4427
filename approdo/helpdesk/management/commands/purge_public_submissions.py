"""Delete the public form's rate-limit rows older than a day (run it from cron, hourly)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from approdo.helpdesk.spam import purge_submissions


class Command(BaseCommand):
    help = "Cancella le tracce del modulo pubblico dell'helpdesk più vecchie di 24 ore."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = purge_submissions()
        self.stdout.write(_("Invii del modulo pubblico cancellati: %(count)d") % {"count": deleted})
