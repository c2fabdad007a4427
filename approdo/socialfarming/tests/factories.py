"""Projects, employers and cases for the tests, on top of the cases' test world.

`make_farming_world` adds to the CaseWorld (hub A Foggia, hub B Cerignola of another body):
a running project led by hub A, a farm that may be a partner and one with a 603-bis
conviction, a second case at hub A and a case at hub B (managed by `w.other_body`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from approdo.accounts.models import User
from approdo.cases import services as case_services
from approdo.cases.models import AccessChannel, Case
from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.jobs import employers as employer_services
from approdo.jobs.agreements import ensure_default_agreements
from approdo.jobs.models import CollectiveAgreement, Employer
from approdo.network.models import Node
from approdo.network.tests.factories import valid_tax_code
from approdo.people.tests.factories import PersonFactory
from approdo.socialfarming import services
from approdo.socialfarming.models import PilotProject

_serial = itertools.count(1)


def today() -> dt.date:
    return timezone.localdate()


def day(offset: int) -> dt.date:
    return today() + dt.timedelta(days=offset)


def open_case(world: CaseWorld, *, family_name: str, hub: Node, actor: User) -> Case:
    person = PersonFactory.create(
        family_name=family_name, given_names="Kofi", registered_at=hub, registered_by=actor
    )
    return case_services.case_open(
        actor=actor,
        origin_node=hub,
        access_channel=AccessChannel.DIRECT,
        person=person,
        opened_on=day(-40),
    )


def make_employer(actor: User, *, name: str, convicted: bool = False) -> Employer:
    ensure_default_agreements()
    return employer_services.employer_create(
        actor=actor,
        legal_name=name,
        vat_number=valid_tax_code(next(_serial) + 7000),
        tax_code="",
        sector="agriculture",
        agreement=CollectiveAgreement.objects.get(code="ccnl-operai-agricoli"),
        rete_member=True,
        rete_member_since=dt.date(2022, 1, 10),
        rete_checked_on=day(-30),
        has_603bis_conviction=convicted,
        conviction_on=day(-300) if convicted else None,
        conviction_note="Condanna in primo grado." if convicted else "",
        notes="",
    )


def project_values(w: CaseWorld, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "code": "PU-AS-01",
        "title": "Orti solidali di Borgo Mezzanone",
        "lead_hub": w.hub_a,
        "managing_body": w.hub_a.managing_bodies.get(),
        "municipality": w.hub_a.municipality,
        "address": "Località Borgo Mezzanone",
        "hectares": Decimal("4.50"),
        "starts_on": day(-90),
        "ends_on": day(600),
        "aims": "Orti e filiera corta con lavoratori usciti dallo sfruttamento.",
        "farming_kind": "horticulture",
        "farming_other": "",
        "aims_at_startup": False,
        "status": "running",
        "funding_amount": Decimal("180000.00"),
        "funding_source": "Su.Pr.Eme. 2",
    }
    values.update(overrides)
    return values


def make_project(w: CaseWorld, actor: User | None = None, **overrides: Any) -> PilotProject:
    return services.project_create(actor=actor or w.coordinator, **project_values(w, **overrides))


@dataclass
class FarmingWorld:
    w: CaseWorld
    project: PilotProject  # led by hub A, running since 90 days ago
    farm: Employer  # a Rete member: may be a partner
    convicted: Employer  # 603-bis conviction: flagged
    case2: Case  # a second case at hub A, managed by w.manager
    case_b: Case  # a case at hub B, managed by w.other_body


def make_farming_world() -> FarmingWorld:
    w = make_case_world()
    return FarmingWorld(
        w=w,
        project=make_project(w),
        farm=make_employer(w.manager, name="Az. Agr. Masseria Posta Uccello"),
        convicted=make_employer(w.manager, name="Agri Servizi Tavoliere", convicted=True),
        case2=open_case(w, family_name="Mensah", hub=w.hub_a, actor=w.manager),
        case_b=open_case(w, family_name="Boateng", hub=w.hub_b, actor=w.other_body),
    )
