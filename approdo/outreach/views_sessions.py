"""Outreach back office: the calendar of planned sessions, the session list and page.

Sessions are read through the field app's selectors (person-data staff of the session's node;
monitors 403, other nodes 404) and written through its services (session_save,
session_cancel). First contacts show the case only to who may read it; others see a count.
"""

from __future__ import annotations

import calendar
import datetime as dt
import gettext
from collections import defaultdict
from functools import cache
from typing import Any

import pycountry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from approdo.cases.selectors import readable_case_ids
from approdo.core.types import AuthenticatedHttpRequest
from approdo.core.views_helpers import run_service, submit_form
from approdo.outreach import selectors, services
from approdo.outreach.forms import (
    CalendarForm,
    SessionCancelForm,
    SessionFilterForm,
    SessionForm,
    catch_stale,
)
from approdo.outreach.models import AgeBand, OutreachSession, SessionStatus, Sex

PURPOSE = "outreach.session.office"
PAGE_SIZE = 50


def _session_form(request: AuthenticatedHttpRequest, **kwargs: Any) -> SessionForm:
    return SessionForm(
        request.POST if request.method == "POST" else None,
        nodes=selectors.field_nodes(request.user),
        places=selectors.field_places(request.user).select_related("node"),
        **kwargs,
    )


# --- calendar ------------------------------------------------------------------------------
def _month_weeks(first: dt.date, sessions: list[OutreachSession]) -> list[list[dict[str, Any]]]:
    by_day: dict[dt.date, list[OutreachSession]] = defaultdict(list)
    for s in sessions:
        by_day[s.date].append(s)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    return [
        [{"date": day, "in_month": day.month == first.month, "sessions": by_day[day]} for day in w]
        for w in weeks
    ]


