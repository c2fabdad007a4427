"""Logins, failed logins, logouts and second-factor changes go to the audit trail."""

from __future__ import annotations

from typing import Any

from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from approdo.audit.services import record


@receiver(user_logged_in)
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(actor=user, action="accounts.login.succeeded", target=user)


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(actor=user, action="accounts.logout", target=user)


@receiver(user_login_failed)
def _login_failed(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    # Never store the attempted password: only which account name was tried.
    tried = str(credentials.get("username") or credentials.get("email") or "")[:150]
    record(actor=None, action="accounts.login.failed", data={"username": tried})


@receiver(authenticator_added)
def _authenticator_added(
    sender: Any, request: Any, user: Any, authenticator: Any, **kw: Any
) -> None:
    record(actor=user, action="accounts.mfa.added", target=user, data={"type": authenticator.type})


@receiver(authenticator_removed)
def _authenticator_removed(
    sender: Any, request: Any, user: Any, authenticator: Any, **kw: Any
) -> None:
    record(
        actor=user, action="accounts.mfa.removed", target=user, data={"type": authenticator.type}
    )
