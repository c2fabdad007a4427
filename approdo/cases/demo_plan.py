"""The deterministic planning of the demo cases: who works where and which cases to write.

Everything follows from random.Random(seed), the given day and rows read in primary-key
order, so the same seed and day plan the same cases. demo.py writes them.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from approdo.accounts.models import User
from approdo.cases.demo_texts import (
    EXTERNAL_SENDERS,
    NICK_LANGUAGES,
    NICK_NEEDS,
    NICKNAME_FATES,
    NICKNAMES,
    REGION_PROVINCE,
)
from approdo.cases.models import AccessChannel, InternalSource
from approdo.cases.stages import ClosureOutcome, Stage
from approdo.network.models import Node, NodeKind
from approdo.people.demo import LIVING_PLACES
from approdo.people.models import ConsentPurpose, Person

FOGGIA, BORGO_MEZZANONE = "PUG-H01", "PUG-S01"
# Hubs where a demo account works (besides Foggia): all their people are taken in charge.
ACCOUNT_HUBS = frozenset({"CAL-H01", "CAM-H01", "SIC-H01"})
# Spokes where a (created) spoke operator meets people known only by a nickname.
NICKNAME_SPOKES = ("CAL-S01", "CAM-S02", "SIC-S04", "BAS-S01", "PUG-S03")
# Cases handed over between hubs: (from hub, to hub, accepted). Foggia receives the tomato
# harvest's workers, from the other regions and from the ghettos of the province.
TRANSFERS: tuple[tuple[str, str, bool], ...] = (
    ("CAL-H01", FOGGIA, True), ("CAM-H01", FOGGIA, True), ("SIC-H07", FOGGIA, True),
    ("BAS-H02", FOGGIA, True), ("SIC-H04", FOGGIA, True), ("CAL-H05", FOGGIA, True),
    ("PUG-H03", FOGGIA, True), ("PUG-H03", FOGGIA, True), ("PUG-H04", FOGGIA, True),
    ("PUG-H05", FOGGIA, True), ("SIC-H01", FOGGIA, False), ("CAL-H02", FOGGIA, False),
    ("CAL-H01", "CAM-H01", True), ("SIC-H08", "CAL-H01", True),
    ("CAM-H02", "SIC-H01", False), ("PUG-H06", "LOM-H07", True),
)  # fmt: skip
# (stage, weight) for a registered person's case; nickname-only contacts come on top.
STAGE_WEIGHTS: tuple[tuple[str, int], ...] = (
    (Stage.FIRST_CONTACT, 3), (Stage.SCREENING, 17), (Stage.TAKEN_IN_CHARGE, 27),
    (Stage.PLAN_ACTIVE, 34), (Stage.SUSPENDED, 6), (Stage.CLOSED, 13),
)  # fmt: skip
# Foggia's own people, in order: every stage is there for the demo's coordinator.
FOGGIA_STAGES = (
    Stage.PLAN_ACTIVE, Stage.TAKEN_IN_CHARGE, Stage.SCREENING, Stage.PLAN_ACTIVE,
    Stage.SUSPENDED, Stage.TAKEN_IN_CHARGE, Stage.PLAN_ACTIVE, Stage.SCREENING,
    Stage.CLOSED, Stage.PLAN_ACTIVE, Stage.FIRST_CONTACT, Stage.TAKEN_IN_CHARGE,
)  # fmt: skip
OUTCOMES: tuple[tuple[str, int], ...] = (
    (ClosureOutcome.GOALS_REACHED, 35), (ClosureOutcome.MOVED_AWAY, 20),
    (ClosureOutcome.WITHDREW, 10), (ClosureOutcome.UNREACHABLE, 18),
    (ClosureOutcome.MOVED_TO_HUB, 5), (ClosureOutcome.OTHER, 8),
)  # fmt: skip
# Days ago a case of each stage was opened (closed cases: see _dates).
OPENED_DAYS: dict[str, tuple[int, int]] = {
    Stage.FIRST_CONTACT: (0, 12), Stage.SCREENING: (4, 35), Stage.TAKEN_IN_CHARGE: (25, 130),
    Stage.PLAN_ACTIVE: (60, 420), Stage.SUSPENDED: (90, 330), Stage.CLOSED: (90, 420),
}  # fmt: skip


def pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    """A value of a (value, weight) table, by weight."""
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


# --- who works where ------------------------------------------------------------------------
@dataclass
class Actors:
    hub: Node
    worker: User
    coordinator: User
    mediator: User | None = None
    legal: User | None = None
    psychologist: User | None = None
    spoke_operators: dict[str, User] = field(default_factory=dict)
    turn: int = 0

    def next_manager(self) -> User:
        """Foggia's two demo accounts take turns as case manager; elsewhere the case worker."""
        self.turn += 1
        if self.hub.code == FOGGIA and self.turn % 2:
            return self.coordinator
        return self.worker


