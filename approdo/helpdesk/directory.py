"""The directory of local services (cases.ExternalService, the hubs' referral catalogue),
searched by the helpdesk while on a call and by every person-data role.

One query for the services and one for their languages, whatever the number of results.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from approdo.accounts.models import User
from approdo.cases.models import ExternalService
from approdo.helpdesk.selectors import require_directory_reader
from approdo.network.models import Language

MAX_RESULTS = 100


@dataclass(frozen=True)
class DirectoryQuery:
    q: str = ""
    kind: str = ""
    region: int | None = None
    municipality: int | None = None
    language: int | None = None


def service_search(*, user: User, query: DirectoryQuery | None = None) -> QuerySet[ExternalService]:
    """Active services matching the query, by region and name."""
    require_directory_reader(user)
    f = query or DirectoryQuery()
    rows = ExternalService.objects.filter(active=True)
    text = f.q.strip()
    if text:
        rows = rows.filter(
            Q(name__icontains=text)
            | Q(municipality__name__icontains=text)
            | Q(notes__icontains=text)
        )
    if f.kind:
        rows = rows.filter(kind=f.kind)
    if f.region:
        rows = rows.filter(region_id=f.region)
    if f.municipality:
        rows = rows.filter(municipality_id=f.municipality)
    if f.language:
        rows = rows.filter(languages=f.language)
    return (
        rows.distinct()
        .select_related("region", "municipality")
        .prefetch_related(Prefetch("languages", queryset=Language.objects.order_by("position")))
        .order_by("region__name", "name")
    )
