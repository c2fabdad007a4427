"""Sites, beds and people to house, on top of the cases' test world (hub A is Foggia).

`make_housing_world` adds to the CaseWorld: two co-housing sites of hub A (one with an
accessible bed), a seasonal centre of hub A, a site of hub B, and a second case at hub A.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from approdo.accounts.models import User
from approdo.cases import services as case_services
from approdo.cases.models import AccessChannel, Case
from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.housing import request_services, services
from approdo.housing.models import Bed, HousingRequest, Placement, Room, RoomGender, Site, SiteKind
from approdo.network.models import Node
from approdo.people.models import Person
from approdo.people.tests.factories import PersonFactory
from approdo.screening.models import Screening, ScreeningStatus


def today() -> dt.date:
    return timezone.localdate()


def day(offset: int) -> dt.date:
    return today() + dt.timedelta(days=offset)


def make_site(
    hub: Node,
    *,
    name: str = "Casa Arpi",
    kind: str = SiteKind.COHOUSING,
    beds: int = 2,
    accessible: int = 0,
    gender: str = RoomGender.ANY,
    available_from: dt.date | None = None,
    available_until: dt.date | None = None,
) -> Site:
    site = Site.objects.create(
        name=name,
        kind=kind,
        hub=hub,
        managing_body=hub.managing_bodies.first(),
        address="Via Arpi 12",
        municipality=hub.municipality,
        step_free_access=accessible > 0,
        accessible_bathroom=accessible > 0,
        house_rules="Rientro entro le 23.",
        available_from=available_from,
        available_until=available_until,
    )
    room = Room.objects.create(site=site, name="Stanza 1", gender=gender)
    for n in range(beds):
        Bed.objects.create(room=room, label=f"Letto {n + 1}", accessible=n < accessible)
    return site


def beds_of(site: Site) -> list[Bed]:
    return list(Bed.objects.filter(room__site=site).order_by("label"))


def open_case(
    world: CaseWorld,
    *,
    family_name: str,
    sex: str = "male",
    hub: Node | None = None,
    actor: User | None = None,
) -> Case:
    actor = actor or world.manager
    hub = hub or world.hub_a
    person = PersonFactory.create(
        family_name=family_name,
        given_names="Ibrahim",
        sex=sex,
        registered_at=hub,
        registered_by=actor,
    )
    return case_services.case_open(
        actor=actor,
        origin_node=hub,
        access_channel=AccessChannel.DIRECT,
        person=person,
        opened_on=day(-10),
    )


def confirm_priority(
    case: Case, user: User, priority: str, held_on: dt.date | None = None
) -> Screening:
    """A completed screening with the confirmed priority (written directly: the screening
    workflow has its own tests)."""
    return Screening.objects.create(
        case=case,
        node=case.hub,
        operator=user,
        held_on=held_on or day(-1),
        status=ScreeningStatus.COMPLETED,
        suggested_priority=priority,
        confirmed_priority=priority,
        confirmed_by=user,
        confirmed_at=timezone.now(),
    )


@dataclass
class HousingWorld:
    w: CaseWorld
    casa: Site  # hub A, 2 beds, the first accessible
    casa2: Site  # hub A, 3 beds
    seasonal: Site  # hub A, open from 10 days ago to 20 days ahead
    other: Site  # hub B
    case2: Case  # a second case at hub A, case manager `w.manager`

    @property
    def person(self) -> Person:
        return self.w.person


def make_housing_world() -> HousingWorld:
    w = make_case_world()
    return HousingWorld(
        w=w,
        casa=make_site(w.hub_a, name="Casa Arpi", beds=2, accessible=1),
        casa2=make_site(w.hub_a, name="Casa Lucera", beds=3),
        seasonal=make_site(
            w.hub_a,
            name="Centro stagionale Borgo Tressanti",
            kind=SiteKind.SEASONAL,
            beds=2,
            available_from=day(-10),
            available_until=day(20),
        ),
        other=make_site(w.hub_b, name="Casa Cerignola", beds=2),
        case2=open_case(w, family_name="Traore"),
    )


def placed(
    hw: HousingWorld,
    *,
    case: Case | None = None,
    bed: Bed | None = None,
    first: int = 0,
    last: int = 9,
) -> Placement:
    return services.placement_create(
        actor=hw.w.coordinator,
        case=case or hw.w.case,
        bed=bed or beds_of(hw.casa)[0],
        starts_on=day(first),
        ends_on=day(last),
    )


def requested(hw: HousingWorld, case: Case | None = None, **kwargs: object) -> HousingRequest:
    return request_services.request_create(
        actor=hw.w.manager,
        case=case or hw.w.case,
        desired_from=day(0),
        **kwargs,
    )
