"""The service catalogue every PSI starts with (migration 0002 seeds it).

`ensure_service_types` tops it up wherever it was emptied (a flushed test database, the demo
loader). Rows are only added when their code is missing, so names edited in the admin are kept;
a type whose area is missing is skipped (the network reference lists are seeded first).
"""

from __future__ import annotations

from typing import Any

# (code, area code, Italian name, English name), in the order the catalogue shows them.
SERVICE_TYPES: list[tuple[str, str, str, str]] = [
    ("welcome_interview", "psycho_social", "Colloquio di accoglienza", "Intake interview"),
    ("service_orientation", "psycho_social", "Orientamento ai servizi", "Guidance to services"),
    ("social_secretariat", "psycho_social", "Segretariato sociale", "Social secretariat"),
    ("psychological_support", "psycho_social", "Supporto psicologico", "Psychological support"),
    ("legal_advice", "legal", "Consulenza legale", "Legal advice"),
    ("police_escort", "legal", "Accompagnamento in Questura", "Escort to the police HQ"),
    ("permit_renewal", "legal", "Rinnovo del permesso di soggiorno", "Residence permit renewal"),
    ("complaint_support", "legal", "Supporto alla denuncia", "Support in filing a complaint"),
    ("labour_dispute", "legal", "Assistenza vertenza di lavoro", "Labour dispute assistance"),
    ("ssn_registration", "health", "Iscrizione al SSN", "National Health Service enrolment"),
    ("health_escort", "health", "Accompagnamento sanitario", "Escort to health services"),
    ("health_screening", "health", "Screening sanitario", "Health screening"),
    (
        "mediation",
        "mediation",
        "Mediazione linguistico-culturale",
        "Language and cultural mediation",
    ),
    ("translation", "mediation", "Traduzione di documenti", "Document translation"),
    ("italian_course", "italian_courses", "Corso di italiano", "Italian course"),
    ("civic_orientation", "italian_courses", "Orientamento civico", "Civic orientation"),
    (
        "italian_test",
        "italian_courses",
        "Test di conoscenza dell'italiano",
        "Italian language test",
    ),
    ("job_orientation", "training_work", "Orientamento al lavoro", "Job guidance"),
    ("skills_assessment", "training_work", "Bilancio delle competenze", "Skills assessment"),
    ("cpi_registration", "training_work", "Iscrizione al CPI", "Job centre registration"),
    ("traineeship", "training_work", "Attivazione di tirocinio", "Traineeship start"),
    (
        "vocational_training",
        "training_work",
        "Corso di formazione professionale",
        "Vocational course",
    ),
    ("housing_search", "housing", "Ricerca alloggio", "Housing search"),
    ("cohousing", "housing", "Inserimento in co-housing", "Placement in co-housing"),
    ("residence_registration", "housing", "Iscrizione anagrafica", "Registry office residence"),
    ("shuttle", "transport", "Trasporto navetta", "Shuttle transport"),
    ("transport_escort", "transport", "Accompagnamento con mezzo del PSI", "Escort by PSI vehicle"),
    ("material_kit", "psycho_social", "Consegna kit materiale", "Material kit handed out"),
    ("helpdesk_call", "helpdesk", "Contatto con l'helpdesk", "Helpdesk contact"),
]


# The FAMI output each seeded type counts towards (administrators change it in the admin).
FAMI_OUTPUTS: dict[str, str] = {
    "italian_course": "language_course",
    "civic_orientation": "civic_orientation",
    "welcome_interview": "counselling",
    "service_orientation": "counselling",
    "psychological_support": "counselling",
    "legal_advice": "counselling",
    "job_orientation": "counselling",
    "skills_assessment": "counselling",
}


def ensure_service_types(models: dict[str, Any], using: str = "default") -> int:
    """Create the missing seeded types for {"ServiceType": model, "ServiceArea": model}."""
    service_type, service_area = models["ServiceType"], models["ServiceArea"]
    areas = {a.code: a for a in service_area.objects.using(using).all()}
    existing = set(service_type.objects.using(using).values_list("code", flat=True))
    # Older migrations run this with a model that has no FAMI output yet.
    fami = any(f.name == "fami_output" for f in service_type._meta.get_fields())
    missing = [
        service_type(
            code=code,
            area=areas[area],
            name_it=name_it,
            name_en=name_en,
            position=(index + 1) * 10,
            **({"fami_output": FAMI_OUTPUTS.get(code, "")} if fami else {}),
        )
        for index, (code, area, name_it, name_en) in enumerate(SERVICE_TYPES)
        if code not in existing and area in areas
    ]
    service_type.objects.using(using).bulk_create(missing)
    return len(missing)
