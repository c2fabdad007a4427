"""Demo of the people side of work at the Foggia hub: skills profiles, two jobs from last year
(one checked at six months, one whose check is due this week), a matching run with its
suggestions, three proposals in progress.

Written through the services by the Foggia coordinator, after the demo employers and vacancies
(jobs.demo). The first case the demo case worker manages is left without a profile, for the
end-to-end journey that fills one in. Idempotent: nothing is written if a profile exists at
the hub. Synthetic data only.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from approdo.accounts.models import User
from approdo.cases.models import Case, CaseTeamMember
from approdo.cases.stages import OPEN_STAGES
from approdo.jobs import placements, profiles
from approdo.jobs.matching_runs import run_matching
from approdo.jobs.models import (
    CertificateKind,
    ContractType,
    Employer,
    FollowUp,
    FormalContract,
    LicenceCategory,
    MatchProposal,
    Occupation,
    Sector,
    SkillsProfile,
)
from approdo.network.models import Language, Node

FOGGIA = "PUG-H01"
COORDINATOR = "coordinatore.foggia"
CASE_WORKER = "assistente.foggia"
SEED = 2026

# What people around Foggia did before: ISCO unit group, sector, typical years.
HISTORIES = [
    ("9211", Sector.AGRICULTURE, (1, 8)),  # crop farm labourers
    ("9211", Sector.AGRICULTURE, (2, 10)),
    ("6111", Sector.AGRICULTURE, (1, 5)),  # field crop growers
    ("8341", Sector.AGRICULTURE, (1, 4)),  # tractor drivers
    ("9329", Sector.AGRIFOOD, (1, 3)),  # food-processing labourers
    ("9412", Sector.HOSPITALITY, (1, 3)),  # kitchen helpers
]


def journey_case() -> Case | None:
    """The case left free for the end-to-end journey (no skills profile, no Italian course):
    the demo case worker's first open Foggia case whose person lives in the province, so that
    the farms around Foggia are within reach; failing that, their first open case."""
    managed = CaseTeamMember.objects.filter(user__username=CASE_WORKER, until__isnull=True).values(
        "case_id"
    )
    rows = Case.objects.filter(
        pk__in=managed, hub__code=FOGGIA, person__isnull=False, stage__in=OPEN_STAGES
    ).order_by("pk")
    return rows.filter(person__municipality__province__abbreviation="FG").first() or rows.first()


def _cases(hub: Node) -> list[Case]:
    seen: set[int] = set()
    out: list[Case] = []
    rows = Case.objects.filter(
        hub=hub, person__isnull=False, person__municipality__isnull=False, stage__in=OPEN_STAGES
    ).select_related("person")
    for case in rows.order_by("pk"):
        if case.person_id not in seen:
            seen.add(case.person_id)  # type: ignore[arg-type]
            out.append(case)
    return out


def _profile(actor: User, case: Case, rng: random.Random, italian: Language | None) -> None:
    today = timezone.localdate()
    code, sector, (low, high) = rng.choice(HISTORIES)
    profiles.profile_save(
        actor=actor,
        case=case,
        expected_version=0,
        available_from=today + dt.timedelta(days=rng.choice([0, 0, 7, 14])),
        available_until=None,
        max_hours_per_week=rng.choice([30, 39, 40, 40]),
        reach_km=rng.choice([10, 20, 30, 50]),
        has_own_transport=rng.random() < 0.3,
        needs_housing=rng.random() < 0.5,
        preferred_occupations=[Occupation.objects.get(code=code)],
        preferred_sectors=[sector],
        notes="Profilo inventato per la demo.",
    )
    profiles.experience_add(
        actor=actor,
        case=case,
        occupation=Occupation.objects.get(code=code),
        years=Decimal(rng.randint(low, high)),
        sector=sector,
        place="Capitanata",
        formal_contract=rng.choice(list(FormalContract.values)),
    )
    if italian is not None:
        level = rng.choice(["A1", "A1", "A2", "A2", "B1"])
        profiles.language_set(actor=actor, case=case, language=italian, level=level)
    if rng.random() < 0.35:
        profiles.licence_set(actor=actor, case=case, category=LicenceCategory.B)
    if rng.random() < 0.4:
        profiles.certificate_add(
            actor=actor,
            case=case,
            kind=CertificateKind.SAFETY_GENERAL,
            issued_on=today - dt.timedelta(days=rng.randint(30, 700)),
            issuer="Ente di formazione (demo)",
        )


def _past_jobs(actor: User, cases: list[Case], employer: Employer) -> int:
    """Two people hired last year: one checked at six months, one whose check is due now."""
    today = timezone.localdate()
    crop = Occupation.objects.get(code="9211")
    made = 0
    for case, days_ago, checked in ((cases[0], 200, True), (cases[1], 178, False)):
        job = placements.placement_create(
            actor=actor,
            case=case,
            employer=employer,
            occupation=crop,
            contract_type=ContractType.AGRICULTURAL_OPEN,
            starts_on=today - dt.timedelta(days=days_ago),
            hours_per_week=39,
            gross_hourly_pay=Decimal("9.40"),
            unilav_reference=f"DEMO-{case.pk:06d}",
            note="Lavoro inventato per la demo.",
        )
        if checked:
            placements.placement_follow_up(
                actor=actor,
                placement=job,
                expected_version=job.version,
                outcome=FollowUp.EMPLOYED_SAME,
                checked_on=today - dt.timedelta(days=10),
                note="Confermato dalla persona e dal datore (demo).",
            )
        made += 1
    return made


@transaction.atomic
def load_jobs_people_demo() -> dict[str, int]:
    hub = Node.objects.filter(code=FOGGIA).first()
    actor = User.objects.filter(username=COORDINATOR).first()
    employer = Employer.objects.filter(legal_name__startswith="Az. Agr. Masseria").first()
    if hub is None or actor is None or employer is None:
        return {}
    if SkillsProfile.objects.filter(person__cases__hub=hub).exists():
        return {}
    rng = random.Random(SEED)
    italian = Language.objects.filter(code="it").first()
    keep = journey_case()
    cases = [c for c in _cases(hub) if keep is None or c.pk != keep.pk]
    profiled = [c for k, c in enumerate(cases) if k % 3 != 2][:60]
    for case in profiled:
        _profile(actor, case, rng, italian)
    jobs = _past_jobs(actor, profiled, employer) if len(profiled) >= 2 else 0
    result = run_matching(actor=actor, hub=hub)
    proposed = 0
    for suggestion in MatchProposal.objects.filter(run=result.run).order_by("-score", "pk")[:3]:
        placements.proposal_propose(
            actor=actor, proposal=suggestion, expected_version=suggestion.version
        )
        proposed += 1
        if proposed == 1:
            placements.proposal_interview(
                actor=actor,
                proposal=suggestion,
                expected_version=suggestion.version,
                interview_on=timezone.localdate() + dt.timedelta(days=3),
            )
    return {
        "profiles": len(profiled),
        "jobs": jobs,
        "suggestions": result.run.matched,
        "proposed": proposed,
    }
