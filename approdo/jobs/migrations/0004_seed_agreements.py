"""Seed the collective agreements and their levels (approdo.jobs.agreements): indicative demo
figures that administrators replace with those of the signed agreements."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from approdo.jobs.agreements import AGREEMENTS, ensure_agreements


def seed(apps: Any, schema_editor: Any) -> None:
    ensure_agreements(
        apps.get_model("jobs", "CollectiveAgreement"),
        apps.get_model("jobs", "AgreementRate"),
        schema_editor.connection.alias,
    )


def unseed(apps: Any, schema_editor: Any) -> None:
    codes = [code for code, *_rest in AGREEMENTS]
    apps.get_model("jobs", "AgreementRate").objects.filter(agreement__code__in=codes).delete()
    apps.get_model("jobs", "CollectiveAgreement").objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("jobs", "0003_employers_vacancies")]

    operations = [migrations.RunPython(seed, unseed)]
