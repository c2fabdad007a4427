"""Matching fed from the database: a hub's people against the network's open vacancies.

`run_matching` reads the skills profiles of the people whose cases the operator may read at one
hub, the vacancies matching may propose (`matchable_vacancies`: open, paid at least the
agreement's minimum, from employers that are not flagged) with the seats still free, runs the
engine (`matching.propose`: every pair scored, assignment by min-cost flow, checked from scratch)
and stores the result as suggestions the operator then proposes or refuses. Each person read is
logged with the purpose "job matching". People are left out, and counted with the reason, when
they have no profile, no municipality (the distance can't be computed), a job already, or a
proposal in progress.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approdo.accounts.access import access_for
from approdo.accounts.models import User
from approdo.audit.services import log_access, record
from approdo.cases.models import Case
from approdo.cases.selectors import readable_case_ids
from approdo.cases.stages import OPEN_STAGES
from approdo.jobs import employer_selectors as sel
from approdo.jobs.matching import Fit, propose
from approdo.jobs.models import (
    IN_PROGRESS,
    JobPlacement,
    MatchProposal,
    MatchRun,
    ProposalStatus,
    SkillsProfile,
    Vacancy,
    VacancyStatus,
)
from approdo.jobs.profiles import to_candidate
from approdo.network.models import Node, NodeKind

PURPOSE = "job matching"

SKIP_REASONS = {
    "no_profile": _("senza profilo delle competenze"),
    "no_municipality": _("senza comune di domicilio"),
    "employed": _("già inserite al lavoro"),
    "in_progress": _("con una proposta in corso"),
}


@dataclass
class RunResult:
    run: MatchRun
    skipped: Counter[str] = field(default_factory=Counter)


def can_run(user: User, hub: Node) -> bool:
    """Hub staff who work with people's cases (and administrators) may run the hub's matching."""
    if not user.is_authenticated:
        return False
    return hub.pk in access_for(user).person_node_ids


def hubs_for(user: User) -> list[Node]:
    """The hubs whose matching the user may run."""
    node_ids = access_for(user).person_node_ids
    return list(Node.objects.filter(kind=NodeKind.HUB, pk__in=node_ids).order_by("name"))


def employed_person_ids(person_ids: list[int], day: dt.date) -> set[int]:
    """People with a job that has not ended on `day`."""
    rows = JobPlacement.objects.filter(
        person_id__in=person_ids, ended_on__isnull=True, starts_on__lte=day
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
    return set(rows.values_list("person_id", flat=True))


def seats_left(vacancies: list[Vacancy], day: dt.date) -> dict[int, int]:
    """Seats minus the people hired there whose job is still on, minus proposals in progress."""
    ids = [v.pk for v in vacancies]
    hired = dict(
        JobPlacement.objects.filter(vacancy_id__in=ids, ended_on__isnull=True)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .values("vacancy_id")
        .annotate(n=Count("pk"))
        .values_list("vacancy_id", "n")
    )
    pending = dict(
        MatchProposal.objects.filter(vacancy_id__in=ids, status__in=IN_PROGRESS)
        .values("vacancy_id")
        .annotate(n=Count("pk"))
        .values_list("vacancy_id", "n")
    )
    return {v.pk: max(0, v.seats - hired.get(v.pk, 0) - pending.get(v.pk, 0)) for v in vacancies}


def _factors(fit: Fit) -> list[dict[str, Any]]:
    return [
        {
            "key": f.key,
            "label": str(f.label),
            "value": round(f.value, 3),
            "weight": f.weight,
            "points": f.points,
            "explanation": f.explanation,
        }
        for f in fit.factors
    ]


def _people(actor: User, hub: Node, day: dt.date) -> tuple[list[Case], Counter[str]]:
    """The open cases at the hub the actor may read, with a person fit for matching."""
    cases = list(
        Case.objects.filter(hub=hub, stage__in=OPEN_STAGES, person__isnull=False)
        .select_related("person__municipality")
        .order_by("pk")
    )
    readable = readable_case_ids(user=actor, case_ids=[c.pk for c in cases])
    cases = [c for c in cases if c.pk in readable]
    person_ids = [c.person_id for c in cases if c.person_id is not None]
    profiled = set(
        SkillsProfile.objects.filter(person_id__in=person_ids).values_list("person_id", flat=True)
    )
    employed = employed_person_ids(person_ids, day)
    busy = set(
        MatchProposal.objects.filter(person_id__in=person_ids, status__in=IN_PROGRESS).values_list(
            "person_id", flat=True
        )
    )
    skipped: Counter[str] = Counter()
    kept: list[Case] = []
    seen: set[int] = set()
    for case in cases:
        person = case.person
        if person is None or person.pk in seen:  # one open case per person, but be safe
            continue
        seen.add(person.pk)
        if person.pk not in profiled:
            skipped["no_profile"] += 1
        elif person.municipality_id is None:
            skipped["no_municipality"] += 1
        elif person.pk in employed:
            skipped["employed"] += 1
        elif person.pk in busy:
            skipped["in_progress"] += 1
        else:
            kept.append(case)
    return kept, skipped


@transaction.atomic
def run_matching(
    *, actor: User, hub: Node, housing_hard: bool = False, today: dt.date | None = None
) -> RunResult:
    """Compute and store the hub's suggestions; the previous run's open suggestions go."""
    if not can_run(actor, hub):
        raise PermissionDenied
    day = today or timezone.localdate()
    started = time.perf_counter()
    cases, skipped = _people(actor, hub, day)
    for case in cases:
        log_access(user=actor, record=case, node_id=case.hub_id, purpose=PURPOSE)
    candidates = [to_candidate(c.person, today=day) for c in cases if c.person is not None]
    by_person = {c.person_id: c for c in cases}
    open_vacancies = list(sel.matchable_vacancies(user=actor, today=day))
    left = seats_left(open_vacancies, day)
    vacancies = [v for v in open_vacancies if left[v.pk] > 0]
    engine_vacancies = [_with_seats(sel.to_matching(v, today=day), left[v.pk]) for v in vacancies]
    proposal = propose(candidates, engine_vacancies, housing_hard=housing_hard)
    flagged = (
        Vacancy.objects.filter(status=VacancyStatus.OPEN, ends_on__gte=day)
        .filter(sel.flagged_q(day, prefix="employer__"))
        .count()
    )
    MatchProposal.objects.filter(case__hub=hub, status=ProposalStatus.SUGGESTED).update(
        status=ProposalStatus.SUPERSEDED, updated_at=timezone.now()
    )
    run = MatchRun.objects.create(
        hub=hub,
        run_by=actor,
        housing_hard=housing_hard,
        people=len(candidates),
        vacancies=len(vacancies),
        seats=sum(left[v.pk] for v in vacancies),
        matched=len(proposal.matches),
        total_fit=proposal.total,
        greedy_fit=proposal.baseline,
        flagged=flagged,
        milliseconds=round((time.perf_counter() - started) * 1000),
        skipped=dict(skipped),
    )
    MatchProposal.objects.bulk_create(
        [
            MatchProposal(
                run=run,
                case=by_person[fit.candidate_id],
                person_id=fit.candidate_id,
                vacancy_id=fit.vacancy_id,
                score=fit.total,
                factors=_factors(fit),
            )
            for fit in proposal.matches
        ]
    )
    record(
        actor=actor,
        action="jobs.matching.run",
        target=run,
        node_id=hub.pk,
        data={
            "people": run.people,
            "vacancies": run.vacancies,
            "matched": run.matched,
            "total_fit": run.total_fit,
            "skipped": dict(skipped),
        },
    )
    return RunResult(run=run, skipped=skipped)


def _with_seats(vacancy: Any, seats: int) -> Any:
    return replace(vacancy, seats=seats)
