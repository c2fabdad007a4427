"""A small network with one case and everyone the permission rules distinguish.

Used by the tests of cases, screening, plans and interventions: each view and endpoint is
checked for the team member, the hub colleague, the other hub, the other managing body and
the monitor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.test import Client

from approdo.accounts.models import User
from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import give_totp, user_with_role
from approdo.cases import services
from approdo.cases.models import AccessChannel, Case, TeamRole
from approdo.cases.stages import Stage
from approdo.network import models as net
from approdo.network.tests.factories import (
    HubFactory,
    LanguageFactory,
    ManagingBodyFactory,
    MunicipalityFactory,
    ProvinceFactory,
    RegionFactory,
    SpokeFactory,
)
from approdo.people.models import Person
from approdo.people.tests.factories import PersonFactory


@dataclass
class CaseWorld:
    """Body A runs hub A (Foggia) and spoke A1; body A also runs hub A2 (Bari) in Puglia;
    body B runs hub B in Puglia; body C runs hub C in Sicilia (for transfers between regions).

    `case` is at hub A in stage "taken in charge": manager is its case manager, legal is on
    the team as legal advisor; colleague works at hub A but is not on the team.
    """

    puglia: net.Region
    sicilia: net.Region
    hub_a: net.Node
    spoke_a1: net.Node
    hub_a2: net.Node
    hub_b: net.Node
    hub_c: net.Node
    arabic: net.Language
    manager: User  # case worker at hub A, case manager of `case`
    legal: User  # legal advisor at hub A, on the team
    colleague: User  # case worker at hub A, not on the team
    coordinator: User  # hub coordinator of hub A
    spoke_operator: User  # spoke operator at spoke A1
    other_hub: User  # case worker at hub A2 (same body, other hub)
    other_body: User  # case worker at hub B (other managing body)
    worker_c: User  # case worker at hub C (Sicilia)
    coordinator_c: User
    body_admin: User  # administrator of body A (no person data)
    monitor: User  # regional monitor of Puglia
    person: Person
    case: Case

    def reload(self) -> Case:
        self.case.refresh_from_db()
        return self.case


def make_case_world(stage: str = Stage.TAKEN_IN_CHARGE) -> CaseWorld:
    puglia = RegionFactory.create(istat_code="16", name="Puglia", slug="puglia")
    sicilia = RegionFactory.create(istat_code="19", name="Sicilia", slug="sicilia")
    foggia = MunicipalityFactory.create(
        name="Foggia", province=ProvinceFactory.create(region=puglia, abbreviation="FG")
    )
    ragusa = MunicipalityFactory.create(
        name="Ragusa", province=ProvinceFactory.create(region=sicilia, abbreviation="RG")
    )
    body_a = ManagingBodyFactory.create(name="Cooperativa Alfa", region=puglia)
    body_b = ManagingBodyFactory.create(name="Associazione Beta", region=puglia)
    body_c = ManagingBodyFactory.create(name="Consorzio Gamma", region=sicilia)
    hub_a = HubFactory.create(
        name="PSI Foggia", code="PU-H01", municipality=foggia, managing_bodies=[body_a]
    )
    spoke_a1 = SpokeFactory.create(
        name="Unità mobile Borgo Mezzanone",
        code="PU-S01",
        parent_hub=hub_a,
        managing_bodies=[body_a],
    )
    hub_a2 = HubFactory.create(
        name="PSI Bari", code="PU-H02", municipality=foggia, managing_bodies=[body_a]
    )
    hub_b = HubFactory.create(
        name="PSI Cerignola", code="PU-H03", municipality=foggia, managing_bodies=[body_b]
    )
    hub_c = HubFactory.create(
        name="PSI Ragusa",
        code="SI-H01",
        region=sicilia,
        municipality=ragusa,
        managing_bodies=[body_c],
    )
    arabic = LanguageFactory.create(code="ar", name_it="Arabo", name_en="Arabic")
    manager = user_with_role(Role.CASE_WORKER, node=hub_a)
    legal = user_with_role(Role.LEGAL_ADVISOR, node=hub_a)
    person = PersonFactory.create(
        family_name="Ndiaye",
        given_names="Ousmane",
        birth_date=dt.date(1990, 3, 12),
        registered_at=hub_a,
        registered_by=manager,
    )
    case = services.case_open(
        actor=manager,
        origin_node=hub_a,
        access_channel=AccessChannel.DIRECT,
        person=person,
        opened_on=dt.date.today() - dt.timedelta(days=30),
    )
    services.team_add(actor=manager, case=case, user=legal, role=TeamRole.LEGAL)
    paths: dict[str, list[Stage]] = {
        Stage.FIRST_CONTACT: [],
        Stage.SCREENING: [Stage.SCREENING],
        Stage.TAKEN_IN_CHARGE: [Stage.SCREENING, Stage.TAKEN_IN_CHARGE],
        Stage.PLAN_ACTIVE: [Stage.SCREENING, Stage.TAKEN_IN_CHARGE, Stage.PLAN_ACTIVE],
    }
    for target in paths[stage]:
        case.refresh_from_db()
        services.case_move(actor=manager, case=case, to_stage=target, expected_version=case.version)
    case.refresh_from_db()
    return CaseWorld(
        puglia=puglia,
        sicilia=sicilia,
        hub_a=hub_a,
        spoke_a1=spoke_a1,
        hub_a2=hub_a2,
        hub_b=hub_b,
        hub_c=hub_c,
        arabic=arabic,
        manager=manager,
        legal=legal,
        colleague=user_with_role(Role.CASE_WORKER, node=hub_a),
        coordinator=user_with_role(Role.HUB_COORDINATOR, node=hub_a),
        spoke_operator=user_with_role(Role.SPOKE_OPERATOR, node=spoke_a1),
        other_hub=user_with_role(Role.CASE_WORKER, node=hub_a2),
        other_body=user_with_role(Role.CASE_WORKER, node=hub_b),
        worker_c=user_with_role(Role.CASE_WORKER, node=hub_c),
        coordinator_c=user_with_role(Role.HUB_COORDINATOR, node=hub_c),
        body_admin=user_with_role(Role.BODY_ADMIN, managing_body=body_a),
        monitor=user_with_role(Role.REGIONAL_MONITOR, region=puglia),
        person=person,
        case=case,
    )


def login(client: Client, user: User) -> Client:
    """Log in with a second factor, as person-data roles must have one."""
    give_totp(user)
    client.force_login(user)
    return client
