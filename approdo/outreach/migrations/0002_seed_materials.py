"""Seed the awareness material catalogue (approdo/outreach/catalogue.py).

Rows are created only when their name is missing, so materials an administrator has edited
are kept. Reversing deletes exactly the names seeded here that nothing uses.
"""

from django.db import migrations

from approdo.outreach.catalogue import MATERIALS, ensure_materials


def seed(apps, schema_editor):
    models = {
        "AwarenessMaterial": apps.get_model("outreach", "AwarenessMaterial"),
        "Language": apps.get_model("network", "Language"),
    }
    ensure_materials(models, using=schema_editor.connection.alias)


def unseed(apps, schema_editor):
    material = apps.get_model("outreach", "AwarenessMaterial")
    handed_out = apps.get_model("outreach", "MaterialHandout").objects.values("material")
    names = [name for name, _kind, _codes, _description in MATERIALS]
    material.objects.using(schema_editor.connection.alias).filter(name__in=names).exclude(
        pk__in=handed_out
    ).filter(campaigns__isnull=True, events__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0001_initial"),
        ("network", "0002_seed_service_areas_and_languages"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
