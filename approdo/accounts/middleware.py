"""Second factor for the roles that see people's data (settings.MFA_REQUIRED_ROLES)."""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation

from approdo.accounts.access import access_for

SESSION_SKIP_KEY = "approdo_mfa_enrolment_skipped"
# Pages a user without a second factor can still reach: login/logout, MFA set-up, language.
# The API is listed because it answers such a session with a 403 problem+json itself
# (api/permissions.py) rather than an HTML redirect a client cannot follow.
# The public helpdesk form (/segnala/) is for anyone, signed in or not.
_OPEN_PREFIXES = ("/account/", "/accounts/", "/static/", "/i18n/", "/mfa/", "/api/", "/segnala/")


def mfa_required_for(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    return access_for(user).requires_mfa and not is_mfa_enabled(user)


class RequireMFAMiddleware:
    """Sends a user who must use a second factor and has none to the enrolment page.

    In demo mode the enrolment page offers to skip for the session, so a newcomer can look
    around without an authenticator app; outside demo mode there is no way past it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(_OPEN_PREFIXES) or not mfa_required_for(request):
            return self.get_response(request)
        if settings.DEMO_MODE and request.session.get(SESSION_SKIP_KEY):
            return self.get_response(request)
        return HttpResponseRedirect(reverse("mfa_enrol"))


class UserLanguageMiddleware:
    """A signed-in user without a language cookie gets the language they chose last time.

    The cookie (set by the language switch) wins, so a choice made on this device applies at
    once; the stored preference covers a new device or a cleared browser.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.preferred_language in dict(settings.LANGUAGES)
        ):
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
