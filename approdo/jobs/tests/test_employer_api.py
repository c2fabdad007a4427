"""The employers and vacancies API: same rules as the pages, errors as problem+json."""

from __future__ import annotations

import pytest
from django.test import Client

from approdo.api.problems import PROBLEM_CONTENT_TYPE
from approdo.jobs.models import Employer, Vacancy
from approdo.jobs.tests.factories import (
    JobsWorld,
    day,
    make_employer,
    make_jobs_world,
    make_vacancy,
    vat,
)
from approdo.people.tests.factories import login

pytestmark = pytest.mark.django_db
EMPLOYERS = "/api/v1/jobs/employers/"
VACANCIES = "/api/v1/jobs/vacancies/"


@pytest.fixture
def w() -> JobsWorld:
    return make_jobs_world()


def vacancy_body(w: JobsWorld, employer: Employer, **overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "employer": employer.pk,
        "site": employer.sites.get().pk,
        "occupation": "9211",
        "title": "Raccolta agrumi",
        "agreement_level": "area-3",
        "gross_hourly_pay": "9.00",
        "starts_on": day(3).isoformat(),
        "ends_on": day(60).isoformat(),
        "hours_per_week": 40,
        "seats": 2,
        "languages": [{"language": "it", "min_level": "A1"}],
        "status": "open",
    }
    body.update(overrides)
    return body


def test_create_list_and_filter_employers(w: JobsWorld):
    client = login(Client(), w.worker)
    bad = client.post(
        EMPLOYERS,
        {"legal_name": "X", "vat_number": "123", "sector": "agriculture", "rete_member": True},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert {"vat_number", "rete_checked_on"} <= set(bad.json()["errors"])
    made = client.post(
        EMPLOYERS,
        {
            "legal_name": "Agrumi di Rosarno S.r.l.",
            "vat_number": "IT00743110157",
            "sector": "agriculture",
            "agreement": "ccnl-operai-agricoli",
            "rete_member": False,
            "sites": [{"name": "Piana", "municipality": w.foggia.istat_code}],
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["vat_number"] == "00743110157" and body["flagged"] is True
    assert "fuori dalla Rete" in body["flag_reason"]
    assert [site["municipality"] for site in body["sites"]] == [w.foggia.istat_code]
    spare = vat()
    no_town = client.post(
        EMPLOYERS,
        {"legal_name": "Y", "vat_number": spare, "sector": "other",
         "sites": [{"name": "A", "municipality": "000000"}]},
        content_type="application/json",
    )  # fmt: skip
    assert no_town.status_code == 400 and "sites.0.municipality" in no_town.json()["errors"]
    assert not Employer.objects.filter(vat_number=spare).exists()  # all or nothing
    make_employer(w, legal_name="In regola")
    flagged = client.get(EMPLOYERS, {"flagged": "true"}).json()["results"]
    assert [row["legal_name"] for row in flagged] == ["Agrumi di Rosarno S.r.l."]
    detail = client.get(f"{EMPLOYERS}{body['id']}/").json()
    assert detail["agreement"] == "ccnl-operai-agricoli"
    assert client.get(EMPLOYERS, {"settore": "x"}).status_code == 400  # unknown parameter


def test_underpaid_vacancy_refused_through_the_api(w: JobsWorld):
    employer = make_employer(w)
    client = login(Client(), w.worker)
    low = client.post(
        VACANCIES,
        vacancy_body(w, employer, gross_hourly_pay="8.00"),
        content_type="application/json",
    )
    assert low.status_code == 400 and low["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert "8,95" in low.json()["errors"]["gross_hourly_pay"][0]
    wrong_level = client.post(
        VACANCIES, vacancy_body(w, employer, agreement_level="livello-1"),
        content_type="application/json",
    )  # fmt: skip
    assert "agreement_level" in wrong_level.json()["errors"]
    made = client.post(VACANCIES, vacancy_body(w, employer), content_type="application/json")
    assert made.status_code == 201, made.content
    row = made.json()
    assert row["minimum_hourly_pay"] == "8.95" and row["languages"] == [
        {"language": "it", "min_level": "A1"}
    ]
    assert str(Vacancy.objects.get().gross_hourly_pay) == row["gross_hourly_pay"] == "9.00"


def test_list_and_filter_vacancies_with_flags(w: JobsWorld):
    clean = make_vacancy(w, make_employer(w))
    convicted = make_employer(w, legal_name="Caporale", has_603bis_conviction=True)
    flagged = make_vacancy(w, convicted)
    client = login(Client(), w.monitor)  # monitors read vacancies, do not write
    rows = {r["id"]: r for r in client.get(VACANCIES).json()["results"]}
    assert rows[flagged.pk]["employer_flagged"] and "603-bis" in rows[flagged.pk]["flag_reason"]
    assert not rows[clean.pk]["employer_flagged"]
    kept = client.get(VACANCIES, {"exclude_flagged": "true", "occupation": "92"}).json()
    assert [r["id"] for r in kept["results"]] == [clean.pk]
    other = client.get(VACANCIES, {"region": w.sicilia.pk}).json()
    assert other["results"] == []
    assert client.get(f"{VACANCIES}{clean.pk}/").json()["title"] == clean.title
    refused = client.post(
        VACANCIES, vacancy_body(w, clean.employer), content_type="application/json"
    )
    assert refused.status_code == 403 and refused["Content-Type"] == PROBLEM_CONTENT_TYPE


def test_no_place_is_403_and_missing_is_404(w: JobsWorld):
    client = Client()
    client.force_login(w.nobody)
    assert client.get(EMPLOYERS).status_code == 403
    assert client.get(VACANCIES).status_code == 403
    worker = login(Client(), w.worker)
    missing = worker.get(f"{VACANCIES}999999/")
    assert missing.status_code == 404 and missing["Content-Type"] == PROBLEM_CONTENT_TYPE
