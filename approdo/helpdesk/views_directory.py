"""The directory of local services: search as you type (htmx swaps the results only)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from approdo.accounts.access import access_for
from approdo.core.types import AuthenticatedHttpRequest
from approdo.helpdesk.directory import MAX_RESULTS, DirectoryQuery, service_search
from approdo.helpdesk.forms import DirectoryForm
from approdo.helpdesk.selectors import require_directory_reader


@login_required
@require_GET
def directory(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_directory_reader(request.user)
    form = DirectoryForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    query = DirectoryQuery(
        q=data.get("q") or "",
        kind=data.get("kind") or "",
        region=data["region"].pk if data.get("region") else None,
        municipality=data["municipality"].pk if data.get("municipality") else None,
        language=data["language"].pk if data.get("language") else None,
    )
    rows = list(service_search(user=request.user, query=query)[: MAX_RESULTS + 1])
    context = {
        "form": form,
        "services": rows[:MAX_RESULTS],
        "more": len(rows) > MAX_RESULTS,
        "limit": MAX_RESULTS,
        "user_is_helpdesk": access_for(request.user).is_helpdesk,
    }
    partial = bool(getattr(request, "htmx", False)) and not request.htmx.history_restore_request
    template = "helpdesk/_directory_results.html" if partial else "helpdesk/directory.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response
