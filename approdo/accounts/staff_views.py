"""Staff accounts: a managing body's administrator gives and ends access at its nodes."""

from __future__ import annotations

from allauth.account.forms import ResetPasswordForm
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from approdo.accounts import selectors, services
from approdo.accounts.forms import StaffMemberForm
from approdo.accounts.models import User
from approdo.core.forms import attach_service_errors
from approdo.core.types import AuthenticatedHttpRequest


def _send_password_setup(request: AuthenticatedHttpRequest, user: User) -> None:
    """The new person chooses their own password from allauth's password-reset e-mail."""
    form = ResetPasswordForm(data={"email": user.email})
    if form.is_valid():
        form.save(request)


@login_required
@require_http_methods(["GET", "POST"])
def staff(request: AuthenticatedHttpRequest) -> HttpResponse:
    nodes = selectors.staff_nodes(user=request.user)
    form = StaffMemberForm(request.POST or None, nodes=nodes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = services.staff_member_add(
                actor=request.user,
                node=data["node"],
                role=data["role"],
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                valid_from=data["valid_from"],
            )
        except ValidationError as exc:
            attach_service_errors(form, exc)
        else:
            _send_password_setup(request, membership.user)
            messages.success(
                request,
                _("%(name)s ora lavora in %(node)s. Riceverà un'e-mail per scegliere la password.")
                % {"name": membership.user.display_name, "node": membership.node},
            )
            return HttpResponseRedirect(reverse("staff"))
    memberships = selectors.staff_memberships(user=request.user)
    return render(request, "accounts/staff.html", {"form": form, "memberships": memberships})


@login_required
@require_POST
def membership_end(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    membership = selectors.staff_membership_get(user=request.user, pk=pk)
    services.membership_end(actor=request.user, membership=membership)
    messages.success(
        request,
        _("Accesso di %(name)s a %(node)s terminato.")
        % {"name": membership.user.display_name, "node": membership.node},
    )
    return HttpResponseRedirect(reverse("staff"))
