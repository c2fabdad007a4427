"""The job centres seeded for the demo provinces: the seven CPIs of the province of Foggia
sharing its 61 municipalities, one CPI in every other province of the demo regions, all marked
to be checked; created once the ISTAT territory is there, never overwriting an edited CPI."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from approdo.jobcentres.models import JobCentre, JobCentreMunicipality
from approdo.jobcentres.reference import SEED_CENTRES, ensure_job_centres
from approdo.network.models import Municipality, Province
from approdo.network.reference import load_territory

pytestmark = pytest.mark.django_db


def test_nothing_is_created_without_the_territory():
    assert ensure_job_centres() == 0
    assert not JobCentre.objects.exists()


def test_seeded_centres_on_the_istat_territory():
    load_territory()
    assert ensure_job_centres() == len(SEED_CENTRES) == 45
    foggia = JobCentre.objects.filter(province__istat_code="071")
    assert sorted(c.municipality.name for c in foggia) == [
        "Ascoli Satriano",
        "Cerignola",
        "Foggia",
        "Lucera",
        "Manfredonia",
        "San Severo",
        "Vico del Gargano",
    ]
    # Every municipality of the province is served, by exactly one of them.
    served = JobCentreMunicipality.objects.filter(job_centre__province__istat_code="071")
    towns = Municipality.objects.filter(province__istat_code="071")
    assert served.count() == towns.count() == 61
    assert JobCentre.objects.get(areas__municipality__name="Vieste").name.endswith(
        "Vico del Gargano"
    )
    assert JobCentre.objects.get(areas__municipality__name="Orta Nova").name.endswith("Cerignola")
    # One CPI in every other province of the demo regions, all still to be checked.
    others = Province.objects.exclude(istat_code="071")
    assert all(p.job_centres.count() == 1 for p in others)
    assert not JobCentre.objects.filter(verified=True).exists()
    assert JobCentre.objects.get(code="CPI-BT-ANDRIA").municipality.name == "Andria"


def test_a_second_run_adds_only_what_is_missing(capsys: pytest.CaptureFixture[str]):
    load_territory()
    ensure_job_centres()
    edited = JobCentre.objects.get(code="CPI-FG-FOGGIA")
    edited.address = "Via Telesforo 1"
    edited.verified = True
    edited.save()
    JobCentre.objects.filter(code="CPI-BA-BARI").delete()
    out = StringIO()
    call_command("load_jobcentres", stdout=out)
    assert "1 creati, 45 presenti" in out.getvalue()
    edited.refresh_from_db()
    assert edited.address == "Via Telesforo 1" and edited.verified
    assert ensure_job_centres() == 0
