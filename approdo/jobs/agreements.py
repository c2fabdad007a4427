"""The collective agreements (CCNL) as seeded, with their levels and minimum hourly pay.

**The figures are indicative demo data**, rounded from the national tables in force in 2024-25
for a plausible order of magnitude: they are not legal minimums. Administrators set the real
ones from the signed agreements (and the provincial agreements, which add to the national
minimums for farm workers) in the admin pages «Contratti collettivi»; a seeded row an
administrator edited is left as it is.

Used by the seeding migration and by demo/test code: tests that empty the database between runs
(transactional browser tests) lose migration-seeded rows, so `ensure_agreements` puts back what
is missing, idempotently.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

INDICATIVE = (
    "Importi indicativi (dati dimostrativi): l'amministrazione li imposta dal testo firmato "
    "del contratto e dai contratti provinciali."
)

# code, Italian name, sector, valid from, valid to, [(level code, label, € per hour)]
AGREEMENTS: list[tuple[str, str, str, dt.date, dt.date | None, list[tuple[str, str, str]]]] = [
    (
        "ccnl-operai-agricoli",
        "CCNL operai agricoli e florovivaisti",
        "agriculture",
        dt.date(2022, 1, 1),
        dt.date(2025, 12, 31),
        [
            ("area-1", "Area 1 – operai specializzati", "10.40"),
            ("area-2", "Area 2 – operai qualificati", "9.55"),
            ("area-3", "Area 3 – operai comuni", "8.95"),
        ],
    ),
    (
        "ccnl-industria-alimentare",
        "CCNL industria alimentare",
        "agrifood",
        dt.date(2024, 1, 1),
        dt.date(2027, 11, 30),
        [
            ("livello-1", "1° livello", "15.90"),
            ("livello-2", "2° livello", "14.30"),
            ("livello-3", "3° livello", "12.95"),
            ("livello-4", "4° livello", "12.00"),
            ("livello-5", "5° livello", "11.25"),
            ("livello-6", "6° livello", "10.60"),
        ],
    ),
]


def ensure_agreements(agreement_model: Any, rate_model: Any, using: str = "default") -> int:
    """Create the seeded agreements and levels that are missing; returns how many rows."""
    created = 0
    for code, name, sector, valid_from, valid_to, rates in AGREEMENTS:
        agreement, made = agreement_model.objects.using(using).get_or_create(
            code=code,
            defaults={
                "name": name,
                "sector": sector,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "notes": INDICATIVE,
            },
        )
        created += int(made)
        existing = set(
            rate_model.objects.using(using)
            .filter(agreement=agreement)
            .values_list("code", flat=True)
        )
        missing = [
            rate_model(
                agreement=agreement,
                code=level,
                label=label,
                minimum_hourly_pay=Decimal(pay),
                position=position,
            )
            for position, (level, label, pay) in enumerate(rates, start=1)
            if level not in existing
        ]
        rate_model.objects.using(using).bulk_create(missing)
        created += len(missing)
    return created


def ensure_default_agreements() -> int:
    """`ensure_agreements` with the current models (for demo and test code)."""
    from approdo.jobs.models import AgreementRate, CollectiveAgreement

    return ensure_agreements(CollectiveAgreement, AgreementRate)