# --- planning -------------------------------------------------------------------------------
@dataclass
class CaseSpec:
    team: Actors
    stage: str  # the stage the case ends in
    reach: str  # the furthest stage it gets to (before a suspension or closure)
    opened_on: dt.date
    end_on: dt.date  # closing day, suspension day, or today
    origin: Node
    opener: User
    manager: User
    channel: str
    person: Person | None = None
    internal_source: str = ""
    external_kind: str = ""
    external_name: str = ""
    nickname: str = ""
    nick_language: str = ""
    place: str = ""
    needs: str = ""
    referral: str = ""  # spoke -> hub: "pending", "declined" or "accepted"
    outcome: str = ""
    with_colleague: bool = True
    transfer_to: Actors | None = None
    transfer_accepted: bool = False
    refer_to: Actors | None = None


def _dates(stage: str, rng: random.Random, today: dt.date, earlier: bool) -> tuple[int, int]:
    """(opened, ended) as days ago; `ended` is the closing or suspension day, else 0."""
    if earlier:  # an earlier case of someone who came back for a new season
        opened = rng.randint(520, 720)
        return opened, rng.randint(430, opened - 60)
    low, high = OPENED_DAYS[stage]
    opened = rng.randint(low, high)
    if stage == Stage.CLOSED:
        return opened, rng.randint(3, opened - 60)
    if stage == Stage.SUSPENDED:
        return opened, rng.randint(5, min(45, opened - 70))
    return opened, 0


def _reach(stage: str, outcome: str, rng: random.Random) -> str:
    if stage == Stage.SUSPENDED:
        return Stage.PLAN_ACTIVE if rng.random() < 0.6 else Stage.TAKEN_IN_CHARGE
    if stage != Stage.CLOSED:
        return stage
    if outcome == ClosureOutcome.GOALS_REACHED:
        return Stage.PLAN_ACTIVE
    if outcome in (ClosureOutcome.MOVED_AWAY, ClosureOutcome.MOVED_TO_HUB):
        return rng.choice((Stage.PLAN_ACTIVE, Stage.TAKEN_IN_CHARGE))
    if outcome == ClosureOutcome.UNREACHABLE:
        return rng.choice((Stage.FIRST_CONTACT, Stage.SCREENING))
    return rng.choice((Stage.SCREENING, Stage.TAKEN_IN_CHARGE))


def _hub_channel(rng: random.Random, region: str) -> dict[str, str]:
    roll = rng.random()
    if roll < 0.4:
        return {"channel": AccessChannel.DIRECT}
    if roll < 0.5:
        return {"channel": AccessChannel.PROACTIVE}
    if roll < 0.7:
        source = rng.choice(
            (
                InternalSource.HELPDESK,
                InternalSource.HELPDESK,
                InternalSource.OTHER_HUB,
                InternalSource.OUTREACH,
                InternalSource.OTHER,
            )
        )
        return {"channel": AccessChannel.INTERNAL, "internal_source": source}
    kind, name = rng.choice(EXTERNAL_SENDERS)
    return {
        "channel": AccessChannel.EXTERNAL,
        "external_kind": kind,
        "external_name": f"{name} di {REGION_PROVINCE.get(region, region)}",
    }


