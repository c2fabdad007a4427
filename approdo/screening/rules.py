"""The rules that turn a screening's answers into a suggested priority and next steps.

They are suggestions for the professional to confirm or change; nothing here concludes that
a person is a victim. Codes refer to the seeded reference lists (reference.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set

from approdo.screening.models import NextStep, Priority, UrgencyLevel

# Any one of these observed makes the suggested priority high.
HIGH_INDICATORS = frozenset({"ilo_violence", "ilo_threats", "ilo_documents", "ilo_debt"})
HIGH_FACTORS = frozenset({"documents_withheld", "gender_violence"})

STEP_TRIGGERS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # step: (indicators observed, vulnerability factors present)
    NextStep.ANTI_TRAFFICKING: (
        frozenset({"ilo_violence", "ilo_threats", "ilo_movement", "ilo_debt"}),
        frozenset({"gender_violence"}),
    ),
    NextStep.LABOUR_INSPECTORATE: (
        frozenset({"603_pay", "603_time", "603_safety", "ilo_wages", "ilo_overtime"}),
        frozenset(),
    ),
    NextStep.LEGAL_COUNSELLING: (
        frozenset({"ilo_documents", "ilo_deception"}),
        frozenset({"documents_withheld"}),
    ),
    NextStep.SAFE_HOUSING: (
        frozenset({"603_degrading", "ilo_conditions"}),
        frozenset({"housing"}),
    ),
}


def suggest_priority(
    *,
    observed: Set[str],
    present: Set[str],
    immediate_danger: bool,
    urgency_level: str = UrgencyLevel.LOW,
) -> str:
    """The suggested priority of a screening.

    - high: immediate danger; urgency "immediate"; violence, threats, retained documents or
      debt bondage observed; documents withheld or gender-based violence present;
    - medium: two or more indices/indicators observed; one observed together with two or
      more vulnerability factors present; urgency "within a few days";
    - low: anything else.
    """
    if immediate_danger or urgency_level == UrgencyLevel.HIGH:
        return Priority.HIGH
    if observed & HIGH_INDICATORS or present & HIGH_FACTORS:
        return Priority.HIGH
    if len(observed) >= 2 or (len(observed) == 1 and len(present) >= 2):
        return Priority.MEDIUM
    if urgency_level == UrgencyLevel.MEDIUM:
        return Priority.MEDIUM
    return Priority.LOW


def suggest_steps(
    *, observed: Set[str], present: Set[str], permit_problem: bool = False
) -> list[str]:
    """Suggested next steps, in a fixed order.

    - anti-trafficking referral: violence, threats, restriction of movement or debt bondage
      observed, or gender-based violence present;
    - labour inspectorate: pay, working-time or safety indices, withheld wages, overtime;
    - legal counselling: retained documents or deception observed, documents withheld, or a
      residence permit expired or expiring (`permit_problem`);
    - safe housing: degrading conditions/housing or abusive living conditions observed, or
      precarious housing present.
    """
    steps = []
    for step, (indicators, factors) in STEP_TRIGGERS.items():
        hit = bool(observed & indicators or present & factors)
        if step == NextStep.LEGAL_COUNSELLING and permit_problem:
            hit = True
        if hit:
            steps.append(str(step))
    return steps


PERMIT_WARNING_DAYS = 60


def permit_problem(expiries: list[dt.date | None], *, today: dt.date) -> bool:
    """A residence permit (or receipt) expired or expiring within PERMIT_WARNING_DAYS.

    `expiries` are the expiry dates of the person's permits; no permit on file is not a
    problem by itself (the person may be an EU citizen's family member, or unregistered).
    """
    limit = today + dt.timedelta(days=PERMIT_WARNING_DAYS)
    dated = [d for d in expiries if d is not None]
    return bool(dated) and max(dated) <= limit
