"""Home page per role and the second-factor enrolment page."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from approdo.accounts.access import access_for
from approdo.accounts.capabilities import CAPABILITIES
from approdo.accounts.middleware import SESSION_SKIP_KEY, mfa_required_for
from approdo.accounts.models import Membership, User
from approdo.accounts.services import user_language_set
from approdo.audit.services import record
from approdo.core.home import home_sections
from approdo.core.types import AuthenticatedHttpRequest


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, which also remembers the choice for a signed-in user."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if isinstance(request.user, User) and language in dict(settings.LANGUAGES):
        user_language_set(user=request.user, language=language)
    return response


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    memberships = (
        Membership.objects.active()
        .filter(user=request.user)
        .select_related("node", "managing_body", "region")
    )
    cards = [{"membership": m, "capabilities": CAPABILITIES.get(m.role, [])} for m in memberships]
    access = access_for(request.user)
    # The start page of people who work with people's records is their work list, made of
    # the sections the apps contribute (core.home).
    context = {"cards": cards, "access": access, "sections": home_sections(request.user)}
    return render(request, "accounts/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def mfa_enrol(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Asks the user to set up a second factor; in demo mode it may be skipped once."""
    if not mfa_required_for(request):
        return HttpResponseRedirect(reverse("home"))
    if request.method == "POST" and settings.DEMO_MODE:
        request.session[SESSION_SKIP_KEY] = True
        record(actor=request.user, action="accounts.mfa.enrolment_skipped", target=request.user)
        return HttpResponseRedirect(reverse("home"))
    return render(request, "accounts/mfa_enrol.html", {"demo": settings.DEMO_MODE})
