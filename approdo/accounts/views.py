"""Home page per role and the second-factor enrolment page."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from approdo.accounts.access import access_for
from approdo.accounts.capabilities import CAPABILITIES
from approdo.accounts.middleware import SESSION_SKIP_KEY, mfa_required_for
from approdo.accounts.models import Membership
from approdo.audit.services import record
from approdo.core.types import AuthenticatedHttpRequest


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    memberships = (
        Membership.objects.active()
        .filter(user=request.user)
        .select_related("node", "managing_body", "region")
    )
    cards = [{"membership": m, "capabilities": CAPABILITIES.get(m.role, [])} for m in memberships]
    access = access_for(request.user)
    return render(request, "accounts/home.html", {"cards": cards, "access": access})


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
