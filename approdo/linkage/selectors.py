"""Reads of the linkage for monitoring: people counted once across the network.

Aggregates only: callers get numbers, never who. A person with no cluster yet (registered
since the last run) counts as a person of their own.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, Coalesce, Concat

from approdo.cases.models import Case
from approdo.network.models import ManagingBody, Node, Region


def distinct_people(
    *,
    scope: Node | ManagingBody | Region | None = None,
    period: tuple[dt.date, dt.date] | None = None,
) -> int:
    """Distinct people (linkage clusters) with a case at a hub in `scope` (a hub, a managing
    body, a region, or the whole programme when None) open at any time in `period` (both ends
    included): a person taken in charge at three hubs counts once."""
    cases = Case.objects.all()
    if isinstance(scope, Node):
        cases = cases.filter(hub=scope)
    elif isinstance(scope, ManagingBody):
        cases = cases.filter(hub__managing_bodies=scope)
    elif isinstance(scope, Region):
        cases = cases.filter(hub__region=scope)
    if period is not None:
        start, end = period
        cases = cases.filter(opened_on__lte=end).filter(
            Q(closed_on__isnull=True) | Q(closed_on__gte=start)
        )
    own = Concat(Value("P"), Cast(F("person_id"), CharField()))
    people = cases.annotate(who=Coalesce(F("person__cluster__cluster_id"), own))
    return people.values("who").distinct().count()
