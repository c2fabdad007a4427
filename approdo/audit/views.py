"""The audit trail search page, for coordinators and administrators of their places."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from approdo.accounts import access
from approdo.audit.forms import AuditFilterForm
from approdo.audit.selectors import AuditFilters, audit_event_list
from approdo.core.types import AuthenticatedHttpRequest


@login_required
def event_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    access.require_audit_access(user)
    form = AuditFilterForm(
        request.GET or None,
        node_ids=access.access_for(user).audit_node_ids,
    )
    filters = form.to_filters() if form.is_bound and form.is_valid() else AuditFilters()
    events = audit_event_list(user=user, filters=filters)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    template = "audit/_events.html" if request.htmx else "audit/event_list.html"
    return render(request, template, {"form": form, "page": page})
