"""Seed the ISCO-08 classification (10 major, 43 sub-major, 130 minor, 436 unit groups) from
approdo/jobs/data/isco08.csv. Re-running the loader later only writes what the file changed;
groups an administrator retired stay retired."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from approdo.jobs.reference import load_isco08


def seed(apps: Any, schema_editor: Any) -> None:
    load_isco08(apps.get_model("jobs", "Occupation"), using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_occupations")]

    # Unseeding is left to reversing 0001, which drops the table: deleting the rows one level
    # at a time would only repeat that.
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
