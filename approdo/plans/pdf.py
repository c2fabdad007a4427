"""The printable plan: an HTML template rendered to PDF by WeasyPrint.

Labels come from pdf_labels (the person's language); the team's text stays as written.
Arabic is laid out right-to-left with a font that has Arabic glyphs (DejaVu Sans).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from approdo.cases.models import Case
from approdo.plans.models import PlanVersion
from approdo.plans.pdf_labels import LABELS, RTL_LANGUAGES, labels_for

STYLESHEET = Path(__file__).parent / "pdf.css"


def _date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return value.strftime("%d/%m/%Y")


def plan_html(*, case: Case, version: PlanVersion, lang: str) -> str:
    """The plan as an HTML document in `lang` (an unknown language falls back to Italian)."""
    lang = lang if lang in LABELS else "it"
    labels = labels_for(lang)
    goals: list[dict[str, Any]] = []
    for goal in version.goals.all():
        goals.append(
            {
                "area": labels[f"area.{goal.area}"],
                "title": goal.title,
                "description": goal.description,
                "target": _date(goal.target_on) if goal.target_on else "",
                "actions": [
                    {
                        "description": a.description,
                        "responsible": a.responsible.get_full_name()
                        or a.responsible.get_username(),
                        "due": _date(a.due_on),
                        "status": labels[f"action.{a.status}"],
                    }
                    for a in goal.actions.all()
                ],
            }
        )
    context = {
        "L": labels,
        "lang": lang,
        "dir": "rtl" if lang in RTL_LANGUAGES else "ltr",
        "case": case,
        "person_name": case.display_name,
        "version": version,
        "status": labels[f"version.{version.status}"],
        "approved_on": _date(version.approved_at) if version.approved_at else "",
        "agreed_on": _date(version.person_agreed_on) if version.person_agreed_on else "",
        "agreement_kind": labels[f"agreement.{version.agreement_kind}"]
        if version.agreement_kind
        else "",
        "next_review": _date(version.next_review_on) if version.next_review_on else "",
        "goals": goals,
        "printed_on": _date(timezone.localdate()),
    }
    return render_to_string("plans/pdf.html", context)


def plan_pdf(*, case: Case, version: PlanVersion, lang: str) -> bytes:
    import weasyprint

    html = plan_html(case=case, version=version, lang=lang)
    stylesheet = weasyprint.CSS(filename=str(STYLESHEET))
    pdf: bytes = weasyprint.HTML(string=html).write_pdf(stylesheets=[stylesheet])
    return pdf
