"""The outreach demo: real places, ten weeks of sessions, the calendar, awareness events.

`load_demo_outreach` runs after the demo cases (network.demo.load_demo, through
`load_demo_field`), because the sessions are written by the demo accounts and by the staff
the demo cases create (`staff.<node>.<n>`), and first contacts land in the hubs' inboxes.
Every row goes through the real services (places, sessions, counts, first contacts,
referrals, campaigns, events) on the simulated clock of cases.demo_steps, so audit rows and
timelines carry the day of the story.

Places are the real areas of DOMAIN.md with approximate coordinates; figures and texts are
invented (see demo_places.py). Deterministic for a seed and a date. Idempotent: sessions
created by the demo accounts or the demo staff mean the load already ran.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from approdo.accounts.demo import EMAIL_DOMAIN, VALID_FROM
from approdo.accounts.models import Membership, User
from approdo.accounts.roles import Role
from approdo.cases.demo import STAFF_PREFIX, demo_usernames
from approdo.cases.demo_steps import SimulatedClock, simulated_time
from approdo.network.demo_data import DEFAULT_SEED, INLAV, SUPREME2
from approdo.network.models import Language, Municipality, Node, NodeKind, SpokeKind
from approdo.outreach import awareness_services as aw
from approdo.outreach.catalogue import MATERIALS, ensure_materials
from approdo.outreach.demo_places import (
    BORGO_PER_WEEK,
    CAMPAIGNS,
    DEMO_MARK,
    DESK_PER_WEEK,
    EVENT_MARK,
    EVENTS,
    FIRST_CONTACTS,
    HUB_PER_WEEK,
    PLACES,
    SPOKE_PER_WEEK,
    WEEKS_AHEAD,
    WEEKS_BACK,
    PlaceSpec,
)
from approdo.outreach.demo_sessions import SessionWriter, Tally, Team, Visit, at
from approdo.outreach.models import AwarenessMaterial, Campaign, OutreachSession, Place
from approdo.outreach.place_services import place_create

BORGO_MEZZANONE = "PUG-S01"
# Demo accounts that go out for their node (the others use the demo staff).
NODE_ACCOUNTS = {"PUG-S01": "operatore.borgomezzanone", "PUG-H01": "assistente.foggia"}
HUB_ACCEPTORS = {"PUG-H01": "coordinatore.foggia"}
HUB_MEDIATORS = {"PUG-H01": "staff.pug-h01.1", "CAL-H01": "mediatrice.rosarno"}


@dataclass(frozen=True)
class DemoOutreachResult:
    places: int = 0
    sessions: int = 0  # done
    planned: int = 0
    cancelled: int = 0
    headcounts: int = 0  # rows
    people: int = 0  # people counted
    first_contacts: int = 0
    accepted: int = 0
    campaigns: int = 0
    events: int = 0
    already_present: bool = False
    skipped: bool = False


def outreach_demo_exists() -> bool:
    return OutreachSession.objects.filter(
        Q(created_by__username__in=demo_usernames())
        | Q(created_by__username__startswith=STAFF_PREFIX)
    ).exists()


# --- who goes out ---------------------------------------------------------------------------
def _staff(node: Node, role: str) -> User:
    """The node's demo staff member `staff.<node>.1` (created by the demo cases for the nodes
    with cases; added here, the same way, for the others). No usable password."""
    username = f"{STAFF_PREFIX}{node.code.lower()}.1"
    user = User.objects.filter(username=username).first()
    if user is None:
        assignment = node.assignments.select_related("professional").order_by("pk").first()
        names = (
            (assignment.professional.given_name, assignment.professional.family_name)
            if assignment is not None
            else ("Operatore", node.name)
        )
        user = User.objects.create(
            username=username,
            first_name=names[0],
            last_name=names[1][:150],
            email=f"{username}@{EMAIL_DOMAIN}",
            password=make_password(None),
            preferred_language="it",
        )
        Membership.objects.create(user=user, role=role, node=node, valid_from=VALID_FROM)
    return user


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def hub_acceptor(hub: Node) -> User:
    """Who answers the hub's inbox in the demo: Foggia's coordinator, else the hub's demo
    coordinator (`staff.<hub>.2`) or case worker."""
    return _user(HUB_ACCEPTORS.get(hub.code, "")) or (
        _user(f"{STAFF_PREFIX}{hub.code.lower()}.2") or _staff(hub, Role.CASE_WORKER)
    )


def _team(node: Node) -> Team:
    role = Role.SPOKE_OPERATOR if node.kind == NodeKind.SPOKE else Role.CASE_WORKER
    operator = _user(NODE_ACCOUNTS.get(node.code, "")) or _staff(node, role)
    hub = node.parent_hub or node
    mediator = _user(HUB_MEDIATORS.get(hub.code, ""))
    return Team(node, operator, mediator, hub_acceptor(hub))


# --- places ---------------------------------------------------------------------------------
def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def nearest_node(spec: PlaceSpec, nodes: list[Node]) -> Node:
    """The node of the place's region nearest to it; a spoke is preferred to a hub unless
    the hub is less than half as far (a town's station is the hub's, a camp the spoke's)."""

    def score(node: Node) -> float:
        lat, lon = float(node.latitude or 0), float(node.longitude or 0)
        km = _distance_km(float(spec.latitude), float(spec.longitude), lat, lon)
        return km if node.kind == NodeKind.SPOKE else km * 2

    return min(nodes, key=lambda node: (score(node), node.code))


def _municipality(spec: PlaceSpec) -> Municipality:
    return Municipality.objects.select_related("province__region").get(
        name=spec.municipality, province__abbreviation=spec.province
    )


def _places(clock: SimulatedClock, today: dt.date) -> list[Visit]:
    """The demo places, created by the operator of their node (kept when already there)."""
    nodes = list(
        Node.objects.filter(programme__code__in=[SUPREME2, INLAV], latitude__isnull=False)
        .select_related("parent_hub", "region")
        .order_by("code")
    )
    at(clock, today - dt.timedelta(weeks=WEEKS_BACK + 2), 10)
    visits = []
    for spec in PLACES:
        municipality = _municipality(spec)
        region_nodes = [n for n in nodes if n.region_id == municipality.province.region_id]
        node = next((n for n in nodes if n.code == spec.node), None) or nearest_node(
            spec, region_nodes
        )
        place = Place.objects.filter(municipality=municipality, name__iexact=spec.name).first()
        if place is None:
            place = place_create(
                actor=_team(node).operator,
                name=spec.name,
                kind=spec.kind,
                municipality=municipality,
                latitude=spec.latitude,
                longitude=spec.longitude,
                node=node,
                season_months=spec.months,
                estimated_population=spec.population,
                access_notes=f"{spec.access} {DEMO_MARK}".strip(),
                safety_notes=spec.safety,
            )
        visits.append(Visit(place, spec))
    return visits


# --- sessions -------------------------------------------------------------------------------
def _days(rng: random.Random, start: dt.date, count: int) -> list[dt.date]:
    """`count` distinct days of the week starting at `start`, Monday to Saturday."""
    week = [start + dt.timedelta(days=n) for n in range(7)]
    working = [day for day in week if day.weekday() < 6]
    return sorted(rng.sample(working, min(count, len(working))))


def _per_week(node: Node) -> tuple[int, int]:
    if node.code == BORGO_MEZZANONE:
        return BORGO_PER_WEEK
    if node.kind == NodeKind.HUB:
        return HUB_PER_WEEK
    return DESK_PER_WEEK if node.spoke_kind == SpokeKind.DESK else SPOKE_PER_WEEK


def _pick(visits: list[Visit], day: dt.date, rng: random.Random) -> Visit | None:
    """A place of the node in season that day; the biggest one more often."""
    open_ = [v for v in visits if v.place.is_in_season(day.month)]
    if not open_:
        return None
    return rng.choices(open_, weights=[v.spec.population for v in open_])[0]


def _sessions(writer: SessionWriter, by_node: dict[Node, list[Visit]], today: dt.date) -> None:
    rng = writer.rng
    for node, visits in sorted(by_node.items(), key=lambda item: item[0].code):
        team = _team(node)
        lo, hi = _per_week(node)
        done: list[OutreachSession] = []
        for week in range(WEEKS_BACK, 0, -1):
            for day in _days(rng, today - dt.timedelta(weeks=week), rng.randint(lo, hi)):
                visit = _pick(visits, day, rng)
                if visit is not None and day < today:
                    done.append(writer.done(team, visit, day))
        _first_contacts(writer, team, done)
        planned: list[OutreachSession] = []
        for week in range(WEEKS_AHEAD):
            start = today + dt.timedelta(days=1 + 7 * week)
            for day in _days(rng, start, rng.randint(lo, hi)):
                visit = _pick(visits, day, rng)
                if visit is not None:
                    planned.append(writer.planned(team, visit, day))
        if node.code == BORGO_MEZZANONE and planned:
            writer.cancel(team, planned[1 if len(planned) > 1 else 0])


def _first_contacts(writer: SessionWriter, team: Team, done: list[OutreachSession]) -> None:
    """A few sessions, spread over the ten weeks, met someone by name; about half of them
    were accepted by the hub (never those of the last three days: still in the inbox)."""
    wanted = FIRST_CONTACTS.get(team.node.code, 0)
    if not wanted or not done:
        return
    step = len(done) / wanted
    chosen = sorted({done[min(len(done) - 1, int(step * n + step / 2))] for n in range(wanted)},
                    key=lambda s: (s.date, s.pk))  # fmt: skip
    recent = writer.today - dt.timedelta(days=3)
    for number, session in enumerate(chosen):
        writer.first_contact(team, session, accept=number % 2 == 0 and session.date < recent)


# --- awareness ------------------------------------------------------------------------------
def _awareness(
    clock: SimulatedClock,
    today: dt.date,
    visits: list[Visit],
    materials: list[AwarenessMaterial],
) -> tuple[int, int]:
    nodes = {n.code: n for n in Node.objects.select_related("parent_hub")}
    languages = {lang.code: lang for lang in Language.objects.all()}
    places = {v.spec.name: v.place for v in visits}
    campaigns: dict[str, Campaign] = {}
    for spec in CAMPAIGNS:
        starts = today - dt.timedelta(days=spec.starts_ago)
        at(clock, starts - dt.timedelta(days=10), 11)
        node = nodes[spec.node]
        campaigns[spec.key] = aw.campaign_save(
            actor=_team(node).operator,
            name=f"{spec.name} {starts.year}",
            node=node,
            starts_on=starts,
            ends_on=today + dt.timedelta(days=spec.ends_in) if spec.ends_in is not None else None,
            description=spec.description,
            languages=[languages[c] for c in spec.languages],
            materials=[materials[i] for i in spec.materials],
        )
    for event in EVENTS:
        day = today + dt.timedelta(days=event.days)
        # Past events are written the day after; the coming ones were announced last week.
        written = day + dt.timedelta(days=1) if day < today else today - dt.timedelta(days=5)
        at(clock, written, 12)
        node = nodes[event.node]
        municipality = (
            Municipality.objects.get(
                name=event.municipality[0], province__abbreviation=event.municipality[1]
            )
            if event.municipality[0]
            else None
        )
        aw.event_save(
            actor=_team(node).operator,
            title=event.title,
            node=node,
            date=day,
            audience=event.audience,
            campaign=campaigns.get(event.campaign),
            place=places.get(event.place),
            municipality=municipality,
            venue=event.venue,
            partners=event.partners,
            materials=[materials[i] for i in event.materials],
            languages=[languages[c] for c in event.languages],
            people_reached=event.people if day <= today else 0,
            notes=EVENT_MARK,
        )
    return len(campaigns), len(EVENTS)


# --- loading --------------------------------------------------------------------------------
@transaction.atomic
def load_demo_outreach(
    *, seed: int = DEFAULT_SEED, today: dt.date | None = None
) -> DemoOutreachResult:
    """Write the outreach demo once; needs the demo network, accounts and cases."""
    if not User.objects.filter(username=NODE_ACCOUNTS[BORGO_MEZZANONE]).exists():
        return DemoOutreachResult(skipped=True)
    if outreach_demo_exists():
        return DemoOutreachResult(already_present=True)
    real_now = timezone.now()
    today = today or timezone.localdate(real_now)
    rng = random.Random(f"{seed}-outreach")
    ensure_materials({"AwarenessMaterial": AwarenessMaterial, "Language": Language})
    names = [name for name, *_rest in MATERIALS]
    by_name = {m.name: m for m in AwarenessMaterial.objects.filter(name__in=names)}
    materials = [by_name[name] for name in names]
    clock = SimulatedClock(real_now)
    with simulated_time(clock):
        visits = _places(clock, today)
        by_node: dict[Node, list[Visit]] = {}
        for visit in visits:
            by_node.setdefault(visit.place.node, []).append(visit)
        writer = SessionWriter(clock=clock, rng=rng, today=today, materials=materials)
        _sessions(writer, by_node, today)
        campaigns, events = _awareness(clock, today, visits, materials)
    tally: Tally = writer.tally
    return DemoOutreachResult(
        places=len(visits),
        sessions=tally.sessions,
        planned=tally.planned,
        cancelled=tally.cancelled,
        headcounts=tally.headcounts,
        people=tally.people,
        first_contacts=tally.first_contacts,
        accepted=tally.accepted,
        campaigns=campaigns,
        events=events,
    )
