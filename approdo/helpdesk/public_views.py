"""The helpdesk's public pages (/segnala/): no login, in the person's language.

Anyone can write to the helpdesk here, anonymously if they want. The pages set no session
(only the CSRF cookie), show nothing typed back once sent, and never store the client's
address: the rate limit counts keyed hashes of it (spam.py).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from approdo.helpdesk import public_labels as pl
from approdo.helpdesk import spam
from approdo.helpdesk.intake import ReporterDetails, contact_receive
from approdo.helpdesk.models import Channel
from approdo.helpdesk.public_forms import DANGER_YES, REGION_NAMES, ReportForm
from approdo.network.models import Language, Region

DANGER_PARAM = "urgente"


def _language(lang: str) -> str:
    if not pl.is_supported(lang):
        raise Http404
    return lang


def _page(lang: str) -> dict[str, Any]:
    """What every public page in `lang` needs: texts, direction, contact points."""
    opens, closes = settings.HELPDESK_HOURS
    return {
        "lang": lang,
        "dir": pl.direction(lang),
        "L": pl.labels_for(lang),
        "hours": pl.text(lang, "hours", opens=opens, closes=closes),
        "toll_free": settings.HELPDESK_TOLL_FREE,
        "toll_free_tel": settings.HELPDESK_TOLL_FREE.replace(" ", ""),
        "whatsapp": settings.HELPDESK_WHATSAPP,
        "emergency_number": pl.EMERGENCY_NUMBER,
        "review_notice": pl.REVIEW_NOTICE if lang in pl.AWAITING_REVIEW else "",
    }


@require_GET
def choose_language(request: HttpRequest) -> HttpResponse:
    languages = [
        {"code": code, "name": pl.text(code, "name"), "dir": pl.direction(code)}
        for code in pl.LANGUAGE_ORDER
    ]
    context = {**_page("it"), "languages": languages, "chooser_title": pl.CHOOSER_TITLE}
    return render(request, "helpdesk/public/choose.html", context)


def _render_form(
    request: HttpRequest, lang: str, form: ReportForm, status: int = 200
) -> HttpResponse:
    context = {
        **_page(lang),
        "form": form,
        "token": spam.issue_token(),
        "token_field": spam.TOKEN_FIELD,
        "honeypot_field": spam.HONEYPOT_FIELD,
        "danger_hidden": not (form.is_bound and form.data.get("danger") == DANGER_YES),
    }
    return render(request, "helpdesk/public/form.html", context, status=status)


def _too_many(request: HttpRequest, lang: str) -> HttpResponse:
    return render(request, "helpdesk/public/too_many.html", _page(lang), status=429)


def _thanks_url(lang: str, *, danger: bool) -> str:
    url = reverse("report:thanks", kwargs={"lang": lang})
    return f"{url}?{DANGER_PARAM}=1" if danger else url


def _save(lang: str, form: ReportForm) -> None:
    data = form.cleaned_data
    region_code = data.get("region") or ""
    region = Region.objects.filter(istat_code=region_code).first() if region_code else None
    place = data.get("place", "")
    if region_code and region is None:
        # The region list is fixed; a database without that region keeps its name as text.
        place = f"{REGION_NAMES[region_code]}: {place}".strip(": ")
    language = Language.objects.filter(code=lang).first()
    reporter = ReporterDetails(
        phone=data.get("phone", ""),
        email=data.get("email", ""),
        preferred=data.get("preferred", ""),
        best_time=data.get("best_time", ""),
        safe_to_leave_message=bool(data.get("safe_to_leave_message")),
    )
    contact_receive(
        actor=None,
        channel=Channel.WEB_FORM,
        message=data["message"],
        needs=list(data.get("needs") or []),
        urgency=form.urgency,
        language=language,
        language_other="" if language else pl.text(lang, "name"),
        anonymous=bool(data.get("anonymous")),
        name=data.get("name", ""),
        region=region,
        place=place,
        reporter=reporter if reporter.given else None,
    )


# What was typed, shown again after an error, must not stay in a shared phone's cache.
@never_cache
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, lang: str) -> HttpResponse:
    lang = _language(lang)
    if request.method != "POST":
        return _render_form(request, lang, ReportForm(lang=lang))
    client = spam.client_hash(request)
    if spam.over_limit(client):
        return _too_many(request, lang)
    if spam.is_robot(request.POST):
        # Robots get the usual thanks, and nothing is saved.
        spam.note_submission(client)
        return HttpResponseRedirect(_thanks_url(lang, danger=False))
    form = ReportForm(request.POST, lang=lang)
    problem = spam.check_token(request.POST.get(spam.TOKEN_FIELD, ""))
    valid = form.is_valid()
    if problem is spam.TokenProblem.TOO_FAST:
        form.add_error(None, form.labels["err_too_fast"])
    elif problem is spam.TokenProblem.EXPIRED:
        form.add_error(None, form.labels["err_expired"])
    if not valid or problem is not None:
        return _render_form(request, lang, form)
    try:
        _save(lang, form)
    except ValidationError:
        # The form checks what the service checks; this is a tampered request.
        form.add_error(None, form.labels["err_form"])
        return _render_form(request, lang, form)
    spam.note_submission(client)
    return HttpResponseRedirect(_thanks_url(lang, danger=form.in_danger))


@require_GET
def thanks(request: HttpRequest, lang: str) -> HttpResponse:
    lang = _language(lang)
    context = {**_page(lang), "danger": request.GET.get(DANGER_PARAM) == "1"}
    return render(request, "helpdesk/public/thanks.html", context)
