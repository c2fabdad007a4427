"""The field page (/campo/), its service worker and manifest."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import user_with_role
from approdo.cases.tests.factories import CaseWorld, login, make_case_world
from approdo.outreach.field_labels import FIELD_LANGUAGES, LABELS

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> CaseWorld:
    return make_case_world()


def test_every_language_has_every_label():
    assert [code for code, _name in FIELD_LANGUAGES] == ["it", "en", "fr"]
    for code in ("en", "fr"):
        assert set(LABELS[code]) == set(LABELS["it"]), code
        assert all(LABELS[code].values()), code


def test_shell_for_a_spoke_operator(world: CaseWorld):
    client = login(Client(), world.spoke_operator)
    response = client.get("/campo/")
    assert response.status_code == 200
    html = response.content.decode()
    # Labels, countries and configuration arrive as JSON, never as inline script.
    assert 'id="field-labels"' in html and 'id="field-countries"' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
    assert "style=" not in html and "onclick" not in html
    config = json.loads(re.search(r'id="field-config"[^>]*>(.*?)</script>', html).group(1))
    assert config["sync_url"] == "/api/v1/outreach/sync/"
    assert config["sw_url"] == "/campo/sw.js"
    assert "csrftoken" in response.cookies
    assert "Content-Security-Policy" in response


def test_shell_refuses_who_has_no_field_work(world: CaseWorld):
    anonymous = Client().get("/campo/")
    assert anonymous.status_code == 302 and "/campo/" in anonymous["Location"]
    assert login(Client(), world.monitor).get("/campo/").status_code == 403
    helpdesk = user_with_role(Role.HELPDESK_OPERATOR)
    assert login(Client(), helpdesk).get("/campo/").status_code == 403
    assert login(Client(), world.body_admin).get("/campo/").status_code == 403


def test_service_worker_script():
    response = Client().get("/campo/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/campo/"
    body = response.content.decode()
    assert '"/campo/"' in body
    assert "/static/outreach/field/app.js" in body
    assert "/static/outreach/field/field.css" in body
    assert "{%" not in body and "{{" not in body


def test_manifest():
    response = Client().get("/campo/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    data = response.json()
    assert data["start_url"] == "/campo/" and data["scope"] == "/campo/"
