"""Send the due reminders: case tasks, overdue referrals, appointments and services.

Run it every 15 minutes (cron or a systemd timer, see the operator guide). Each kind claims
its rows with a conditional UPDATE, so overlapping runs never send a reminder twice.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand

# (label printed, module, function): run in this order.
KINDS: tuple[tuple[str, str, str], ...] = (
    ("attività", "approdo.cases.reminders", "send_task_reminders"),
    ("invii", "approdo.cases.referral_services", "send_overdue_referral_reminders"),
    ("appuntamenti", "approdo.interventions.services", "send_due_reminders"),
)


def load(module: str, name: str) -> Callable[[], int] | None:
    """The sender, or None if its app does not provide it (yet)."""
    try:
        sender: Callable[[], int] = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None
    return sender


class Command(BaseCommand):
    help = "Invia i promemoria dovuti (attività dei casi, invii scaduti, appuntamenti)."

    def handle(self, *args: Any, **options: Any) -> None:
        for label, module, name in KINDS:
            sender = load(module, name)
            if sender is None:
                self.stderr.write(
                    self.style.WARNING(f"{label}: saltato ({module}.{name} non disponibile)")
                )
                continue
            self.stdout.write(f"{label}: {sender()} promemoria inviati")
