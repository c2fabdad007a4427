"""Reads of housing, always scoped to the user.

Sites belong to a hub: whoever works at the hub or at one of its spokes sees the hub's sites,
and so do the managing bodies, regions and programme roles that cover the hub (monitors see
counts only). Who occupies a bed, and the waiting list's people, are case data: shown only
through cases the user may read (cases.selectors.readable_case_ids), and those reads logged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Case as When_
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404

from approdo.accounts.access import access_for
from approdo.accounts.models import User
from approdo.audit.services import log_access
from approdo.cases.models import Case
from approdo.cases.selectors import readable_case_ids
from approdo.housing.models import (
    Bed,
    BedNight,
    HousingRequest,
    Placement,
    RentalContract,
    RentalSearch,
    RequestStatus,
    RoomGender,
    Site,
)
from approdo.network.models import Node
from approdo.screening.models import Screening, ScreeningStatus

BOARD_PURPOSE = "housing.site.occupants"
WAITING_PURPOSE = "housing.waiting_list"
PRIORITY_RANK = {"high": 0, "medium": 1, "low": 2}


def _hubs_of(node_ids: frozenset[int] | None) -> frozenset[int] | None:
    """The hubs of some nodes: a spoke counts for its hub."""
    if node_ids is None:
        return None
    rows = Node.objects.filter(pk__in=node_ids).values_list("pk", "kind", "parent_hub_id")
    return frozenset(
        pk if kind == "hub" else parent for pk, kind, parent in rows if kind == "hub" or parent
    )


def visible_hub_ids(user: User) -> frozenset[int] | None:
    """Hubs whose sites the user sees (None: all of them)."""
    return _hubs_of(access_for(user).internal_node_ids)


def person_hub_ids(user: User) -> frozenset[int]:
    """Hubs whose waiting list the user sees (person-data roles only)."""
    acc = access_for(user)
    if not acc.can_see_person_data:
        raise PermissionDenied
    return _hubs_of(acc.person_node_ids) or frozenset()


def hubs_for(user: User) -> QuerySet[Node]:
    ids = visible_hub_ids(user)
    hubs = Node.objects.filter(kind="hub", housing_sites__isnull=False).distinct()
    return (hubs if ids is None else hubs.filter(pk__in=ids)).order_by("code")


def site_list(
    *, user: User, hub_id: int | None = None, site_id: int | None = None
) -> QuerySet[Site]:
    ids = visible_hub_ids(user)
    sites = Site.objects.filter(active=True).select_related("hub", "municipality", "managing_body")
    if ids is not None:
        sites = sites.filter(hub_id__in=ids)
    if hub_id:
        sites = sites.filter(hub_id=hub_id)
    if site_id:
        sites = sites.filter(pk=site_id)
    return sites.order_by("hub__code", "name")


def site_get(*, user: User, pk: int) -> Site:
    site = site_list(user=user).filter(pk=pk).first()
    if site is None:
        raise Http404
    return site


# --- occupancy ------------------------------------------------------------------------------
def days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


@dataclass
class SiteDay:
    day: dt.date
    beds: int  # 0 when the site is closed that night
    occupied: int

    @property
    def free(self) -> int:
        return max(self.beds - self.occupied, 0)


@dataclass
class SiteOccupancy:
    site: Site
    beds: int
    days: list[SiteDay] = field(default_factory=list)

    @property
    def tonight(self) -> SiteDay:
        return self.days[0]

    @property
    def percent(self) -> int:
        t = self.tonight
        return round(100 * t.occupied / t.beds) if t.beds else 0


def occupancy(sites: QuerySet[Site], first: dt.date, last: dt.date) -> list[SiteOccupancy]:
    """Per site and night: beds open and beds occupied (two grouped queries)."""
    site_list_ = list(sites)
    ids = [s.pk for s in site_list_]
    beds = dict(
        Bed.objects.filter(active=True, room__site_id__in=ids)
        .values("room__site_id")
        .annotate(n=Count("pk"))
        .values_list("room__site_id", "n")
    )
    taken: dict[tuple[int, dt.date], int] = {
        (site_id, night): n
        for site_id, night, n in BedNight.objects.filter(
            bed__room__site_id__in=ids, night__gte=first, night__lte=last
        )
        .values("bed__room__site_id", "night")
        .annotate(n=Count("pk"))
        .values_list("bed__room__site_id", "night", "n")
    }
    out = []
    for site in site_list_:
        total = beds.get(site.pk, 0)
        row = SiteOccupancy(site=site, beds=total)
        for day in days(first, last):
            open_beds = total if site.is_available(day, day) else 0
            row.days.append(SiteDay(day, open_beds, taken.get((site.pk, day), 0)))
        out.append(row)
    return out


@dataclass
class Cell:
    placement: Placement | None
    label: str = ""  # initials, when the user may read the case
    case_id: int | None = None


@dataclass
class BedRow:
    bed: Bed
    cells: list[Cell]


def site_grid(*, user: User, site: Site, first: dt.date, last: dt.date) -> list[BedRow]:
    """Beds × nights with who occupies them: initials and case only for readable cases."""
    beds = list(Bed.objects.filter(room__site=site, active=True).select_related("room"))
    nights = BedNight.objects.filter(
        bed__in=beds, night__gte=first, night__lte=last
    ).select_related("placement__person", "placement__case")
    by_cell = {(n.bed_id, n.night): n.placement for n in nights}
    case_ids = {p.case_id for p in by_cell.values()}
    readable: set[int] = set()
    if case_ids and access_for(user).can_see_person_data:
        readable = readable_case_ids(user=user, case_ids=sorted(case_ids))
    for case_id in sorted(readable):
        log_access(user=user, record=Case(pk=case_id), node_id=site.hub_id, purpose=BOARD_PURPOSE)
    rows = []
    for bed in beds:
        cells = []
        for day in days(first, last):
            p = by_cell.get((bed.pk, day))
            if p is None:
                cells.append(Cell(None))
            elif p.case_id in readable:
                cells.append(Cell(p, initials(p), p.case_id))
            else:
                cells.append(Cell(p))
        rows.append(BedRow(bed, cells))
    return rows


def initials(placement: Placement) -> str:
    person = placement.person
    parts = [*person.given_names.split()[:1], *person.family_name.split()[:1]]
    return "".join(part[0].upper() for part in parts if part) or "?"


def free_beds(
    *,
    hub_id: int,
    first: dt.date,
    last: dt.date,
    accessible: bool = False,
    room_gender: str = RoomGender.ANY,
    site_id: int | None = None,
) -> list[Bed]:
    """Beds of the hub's sites free every night from first to last, where the site is open."""
    taken = BedNight.objects.filter(bed=OuterRef("pk"), night__gte=first, night__lte=last)
    beds = Bed.objects.filter(
        active=True, room__site__active=True, room__site__hub_id=hub_id
    ).exclude(Exists(taken))
    if accessible:
        beds = beds.filter(accessible=True)
    if room_gender in (RoomGender.MEN, RoomGender.WOMEN):
        beds = beds.filter(room__gender__in=[room_gender, RoomGender.ANY])
    if site_id:
        beds = beds.filter(room__site_id=site_id)
    beds = beds.select_related("room__site").order_by("room__site__name", "room__name", "label")
    return [b for b in beds if b.room.site.is_available(first, last)]


