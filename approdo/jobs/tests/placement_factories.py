"""A case world with work to match: profiled people at hub A, a Rete farm and its vacancy.

Built on the cases app's world (hub A Foggia, the case managed by `manager`), so that the
scoping of people is the real one. Synthetic data only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from approdo.cases.models import AccessChannel, Case
from approdo.cases.services import case_open
from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.jobs import employers, profiles
from approdo.jobs.agreements import ensure_default_agreements
from approdo.jobs.models import (
    AgreementRate,
    CollectiveAgreement,
    Employer,
    Occupation,
    Sector,
    Vacancy,
    VacancyStatus,
)
from approdo.jobs.tests.factories import day, vat
from approdo.network.models import Municipality
from approdo.people.tests.factories import PersonFactory


@dataclass
class MatchWorld:
    cw: CaseWorld
    foggia: Municipality
    agri: CollectiveAgreement
    area3: AgreementRate
    crop: Occupation  # ISCO 9211
    farm: Employer
    vacancy: Vacancy

    @property
    def case(self) -> Case:
        return self.cw.case


def profile(cw: CaseWorld, case: Case, *, reach_km: int = 40, years: str = "3") -> None:
    """A profile that fits crop work near Foggia: available now, 40 hours, 40 km of reach."""
    actor = cw.manager if case.pk == cw.case.pk else cw.coordinator
    profiles.profile_save(
        actor=actor,
        case=case,
        expected_version=0,
        available_from=None,
        available_until=None,
        max_hours_per_week=40,
        reach_km=reach_km,
        has_own_transport=True,
        needs_housing=False,
    )
    profiles.experience_add(
        actor=actor,
        case=case,
        occupation=Occupation.objects.get(code="9211"),
        years=Decimal(years),
        sector=Sector.AGRICULTURE,
    )


def farm(cw: CaseWorld, foggia: Municipality, agri: CollectiveAgreement, **over: Any) -> Employer:
    values: dict[str, Any] = {
        "legal_name": "Azienda Agricola Tavoliere S.r.l.",
        "vat_number": vat(),
        "tax_code": "",
        "sector": Sector.AGRICULTURE,
        "agreement": agri,
        "rete_member": True,
        "rete_member_since": dt.date(2021, 3, 1),
        "rete_checked_on": day(-30),
        "has_603bis_conviction": False,
        "conviction_on": None,
        "conviction_note": "",
        "notes": "",
    }
    values.update(over)
    employer = employers.employer_create(actor=cw.manager, **values)
    employers.site_add(
        actor=cw.manager, employer=employer, name="Podere Motta", municipality=foggia
    )
    return employer


def vacancy(cw: CaseWorld, employer: Employer, area3: AgreementRate, **over: Any) -> Vacancy:
    values: dict[str, Any] = {
        "site": employer.sites.first(),
        "occupation": Occupation.objects.get(code="9211"),
        "title": "Raccolta del pomodoro",
        "agreement_rate": area3,
        "gross_hourly_pay": Decimal("9.50"),
        "starts_on": day(-5),
        "ends_on": day(90),
        "hours_per_week": 39,
        "seats": 1,
        "housing_offered": False,
        "transport_offered": False,
        "description": "",
        "status": VacancyStatus.OPEN,
    }
    values.update(over)
    return employers.vacancy_create(actor=cw.manager, employer=employer, **values)


def other_case(cw: CaseWorld, foggia: Municipality) -> Case:
    """A second open case at hub A, coordinated by the hub's coordinator."""
    person = PersonFactory.create(
        given_names="Kofi",
        municipality=foggia,
        registered_at=cw.hub_a,
        registered_by=cw.coordinator,
    )
    return case_open(
        actor=cw.coordinator,
        origin_node=cw.hub_a,
        access_channel=AccessChannel.DIRECT,
        person=person,
    )


def make_match_world() -> MatchWorld:
    ensure_default_agreements()
    cw = make_case_world()
    foggia = cw.hub_a.municipality
    assert foggia is not None
    person = cw.case.person
    assert person is not None
    person.municipality = foggia
    person.save(update_fields=["municipality"])
    agri = CollectiveAgreement.objects.get(code="ccnl-operai-agricoli")
    area3 = agri.rates.get(code="area-3")
    employer = farm(cw, foggia, agri)
    profile(cw, cw.case)
    return MatchWorld(
        cw=cw,
        foggia=foggia,
        agri=agri,
        area3=area3,
        crop=Occupation.objects.get(code="9211"),
        farm=employer,
        vacancy=vacancy(cw, employer, area3),
    )
