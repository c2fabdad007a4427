"""A small synthetic network and logged-in clients for the network pages' tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from approdo.accounts.models import User
from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import give_totp, user_with_role
from approdo.network import models
from approdo.network.tests.factories import (
    ContractFactory,
    HubFactory,
    LanguageFactory,
    ManagingBodyFactory,
    MunicipalityFactory,
    OpeningHoursFactory,
    ProcedureFactory,
    ProfessionalFactory,
    ProgrammeFactory,
    ProvinceFactory,
    RegionFactory,
    ServiceAreaFactory,
    SpokeFactory,
    TeamAssignmentFactory,
)


@dataclass
class Network:
    """Two regions; body A runs hub A and its two spokes, body B hub B and its spoke,
    body C hub C in the other region."""

    programme: models.Programme
    puglia: models.Region
    sicilia: models.Region
    body_a: models.ManagingBody
    body_b: models.ManagingBody
    body_c: models.ManagingBody
    hub_a: models.Node
    spoke_a1: models.Node
    spoke_a2: models.Node
    hub_b: models.Node
    spoke_b1: models.Node
    hub_c: models.Node
    housing: models.ServiceArea
    transport: models.ServiceArea
    arabic: models.Language
    english: models.Language
    procedure: models.Procedure
    contract_a: models.Contract
    mediator: models.Professional
    lawyer: models.Professional


@pytest.fixture
def network(db: Any) -> Network:
    programme = ProgrammeFactory.create()
    puglia = RegionFactory.create(istat_code="16", name="Puglia", slug="puglia")
    sicilia = RegionFactory.create(istat_code="19", name="Sicilia", slug="sicilia")
    foggia = MunicipalityFactory.create(
        name="Foggia", province=ProvinceFactory.create(region=puglia, abbreviation="FG")
    )
    bari = MunicipalityFactory.create(
        name="Bari", province=ProvinceFactory.create(region=puglia, abbreviation="BA")
    )
    trapani = MunicipalityFactory.create(
        name="Trapani",
        province=ProvinceFactory.create(region=sicilia, abbreviation="TP"),
        latitude=Decimal("38.01760"),
        longitude=Decimal("12.51370"),
    )
    body_a = ManagingBodyFactory.create(name="Cooperativa Alfa", region=puglia)
    body_b = ManagingBodyFactory.create(name="Associazione Beta", region=puglia)
    body_c = ManagingBodyFactory.create(name="Fondazione Gamma", region=sicilia)
    housing = ServiceAreaFactory.create(code="housing", name_it="Sostegno all'abitare")
    transport = ServiceAreaFactory.create(code="transport", name_it="Trasporti")
    arabic = LanguageFactory.create(code="ar", name_it="Arabo", name_en="Arabic")
    english = LanguageFactory.create(code="en", name_it="Inglese", name_en="English")

    hub_a = HubFactory.create(
        name="PSI Foggia",
        code="PU-H01",
        municipality=foggia,
        managing_bodies=[body_a],
        address="Via Napoli 12",
        phone="0881 123456",
    )
    hub_a.areas.set([housing, transport])
    hub_a.languages.set([arabic, english])
    OpeningHoursFactory.create(node=hub_a, weekday=0, opens_at=dt.time(9), closes_at=dt.time(13))
    spoke_a1 = SpokeFactory.create(
        name="Unità mobile Borgo Mezzanone",
        code="PU-S01",
        parent_hub=hub_a,
        managing_bodies=[body_a],
        spoke_kind=models.SpokeKind.MOBILE_UNIT,
    )
    spoke_a1.areas.set([transport])
    spoke_a2 = SpokeFactory.create(
        name="Sportello San Severo",
        code="PU-S02",
        parent_hub=hub_a,
        managing_bodies=[body_a],
        spoke_kind=models.SpokeKind.DESK,
        localisation=models.Localisation.URBAN,
        latitude=None,
        longitude=None,
    )
    hub_b = HubFactory.create(
        name="PSI Bari", code="PU-H02", municipality=bari, managing_bodies=[body_b]
    )
    hub_b.languages.set([english])
    spoke_b1 = SpokeFactory.create(
        name="Presidio Torretta Antonacci",
        code="PU-S03",
        parent_hub=hub_b,
        managing_bodies=[body_b],
        spoke_kind=models.SpokeKind.OUTPOST,
        localisation=models.Localisation.RURAL,
    )
    hub_c = HubFactory.create(
        name="PSI Trapani", code="SI-H01", municipality=trapani, managing_bodies=[body_c]
    )
    procedure = ProcedureFactory.create(code="AVV-1-2023", programme=programme)
    contract_a = ContractFactory.create(
        procedure=procedure,
        code="CIG0000001",
        amount=Decimal("1250000.00"),
        managing_bodies=[body_a],
        nodes=[hub_a, spoke_a1],
    )
    ContractFactory.create(
        procedure=procedure, code="CIG0000002", managing_bodies=[body_b], nodes=[hub_b]
    )
    mediator = ProfessionalFactory.create(
        given_name="Amina",
        family_name="Diallo",
        area=models.ProfessionalArea.MEDIATION,
        employer=body_a,
    )
    lawyer = ProfessionalFactory.create(
        given_name="Marco",
        family_name="Russo",
        area=models.ProfessionalArea.LEGAL,
        employer=body_a,
    )
    TeamAssignmentFactory.create(professional=mediator, node=hub_a, function="Mediatrice araba")
    TeamAssignmentFactory.create(professional=lawyer, node=hub_a, function="Consulente legale")
    return Network(
        programme=programme,
        puglia=puglia,
        sicilia=sicilia,
        body_a=body_a,
        body_b=body_b,
        body_c=body_c,
        hub_a=hub_a,
        spoke_a1=spoke_a1,
        spoke_a2=spoke_a2,
        hub_b=hub_b,
        spoke_b1=spoke_b1,
        hub_c=hub_c,
        housing=housing,
        transport=transport,
        arabic=arabic,
        english=english,
        procedure=procedure,
        contract_a=contract_a,
        mediator=mediator,
        lawyer=lawyer,
    )


@pytest.fixture
def login(client: Client) -> Callable[[User], Client]:
    """Log a user in; they get a second factor first, as MFA-required roles must have one."""

    def _login(user: User) -> Client:
        give_totp(user)
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def coordinator_a(network: Network) -> User:
    """The coordinator of hub A (covers hub A and its spokes; may edit them)."""
    return user_with_role(Role.HUB_COORDINATOR, node=network.hub_a)


@pytest.fixture
def body_admin_a(network: Network) -> User:
    return user_with_role(Role.BODY_ADMIN, managing_body=network.body_a)


@pytest.fixture
def body_admin_b(network: Network) -> User:
    """An administrator of another managing body: outsider to body A's places."""
    return user_with_role(Role.BODY_ADMIN, managing_body=network.body_b)


@pytest.fixture
def case_worker_a(network: Network) -> User:
    """A case worker of hub A: sees its internal pages, may not edit it."""
    return user_with_role(Role.CASE_WORKER, node=network.hub_a)


@pytest.fixture
def monitor_puglia(network: Network) -> User:
    return user_with_role(Role.REGIONAL_MONITOR, region=network.puglia)
