"""The housing demo: Puglia's co-housing (about 150 beds, as the programme's public figures
say), a few people placed at the Foggia hub, its waiting list, and one way to autonomy.

`load_housing_demo` runs after the demo cases (network.demo.load_demo then
cases.demo.load_demo_cases). Sites, rooms and beds are reference data (written as the admin
would); placements, requests, the rental search and the contract go through the real services,
acting as the hub's coordinator and each case's manager, so audit rows and rules are the ones
users meet. Addresses are invented. Idempotent: the Foggia hub's first demo site means the
load already ran. Deterministic: rows are read in primary-key order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from approdo.accounts.models import Membership, User
from approdo.accounts.roles import Role
from approdo.audit.services import record
from approdo.cases.models import Case, CaseTeamMember, TeamRole
from approdo.cases.stages import Stage
from approdo.housing import autonomy_services, request_services, services
from approdo.housing.models import Bed, ExitReason, Room, RoomGender, Site, SiteKind
from approdo.housing.reference import ensure_exit_reasons
from approdo.network.models import Node, NodeKind

FOGGIA = "PUG-H01"
FIRST_SITE = "Casa Arpi"
# (name, kind, address, rooms as (beds, gender)); the first room of a site is step-free
# with an accessible bed when the site has step-free access.
FOGGIA_SITES = [
    (
        FIRST_SITE,
        SiteKind.COHOUSING,
        "Via Arpi 41",
        [(4, "any"), (4, "men"), (2, "men"), (2, "women")],
        True,
    ),
    ("Casa San Lorenzo", SiteKind.SCATTERED, "Via San Lorenzo 8", [(3, "men"), (3, "men")], False),
    (
        "Centro stagionale Borgo Tressanti",
        SiteKind.SEASONAL,
        "Località Borgo Tressanti",
        [(6, "men"), (6, "men"), (6, "men"), (4, "men"), (4, "women")],
        True,
    ),
]
# Other Puglia hubs: one co-housing flat each, beds per room.
OTHER_ROOMS = [(4, "men"), (4, "men"), (3, "women")]
PLACEMENTS = 6
REQUESTS = 4
RULES = (
    "Rientro entro le 23; ospiti solo in sala comune e con preavviso.\n"
    "Turni di pulizia settimanali concordati in riunione di casa.\n"
    "Vietato fumare negli ambienti chiusi."
)


@dataclass(frozen=True)
class DemoHousingResult:
    sites: int = 0
    beds: int = 0
    placements: int = 0
    requests: int = 0
    already_present: bool = False
    skipped: bool = False


def _season(today: dt.date) -> tuple[dt.date, dt.date]:
    """The seasonal centre's opening that includes today: the winter harvests (olives,
    citrus) from 1 October to 31 May."""
    start_year = today.year if today.month >= 10 else today.year - 1
    return dt.date(start_year, 10, 1), dt.date(start_year + 1, 5, 31)


def _site(
    hub: Node,
    name: str,
    kind: str,
    address: str,
    rooms: list[tuple[int, str]],
    step_free: bool,
    today: dt.date,
) -> Site:
    period = _season(today) if kind == SiteKind.SEASONAL else (None, None)
    body = hub.managing_bodies.order_by("pk").first()
    if body is None:  # every demo node is run by a managing body
        raise ValueError(f"{hub.code} has no managing body")
    site = Site.objects.create(
        name=name,
        kind=kind,
        hub=hub,
        managing_body=body,
        address=address,
        municipality=hub.municipality,
        step_free_access=step_free,
        accessible_bathroom=step_free,
        house_rules=RULES,
        available_from=period[0],
        available_until=period[1],
    )
    for number, (beds, gender) in enumerate(rooms, start=1):
        room = Room.objects.create(site=site, name=f"Stanza {number}", gender=gender)
        for b in range(1, beds + 1):
            Bed.objects.create(
                room=room, label=f"Letto {b}", accessible=step_free and number == 1 and b == 1
            )
    return site


def _coordinator(hub: Node) -> User | None:
    membership = (
        Membership.objects.active()
        .filter(node=hub, role=Role.HUB_COORDINATOR)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _manager(case: Case) -> User | None:
    row = (
        CaseTeamMember.objects.filter(case=case, role=TeamRole.CASE_MANAGER, until__isnull=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return row.user if row else None


def _cases(hub: Node) -> list[Case]:
    """Open cases of the hub with a registered person, one per person, oldest first."""
    seen: set[int] = set()
    out = []
    rows = Case.objects.filter(
        hub=hub,
        person__isnull=False,
        stage__in=[Stage.TAKEN_IN_CHARGE, Stage.PLAN_ACTIVE, Stage.SCREENING],
    ).order_by("pk")
    for case in rows:
        if case.person_id not in seen:
            seen.add(case.person_id)  # type: ignore[arg-type]
            out.append(case)
    return out


def _placements(hub: Node, cases: list[Case], today: dt.date) -> int:
    coordinator = _coordinator(hub)
    if coordinator is None:
        return 0
    beds = list(
        Bed.objects.filter(room__site__hub=hub, room__site__kind=SiteKind.COHOUSING)
        .exclude(room__gender=RoomGender.WOMEN)
        .order_by("room__site__name", "room__name", "label")
    )
    made = 0
    for index, case in enumerate(cases):
        if made == PLACEMENTS or index >= len(beds):
            break
        start = today - dt.timedelta(days=20 + 9 * index)
        try:
            placement = services.placement_create(
                actor=coordinator,
                case=case,
                bed=beds[index],
                starts_on=start,
                ends_on=start + dt.timedelta(days=120),
            )
        except (PermissionDenied, ValidationError):
            continue
        made += 1
        if index == 0:
            # One exit: housing autonomy, last night a week ago.
            services.placement_end(
                actor=coordinator,
                placement=placement,
                last_night=today - dt.timedelta(days=7),
                exit_reason=ExitReason.objects.get(code="housing_autonomy"),
                note="Contratto di affitto firmato (vedi ricerca casa).",
                expected_version=placement.version,
            )
            _autonomy(case, today)
    return made


def _autonomy(case: Case, today: dt.date) -> None:
    manager = _manager(case)
    if manager is None:
        return
    search = autonomy_services.search_create(
        actor=manager,
        case=case,
        area="Foggia, quartieri Centro e Ferrovia",
        max_rent="400.00",
        started_on=today - dt.timedelta(days=60),
        notes="Vicino alla stazione per gli spostamenti verso i campi.",
    )
    autonomy_services.search_update(
        actor=manager,
        search=search,
        status="found",
        ended_on=today - dt.timedelta(days=10),
        notes=search.notes,
        expected_version=search.version,
    )
    autonomy_services.contract_create(
        actor=manager,
        case=case,
        search=search,
        address="Via della Repubblica 17, Foggia",
        landlord="Giuseppina Ricci",
        starts_on=today - dt.timedelta(days=6),
        ends_on=today - dt.timedelta(days=6) + dt.timedelta(days=4 * 365),
        monthly_rent="320.00",
        registered=True,
        registered_on=today - dt.timedelta(days=3),
    )


def _requests(cases: list[Case], today: dt.date) -> int:
    made = 0
    for index, case in enumerate(cases):
        if made == REQUESTS:
            break
        manager = _manager(case)
        if manager is None:
            continue
        try:
            request_services.request_create(
                actor=manager,
                case=case,
                desired_from=today + dt.timedelta(days=3 * index),
                needs_accessible=index == 1,
                notes="Lavora nei campi dalle 5: serve un posto vicino alla fermata della navetta."
                if index == 0
                else "",
            )
        except (PermissionDenied, ValidationError):
            continue
        made += 1
    return made


@transaction.atomic
def load_housing_demo(*, today: dt.date | None = None) -> DemoHousingResult:
    """Write the housing demo once; needs the demo network (and the demo cases for people)."""
    today = today or timezone.localdate()
    ensure_exit_reasons(ExitReason)
    hubs = list(Node.objects.filter(kind=NodeKind.HUB, code__startswith="PUG-H").order_by("code"))
    foggia = next((h for h in hubs if h.code == FOGGIA), None)
    if foggia is None:
        return DemoHousingResult(skipped=True)
    if Site.objects.filter(hub=foggia, name=FIRST_SITE).exists():
        return DemoHousingResult(already_present=True)
    sites = [
        _site(foggia, name, kind, address, rooms, step_free, today)
        for name, kind, address, rooms, step_free in FOGGIA_SITES
    ]
    for number, hub in enumerate(h for h in hubs if h != foggia):
        sites.append(
            _site(
                hub,
                f"Casa {hub.municipality.name}",
                SiteKind.COHOUSING,
                f"Via Giuseppe Di Vittorio {number * 7 + 3}",
                OTHER_ROOMS,
                number % 2 == 0,
                today,
            )
        )
    cases = _cases(foggia)
    placed = _placements(foggia, cases[:PLACEMENTS], today)
    # Requests for the next cases; the rest of the hub's cases stay without one.
    requested = _requests(cases[PLACEMENTS : PLACEMENTS + REQUESTS], today)
    result = DemoHousingResult(
        sites=len(sites),
        beds=Bed.objects.filter(room__site__in=sites).count(),
        placements=placed,
        requests=requested,
    )
    record(
        actor=None,
        action="housing.demo.loaded",
        data={
            "sites": result.sites,
            "beds": result.beds,
            "placements": placed,
            "requests": requested,
        },
    )
    return result
