"""The printable plan: a real PDF, Italian and Arabic (right-to-left) labels."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from approdo.audit.models import AccessLog
from approdo.cases.tests.factories import CaseWorld, login, make_case_world
from approdo.people.models import PersonLanguage
from approdo.plans.pdf import plan_html
from approdo.plans.pdf_labels import LABELS
from approdo.plans.tests.helpers import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> CaseWorld:
    return make_case_world()


def pdf_text(body: bytes) -> str | None:
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    import io

    return "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)


def test_catalogues_have_every_label() -> None:
    for lang, labels in LABELS.items():
        assert set(labels) == set(LABELS["it"]), lang


def test_pdf_in_italian(world: CaseWorld) -> None:
    version = approved(world)
    client = login(Client(), world.manager)
    response = client.get(reverse("plans:pdf", args=[world.case.pk, version.pk]) + "?lang=it")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AccessLog.objects.filter(user=world.manager, purpose="plans.plan.pdf").exists()
    html = plan_html(case=world.case, version=version, lang="it")
    assert 'dir="ltr"' in html and "Piano di Assistenza Individualizzato" in html
    assert "Trovare un posto letto in co-housing" in html and "Abitare" in html
    text = pdf_text(response.content)
    if text is not None:
        assert "Obiettivi" in text


def test_pdf_in_arabic_is_right_to_left(world: CaseWorld) -> None:
    version = approved(world)
    client = login(Client(), world.manager)
    response = client.get(reverse("plans:pdf", args=[world.case.pk, version.pk]) + "?lang=ar")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    html = plan_html(case=world.case, version=version, lang="ar")
    assert '<html dir="rtl" lang="ar">' in html
    assert LABELS["ar"]["goals"] in html and LABELS["ar"]["area.housing"] in html
    # The team's text stays as written.
    assert "Trovare un posto letto in co-housing" in html
    text = pdf_text(response.content)
    if text is not None:
        assert "الأهداف" in text or "ﻑﺍﺪﻫﻷﺍ" in text


def test_unknown_language_falls_back_to_italian(world: CaseWorld) -> None:
    version = approved(world)
    client = login(Client(), world.manager)
    response = client.get(reverse("plans:pdf", args=[world.case.pk, version.pk]) + "?lang=xx")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_page_offers_the_persons_language(world: CaseWorld) -> None:
    approved(world)
    PersonLanguage.objects.create(person=world.person, language=world.arabic, level="native")
    client = login(Client(), world.manager)
    page = client.get(reverse("plans:case", args=[world.case.pk])).content.decode()
    assert 'data-testid="pdf-it"' in page and 'data-testid="pdf-ar"' in page
