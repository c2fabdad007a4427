"""Seed the four indices of art. 603-bis c.p., the 11 ILO indicators and the vulnerability
factors. Rows are created only when their code is missing; reversing deletes the seeded codes."""

from django.db import migrations

from approdo.screening.reference import INDICATORS, VULNERABILITY_FACTORS, seed_reference


def seed(apps, schema_editor):
    seed_reference(
        apps.get_model("screening", "Indicator"),
        apps.get_model("screening", "VulnerabilityFactor"),
        using=schema_editor.connection.alias,
    )


def unseed(apps, schema_editor):
    db = schema_editor.connection.alias
    apps.get_model("screening", "Indicator").objects.using(db).filter(
        code__in=[row[0] for row in INDICATORS]
    ).delete()
    apps.get_model("screening", "VulnerabilityFactor").objects.using(db).filter(
        code__in=[row[0] for row in VULNERABILITY_FACTORS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("screening", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