def spec_for(
    team: Actors,
    person: Person,
    stage: str,
    *,
    rng: random.Random,
    today: dt.date,
    earlier: bool = False,
    transfer_to: Actors | None = None,
    transfer_accepted: bool = False,
    refer_to: Actors | None = None,
) -> CaseSpec:
    outcome = pick(rng, OUTCOMES) if stage == Stage.CLOSED else ""
    if earlier:
        outcome = rng.choice((ClosureOutcome.MOVED_AWAY, ClosureOutcome.GOALS_REACHED))
    opened, ended = _dates(stage, rng, today, earlier)
    if transfer_to is not None:
        opened = max(opened, 100)
    manager = team.next_manager()
    origin = person.registered_at
    opener, channel = manager, {"channel": str(AccessChannel.DIRECT)}
    if origin.kind == NodeKind.SPOKE:
        opener = team.spoke_operators.get(origin.code, manager)
        channel = {"channel": str(AccessChannel.PROACTIVE)}
        if origin.spoke_kind != "mobile_unit":
            channel = {"channel": AccessChannel.INTERNAL, "internal_source": InternalSource.SPOKE}
    else:
        channel = _hub_channel(rng, team.hub.region.name)
    return CaseSpec(
        team=team,
        stage=stage,
        reach=_reach(stage, outcome, rng),
        opened_on=today - dt.timedelta(days=opened),
        end_on=today - dt.timedelta(days=ended),
        origin=origin,
        opener=opener,
        manager=manager,
        person=person,
        outcome=outcome,
        referral="accepted" if opener is not manager else "",
        transfer_to=transfer_to,
        transfer_accepted=transfer_accepted,
        refer_to=refer_to,
        channel=channel["channel"],
        internal_source=channel.get("internal_source", ""),
        external_kind=channel.get("external_kind", ""),
        external_name=channel.get("external_name", ""),
    )


def nickname_specs(
    team: Actors, spoke_code: str, *, rng: random.Random, today: dt.date, count: int
) -> list[CaseSpec]:
    """First contacts known by a nickname at a spoke, sent to the hub."""
    operator = team.spoke_operators[spoke_code]
    spoke = Node.objects.select_related("region").get(code=spoke_code)
    places = LIVING_PLACES.get(spoke.region.name, ("Insediamento informale",))
    fates = NICKNAME_FATES
    specs = []
    for fate in fates[:count]:
        stage = Stage.CLOSED if fate == "closed" else Stage.FIRST_CONTACT
        opened = rng.randint(40, 90) if fate == "closed" else rng.randint(1, 9)
        specs.append(
            CaseSpec(
                team=team,
                stage=stage,
                reach=Stage.FIRST_CONTACT,
                opened_on=today - dt.timedelta(days=opened),
                end_on=today - dt.timedelta(days=opened - 30 if fate == "closed" else 0),
                origin=spoke,
                opener=operator,
                manager=team.next_manager(),
                channel=AccessChannel.PROACTIVE,
                nickname=rng.choice(NICKNAMES),
                nick_language=rng.choice(NICK_LANGUAGES),
                place=rng.choice(places),
                needs=rng.choice(NICK_NEEDS),
                referral="accepted" if fate == "closed" else fate,
                outcome=ClosureOutcome.UNREACHABLE if fate == "closed" else "",
            )
        )
    return specs


def people_by_hub(hubs: list[Node]) -> dict[str, list[Person]]:
    """People with an active consent to taking charge, by the hub whose scope holds them."""
    hub_of = {h.pk: h.code for h in hubs}
    spokes = dict(
        Node.objects.filter(kind=NodeKind.SPOKE, parent_hub_id__in=list(hub_of)).values_list(
            "pk", "parent_hub_id"
        )
    )
    people: dict[str, list[Person]] = {h.code: [] for h in hubs}
    consenting = Person.objects.filter(
        consents__purpose=ConsentPurpose.TAKING_CHARGE, consents__withdrawn_on__isnull=True
    )
    for person in consenting.select_related("registered_at").distinct().order_by("pk"):
        node_id = person.registered_at_id
        hub_id = node_id if node_id in hub_of else spokes.get(node_id)
        if hub_id is not None and hub_id in hub_of:
            people[hub_of[hub_id]].append(person)
    return people


