"""Traineeships for tests, on the cases' test world (hub A is Foggia, in Puglia).

`make_world` adds: the regional rules (Puglia 450 € minimum, 70%, 6 months), Puglia's
integration budget (cap 2,000 €, the coordinator approves above 1,500 €), an approved PAI for
the case, a host farm in the Rete with a site near Foggia, and a farm with a 603-bis
conviction. Synthetic data only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from approdo.budget.models import RegionalBudget
from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.jobs import employers as employer_services
from approdo.jobs.models import Employer, EmployerSite, Occupation, Sector
from approdo.jobs.tests.factories import vat
from approdo.plans.models import Goal
from approdo.plans.tests.helpers import approved
from approdo.traineeships import lifecycle, services
from approdo.traineeships.models import Traineeship, TraineeshipKind
from approdo.traineeships.rules import add_months, ensure_regional_rules


def today() -> dt.date:
    return timezone.localdate()


def month(offset: int) -> dt.date:
    """The first day of the month `offset` months from this one."""
    return add_months(today().replace(day=1), offset)


@dataclass
class TraineeshipWorld:
    w: CaseWorld
    host: Employer
    site: EmployerSite
    convicted: Employer
    crop: Occupation  # ISCO 9211, a unit group
    goal: Goal  # of the case's approved PAI
    budget: RegionalBudget


def make_employer(w: CaseWorld, name: str, **overrides: Any) -> Employer:
    values: dict[str, Any] = {
        "legal_name": name,
        "vat_number": vat(),
        "tax_code": "",
        "sector": Sector.AGRICULTURE,
        "agreement": None,
        "rete_member": True,
        "rete_member_since": dt.date(2021, 3, 1),
        "rete_checked_on": today() - dt.timedelta(days=30),
        "has_603bis_conviction": False,
        "conviction_on": None,
        "conviction_note": "",
        "notes": "",
    }
    values.update(overrides)
    employer = employer_services.employer_create(actor=w.manager, **values)
    employer_services.site_add(
        actor=w.manager,
        employer=employer,
        name=f"Podere {name}",
        municipality=w.hub_a.municipality,
        address="Contrada Motta",
    )
    return employer


def make_world() -> TraineeshipWorld:
    w = make_case_world()
    ensure_regional_rules()
    budget = RegionalBudget.objects.create(
        region=w.puglia, cap_per_person=Decimal("2000.00"), approval_above=Decimal("1500.00")
    )
    host = make_employer(w, "Masseria Posta Uccello")
    convicted = make_employer(
        w,
        "Agri Servizi Tavoliere",
        has_603bis_conviction=True,
        conviction_on=dt.date(2024, 5, 2),
        conviction_note="Condanna in primo grado.",
    )
    return TraineeshipWorld(
        w=w,
        host=host,
        site=host.sites.get(),
        convicted=convicted,
        crop=Occupation.objects.get(code="9211"),
        goal=approved(w).goals.get(),
        budget=budget,
    )


def values(tw: TraineeshipWorld, **overrides: Any) -> dict[str, Any]:
    """Three whole months from the first day of two months ago: 1,350 € at 450 € a month."""
    start = month(-2)
    out: dict[str, Any] = {
        "kind": TraineeshipKind.ORIENTATION,
        "employer": tw.host,
        "site": tw.site,
        "occupation": tw.crop,
        "starts_on": start,
        "ends_on": add_months(start, 3) - dt.timedelta(days=1),
        "hours_per_week": 30,
        "monthly_allowance": Decimal("450.00"),
        "promoter_name": "",
        "promoter_tutor": tw.w.manager,
        "host_tutor_name": "Giuseppe Russo",
        "host_tutor_role": "Capo squadra",
        "host_tutor_phone": "0881 123456",
        "project": "Imparare la raccolta e le regole di sicurezza.",
    }
    out.update(overrides)
    return out


def planned(tw: TraineeshipWorld, **overrides: Any) -> Traineeship:
    return services.traineeship_create(
        actor=tw.w.manager, case=tw.w.case, **values(tw, **overrides)
    )


def started(tw: TraineeshipWorld, **overrides: Any) -> Traineeship:
    t = planned(tw, **overrides)
    return lifecycle.traineeship_start(
        actor=tw.w.manager, traineeship=t, goal=tw.goal, expected_version=t.version
    )
