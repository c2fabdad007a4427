"""manage.py issue_api_token USERNAME: a new API token for an account (the old one stops)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from approdo.accounts.models import User
from approdo.accounts.services import api_token_issue


class Command(BaseCommand):
    help = "Rilascia un nuovo token API per un utente (il precedente smette di funzionare)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"], is_active=True)
        except User.DoesNotExist as exc:
            raise CommandError(f"Nessun utente attivo «{options['username']}».") from exc
        key = api_token_issue(actor=None, user=user)
        self.stdout.write(f"Token API per {user.username}: {key}")
        self.stdout.write("Usalo nell'intestazione: Authorization: Token <token>")
