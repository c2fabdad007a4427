"""The reasons a placement ends, as seeded. Users extend the list from the admin; a seeded code
an administrator edited is left as it is.

Used by the seeding migration and by the demo loader: tests that empty the database between
runs (transactional browser tests) lose migration-seeded rows, so the demo puts back what is
missing."""

from __future__ import annotations

from typing import Any

EXIT_REASONS = [
    ("housing_autonomy", "Autonomia abitativa (casa in affitto)", "Housing autonomy (rented home)"),
    ("moved_for_work", "Trasferimento per lavoro", "Moved away for work"),
    (
        "other_reception",
        "Accolta in un'altra struttura o progetto",
        "Taken in by another facility or project",
    ),
    ("family", "Rientro in famiglia o presso conoscenti", "Back with family or friends"),
    ("left_voluntarily", "Uscita volontaria", "Left voluntarily"),
    (
        "rules_breach",
        "Allontanamento per violazione del regolamento",
        "Asked to leave for breaching the house rules",
    ),
    ("season_end", "Fine della stagione del centro", "End of the centre's season"),
    ("end_of_stay", "Fine del periodo concordato", "End of the agreed stay"),
    ("other", "Altro (specificare nella nota)", "Other (explain in the note)"),
]


def ensure_exit_reasons(model: Any, using: str = "default") -> int:
    """Create the seeded exit reasons that are missing; returns how many."""
    existing = set(model.objects.using(using).values_list("code", flat=True))
    missing = [
        model(code=code, name_it=name_it, name_en=name_en, position=position)
        for position, (code, name_it, name_en) in enumerate(EXIT_REASONS, start=1)
        if code not in existing
    ]
    model.objects.using(using).bulk_create(missing)
    return len(missing)
