"""The awareness material every PSI starts with (migration 0002 seeds it).

`ensure_materials` tops the catalogue up wherever it was emptied (a flushed test database, the
demo loader). Rows are only added when their name is missing, so descriptions edited in the
admin are kept; languages are linked when the network's language list has them.
"""

from __future__ import annotations

from typing import Any

# (name, kind, language codes, description), in the order the catalogue shows them.
MATERIALS: list[tuple[str, str, tuple[str, ...], str]] = [
    (
        "Volantino «I tuoi diritti sul lavoro»",
        "leaflet",
        ("it", "en", "fr", "ar"),
        "Paga minima contrattuale, orario, contratto scritto, a chi rivolgersi: una pagina "
        "fronte-retro in quattro lingue.",
    ),
    (
        "Biglietto con il numero dell'helpdesk",
        "card",
        ("it", "en", "fr", "ar"),
        "Formato tessera: numero verde dell'helpdesk anti-sfruttamento, orari e WhatsApp.",
    ),
    (
        "Opuscolo «Sicurezza sul lavoro in agricoltura»",
        "booklet",
        ("it", "en", "fr"),
        "Caldo, fitofarmaci, trasporto nei campi, infortuni: cosa fare e chi chiamare.",
    ),
    (
        "Kit igiene",
        "kit",
        (),
        "Sapone, spazzolino, dentifricio, assorbenti, mascherine: consegnato con il volantino.",
    ),
    (
        "Kit protezione dal caldo",
        "kit",
        (),
        "Cappello, borraccia, sali minerali e crema solare per la stagione della raccolta.",
    ),
    (
        "Manifesto «Nessuno deve lavorare così»",
        "poster",
        ("it", "en", "fr", "ar"),
        "Per bacheche di centri di accoglienza, stazioni e luoghi di ritrovo.",
    ),
    (
        "Messaggio audio sui diritti (WhatsApp)",
        "audio_video",
        ("en", "fr", "ar"),
        "Due minuti, da inoltrare nei gruppi delle comunità.",
    ),
]


def ensure_materials(models: dict[str, Any], using: str = "default") -> int:
    """Create the missing seeded materials for {"AwarenessMaterial": m, "Language": m}."""
    material, language = models["AwarenessMaterial"], models["Language"]
    languages = {lang.code: lang for lang in language.objects.using(using).all()}
    existing = set(material.objects.using(using).values_list("name", flat=True))
    created = 0
    for name, kind, codes, description in MATERIALS:
        if name in existing:
            continue
        row = material.objects.using(using).create(name=name, kind=kind, description=description)
        row.languages.set([languages[c] for c in codes if c in languages])
        created += 1
    return created
