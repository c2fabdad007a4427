"""Writes about users themselves (their preferences)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from approdo.accounts.models import User
from approdo.audit.services import record


@transaction.atomic
def user_language_set(*, user: User, language: str) -> None:
    """Remember the interface language a user chose, so it follows them to any device."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError("unsupported language", code="invalid_language")
    if user.preferred_language == language:
        return
    old = user.preferred_language
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    record(
        actor=user,
        action="accounts.user.language_changed",
        target=user,
        changes={"preferred_language": (old, language)},
    )


@transaction.atomic
def api_token_issue(*, actor: User | None, user: User) -> str:
    """Issue a new API token for `user`, revoking the previous one; returns the key.

    The key is shown once to whoever issued it and never written into the audit trail.
    """
    from rest_framework.authtoken.models import Token

    revoked = Token.objects.filter(user=user).delete()[0] > 0
    token = Token.objects.create(user=user)
    record(
        actor=actor,
        action="accounts.api_token.issued",
        target=user,
        data={"replaced_previous": revoked},
    )
    return token.key
