"""Pairs for the review queue, as a full run would leave them."""

from __future__ import annotations

from django.utils import timezone

from approdo.linkage.models import LinkCandidate, LinkRun, RunKind
from approdo.people.models import Person


def make_candidate(
    first: Person,
    second: Person,
    *,
    probability: float = 0.4,
    levels: dict[str, int] | None = None,
) -> LinkCandidate:
    """A pending pair (the older record as A), found by a full run of two records."""
    now = timezone.now()
    run = LinkRun.objects.create(
        kind=RunKind.FULL,
        started_at=now,
        finished_at=now,
        records=2,
        clusters=2,
        compared_pairs=1,
        linked_pairs=0,
        threshold=0.5,
    )
    a, b = sorted((first, second), key=lambda p: p.pk)
    return LinkCandidate.objects.create(
        person_a=a,
        person_b=b,
        probability=probability,
        levels=levels or {"family_name": 2},
        found_by=run,
    )
