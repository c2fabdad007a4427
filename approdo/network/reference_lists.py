"""The reference lists every PSI uses from day one: areas of intervention and languages.

Migration 0002 seeds them; `ensure_reference_lists` tops them up wherever they were emptied
(a flushed test database, an instance restored without them) before the demo is loaded.
Rows are only ever added when their code is missing, so names edited in the admin are kept.
"""

from __future__ import annotations

from typing import Any

# (code, Italian name, English name), in the order the directory shows them.
SERVICE_AREAS = [
    ("housing", "Sostegno all'abitare", "Housing support"),
    ("transport", "Trasporti", "Transport"),
    ("training_work", "Formazione e lavoro", "Training and work"),
    ("legal", "Supporto legale", "Legal support"),
    ("mediation", "Mediazione linguistico-culturale", "Linguistic and cultural mediation"),
    ("health", "Accesso alla salute", "Access to health care"),
    ("psycho_social", "Supporto psico-sociale", "Psycho-social support"),
    ("helpdesk", "Helpdesk anticaporalato", "Anti-caporalato helpdesk"),
    ("italian_courses", "Corsi di italiano", "Italian language courses"),
]

# ISO 639-1 where the language has one, else ISO 639-3 (pcm, bin, man, skr). The first twelve
# are the helpdesk's languages, in the order the programme lists them.
LANGUAGES = [
    ("it", "Italiano", "Italian"),
    ("en", "Inglese", "English"),
    ("fr", "Francese", "French"),
    ("ar", "Arabo", "Arabic"),
    ("pcm", "Pidgin nigeriano", "Nigerian Pidgin"),
    ("bin", "Edo", "Edo"),
    ("ff", "Fula (pular)", "Fula (Pular)"),
    ("man", "Mandingo", "Mandingo"),
    ("wo", "Wolof", "Wolof"),
    ("ur", "Urdu", "Urdu"),
    ("ps", "Pashto", "Pashto"),
    ("pa", "Punjabi", "Punjabi"),
    ("skr", "Saraiki", "Saraiki"),
    ("sd", "Sindhi", "Sindhi"),
    ("bn", "Bengalese", "Bengali"),
    ("hi", "Hindi", "Hindi"),
    ("sq", "Albanese", "Albanian"),
    ("es", "Spagnolo", "Spanish"),
    ("ro", "Rumeno", "Romanian"),
    ("ti", "Tigrino", "Tigrinya"),
    ("bm", "Bambara", "Bambara"),
    ("tw", "Twi", "Twi"),
    ("so", "Somalo", "Somali"),
    ("am", "Amarico", "Amharic"),
    ("zh", "Cinese", "Chinese"),
    ("uk", "Ucraino", "Ukrainian"),
    ("ru", "Russo", "Russian"),
]

SEEDS: dict[str, list[tuple[str, str, str]]] = {
    "ServiceArea": SERVICE_AREAS,
    "Language": LANGUAGES,
}


def ensure_reference_lists(models: dict[str, Any], using: str = "default") -> int:
    """Create the missing seeded rows for {"ServiceArea": model, "Language": model}."""
    created = 0
    for model_name, rows in SEEDS.items():
        model = models[model_name]
        existing = set(model.objects.using(using).values_list("code", flat=True))
        missing = [
            model(code=code, name_it=name_it, name_en=name_en, position=(index + 1) * 10)
            for index, (code, name_it, name_en) in enumerate(rows)
            if code not in existing
        ]
        model.objects.using(using).bulk_create(missing)
        created += len(missing)
    return created
