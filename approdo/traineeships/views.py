"""The traineeships list of the cases the viewer may read, under /lavoro/tirocini/."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from approdo.core.types import AuthenticatedHttpRequest
from approdo.traineeships import selectors
from approdo.traineeships.forms import FilterForm

PAGE_SIZE = 50


@login_required
@require_GET
def traineeship_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Filters (status, host, period) and a page of rows with the hours attended and the
    allowance paid; wrong filters answer 400 with the list unfiltered and the errors shown."""
    selectors.require_reader(request.user)
    filters = FilterForm(request.GET or None)
    valid = filters.is_valid() if filters.is_bound else True
    rows = selectors.traineeship_list(user=request.user, **filters.filters())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    selectors.log_list_reads(user=request.user, rows=shown)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "page": page,
        "rows": shown,
        "total": page.paginator.count,
        "query": query.urlencode(),
    }
    return render(request, "traineeships/list.html", context, status=200 if valid else 400)
