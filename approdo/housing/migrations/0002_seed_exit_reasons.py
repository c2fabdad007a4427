"""Seed the reasons a placement ends. Existing codes are left as an administrator edited
them; users extend the list from the admin."""

from __future__ import annotations

from typing import Any

from django.db import migrations

EXIT_REASONS = [
    ("housing_autonomy", "Autonomia abitativa (casa in affitto)", "Housing autonomy (rented home)"),
    ("moved_for_work", "Trasferimento per lavoro", "Moved away for work"),
    ("other_reception", "Accolta in un'altra struttura o progetto", "Taken in by another facility or project"),
    ("family", "Rientro in famiglia o presso conoscenti", "Back with family or friends"),
    ("left_voluntarily", "Uscita volontaria", "Left voluntarily"),
    ("rules_breach", "Allontanamento per violazione del regolamento", "Asked to leave for breaching the house rules"),
    ("season_end", "Fine della stagione del centro", "End of the centre's season"),
    ("end_of_stay", "Fine del periodo concordato", "End of the agreed stay"),
    ("other", "Altro (specificare nella nota)", "Other (explain in the note)"),
]


def seed(apps: Any, schema_editor: Any) -> None:
    ExitReason = apps.get_model("housing", "ExitReason")
    for position, (code, name_it, name_en) in enumerate(EXIT_REASONS, start=1):
        ExitReason.objects.using(schema_editor.connection.alias).get_or_create(
            code=code, defaults={"name_it": name_it, "name_en": name_en, "position": position}
        )


def unseed(apps: Any, schema_editor: Any) -> None:
    apps.get_model("housing", "ExitReason").objects.filter(
        code__in=[code for code, _it, _en in EXIT_REASONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("housing", "0001_housing_sites_placements")]

    operations = [migrations.RunPython(seed, unseed)]
