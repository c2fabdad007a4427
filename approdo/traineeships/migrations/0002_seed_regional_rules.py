"""Seed the regional rules of traineeships (approdo.traineeships.rules) for the regions already
loaded: indicative figures that administrators replace with those in force. A new database
gets its regions with the territory, after the migrations: the demo loader (and the rules'
fallback to the national guidelines) covers it."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from approdo.traineeships.rules import REGIONAL_RULES, ensure_regional_rules


def seed(apps: Any, schema_editor: Any) -> None:
    ensure_regional_rules(
        apps.get_model("network", "Region"), apps.get_model("traineeships", "RegionalRule")
    )


def unseed(apps: Any, schema_editor: Any) -> None:
    apps.get_model("traineeships", "RegionalRule").objects.filter(
        region__istat_code__in=REGIONAL_RULES
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("traineeships", "0001_traineeships_attendance_rules")]

    operations = [migrations.RunPython(seed, unseed)]
