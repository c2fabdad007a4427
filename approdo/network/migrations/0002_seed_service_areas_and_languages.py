"""Seed the reference lists a PSI uses from day one: areas of intervention and languages.

Rows are created only when their code is missing, so names an administrator has edited are
kept. Reversing deletes exactly the codes seeded here and leaves rows added from the admin.
The lists live in approdo/network/reference_lists.py, which only ever grows.
"""

from django.db import migrations

from approdo.network.reference_lists import SEEDS, ensure_reference_lists


def seed(apps, schema_editor):
    models = {name: apps.get_model("network", name) for name in SEEDS}
    ensure_reference_lists(models, using=schema_editor.connection.alias)


def unseed(apps, schema_editor):
    db = schema_editor.connection.alias
    for model_name, rows in SEEDS.items():
        model = apps.get_model("network", model_name)
        model.objects.using(db).filter(code__in=[code for code, _it, _en in rows]).delete()


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
