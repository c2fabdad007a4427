"""The public form's guards: honeypot, time token, rate limit, and the purge of its traces."""

from __future__ import annotations

import datetime as dt
from html import unescape
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from approdo.helpdesk import public_labels as pl
from approdo.helpdesk import spam
from approdo.helpdesk.models import Contact, PublicSubmission

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.23"


def form_url(lang: str) -> str:
    return reverse("report:form", kwargs={"lang": lang})


def fields(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        spam.TOKEN_FIELD: spam.issue_token(timezone.now() - dt.timedelta(minutes=1)),
        spam.HONEYPOT_FIELD: "",
        "message": "Lavoro senza contratto da due mesi.",
        "needs": ["work"],
    }
    data.update(overrides)
    return data


def text(response: Any) -> str:
    return unescape(response.content.decode())


def test_a_robot_filling_the_honeypot_is_thanked_and_nothing_is_saved(client: Client) -> None:
    response = client.post(
        form_url("en"), fields(**{spam.HONEYPOT_FIELD: "http://spam.example"}), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("report:thanks", kwargs={"lang": "en"})
    assert pl.LABELS["en"]["thanks_title"] in text(response)
    assert not Contact.objects.exists()
    # It still counts towards the rate limit of its address.
    assert PublicSubmission.objects.count() == 1


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(client: Client) -> None:
    html = client.get(form_url("it")).content.decode()
    assert '<div class="report-hp" aria-hidden="true">' in html
    assert f'name="{spam.HONEYPOT_FIELD}"' in html
    assert 'tabindex="-1" autocomplete="off"' in html
    css = (spam.__file__.rsplit("/", 1)[0]) + "/static/helpdesk/public/report.css"
    with open(css, encoding="utf-8") as handle:
        assert ".report-hp { position: absolute; inset-inline-start: -10000px;" in handle.read()


def test_a_form_sent_too_fast_is_refused_in_the_pages_language(client: Client, settings) -> None:
    settings.HELPDESK_FORM_MIN_SECONDS = 3
    response = client.post(form_url("ar"), fields(**{spam.TOKEN_FIELD: spam.issue_token()}))
    assert response.status_code == 200
    html = text(response)
    assert pl.LABELS["ar"]["err_too_fast"] in html
    assert "Lavoro senza contratto da due mesi." in html  # nothing typed is lost
    assert not Contact.objects.exists()
    assert not PublicSubmission.objects.exists()


def test_an_expired_or_tampered_token_is_refused(client: Client) -> None:
    old = spam.issue_token(timezone.now() - dt.timedelta(hours=2, minutes=1))
    for token in (old, "forged-token", ""):
        response = client.post(form_url("fr"), fields(**{spam.TOKEN_FIELD: token}))
        assert pl.LABELS["fr"]["err_expired"] in text(response)
    assert not Contact.objects.exists()


def test_the_form_shown_again_carries_a_fresh_token(client: Client) -> None:
    old = spam.issue_token(timezone.now() - dt.timedelta(hours=3))
    html = client.post(form_url("en"), fields(**{spam.TOKEN_FIELD: old})).content.decode()
    assert f'value="{old}"' not in html
    assert f'name="{spam.TOKEN_FIELD}" value="' in html


def test_check_token_bounds(settings) -> None:
    settings.HELPDESK_FORM_MIN_SECONDS = 5
    now = timezone.now()
    assert spam.check_token(spam.issue_token(now - dt.timedelta(seconds=4)), now) is (
        spam.TokenProblem.TOO_FAST
    )
    assert spam.check_token(spam.issue_token(now - dt.timedelta(seconds=6)), now) is None
    assert spam.check_token(spam.issue_token(now - dt.timedelta(minutes=119)), now) is None
    assert spam.check_token(spam.issue_token(now - dt.timedelta(minutes=121)), now) is (
        spam.TokenProblem.EXPIRED
    )


def test_over_the_hourly_limit_the_person_gets_a_429_in_their_language(
    client: Client, settings
) -> None:
    settings.HELPDESK_FORM_PER_HOUR = 2
    for _attempt in range(2):
        assert client.post(form_url("ur"), fields(), REMOTE_ADDR=ADDRESS).status_code == 302
    response = client.post(form_url("ur"), fields(), REMOTE_ADDR=ADDRESS)
    assert response.status_code == 429
    html = text(response)
    assert '<html lang="ur" dir="rtl">' in html
    assert pl.LABELS["ur"]["too_many_text"] in html
    assert Contact.objects.count() == 2
    # Another address is not held back.
    assert client.post(form_url("ur"), fields(), REMOTE_ADDR="192.0.2.7").status_code == 302


def test_submissions_older_than_an_hour_do_not_count(client: Client, settings) -> None:
    settings.HELPDESK_FORM_PER_HOUR = 1
    client.post(form_url("it"), fields(), REMOTE_ADDR=ADDRESS)
    PublicSubmission.objects.update(at=timezone.now() - dt.timedelta(minutes=61))
    assert client.post(form_url("it"), fields(), REMOTE_ADDR=ADDRESS).status_code == 302


def test_the_address_is_never_stored_only_a_keyed_hash(client: Client) -> None:
    client.post(form_url("it"), fields(), REMOTE_ADDR=ADDRESS)
    row = PublicSubmission.objects.get()
    assert ADDRESS not in row.client_hash
    assert len(row.client_hash) == 64
    factory = RequestFactory()
    assert row.client_hash == spam.client_hash(factory.get("/", REMOTE_ADDR=ADDRESS))
    assert row.client_hash != spam.client_hash(factory.get("/", REMOTE_ADDR="192.0.2.7"))


def test_the_purge_deletes_rows_older_than_a_day(settings) -> None:
    old = PublicSubmission.objects.create(client_hash="a" * 64)
    recent = PublicSubmission.objects.create(client_hash="b" * 64)
    PublicSubmission.objects.filter(pk=old.pk).update(at=timezone.now() - dt.timedelta(hours=25))
    PublicSubmission.objects.filter(pk=recent.pk).update(at=timezone.now() - dt.timedelta(hours=23))
    out = StringIO()
    call_command("purge_public_submissions", stdout=out)
    assert list(PublicSubmission.objects.values_list("pk", flat=True)) == [recent.pk]
    assert "1" in out.getvalue()
