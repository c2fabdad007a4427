"""The UI shell: language and direction, security headers, error pages, operator guide."""

from __future__ import annotations

import pytest
from django.urls import reverse

from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def monitor_client(client):
    user = user_with_role(Role.MINISTRY_MONITOR)
    client.force_login(user)
    return client


def test_pages_are_italian_by_default_with_lang_and_dir(monitor_client):
    body = monitor_client.get(reverse("home")).content.decode()
    assert '<html lang="it" dir="ltr">' in body
    assert "Vai al contenuto principale" in body


def test_language_switch_turns_the_interface_english(monitor_client):
    response = monitor_client.post(
        reverse("set_language"), {"language": "en", "next": reverse("home")}
    )
    assert response.status_code == 302
    body = monitor_client.get(reverse("home")).content.decode()
    assert '<html lang="en" dir="ltr">' in body
    assert "Skip to main content" in body


def test_strict_content_security_policy_and_secure_headers(monitor_client):
    response = monitor_client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    # django-csp adds a nonce only to responses whose templates use one; ours load files.
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_inline_script_or_style_in_the_shell(monitor_client):
    body = monitor_client.get(reverse("home")).content.decode()
    assert "<script>" not in body and "<style" not in body and "style=" not in body


def test_unknown_page_is_a_friendly_italian_404(monitor_client):
    response = monitor_client.get("/non-esiste/")
    assert response.status_code == 404
    assert "Pagina non trovata" in response.content.decode()


def test_unknown_api_path_is_problem_json(monitor_client):
    response = monitor_client.get("/api/v1/non-esiste/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["status"] == 404


def test_operator_guide_is_served_in_the_users_language(monitor_client):
    body = monitor_client.get(reverse("docs")).content.decode()
    assert "Guida per gli operatori" in body
    monitor_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Operator guide" in monitor_client.get(reverse("docs")).content.decode()


def test_bad_request_is_a_page_or_problem_json(rf):
    from django.contrib.auth.models import AnonymousUser

    from approdo.core.views import bad_request

    request = rf.get("/rete/")
    request.user = AnonymousUser()
    page = bad_request(request)
    assert page.status_code == 400
    problem = bad_request(rf.get("/api/v1/nodes/"))
    assert problem["Content-Type"].startswith("application/problem+json")
