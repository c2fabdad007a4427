"""The pages under /lavoro/ as a case worker, a monitor and someone without a place use them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from approdo.jobs.models import Employer, Inspection, Vacancy
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


@pytest.fixture
def w() -> JobsWorld:
    return make_jobs_world()


def employer_post(w: JobsWorld, **overrides: str) -> dict[str, str]:
    data = {
        "legal_name": "Masseria Santa Chiara",
        "vat_number": vat(),
        "sector": "agriculture",
        "agreement": str(w.agri.pk),
        "rete_member": "on",
        "rete_member_since": "2022-04-01",
        "rete_checked_on": day(-10).isoformat(),
    }
    data.update(overrides)
    return data


def vacancy_post(w: JobsWorld, employer: Employer, **overrides: str) -> dict[str, str]:
    data = {
        "site": str(employer.sites.get().pk),
        "occupation": str(w.crop_labourer.pk),
        "title": "Vendemmia",
        "agreement_rate": str(w.area3.pk),
        "gross_hourly_pay": "9.20",
        "starts_on": day(5).isoformat(),
        "ends_on": day(40).isoformat(),
        "hours_per_week": "36",
        "seats": "3",
        "transport_offered": "on",
        "status": "open",
        "language_1": str(w.punjabi.pk),
        "level_1": "A2",
    }
    data.update(overrides)
    return data


def test_register_an_employer_and_see_it_in_the_list(client: Client, w: JobsWorld):
    login(client, w.worker)
    url = reverse("jobs:employers")
    bad = client.post(url, employer_post(w, vat_number="12345678901", rete_checked_on=""))
    assert bad.status_code == 400
    html = bad.content.decode()
    assert 'data-testid="form-errors"' in html and "Partita IVA non valida" in html
    assert "Indica quando hai verificato" in html
    made = client.post(url, employer_post(w))
    assert made.status_code == 302
    employer = Employer.objects.get()
    page = client.get(url).content.decode()
    assert f'data-testid="employer-row-{employer.pk}"' in page
    assert f'data-testid="flagged-{employer.pk}"' not in page


def test_filters_and_flags_in_the_list(client: Client, w: JobsWorld):
    fine = make_employer(w)
    outside = make_employer(
        w, legal_name="Fuori Rete", rete_member=False, rete_checked_on=None, rete_member_since=None
    )
    login(client, w.monitor)  # monitors read employers
    page = client.get(reverse("jobs:employers"), {"flagged": "yes"}).content.decode()
    assert f'data-testid="flagged-{outside.pk}"' in page
    assert f'data-testid="employer-row-{fine.pk}"' not in page
    assert 'data-testid="employer-form"' not in page  # readers do not register
    assert client.post(reverse("jobs:employers"), employer_post(w)).status_code == 403


def test_detail_shows_flags_inspections_and_refuses_a_stale_edit(client: Client, w: JobsWorld):
    employer = make_employer(w, has_603bis_conviction=True, conviction_note="Sentenza 2025")
    login(client, w.worker)
    url = reverse("jobs:employer", args=[employer.pk])
    html = client.get(url).content.decode()
    assert 'data-testid="employer-flags"' in html and "603-bis" in html
    client.post(
        reverse("jobs:employer_inspection", args=[employer.pk]),
        {"inspected_on": day(-3).isoformat(), "body": "inl", "outcome": "violations",
         "note": "Paghe sotto contratto"},
    )  # fmt: skip
    assert Inspection.objects.filter(employer=employer).exists()
    assert 'data-testid="employer-violation"' in client.get(url).content.decode()
    bad_site = client.post(reverse("jobs:employer_site", args=[employer.pk]), {"name": ""})
    assert bad_site.status_code == 400

    data = employer_post(w, legal_name="Nuovo nome", vat_number=employer.vat_number)
    data.update(has_603bis_conviction="on", conviction_note="Sentenza 2025", version="1")
    assert client.post(url, data).status_code == 302
    stale = client.post(url, {**data, "legal_name": "Altro nome"})
    assert stale.status_code == 400
    assert 'data-testid="current-values"' in stale.content.decode()
    assert Employer.objects.get(pk=employer.pk).legal_name == "Nuovo nome"


def test_underpaid_vacancy_refused_on_the_page(client: Client, w: JobsWorld):
    employer = make_employer(w)
    login(client, w.worker)
    url = reverse("jobs:vacancy_create", args=[employer.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, vacancy_post(w, employer, gross_hourly_pay="8.50"))
    assert refused.status_code == 400
    assert "inferiore al minimo" in refused.content.decode()
    assert not Vacancy.objects.exists()
    garbage = client.post(url, vacancy_post(w, employer, gross_hourly_pay="abc", seats="-1"))
    assert garbage.status_code == 400
    made = client.post(url, vacancy_post(w, employer, gross_hourly_pay="8.95"))
    assert made.status_code == 302
    vacancy = Vacancy.objects.get()
    assert vacancy.gross_hourly_pay == Decimal("8.95") and vacancy.transport_offered
    detail = client.get(reverse("jobs:vacancy", args=[vacancy.pk])).content.decode()
    assert 'data-testid="vacancy-languages">Punjabi A2' in detail


def test_vacancy_list_shows_the_flag_and_filters(client: Client, w: JobsWorld):
    clean = make_vacancy(w, make_employer(w))
    convicted = make_employer(w, legal_name="Caporale", has_603bis_conviction=True)
    flagged = make_vacancy(w, convicted)
    login(client, w.worker_b)
    url = reverse("jobs:vacancies")
    html = client.get(url).content.decode()
    assert f'data-testid="vacancy-flagged-{flagged.pk}"' in html
    assert f'data-testid="vacancy-flagged-{clean.pk}"' not in html
    only = client.get(url, {"exclude_flagged": "on", "region": w.puglia.pk}).content.decode()
    assert f'data-testid="vacancy-row-{flagged.pk}"' not in only
    assert f'data-testid="vacancy-row-{clean.pk}"' in only
    sicily = client.get(url, {"region": w.sicilia.pk}).content.decode()
    assert f'data-testid="vacancy-row-{clean.pk}"' not in sicily
    assert client.get(url, {"occupation": "abc"}).status_code == 400
    detail = client.get(reverse("jobs:vacancy", args=[flagged.pk])).content.decode()
    assert 'data-testid="employer-flags"' in detail
    assert 'data-testid="vacancy-edit-form"' not in detail  # hub B did not register it


def test_close_and_stale_edit_of_a_vacancy(client: Client, w: JobsWorld):
    vacancy = make_vacancy(w, make_employer(w))
    login(client, w.worker)
    url = reverse("jobs:vacancy", args=[vacancy.pk])
    data = vacancy_post(w, vacancy.employer, version="1", title="Raccolta uva")
    assert client.post(url, data).status_code == 302
    stale = client.post(url, {**data, "title": "Altro"})
    assert stale.status_code == 400 and 'data-testid="current-values"' in stale.content.decode()
    client.post(
        reverse("jobs:vacancy_close", args=[vacancy.pk]), {"status": "filled", "version": "2"}
    )
    vacancy.refresh_from_db()
    assert (vacancy.title, vacancy.status) == ("Raccolta uva", "filled")


def test_no_place_no_pages(client: Client, w: JobsWorld):
    employer = make_employer(w)
    client.force_login(w.nobody)
    assert client.get(reverse("jobs:employers")).status_code == 403
    assert client.get(reverse("jobs:vacancies")).status_code == 403
    assert client.get(reverse("jobs:employer", args=[employer.pk])).status_code == 403
    login(client, w.worker)
    assert client.get(reverse("jobs:employer", args=[999999])).status_code == 404


def test_lists_do_not_query_per_row(client: Client, w: JobsWorld):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, w.worker)

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    make_vacancy(w, make_employer(w))
    one = (queries(reverse("jobs:employers")), queries(reverse("jobs:vacancies")))
    for n in range(3):
        make_vacancy(w, make_employer(w, legal_name=f"Azienda {n}", has_603bis_conviction=n == 0))
    assert (queries(reverse("jobs:employers")), queries(reverse("jobs:vacancies"))) == one
