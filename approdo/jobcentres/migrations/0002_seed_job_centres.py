"""Seed the job centres of the demo provinces (approdo.jobcentres.reference).

On a database whose ISTAT territory is already loaded the CPIs are created now; on a new one
the territory comes after the migrations (`manage.py load_istat`), and `manage.py
load_jobcentres` (or the demo loader) creates them then.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

from approdo.jobcentres.reference import SEED_CENTRES, ensure_job_centres


def seed(apps: Any, schema_editor: Any) -> None:
    ensure_job_centres(
        apps.get_model("jobcentres", "JobCentre"),
        province_model=apps.get_model("network", "Province"),
        municipality_model=apps.get_model("network", "Municipality"),
        area_model=apps.get_model("jobcentres", "JobCentreMunicipality"),
        using=schema_editor.connection.alias,
    )


def unseed(apps: Any, schema_editor: Any) -> None:
    centres = apps.get_model("jobcentres", "JobCentre").objects.using(
        schema_editor.connection.alias
    )
    # Only the seeded CPIs nobody points at yet; the others stay (PROTECT would refuse).
    centres.filter(
        code__in=[seed.code for seed in SEED_CENTRES],
        registrations__isnull=True,
        appointments__isnull=True,
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("jobcentres", "0001_job_centres_registrations_appointments")]

    operations = [migrations.RunPython(seed, unseed)]
