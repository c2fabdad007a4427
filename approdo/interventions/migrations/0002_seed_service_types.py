"""Seed the service catalogue (approdo/interventions/catalogue.py).

Rows are created only when their code is missing, so names an administrator has edited are
kept. Reversing deletes exactly the codes seeded here that no service uses.
"""

from django.db import migrations

from approdo.interventions.catalogue import SERVICE_TYPES, ensure_service_types


def seed(apps, schema_editor):
    models = {
        "ServiceType": apps.get_model("interventions", "ServiceType"),
        "ServiceArea": apps.get_model("network", "ServiceArea"),
    }
    ensure_service_types(models, using=schema_editor.connection.alias)


def unseed(apps, schema_editor):
    service_type = apps.get_model("interventions", "ServiceType")
    used = apps.get_model("interventions", "ServiceDelivered").objects.values("service_type")
    codes = [code for code, _area, _it, _en in SERVICE_TYPES]
    service_type.objects.using(schema_editor.connection.alias).filter(code__in=codes).exclude(
        pk__in=used
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("interventions", "0001_services_and_appointments"),
        ("network", "0002_seed_service_areas_and_languages"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