def _expiring_first(people: list[Person], today: dt.date) -> list[Person]:
    """People whose permit expires within two months first (their move is urgent)."""
    soon = set(
        Person.objects.filter(
            pk__in=[p.pk for p in people],
            documents__expires_on__gte=today,
            documents__expires_on__lte=today + dt.timedelta(days=60),
        ).values_list("pk", flat=True)
    )
    return sorted(people, key=lambda p: (p.pk not in soon, p.pk))


def plan_cases(
    actors: dict[str, Actors],
    people: dict[str, list[Person]],
    *,
    rng: random.Random,
    today: dt.date,
    total: int,
) -> list[CaseSpec]:
    """Which cases to write: Foggia's full workload first, then a share of every hub's people."""
    specs: list[CaseSpec] = []
    used: set[int] = set()
    for from_code, to_code, accepted in TRANSFERS:
        if from_code not in actors or to_code not in actors:
            continue
        free = [p for p in _expiring_first(people[from_code], today) if p.pk not in used]
        if free:
            used.add(free[0].pk)
            stage: str = Stage.PLAN_ACTIVE if rng.random() < 0.6 else Stage.TAKEN_IN_CHARGE
            specs.append(
                spec_for(
                    actors[from_code],
                    free[0],
                    stage,
                    rng=rng,
                    today=today,
                    transfer_to=actors[to_code],
                    transfer_accepted=accepted,
                )
            )
    if FOGGIA in actors:
        foggia = actors[FOGGIA]
        own = [p for p in people[FOGGIA] if p.pk not in used]
        alone = False
        for index, person in enumerate(own):
            used.add(person.pk)
            if index % 4 == 1:
                specs.append(
                    spec_for(foggia, person, Stage.CLOSED, rng=rng, today=today, earlier=True)
                )
            spec = spec_for(
                foggia, person, FOGGIA_STAGES[index % len(FOGGIA_STAGES)], rng=rng, today=today
            )
            if (
                not alone
                and spec.manager == foggia.coordinator
                and spec.stage in (Stage.PLAN_ACTIVE, Stage.TAKEN_IN_CHARGE)
            ):
                alone, spec.with_colleague = True, False  # the case worker breaks the glass
            specs.append(spec)
        if BORGO_MEZZANONE in foggia.spoke_operators:
            specs += nickname_specs(foggia, BORGO_MEZZANONE, rng=rng, today=today, count=9)
        lucera = [p for p in people.get("PUG-H02", []) if p.pk not in used]
        if lucera and "PUG-H02" in actors:
            used.add(lucera[0].pk)
            specs.append(
                spec_for(
                    actors["PUG-H02"],
                    lucera[0],
                    Stage.TAKEN_IN_CHARGE,
                    rng=rng,
                    today=today,
                    refer_to=foggia,
                )
            )
    for team in actors.values():
        for spoke_code in team.spoke_operators:
            if spoke_code != BORGO_MEZZANONE:
                specs += nickname_specs(team, spoke_code, rng=rng, today=today, count=2)
    # The other hubs: everyone where a demo account works, a share of the people elsewhere so
    # that the total comes near `total`.
    others = [(c, [p for p in people[c] if p.pk not in used]) for c in actors if c != FOGGIA]
    everyone = sum(len(rows) for c, rows in others if c in ACCOUNT_HUBS)
    available = sum(len(rows) for c, rows in others if c not in ACCOUNT_HUBS)
    share = (total - len(specs) - everyone * 1.07) / (available * 1.07 or 1)
    for code, rows in others:
        for person in rows:
            if code not in ACCOUNT_HUBS and rng.random() >= share:
                continue
            stage = pick(rng, STAGE_WEIGHTS)
            if stage != Stage.CLOSED and rng.random() < 0.07:
                specs.append(
                    spec_for(actors[code], person, Stage.CLOSED, rng=rng, today=today, earlier=True)
                )
            specs.append(spec_for(actors[code], person, stage, rng=rng, today=today))
    return specs
