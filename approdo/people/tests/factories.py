"""People, and a small network with the users who work on it, for the people tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import factory
from django.test import Client

from approdo.accounts.models import User
from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import UserFactory, give_totp, user_with_role
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
from approdo.people.duplicates import refresh_search_keys
from approdo.people.models import Person

VALID_TAX_CODE = "RSSMRA85T10A562S"
WRONG_CHECK_TAX_CODE = "RSSMRA85T10A562T"


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    family_name = factory.Sequence(lambda n: f"Diallo{n}")
    given_names = "Mamadou"
    birth_date = dt.date(1994, 5, 17)
    nationality = "SN"
    sex = "male"
    registered_at = factory.SubFactory(HubFactory)
    registered_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def search_keys(obj: Person, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            refresh_search_keys(obj)


@dataclass
class World:
    """Body A runs hub A and its spoke A1; body B runs hub B. People at spoke A1 and hub B."""

    puglia: net.Region
    hub_a: net.Node
    spoke_a1: net.Node
    hub_b: net.Node
    arabic: net.Language
    municipality: net.Municipality
    worker_a: User  # case worker at hub A
    spoke_operator: User  # spoke operator at spoke A1
    coordinator_a: User  # hub coordinator of hub A
    worker_b: User  # case worker at hub B
    body_admin_b: User
    monitor: User  # regional monitor of Puglia
    person_a: Person  # registered at spoke A1
    person_b: Person  # registered at hub B


def make_world() -> World:
    puglia = RegionFactory.create(istat_code="16", name="Puglia", slug="puglia")
    foggia = MunicipalityFactory.create(
        name="Foggia", province=ProvinceFactory.create(region=puglia, abbreviation="FG")
    )
    body_a = ManagingBodyFactory.create(name="Cooperativa Alfa", region=puglia)
    body_b = ManagingBodyFactory.create(name="Associazione Beta", region=puglia)
    hub_a = HubFactory.create(
        name="PSI Foggia", code="PU-H01", municipality=foggia, managing_bodies=[body_a]
    )
    spoke_a1 = SpokeFactory.create(
        name="Unità mobile Borgo Mezzanone",
        code="PU-S01",
        parent_hub=hub_a,
        managing_bodies=[body_a],
    )
    hub_b = HubFactory.create(
        name="PSI Bari", code="PU-H02", municipality=foggia, managing_bodies=[body_b]
    )
    arabic = LanguageFactory.create(code="ar", name_it="Arabo", name_en="Arabic")
    worker_a = user_with_role(Role.CASE_WORKER, node=hub_a)
    person_a = PersonFactory.create(
        family_name="Ndiaye",
        given_names="Ousmane",
        birth_date=dt.date(1990, 3, 12),
        registered_at=spoke_a1,
        registered_by=worker_a,
    )
    worker_b = user_with_role(Role.CASE_WORKER, node=hub_b)
    person_b = PersonFactory.create(
        family_name="Okafor",
        given_names="Chinedu",
        birth_date=dt.date(1988, 7, 1),
        nationality="NG",
        registered_at=hub_b,
        registered_by=worker_b,
    )
    return World(
        puglia=puglia,
        hub_a=hub_a,
        spoke_a1=spoke_a1,
        hub_b=hub_b,
        arabic=arabic,
        municipality=foggia,
        worker_a=worker_a,
        spoke_operator=user_with_role(Role.SPOKE_OPERATOR, node=spoke_a1),
        coordinator_a=user_with_role(Role.HUB_COORDINATOR, node=hub_a),
        worker_b=worker_b,
        body_admin_b=user_with_role(Role.BODY_ADMIN, managing_body=body_b),
        monitor=user_with_role(Role.REGIONAL_MONITOR, region=puglia),
        person_a=person_a,
        person_b=person_b,
    )


def login(client: Client, user: User) -> Client:
    """Log in with a second factor, as person-data roles must have one."""
    give_totp(user)
    client.force_login(user)
    return client
