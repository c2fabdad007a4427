"""Employers and vacancies for tests, on a small network: hub A (Foggia) and hub B (Ragusa).

Synthetic data only. VAT numbers are valid partite IVA built with the Luhn check digit.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from approdo.accounts.models import User
from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import UserFactory, user_with_role
from approdo.jobs import employers as services
from approdo.jobs.agreements import ensure_default_agreements
from approdo.jobs.models import (
    AgreementRate,
    CollectiveAgreement,
    Employer,
    EmployerSite,
    Occupation,
    Sector,
    Vacancy,
    VacancyStatus,
)
from approdo.network.models import Language, Municipality, Node, Province, Region
from approdo.network.tests.factories import (
    HubFactory,
    LanguageFactory,
    ManagingBodyFactory,
    MunicipalityFactory,
    ProvinceFactory,
    RegionFactory,
    valid_tax_code,
)

_serial = itertools.count(1)


def vat() -> str:
    """A fresh valid partita IVA."""
    return valid_tax_code(next(_serial) + 5000)


def today() -> dt.date:
    return timezone.localdate()


def day(offset: int) -> dt.date:
    return today() + dt.timedelta(days=offset)


@dataclass
class JobsWorld:
    puglia: Region
    sicilia: Region
    foggia_province: Province
    foggia: Municipality
    ragusa: Municipality
    hub_a: Node
    hub_b: Node
    worker: User  # case worker at hub A
    coordinator: User  # hub coordinator at hub A
    worker_b: User  # case worker at hub B
    mediator: User  # reads, does not write
    monitor: User  # regional monitor (Puglia): reads
    nobody: User  # signed in, no place
    agri: CollectiveAgreement
    food: CollectiveAgreement
    area3: AgreementRate  # agriculture, operai comuni
    crop_labourer: Occupation  # ISCO 9211
    italian: Language
    punjabi: Language


def make_jobs_world() -> JobsWorld:
    ensure_default_agreements()
    puglia = RegionFactory.create(istat_code="16", name="Puglia", slug="puglia")
    sicilia = RegionFactory.create(istat_code="19", name="Sicilia", slug="sicilia")
    fg = ProvinceFactory.create(region=puglia, name="Foggia", abbreviation="FG")
    foggia = MunicipalityFactory.create(name="Foggia", province=fg)
    ragusa = MunicipalityFactory.create(
        name="Ragusa",
        province=ProvinceFactory.create(region=sicilia, name="Ragusa", abbreviation="RG"),
        latitude=Decimal("36.92"),
        longitude=Decimal("14.73"),
    )
    hub_a = HubFactory.create(
        name="PSI Foggia", municipality=foggia, managing_bodies=[ManagingBodyFactory.create()]
    )
    hub_b = HubFactory.create(
        name="PSI Ragusa", municipality=ragusa, managing_bodies=[ManagingBodyFactory.create()]
    )
    agri = CollectiveAgreement.objects.get(code="ccnl-operai-agricoli")
    return JobsWorld(
        puglia=puglia,
        sicilia=sicilia,
        foggia_province=fg,
        foggia=foggia,
        ragusa=ragusa,
        hub_a=hub_a,
        hub_b=hub_b,
        worker=user_with_role(Role.CASE_WORKER, node=hub_a),
        coordinator=user_with_role(Role.HUB_COORDINATOR, node=hub_a),
        worker_b=user_with_role(Role.CASE_WORKER, node=hub_b),
        mediator=user_with_role(Role.MEDIATOR, node=hub_a),
        monitor=user_with_role(Role.REGIONAL_MONITOR, region=puglia),
        nobody=UserFactory.create(),
        agri=agri,
        food=CollectiveAgreement.objects.get(code="ccnl-industria-alimentare"),
        area3=agri.rates.get(code="area-3"),
        crop_labourer=Occupation.objects.get(code="9211"),
        italian=LanguageFactory.create(code="it", name_it="Italiano", name_en="Italian"),
        punjabi=LanguageFactory.create(code="pa", name_it="Punjabi", name_en="Punjabi"),
    )


def employer_values(w: JobsWorld, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "legal_name": "Azienda Agricola Tavoliere S.r.l.",
        "vat_number": vat(),
        "tax_code": "",
        "sector": Sector.AGRICULTURE,
        "agreement": w.agri,
        "rete_member": True,
        "rete_member_since": dt.date(2021, 3, 1),
        "rete_checked_on": day(-30),
        "has_603bis_conviction": False,
        "conviction_on": None,
        "conviction_note": "",
        "notes": "",
    }
    values.update(overrides)
    return values


def make_employer(w: JobsWorld, *, site: bool = True, **overrides: Any) -> Employer:
    """A Rete member farm applying the farm workers' agreement, with one site near Foggia."""
    employer = services.employer_create(actor=w.worker, **employer_values(w, **overrides))
    if site:
        services.site_add(
            actor=w.worker,
            employer=employer,
            name="Podere San Severo",
            municipality=w.foggia,
            address="Contrada Motta",
        )
    return employer


def vacancy_values(w: JobsWorld, employer: Employer, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "site": EmployerSite.objects.filter(employer=employer).first(),
        "occupation": w.crop_labourer,
        "title": "Raccolta del pomodoro",
        "agreement_rate": w.area3,
        "gross_hourly_pay": Decimal("9.50"),
        "starts_on": day(10),
        "ends_on": day(70),
        "hours_per_week": 39,
        "seats": 4,
        "housing_offered": True,
        "transport_offered": False,
        "description": "",
        "languages": [(w.italian, "A2")],
        "status": VacancyStatus.OPEN,
    }
    values.update(overrides)
    return values


def make_vacancy(w: JobsWorld, employer: Employer, **overrides: Any) -> Vacancy:
    return services.vacancy_create(
        actor=w.worker, employer=employer, **vacancy_values(w, employer, **overrides)
    )
