"""Demo employers and vacancies around Foggia, written through the services by the Foggia
coordinator: Rete members with open vacancies, a food processor, and two flagged employers (one
outside the Rete, one with a 603-bis conviction) whose vacancies are never matched.

Also puts back the seeded reference rows (ISCO-08 groups, collective agreements) that a flushed
test database lost. Idempotent: employers are found by VAT number."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from stdnum import luhn

from approdo.accounts.models import User
from approdo.jobs import employers as services
from approdo.jobs.agreements import ensure_default_agreements
from approdo.jobs.models import (
    AgreementRate,
    CollectiveAgreement,
    Employer,
    EmployerSite,
    Occupation,
    VacancyStatus,
    flagged_q,
)
from approdo.jobs.reference import load_isco08
from approdo.network.models import Language, Municipality

COORDINATOR = "coordinatore.foggia"
FARM_AGREEMENT = "ccnl-operai-agricoli"
FOOD_AGREEMENT = "ccnl-industria-alimentare"

# (serial, legal name, sector, agreement, rete member, conviction, site name, municipality,
#  address)
EMPLOYERS = [
    (
        1,
        "Az. Agr. Masseria Posta Uccello",
        "agriculture",
        FARM_AGREEMENT,
        True,
        False,
        "Masseria Posta Uccello",
        "Foggia",
        "SP 13 km 4",
    ),
    (
        2,
        "Ortofrutta Incoronata Soc. Coop. Agricola",
        "agriculture",
        FARM_AGREEMENT,
        True,
        False,
        "Centro di raccolta Borgo Incoronata",
        "Foggia",
        "Via Borgo Incoronata 12",
    ),
    (
        3,
        "Vivai Cerignola Sud S.r.l.",
        "agriculture",
        FARM_AGREEMENT,
        True,
        False,
        "Vivaio Cerignola Sud",
        "Cerignola",
        "Contrada Tressanti",
    ),
    (
        4,
        "Conserve della Capitanata S.p.A.",
        "agrifood",
        FOOD_AGREEMENT,
        False,
        False,
        "Stabilimento di Foggia",
        "Foggia",
        "Zona industriale Incoronata, lotto 7",
    ),
    (
        5,
        "Az. Agr. Campi Lunghi",
        "agriculture",
        FARM_AGREEMENT,
        False,
        False,
        "Campi Lunghi",
        "San Severo",
        "Contrada Motta",
    ),
    (
        6,
        "Agri Servizi Tavoliere S.r.l.s.",
        "agriculture",
        FARM_AGREEMENT,
        True,
        True,
        "Deposito Lucera",
        "Lucera",
        "Via Appulo-Sannitica 40",
    ),
]

# (employer serial, ISCO unit group, title, level, pay, days from today to start, days long,
#  hours a week, seats, housing, transport, languages)
VACANCIES = [
    (
        1,
        "9211",
        "Raccolta del pomodoro da industria",
        "area-3",
        "9.20",
        7,
        75,
        39,
        12,
        True,
        True,
        [("it", "A1")],
    ),
    (
        1,
        "8341",
        "Trattorista per la preparazione dei terreni",
        "area-1",
        "10.80",
        14,
        180,
        39,
        2,
        False,
        True,
        [("it", "A2")],
    ),
    (
        2,
        "9211",
        "Cernita e confezionamento di ortaggi",
        "area-3",
        "9.00",
        3,
        120,
        36,
        8,
        False,
        True,
        [("it", "A1")],
    ),
    (
        3,
        "6113",
        "Operaio di vivaio: innesti e potature",
        "area-2",
        "9.80",
        21,
        240,
        39,
        3,
        False,
        False,
        [("it", "A2")],
    ),
    (
        4,
        "9329",
        "Addetto alla linea di inscatolamento",
        "livello-6",
        "10.90",
        10,
        90,
        40,
        10,
        False,
        False,
        [("it", "A2")],
    ),
    (5, "9211", "Raccolta delle olive", "area-3", "9.00", 5, 60, 39, 6, True, False, []),
    (6, "9211", "Raccolta dell'uva da tavola", "area-3", "8.95", 5, 45, 42, 15, True, True, []),
]


@dataclass
class DemoJobsResult:
    employers: int = 0
    flagged: int = 0
    vacancies: int = 0
    already_present: bool = False
    skipped: bool = False


def _vat(serial: int) -> str:
    """An invented but valid partita IVA (Foggia's province office code 071)."""
    body = f"{9_100_000 + serial:07d}071"
    return body + luhn.calc_check_digit(body)


@transaction.atomic
def load_jobs_demo(*, today: dt.date | None = None) -> DemoJobsResult:
    if not Occupation.objects.exists():
        load_isco08()
    ensure_default_agreements()
    actor = User.objects.filter(username=COORDINATOR).first()
    if actor is None:
        return DemoJobsResult(skipped=True)
    if Employer.objects.filter(vat_number=_vat(1)).exists():
        return DemoJobsResult(already_present=True)
    today = today or timezone.localdate()
    made: dict[int, Employer] = {}
    for serial, name, sector, agreement, member, convicted, site, town, address in EMPLOYERS:
        employer = services.employer_create(
            actor=actor,
            legal_name=name,
            vat_number=_vat(serial),
            tax_code="",
            sector=sector,
            agreement=CollectiveAgreement.objects.get(code=agreement),
            rete_member=member,
            rete_member_since=today - dt.timedelta(days=900) if member else None,
            rete_checked_on=today - dt.timedelta(days=40) if member else None,
            has_603bis_conviction=convicted,
            conviction_on=today - dt.timedelta(days=400) if convicted else None,
            conviction_note="Condanna in primo grado per intermediazione illecita (demo)."
            if convicted
            else "",
            notes="Datore di lavoro inventato per la demo.",
        )
        services.site_add(
            actor=actor,
            employer=employer,
            name=site,
            municipality=Municipality.objects.filter(name=town, province__abbreviation="FG").get(),
            address=address,
        )
        made[serial] = employer
    languages = {row.code: row for row in Language.objects.all()}
    count = 0
    for row in VACANCIES:
        serial, isco, title, level, pay, start, days, hours, seats, housing, transport, langs = row
        employer = made[serial]
        services.vacancy_create(
            actor=actor,
            employer=employer,
            status=VacancyStatus.OPEN,
            languages=[(languages[code], cefr) for code, cefr in langs if code in languages],
            site=EmployerSite.objects.filter(employer=employer).first(),
            occupation=Occupation.objects.get(code=isco),
            title=title,
            agreement_rate=AgreementRate.objects.get(agreement=employer.agreement, code=level),
            gross_hourly_pay=Decimal(pay),
            starts_on=today + dt.timedelta(days=start),
            ends_on=today + dt.timedelta(days=start + days),
            hours_per_week=hours,
            seats=seats,
            housing_offered=housing,
            transport_offered=transport,
            description="",
        )
        count += 1
    flagged = Employer.objects.filter(flagged_q(today), pk__in=[e.pk for e in made.values()])
    return DemoJobsResult(employers=len(made), flagged=flagged.count(), vacancies=count)
