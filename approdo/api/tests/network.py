"""A small synthetic network for the API tests: two regions, two managing bodies, three nodes.

Region A: hub A (run by body A, with hours, a language, an area, a team, a contract) and its
spoke. Region B: hub B (run by body B, with its own team and contract). Users: the hub A
coordinator, body B's administrator, region A's monitor and a user without memberships.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from rest_framework.authtoken.models import Token

from approdo.accounts.models import User
from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import UserFactory, user_with_role
from approdo.cases.models import (
    AccessChannel,
    Case,
    CaseEvent,
    CaseTeamMember,
    EventKind,
    Referral,
    TeamRole,
    Transfer,
)
from approdo.cases.stages import Stage
from approdo.network import models
from approdo.network.tests.factories import (
    HubFactory,
    ManagingBodyFactory,
    MunicipalityFactory,
    ProfessionalFactory,
    ProgrammeFactory,
    ProvinceFactory,
    RegionFactory,
    SpokeFactory,
)
from approdo.people.models import Person
from approdo.people.tests.factories import PersonFactory


@dataclass(frozen=True)
class Network:
    programme: models.Programme
    region_a: models.Region
    region_b: models.Region
    province_a: models.Province
    province_b: models.Province
    municipality_a: models.Municipality
    municipality_b: models.Municipality
    body_a: models.ManagingBody
    body_b: models.ManagingBody
    hub_a: models.Node
    spoke_a: models.Node
    hub_b: models.Node
    area: models.ServiceArea
    language: models.Language
    procedure: models.Procedure
    contract_a: models.Contract
    contract_b: models.Contract
    professional_a: models.Professional
    professional_b: models.Professional
    target_a: models.RegionalTarget
    coordinator_a: User
    admin_b: User
    monitor_a: User
    stranger: User


def build_network() -> Network:
    programme = ProgrammeFactory.create()
    region_a = RegionFactory.create(name="Puglia", slug="puglia", istat_code="16")
    region_b = RegionFactory.create(name="Lombardia", slug="lombardia", istat_code="03")
    province_a = ProvinceFactory.create(
        name="Foggia", abbreviation="FG", istat_code="071", region=region_a
    )
    province_b = ProvinceFactory.create(
        name="Mantova", abbreviation="MN", istat_code="020", region=region_b
    )
    municipality_a = MunicipalityFactory.create(
        name="Foggia", istat_code="071024", province=province_a
    )
    municipality_b = MunicipalityFactory.create(
        name="Mantova", istat_code="020030", province=province_b
    )
    body_a = ManagingBodyFactory.create(name="Cooperativa Approdo Sud", region=region_a)
    body_b = ManagingBodyFactory.create(name="Associazione Nord Rete", region=region_b)

    hub_a = HubFactory.create(
        name="PSI Foggia",
        municipality=municipality_a,
        managing_bodies=[body_a],
        programme=programme,
    )
    spoke_a = SpokeFactory.create(
        name="Unità mobile Borgo Mezzanone",
        parent_hub=hub_a,
        managing_bodies=[body_a],
        programme=programme,
        latitude=None,
        longitude=None,
    )
    hub_b = HubFactory.create(
        name="PSI Mantova",
        municipality=municipality_b,
        managing_bodies=[body_b],
        programme=programme,
        localisation=models.Localisation.RURAL,
        latitude=Decimal("45.15640"),
        longitude=Decimal("10.79110"),
    )

    # Migrations seed the reference lists; get_or_create keeps this independent of that.
    area, _ = models.ServiceArea.objects.get_or_create(
        code="legal", defaults={"name_it": "Supporto legale", "name_en": "Legal support"}
    )
    language, _ = models.Language.objects.get_or_create(
        code="ar", defaults={"name_it": "Arabo", "name_en": "Arabic"}
    )
    hub_a.areas.add(area)
    hub_a.languages.add(language)
    models.OpeningHours.objects.create(
        node=hub_a, weekday=models.Weekday.MONDAY, opens_at=dt.time(9), closes_at=dt.time(13)
    )

    procedure = models.Procedure.objects.create(
        code="AVV-2024-01",
        title="Avviso PSI",
        kind=models.ProcedureKind.CO_DESIGN,
        programme=programme,
        contracting_authority="Ministero del Lavoro",
        published_on=dt.date(2024, 1, 15),
    )
    contract_a = _contract(procedure, "CIG-A", body_a, hub_a)
    contract_b = _contract(procedure, "CIG-B", body_b, hub_b)

    professional_a = ProfessionalFactory.create(family_name="Rossi", employer=body_a)
    professional_b = ProfessionalFactory.create(family_name="Bianchi", employer=body_b)
    models.TeamAssignment.objects.create(
        professional=professional_a,
        node=hub_a,
        function="Mediazione",
        starts_on=dt.date(2024, 1, 1),
    )
    models.TeamAssignment.objects.create(
        professional=professional_b, node=hub_b, starts_on=dt.date(2024, 1, 1)
    )
    target_a = models.RegionalTarget.objects.create(programme=programme, region=region_a, value=300)

    return Network(
        programme=programme,
        region_a=region_a,
        region_b=region_b,
        province_a=province_a,
        province_b=province_b,
        municipality_a=municipality_a,
        municipality_b=municipality_b,
        body_a=body_a,
        body_b=body_b,
        hub_a=hub_a,
        spoke_a=spoke_a,
        hub_b=hub_b,
        area=area,
        language=language,
        procedure=procedure,
        contract_a=contract_a,
        contract_b=contract_b,
        professional_a=professional_a,
        professional_b=professional_b,
        target_a=target_a,
        coordinator_a=user_with_role(Role.HUB_COORDINATOR, node=hub_a),
        admin_b=user_with_role(Role.BODY_ADMIN, managing_body=body_b),
        monitor_a=user_with_role(Role.REGIONAL_MONITOR, region=region_a),
        stranger=UserFactory.create(),
    )


def _contract(
    procedure: models.Procedure, code: str, body: models.ManagingBody, node: models.Node
) -> models.Contract:
    contract = models.Contract.objects.create(
        procedure=procedure,
        code=code,
        title=f"Gestione {node.name}",
        amount=Decimal("250000.00"),
        starts_on=dt.date(2024, 1, 1),
        ends_on=dt.date(2026, 12, 31),
    )
    contract.managing_bodies.add(body)
    contract.nodes.add(node)
    return contract


def add_people(network: Network) -> list[Person]:
    """People at hub A, at its spoke and at hub B (outside the hub A coordinator's scope).

    Their ids are fixed and small so that a fuzzer's path parameters reach them: the cards of
    people 1 and 2 are in the coordinator's scope, person 3's is a 404.
    """
    return [
        PersonFactory.create(
            pk=pk,
            registered_at=node,
            registered_by=network.coordinator_a,
            nationality=nationality,
        )
        for pk, node, nationality in (
            (1, network.hub_a, "SN"),
            (2, network.spoke_a, "MA"),
            (3, network.hub_b, "NG"),
        )
    ]


def token_header(user: User) -> dict[str, str]:
    """Request headers authenticating `user` with a DRF token."""
    token, _ = Token.objects.get_or_create(user=user)
    return {"Authorization": f"Token {token.key}"}


def enrol_second_factor(user: User) -> None:
    """Give `user` a TOTP authenticator, as RequireMFAMiddleware expects of their role."""
    TOTP.activate(user, generate_totp_secret())


def add_cases(network: Network, people: list[Person]) -> list[Case]:
    """Cases, a referral each way and a transfer around hub A, with fixed small ids.

    For the hub A coordinator: case 1 (hub A) is readable, case 2 (hub B, referred to hub A)
    is a restricted row and a 403, case 3 (hub B) is a 404. Call after add_people().
    """
    today = dt.date.today()
    person_a, _person_spoke, person_b = people

    def case(pk: int, hub: models.Node, person: Person | None, stage: str) -> Case:
        return Case.objects.create(
            pk=pk,
            reference=f"{hub.code}-{today.year}-{pk:06d}",
            person=person,
            hub=hub,
            origin_node=hub,
            stage=stage,
            access_channel=AccessChannel.DIRECT,
            contact_name="" if person else "Amadou",
            opened_on=today,
            taken_in_charge_on=today if stage == Stage.TAKEN_IN_CHARGE else None,
            opened_by=network.coordinator_a,
        )

    cases = [
        case(1, network.hub_a, person_a, Stage.TAKEN_IN_CHARGE),
        case(2, network.hub_b, person_b, Stage.SCREENING),
        case(3, network.hub_b, None, Stage.FIRST_CONTACT),
    ]
    CaseTeamMember.objects.create(
        case=cases[0],
        user=network.coordinator_a,
        role=TeamRole.CASE_MANAGER,
        node=network.hub_a,
        since=today,
    )
    for row in cases:
        CaseEvent.objects.create(case=row, node=row.hub, kind=EventKind.OPENED, summary="Apertura")
    due = today + dt.timedelta(days=7)
    Referral.objects.create(
        pk=1,
        case=cases[0],
        from_node=network.hub_a,
        to_node=network.hub_b,
        reason="Supporto legale",
        shared_fields=["given_names"],
        due_on=due,
        sent_by=network.coordinator_a,
    )
    Referral.objects.create(
        pk=2,
        case=cases[1],
        from_node=network.hub_b,
        to_node=network.hub_a,
        reason="Alloggio",
        shared_fields=[],
        due_on=due,
        sent_by=network.admin_b,
    )
    Transfer.objects.create(
        pk=1,
        case=cases[0],
        from_hub=network.hub_a,
        to_hub=network.hub_b,
        handover="Segue la raccolta.",
        requested_by=network.coordinator_a,
    )
    return cases
