"""The public form (/segnala/): languages, what a submission records, what it shows back."""

from __future__ import annotations

import datetime as dt
import re
import string
from html import unescape
from typing import Any
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from approdo.audit.models import AuditEvent
from approdo.helpdesk import public_labels as pl
from approdo.helpdesk import spam
from approdo.helpdesk.models import (
    Channel,
    Contact,
    HelpdeskTask,
    Need,
    PreferredChannel,
    ReporterContact,
    TaskKind,
    Urgency,
)
from approdo.network.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

ARABIC_MESSAGE = "أعمل في الحقول منذ ثلاثة أشهر ولم أتقاضَ أجري."


def form_url(lang: str) -> str:
    return reverse("report:form", kwargs={"lang": lang})


def fields(**overrides: Any) -> dict[str, Any]:
    """A filled-in form whose time token was issued a minute ago."""
    data: dict[str, Any] = {
        spam.TOKEN_FIELD: spam.issue_token(timezone.now() - dt.timedelta(minutes=1)),
        spam.HONEYPOT_FIELD: "",
        "danger": "no",
        "needs": [Need.WAGES, Need.EXPLOITATION],
        "message": ARABIC_MESSAGE,
        "region": "16",
        "place": "Borgo Mezzanone",
        "anonymous": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def page_lang_and_dir(html: str) -> tuple[str, str]:
    match = re.search(r'<html lang="([^"]+)" dir="([^"]+)">', html)
    assert match, "the page has no <html lang dir>"
    return match.group(1), match.group(2)


# --- Languages ------------------------------------------------------------------------------


def test_every_language_has_every_text_with_the_same_placeholders() -> None:
    reference = pl.LABELS["it"]
    formatter = string.Formatter()

    def placeholders(value: str) -> set[str]:
        return {name for _text, name, _spec, _conv in formatter.parse(value) if name}

    assert set(pl.LABELS) == set(pl.LANGUAGE_ORDER)
    for code, labels in pl.LABELS.items():
        assert set(labels) == set(reference), code
        for key, value in labels.items():
            assert value.strip(), (code, key)
            assert placeholders(value) == placeholders(reference[key]), (code, key)
    assert {"ar", "ur", "ps", "skr", "sd"} == pl.RTL_LANGUAGES
    assert set(pl.LABELS) >= pl.AWAITING_REVIEW


def test_the_chooser_names_each_language_in_itself(client: Client) -> None:
    response = client.get(reverse("report:choose"))
    html = unescape(response.content.decode())
    assert response.status_code == 200
    for name in ("Italiano", "Français", "العربية", "Pidgin", "Wolof", "اردو", "پښتو"):
        assert name in html
    for name in ("ਪੰਜਾਬੀ", "سرائیکی", "سنڌي", "বাংলা", "Pulaar", "Mandinka", "Ẹ̀dó"):
        assert name in html
    assert f'href="{form_url("ar")}" lang="ar" hreflang="ar" dir="rtl"' in html


@pytest.mark.parametrize("lang", pl.LANGUAGE_ORDER)
def test_each_language_renders_with_its_lang_and_direction(
    client: Client, lang: str, settings: Any
) -> None:
    settings.HELPDESK_TOLL_FREE = "800 123 456"
    response = client.get(form_url(lang))
    html = unescape(response.content.decode())
    assert response.status_code == 200
    expected_dir = "rtl" if lang in {"ar", "ur", "ps", "skr", "sd"} else "ltr"
    assert page_lang_and_dir(html) == (lang, expected_dir)
    assert pl.LABELS[lang]["title"] in html
    assert pl.LABELS[lang]["need.exploitation"] in html
    assert (pl.REVIEW_NOTICE in html) is (lang in pl.AWAITING_REVIEW)
    assert ("rtl.css" in html) is (expected_dir == "rtl")
    # No staff navigation on the public pages, and the configured toll-free number is shown.
    assert "/account/login/" not in html
    assert 'href="/helpdesk/' not in html
    assert "800 123 456" in html and 'href="tel:800123456"' in html


def test_an_unknown_language_is_not_found(client: Client) -> None:
    assert client.get(form_url("xx")).status_code == 404
    assert client.get(reverse("report:thanks", kwargs={"lang": "xx"})).status_code == 404


def test_the_public_pages_are_open_without_login_and_set_no_session(client: Client) -> None:
    for url in (reverse("report:choose"), form_url("fr")):
        response = client.get(url)
        assert response.status_code == 200
        assert "sessionid" not in response.cookies
    response = client.post(form_url("fr"), fields())
    assert response.status_code == 302
    assert "sessionid" not in response.cookies
    # What was typed and shown again after an error must not stay in a shared phone's cache.
    assert "no-store" in client.get(form_url("fr"))["Cache-Control"]


def test_the_form_has_no_inline_script_or_style(client: Client) -> None:
    html = unescape(client.get(form_url("ar")).content.decode())
    assert "<style" not in html
    assert " style=" not in html
    assert " onclick=" not in html.lower()
    assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []


# --- What a submission records ------------------------------------------------------------------


def test_a_submission_records_one_anonymous_contact_in_the_pages_language(
    client: Client,
) -> None:
    puglia = RegionFactory.create(istat_code="16", name="Puglia", slug="puglia")
    response = client.post(form_url("ar"), fields(name="Ahmed"), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    assert response["Location"] == reverse("report:thanks", kwargs={"lang": "ar"})
    contact = Contact.objects.get()
    assert contact.channel == Channel.WEB_FORM
    assert contact.language is not None and contact.language.code == "ar"
    assert contact.anonymous is True
    assert contact.name == ""  # typed before ticking "anonymous": dropped
    assert contact.message == ARABIC_MESSAGE
    assert contact.region == puglia
    assert contact.place == "Borgo Mezzanone"
    assert contact.urgency == Urgency.NORMAL
    assert contact.received_by is None
    assert sorted(contact.needs.values_list("need", flat=True)) == ["exploitation", "wages"]
    assert not ReporterContact.objects.exists()
    event = AuditEvent.objects.get(action="helpdesk.contact.received")
    assert event.ip_address is None
    assert "203.0.113.9" not in str(event.changes)
    assert event.actor is None


def test_a_way_to_call_back_is_kept_apart_only_when_given(client: Client) -> None:
    response = client.post(
        form_url("en"),
        fields(
            anonymous=None,
            name="Joy",
            phone="+39 333 123 4567",
            preferred=PreferredChannel.WHATSAPP,
            best_time="after 19:00",
            safe_to_leave_message="on",
        ),
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.anonymous is False
    assert contact.name == "Joy"
    reporter = ReporterContact.objects.get(contact=contact)
    assert reporter.phone == "+39 333 123 4567"
    assert reporter.preferred == PreferredChannel.WHATSAPP
    assert reporter.best_time == "after 19:00"
    assert reporter.safe_to_leave_message is True


def test_a_region_missing_from_the_database_is_kept_as_text(client: Client) -> None:
    client.post(form_url("it"), fields(region="03", place="Cascina"))
    contact = Contact.objects.get()
    assert contact.region is None
    assert contact.place == "Lombardia: Cascina"


def test_someone_in_danger_is_marked_urgent_and_shown_112(client: Client) -> None:
    response = client.post(form_url("fr"), fields(danger="yes"), follow=True)
    assert Contact.objects.get().urgency == Urgency.DANGER
    html = unescape(response.content.decode())
    assert 'data-testid="danger-help"' in html
    assert 'href="tel:112"' in html
    assert pl.LABELS["fr"]["danger_help"] in html


def test_out_of_hours_a_call_back_is_due_at_the_next_opening(client: Client) -> None:
    sunday_night = timezone.make_aware(dt.datetime(2026, 11, 22, 22, 30))
    token = spam.issue_token(sunday_night - dt.timedelta(minutes=2))
    with mock.patch("django.utils.timezone.now", return_value=sunday_night):
        response = client.post(
            form_url("pcm"), fields(**{spam.TOKEN_FIELD: token}, phone="3331234567")
        )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.out_of_hours is True
    task = HelpdeskTask.objects.get(contact=contact)
    assert task.kind == TaskKind.CALL_BACK
    assert timezone.localtime(task.due_at) == timezone.make_aware(dt.datetime(2026, 11, 23, 9, 30))


def test_the_confirmation_shows_nothing_that_was_typed(client: Client) -> None:
    response = client.post(
        form_url("en"),
        fields(
            anonymous=None,
            name="Blessing",
            message="My employer keeps my passport",
            phone="3339876543",
            email="blessing@example.org",
            place="Castel Volturno",
        ),
        follow=True,
    )
    html = unescape(response.content.decode())
    assert pl.LABELS["en"]["thanks_title"] in html
    for typed in ("Blessing", "passport", "3339876543", "blessing@example.org", "Volturno"):
        assert typed not in html
    assert Contact.objects.get().reference not in html


# --- Validation ---------------------------------------------------------------------------------


def test_a_missing_message_is_refused_in_the_pages_language_keeping_what_was_typed(
    client: Client,
) -> None:
    response = client.post(
        form_url("fr"), fields(message="   ", anonymous=None, place="Rosarno", name="Awa")
    )
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert pl.LABELS["fr"]["err_message"] in html
    assert pl.LABELS["fr"]["err_form"] in html
    assert 'value="Rosarno"' in html and 'value="Awa"' in html
    assert re.search(r'value="wages"[^>]*checked', html)
    assert not Contact.objects.exists()


def test_an_invalid_email_is_refused_in_the_pages_language(client: Client) -> None:
    response = client.post(form_url("ar"), fields(email="not-an-address"))
    html = unescape(response.content.decode())
    assert pl.LABELS["ar"]["err_email"] in html
    assert ARABIC_MESSAGE in html  # the message typed is not lost
    assert not Contact.objects.exists()


def test_a_message_too_long_is_refused(client: Client) -> None:
    response = client.post(form_url("en"), fields(message="x" * 5001))
    assert pl.LABELS["en"]["err_too_long"].format(max=5000) in unescape(response.content.decode())
    assert not Contact.objects.exists()