# --- waiting list ---------------------------------------------------------------------------
def latest_priority_subquery() -> Subquery:
    latest = Screening.objects.filter(
        case__person=OuterRef("person"), status=ScreeningStatus.COMPLETED
    ).order_by("-held_on", "-confirmed_at", "-pk")
    return Subquery(latest.values("confirmed_priority")[:1])


def waiting_list(*, user: User, hub_id: int | None = None) -> QuerySet[HousingRequest]:
    """Waiting requests of the user's hubs: higher priority first (the person's latest
    confirmed screening), then the earliest request."""
    hubs = person_hub_ids(user)
    rows = HousingRequest.objects.filter(status=RequestStatus.WAITING, hub_id__in=hubs)
    if hub_id:
        rows = rows.filter(hub_id=hub_id)
    rank = When_(
        *(When(priority=code, then=Value(n)) for code, n in PRIORITY_RANK.items()),
        default=Value(len(PRIORITY_RANK)),
        output_field=IntegerField(),
    )
    return (
        rows.annotate(priority=latest_priority_subquery())
        .annotate(rank=rank)
        .select_related("case", "person", "hub", "requested_by")
        .order_by("rank", "created_at", "pk")
    )


def readable_waiting(*, user: User, rows: list[HousingRequest]) -> set[int]:
    """Of the waiting list's cases, those whose person the user may read (named on the page,
    each read logged); the others show only the case reference."""
    readable = readable_case_ids(user=user, case_ids=sorted({r.case_id for r in rows}))
    for row in rows:
        if row.case_id in readable:
            log_access(user=user, record=row.case, node_id=row.hub_id, purpose=WAITING_PURPOSE)
    return readable


def request_get(*, user: User, pk: int) -> HousingRequest:
    """A request of one of the user's hubs (404 otherwise)."""
    row = (
        HousingRequest.objects.filter(pk=pk, hub_id__in=person_hub_ids(user))
        .select_related("case__hub", "person", "hub")
        .first()
    )
    if row is None:
        raise Http404
    return row


# --- one case -------------------------------------------------------------------------------
def person_placements(*, user: User, case: Case) -> QuerySet[Placement]:
    """The housing history of the case's person: placements under any of their cases the
    user may read (the caller has read `case` through case_read)."""
    if case.person_id is None:
        return Placement.objects.none()
    ids = list(
        Placement.objects.filter(person_id=case.person_id)
        .values_list("case_id", flat=True)
        .distinct()
    )
    readable = readable_case_ids(user=user, case_ids=ids) | {case.pk}
    return (
        Placement.objects.filter(person_id=case.person_id, case_id__in=readable)
        .select_related("bed__room__site", "exit_reason", "case", "previous", "goal")
        .order_by("-starts_on", "-pk")
    )


def case_requests(case: Case) -> QuerySet[HousingRequest]:
    return case.housing_requests.select_related("requested_by", "placement").order_by(
        "-created_at", "-pk"
    )


def case_searches(case: Case) -> QuerySet[RentalSearch]:
    return case.rental_searches.all()


def case_contracts(case: Case) -> QuerySet[RentalContract]:
    return case.rental_contracts.select_related("deposit", "search")


def placement_get(*, user: User, pk: int) -> Placement:
    """A placement whose case the user may read (404 otherwise; the caller reads the case
    through case_read, which logs the read)."""
    row = Placement.objects.select_related("case", "bed__room__site").filter(pk=pk).first()
    if row is None or not access_for(user).can_see_person_data:
        raise Http404
    if not readable_case_ids(user=user, case_ids=[row.case_id]):
        raise Http404
    return row


def bed_choices_q(hub_ids: frozenset[int] | None) -> Q:
    return Q() if hub_ids is None else Q(room__site__hub_id__in=hub_ids)