@login_required
@require_GET
def session_calendar(request: AuthenticatedHttpRequest) -> HttpResponse:
    nodes = selectors.field_nodes(request.user)
    form = CalendarForm(request.GET or None, nodes=nodes)
    today = timezone.localdate()
    first = form.first_day(today)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    node = form.cleaned_data.get("node") if form.is_bound and form.is_valid() else None
    sessions = list(
        selectors.session_list(
            user=request.user,
            node_id=node.pk if node else None,
            date_from=first,
            date_to=last,
        )
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("date", "starts_at", "pk")
    )
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = last + dt.timedelta(days=1)
    node_q = f"&node={node.pk}" if node else ""
    context = {
        "form": form,
        "first": first,
        "weeks": _month_weeks(first, sessions),
        "sessions": sessions,
        "today": today,
        "weekdays": [WEEKDAYS_ABBR[i] for i in range(7)],
        "previous_url": f"?month={previous:%Y-%m}{node_q}",
        "next_url": f"?month={following:%Y-%m}{node_q}",
        "statuses": SessionStatus,
    }
    return render(request, "outreach/calendar.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_plan(request: AuthenticatedHttpRequest) -> HttpResponse:
    selectors.field_node_ids(request.user)  # 403 for monitors before showing a form
    initial: dict[str, Any] = {"starts_at": dt.time(9, 0)}
    day = request.GET.get("date", "")
    try:
        initial["date"] = dt.date.fromisoformat(day) if day else None
    except ValueError:
        initial["date"] = None
    form = _session_form(request, initial=initial)
    created: list[OutreachSession] = []
    saved = submit_form(
        request,
        form,
        lambda _data: created.append(
            services.session_save(actor=request.user, status=SessionStatus.PLANNED, **form.values())
        ),
        _("Uscita programmata."),
    )
    if saved:
        return redirect("outreach:session_detail", pk=created[0].pk)
    return render(request, "outreach/session_form.html", {"form": form, "session": None})


# --- list and page -------------------------------------------------------------------------
@login_required
@require_GET
def session_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SessionFilterForm(
        request.GET or None,
        nodes=selectors.field_nodes(request.user),
        places=selectors.field_places(request.user),
    )
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = selectors.session_list(
        user=request.user,
        node_id=data["node"].pk if data.get("node") else None,
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        status=data.get("status", ""),
    )
    if data.get("place"):
        rows = rows.filter(place=data["place"])
    rows = rows.annotate(people=Sum("headcounts__count")).order_by("-date", "-starts_at", "-pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "outreach/session_list.html", {"form": form, "page": page})


def headcount_table(session: OutreachSession) -> dict[str, Any]:
    """People met by sex (rows) and age band (columns), with totals."""
    cells: dict[tuple[str, str], int] = defaultdict(int)
    for h in session.headcounts.all():
        cells[(h.sex, h.age_band)] += h.count
    rows = []
    for sex, label in Sex.choices:
        values = [cells[(sex, band)] for band in AgeBand.values]
        rows.append({"label": label, "values": values, "total": sum(values)})
    columns = [sum(cells[(sex, band)] for sex in Sex.values) for band in AgeBand.values]
    return {
        "bands": AgeBand.choices,
        "rows": rows,
        "columns": columns,
        "total": sum(columns),
    }


@cache
def _country_names(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    language = (translation.get_language() or "it").split("-")[0]
    return _country_names(language).gettext(country.name)


def nationalities(session: OutreachSession) -> list[tuple[str, int]]:
    totals: dict[str, int] = defaultdict(int)
    for h in session.headcounts.all():
        totals[h.nationality] += h.count
    named = [(country_name(code) if code else _("Non rilevata"), n) for code, n in totals.items()]
    return sorted(named, key=lambda item: (-item[1], item[0]))


def first_contacts(session: OutreachSession, request: AuthenticatedHttpRequest) -> dict[str, Any]:
    contacts = list(session.first_contacts.select_related("case", "case__person"))
    readable = readable_case_ids(user=request.user, case_ids=[c.case_id for c in contacts])
    shown = [c for c in contacts if c.case_id in readable]
    return {"shown": shown, "hidden": len(contacts) - len(shown), "total": len(contacts)}


def _page_context(request: AuthenticatedHttpRequest, session: OutreachSession) -> dict[str, Any]:
    return {
        "session": session,
        "headcounts": headcount_table(session),
        "nationalities": nationalities(session),
        "services": session.services.all(),
        "handouts": session.handouts.select_related("material"),
        "contacts": first_contacts(session, request),
        "cancel_form": SessionCancelForm(initial={"version": session.version}),
        "can_change": session.status != SessionStatus.CANCELLED,
    }


@login_required
@require_GET
def session_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=request.user, pk=pk, purpose=PURPOSE)
    return render(request, "outreach/session_detail.html", _page_context(request, session))


def _initial(session: OutreachSession) -> dict[str, Any]:
    return {
        "node": session.node_id,
        "place": session.place_id,
        "date": session.date,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "team": [u.pk for u in session.team.all()],
        "other_team": session.other_team,
        "languages": [lang.pk for lang in session.languages.all()],
        "with_mediator": session.with_mediator,
        "vehicle": session.vehicle,
        "notes": session.notes,
        "version": session.version,
    }


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=request.user, pk=pk)
    if session.status == SessionStatus.CANCELLED:
        messages.error(request, _("L'uscita è annullata: non si può più modificare."))
        return redirect("outreach:session_detail", pk=session.pk)
    form = _session_form(request, initial=_initial(session))
    stale, on_error = catch_stale()

    saved = submit_form(
        request,
        form,
        lambda data: services.session_save(
            actor=request.user,
            status=session.status,
            session=session,
            expected_version=data["version"] or 0,
            **form.values(),
        ),
        _("Uscita aggiornata."),
        on_error=on_error,
    )
    if saved:
        return redirect("outreach:session_detail", pk=session.pk)
    context = {"form": form, "session": session, "current": stale[0] if stale else None}
    return render(request, "outreach/session_form.html", context)


@login_required
@require_POST
def session_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=request.user, pk=pk)
    form = SessionCancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Scrivi perché l'uscita è annullata."))
        return redirect("outreach:session_detail", pk=session.pk)
    run_service(
        request,
        lambda: services.session_cancel(
            actor=request.user,
            session=session,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        ),
        _("Uscita annullata."),
    )
    return redirect(reverse("outreach:session_detail", args=[session.pk]))
