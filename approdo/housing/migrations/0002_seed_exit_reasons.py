"""Seed the reasons a placement ends (approdo.housing.reference)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from approdo.housing.reference import EXIT_REASONS, ensure_exit_reasons


def seed(apps: Any, schema_editor: Any) -> None:
    ensure_exit_reasons(apps.get_model("housing", "ExitReason"), schema_editor.connection.alias)


def unseed(apps: Any, schema_editor: Any) -> None:
    apps.get_model("housing", "ExitReason").objects.filter(
        code__in=[code for code, _it, _en in EXIT_REASONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("housing", "0001_housing_sites_placements")]

    operations = [migrations.RunPython(seed, unseed)]
