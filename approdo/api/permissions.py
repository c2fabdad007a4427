"""Who may call the API at all (what they see is decided by the selectors)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from approdo.accounts.middleware import SESSION_SKIP_KEY, mfa_required_for


class SecondFactorForSessions(BasePermission):
    """A browser session of a role that needs MFA must have a second factor enrolled.

    The same rule as RequireMFAMiddleware, answered as a 403 instead of a redirect to the
    enrolment page, which an API client cannot follow. Tokens are exempt: an administrator
    issues them to a named client out of band; the second factor guards the password login.
    """

    message = _("Attiva la verifica in due passaggi per usare l'API con la sessione del browser.")

    def has_permission(self, request: Request, view: Any) -> bool:
        if not isinstance(request.successful_authenticator, SessionAuthentication):
            return True
        django_request = request._request
        if settings.DEMO_MODE and django_request.session.get(SESSION_SKIP_KEY):
            return True
        return not mfa_required_for(django_request)
