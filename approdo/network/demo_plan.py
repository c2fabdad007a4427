"""Planning the demo network: a pure function of the ISTAT territory and a seed.

`build_plans` decides every node, body, procedure, contract, professional and opening hour
before anything is written (see demo.py), drawing from `random.Random(seed)` only, so the same
seed always gives the same plan. The fixed inputs are in demo_data.py.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify
from stdnum import luhn

from approdo.network.demo_data import (
    AREA_CODE,
    BODY_PATTERNS,
    BODY_WORDS,
    DEFAULT_SEED,
    DESK,
    FOGGIA_HUB,
    FOGGIA_LEAD_BODY,
    FORM_WEIGHTS,
    JOBS,
    LEAD_AREAS,
    MOBILE,
    NON_COMMERCIAL,
    ORIGINS,
    OUTPOST,
    PROGRAMMES,
    SAINTS,
    SHORT_NAMES,
    STREETS,
    TAX_OFFICE,
    DemoDataError,
    Origin,
    ProgrammeSpec,
    RegionSpec,
)
from approdo.network.models import (
    LegalForm,
    Municipality,
    NodeKind,
    ProcedureKind,
    ProfessionalArea,
)

# --- The territory the plan is placed on ------------------------------------------------------


@dataclass(frozen=True)
class Place:
    istat_code: str
    name: str
    province_code: str
    province_abbreviation: str
    latitude: Decimal
    longitude: Decimal


@dataclass(frozen=True)
class Territory:
    """Municipalities by region name and municipality name."""

    places: dict[str, dict[str, Place]]
    ambiguous: frozenset[tuple[str, str]] = frozenset()  # names twice in one region

    @classmethod
    def from_db(cls) -> Territory:
        places: dict[str, dict[str, Place]] = {}
        ambiguous: set[tuple[str, str]] = set()
        rows = Municipality.objects.order_by("istat_code").values_list(
            "istat_code",
            "name",
            "province__istat_code",
            "province__abbreviation",
            "latitude",
            "longitude",
            "province__region__name",
        )
        for code, name, prov_code, prov_abbr, lat, lon, region in rows:
            in_region = places.setdefault(region, {})
            if name in in_region:
                ambiguous.add((region, name))
            in_region[name] = Place(code, name, prov_code, prov_abbr, lat, lon)
        return cls(places, frozenset(ambiguous))

    def get(self, region: str, name: str) -> Place:
        if (region, name) in self.ambiguous:
            raise DemoDataError(f"Più comuni «{name}» in {region}: nome ambiguo.")
        try:
            return self.places[region][name]
        except KeyError:
            raise DemoDataError(
                f"Comune «{name}» ({region}) assente: caricare prima il territorio ISTAT."
            ) from None


# --- The plan: what will be written -----------------------------------------------------------


@dataclass(frozen=True)
class Hours:
    weekday: int
    opens_at: dt.time
    closes_at: dt.time
    note: str = ""


@dataclass
class NodePlan:
    code: str
    name: str
    kind: str
    spoke_kind: str
    parent_code: str
    localisation: str
    region: str
    place: Place
    address: str
    latitude: Decimal
    longitude: Decimal
    hours: tuple[Hours, ...]
    areas: tuple[str, ...]
    active_from: dt.date = dt.date.min  # set from the contract that serves the node
    languages: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)  # tax codes; the first is the lead body
    phone: str = ""
    email: str = ""


@dataclass
class BodyPlan:
    tax_code: str
    name: str
    legal_form: str
    region: str
    place: Place
    address: str
    domain: str
    phone: str


@dataclass
class ProcedurePlan:
    code: str
    title: str
    kind: str
    region: str
    published_on: dt.date


@dataclass
class ContractPlan:
    code: str
    procedure: str
    title: str
    amount: Decimal
    starts_on: dt.date
    ends_on: dt.date
    nodes: list[str]
    bodies: list[str]


@dataclass
class ProfessionalPlan:
    given_name: str
    family_name: str
    area: str
    job_title: str
    employer: str
    email: str
    languages: tuple[str, ...]
    assignments: list[tuple[str, str]]  # (node code, function in the team); the first is home


@dataclass
class ProgrammePlan:
    spec: ProgrammeSpec
    nodes: list[NodePlan] = field(default_factory=list)
    bodies: list[BodyPlan] = field(default_factory=list)
    procedures: list[ProcedurePlan] = field(default_factory=list)
    contracts: list[ContractPlan] = field(default_factory=list)
    professionals: list[ProfessionalPlan] = field(default_factory=list)


@dataclass
class Taken:
    """What the plans drawn so far use, so no two programmes repeat a name, code or e-mail."""

    people: set[tuple[str, str]] = field(default_factory=set)
    bodies: set[str] = field(default_factory=lambda: {FOGGIA_LEAD_BODY})
    domains: set[str] = field(default_factory=set)
    tax_codes: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)


class _Draw:
    """The seeded generator plus what has been drawn, so names, codes and e-mails never repeat."""

    def __init__(self, rng: random.Random, taken: Taken) -> None:
        self.rng = rng
        self.people = taken.people
        self.bodies = taken.bodies
        self.domains = taken.domains
        self.tax_codes = taken.tax_codes
        self.emails = taken.emails

    def person(self, origin: Origin) -> tuple[str, str, bool]:
        """(given name, family name, is a woman). After a few clashes a homonym is accepted,
        as happens in real teams, rather than looping on a short list."""
        for _attempt in range(30):
            female = self.rng.random() < 0.5
            given = self.rng.choice(origin.given_f if female else origin.given_m)
            family = self.rng.choice(
                origin.family_f if female and origin.family_f else origin.family
            )
            if (given, family) not in self.people:
                break
        self.people.add((given, family))
        return given, family, female

    def body_name(self, legal_form: str, town: str) -> tuple[str, str]:
        """(name, distinctive words) of a new body; the town tells apart a repeated name."""
        while True:
            words = self.rng.choice(
                SAINTS if legal_form == LegalForm.RELIGIOUS_BODY else BODY_WORDS
            )
            name = self.rng.choice(BODY_PATTERNS[legal_form]).format(words)
            if name in self.bodies:
                name = f"{name} {town}"
            if name not in self.bodies:
                self.bodies.add(name)
                return name, words

    def domain(self, words: str, town: str) -> str:
        label = slugify(words)
        candidate, number = label, 1
        while candidate in self.domains:
            number += 1
            candidate = f"{label}-{slugify(town)}" if number == 2 else f"{label}-{number}"
        self.domains.add(candidate)
        return f"{candidate}.example"

    def tax_code(self, legal_form: str, place: Place) -> str:
        """11 digits: 7 serial, 3 for the tax office's province, 1 Luhn check digit."""
        first = "9" if legal_form in NON_COMMERCIAL else str(self.rng.randint(0, 4))
        office = TAX_OFFICE.get(place.province_code, place.province_code)
        while True:
            digits = f"{first}{self.rng.randint(1, 999_999):06d}{office}"
            code = digits + luhn.calc_check_digit(digits)
            if code not in self.tax_codes:
                self.tax_codes.add(code)
                return code

    def email(self, given: str, family: str, domain: str) -> str:
        local = f"{slugify(given)}.{slugify(family)}".replace("-", "")
        address, number = f"{local}@{domain}", 1
        while address in self.emails:
            number += 1
            address = f"{local}{number}@{domain}"
        self.emails.add(address)
        return address

    def phone(self, place: Place) -> str:
        # Geographic numbers never continue with 0 after the area code: these are unassigned.
        area = AREA_CODE.get(place.province_abbreviation, "06")
        return f"+39 {area} 000{self.rng.randint(0, 999):03d}"

    def coordinate(self, value: Decimal, spread: float) -> Decimal:
        return Decimal(f"{float(value) + self.rng.uniform(-spread, spread):.5f}")

    def street(self, highest: int) -> str:
        return f"{self.rng.choice(STREETS)} {self.rng.randint(1, highest)}"


def _hours(kind: str, spoke_kind: str, rng: random.Random) -> tuple[Hours, ...]:
    """Hubs keep office hours; mobile units go out in the evening, when people are back from
    the fields, and once a week at dawn to where workers are picked up; seasonal points open
    in the harvest."""
    t = dt.time
    slots: list[Hours] = []
    if kind == NodeKind.HUB:
        late_day = rng.choice((1, 3)) if rng.random() < 0.3 else None
        for day in range(5):
            slots.append(Hours(day, t(9), t(13)))
            if day == late_day:
                slots.append(Hours(day, t(14, 30), t(20), "apertura serale"))
            else:
                slots.append(Hours(day, t(14, 30), t(18)))
        if rng.random() < 0.4:
            slots.append(Hours(5, t(9), t(12, 30)))
    elif spoke_kind == MOBILE:
        for day in rng.sample(range(6), rng.randint(3, 4)):
            slots.append(Hours(day, t(17, 30), t(21), "uscita serale negli insediamenti"))
        slots.append(Hours(rng.randrange(5), t(5, 30), t(8), "ai punti di raccolta all'alba"))
    elif spoke_kind == OUTPOST:
        for day in range(6):
            slots.append(Hours(day, t(10), t(13)))
            if day < 5:
                slots.append(Hours(day, t(16), t(19)))
    elif spoke_kind == DESK:
        days = sorted(rng.sample(range(5), rng.randint(2, 3)))
        slots.extend(Hours(day, t(9), t(13)) for day in days)
        slots.append(Hours(days[-1], t(15), t(18)))
    else:
        for day in rng.sample(range(6), 3):
            slots.append(Hours(day, t(16), t(20), "nella stagione di raccolta"))
    return tuple(sorted(slots, key=lambda h: (h.weekday, h.opens_at)))


def _areas(kind: str, spoke_kind: str, first_hub: bool, rng: random.Random) -> tuple[str, ...]:
    """Hubs offer the core areas and most others; spokes do first contact plus a few."""
    if kind == NodeKind.HUB:
        areas = ["mediation", "legal", "training_work", "health"]
        optional = ("housing", "transport", "psycho_social", "italian_courses")
        areas += [area for area in optional if rng.random() < 0.65]
        if first_hub:
            areas.append("helpdesk")  # the region's desk of the anti-caporalato helpdesk
        return tuple(areas)
    if spoke_kind == MOBILE:
        extra = ["health", *rng.sample(["legal", "training_work"], rng.randint(0, 2))]
    elif spoke_kind == OUTPOST:
        extra = ["legal", "health", *rng.sample(["housing", "training_work"], rng.randint(0, 1))]
    elif spoke_kind == DESK:
        extra = ["legal", *rng.sample(["training_work", "italian_courses"], rng.randint(0, 1))]
    else:
        extra = ["legal"] if rng.random() < 0.5 else []
    return ("mediation", *extra)


def _plan_nodes(
    spec: ProgrammeSpec, region: RegionSpec, territory: Territory, draw: _Draw
) -> list[NodePlan]:
    """Hubs at the town's point, spokes around their town or site (a deterministic jitter)."""
    hubs: dict[str, NodePlan] = {}
    for index, (town, localisation) in enumerate(region.hubs, start=1):
        place = territory.get(region.name, town)
        hubs[town] = NodePlan(
            code=f"{region.prefix}-H{index:02d}",
            name=f"{spec.hub_word} {SHORT_NAMES.get(town, town)}",
            kind=NodeKind.HUB,
            spoke_kind="",
            parent_code="",
            localisation=localisation,
            region=region.name,
            place=place,
            address=draw.street(120),
            latitude=draw.coordinate(place.latitude, 0.008),
            longitude=draw.coordinate(place.longitude, 0.008),
            hours=_hours(NodeKind.HUB, "", draw.rng),
            areas=_areas(NodeKind.HUB, "", index == 1, draw.rng),
        )
    nodes = list(hubs.values())
    for index, spoke in enumerate(region.spokes, start=1):
        place = territory.get(region.name, spoke.municipality)
        if spoke.hub not in hubs:
            raise DemoDataError(f"{spoke.name}: hub {spoke.hub} non previsto in {region.name}")
        if spoke.kind == MOBILE:
            address = f"Itinerante: {spoke.site or spoke.municipality} e campagne vicine"
        elif spoke.site:
            address = f"Località {spoke.site}"
        else:
            address = draw.street(80)
        spread = 0.03 if spoke.site or spoke.kind == MOBILE else 0.01
        nodes.append(
            NodePlan(
                code=f"{region.prefix}-S{index:02d}",
                name=spoke.name,
                kind=NodeKind.SPOKE,
                spoke_kind=spoke.kind,
                parent_code=hubs[spoke.hub].code,
                localisation=spoke.localisation,
                region=region.name,
                place=place,
                address=address,
                latitude=draw.coordinate(place.latitude, spread),
                longitude=draw.coordinate(place.longitude, spread),
                hours=_hours(NodeKind.SPOKE, spoke.kind, draw.rng),
                areas=_areas(NodeKind.SPOKE, spoke.kind, False, draw.rng),
            )
        )
    return nodes


def _split(total: int, parts: int) -> list[int]:
    """`total` in `parts` sizes differing by at most one, larger first."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _proportional(total: int, weights: Sequence[float], floor: int = 0) -> list[int]:
    """Largest-remainder split of `total` by `weights`, each share at least `floor`."""
    spare = total - floor * len(weights)
    raw = [spare * w / sum(weights) for w in weights]
    shares = [int(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] - shares[i], reverse=True)
    for i in by_remainder[: spare - sum(shares)]:
        shares[i] += 1
    return [floor + share for share in shares]


def _plan_bodies(
    region: RegionSpec, group: list[NodePlan], count: int, draw: _Draw
) -> list[BodyPlan]:
    """`count` bodies for one contract; body i is seated in the town of node i (mod n),
    the first node it runs (see _assign_bodies)."""
    bodies: list[BodyPlan] = []
    for i in range(count):
        place = group[i % len(group)].place
        if group[0].code == FOGGIA_HUB and i == 0:
            legal_form = LegalForm.SOCIAL_COOPERATIVE
            name, words = FOGGIA_LEAD_BODY, "Tavoliere Solidale"
        else:
            legal_form = draw.rng.choices(list(FORM_WEIGHTS), list(FORM_WEIGHTS.values()))[0]
            name, words = draw.body_name(legal_form, place.name)
        bodies.append(
            BodyPlan(
                tax_code=draw.tax_code(legal_form, place),
                name=name,
                legal_form=legal_form,
                region=region.name,
                place=place,
                address=draw.street(150),
                domain=draw.domain(words, place.name),
                phone=draw.phone(place),
            )
        )
    return bodies


def _assign_bodies(group: list[NodePlan], bodies: list[BodyPlan], rng: random.Random) -> None:
    """Body i runs node i (mod n), so every body runs a node; a node left without one is run by
    its hub's lead body (a hub: by the contract's first); then some nodes take a partner, up to
    three bodies each. `group` lists each hub before its spokes."""
    for i, body in enumerate(bodies):
        group[i % len(group)].bodies.append(body.tax_code)
    by_code = {node.code: node for node in group}
    for node in group:
        if not node.bodies:
            hub = by_code.get(node.parent_code)
            node.bodies.append(hub.bodies[0] if hub else bodies[0].tax_code)
        partners = [b.tax_code for b in bodies if b.tax_code not in node.bodies]
        if partners and len(node.bodies) < 3 and rng.random() < 0.25:
            node.bodies.append(rng.choice(partners))


def _plan_contracts(
    plan: ProgrammePlan,
    region: RegionSpec,
    nodes: list[NodePlan],
    draw: _Draw,
    anchor: BodyPlan | None,
) -> None:
    """Group the region's hubs (with their spokes) into contracts, and contracts into procedures.

    Neighbouring hubs share a contract; each contract's bodies (the ATS) run its nodes, bodies
    stay in the region, and the region's envelope is split over contracts by their size.
    """
    spec, rng = plan.spec, draw.rng
    hubs = [n for n in nodes if n.kind == NodeKind.HUB]
    hub_groups: list[list[NodePlan]] = []
    start = 0
    for size in _split(len(hubs), sum(region.contracts_per_procedure)):
        hub_groups.append(hubs[start : start + size])
        start += size
    groups = [
        [n for hub in hub_group for n in nodes if hub.code in (n.code, n.parent_code)]
        for hub_group in hub_groups
    ]
    weights = [sum(3 if n.kind == NodeKind.HUB else 1 for n in group) for group in groups]
    body_counts = _proportional(region.bodies, weights, floor=1)
    cents = _proportional(
        int(region.envelope * 100), [w * rng.uniform(0.85, 1.15) for w in weights]
    )
    index = 0
    for number, contracts_here in enumerate(region.contracts_per_procedure, start=1):
        served = [h for g in hub_groups[index : index + contracts_here] for h in g]
        provinces = sorted({h.place.province_abbreviation for h in served})
        procedure = ProcedurePlan(
            code=f"{spec.procedure_prefix}-{region.prefix}-P{number}",
            title=(
                f"{spec.name}: servizi dei {spec.hub_word} (Hub & Spoke) in {region.name}, "
                f"province {', '.join(provinces)}"
            ),
            # Regions mostly co-design with the third sector (art. 55 CTS); InLav is an
            # agreement between Regione Lombardia and ANCI Lombardia.
            kind=ProcedureKind.AGREEMENT
            if anchor
            else rng.choices(
                [ProcedureKind.CO_DESIGN, ProcedureKind.OPEN, ProcedureKind.NEGOTIATED], [5, 3, 1]
            )[0],
            region=region.name,
            published_on=spec.starts_on + dt.timedelta(days=rng.randint(60, 330)),
        )
        plan.procedures.append(procedure)
        for lot in range(1, contracts_here + 1):
            group = groups[index]
            bodies = _plan_bodies(region, group, body_counts[index], draw)
            _assign_bodies(group, bodies, rng)
            if anchor:
                for node in group:
                    if node.kind == NodeKind.HUB:
                        node.bodies.append(anchor.tax_code)
            starts_on = procedure.published_on + dt.timedelta(days=rng.randint(120, 240))
            for node in group:
                # Spokes open a few weeks after their hub.
                late = 0 if node.kind == NodeKind.HUB else rng.randint(15, 90)
                node.active_from = starts_on + dt.timedelta(days=late)
            towns = [SHORT_NAMES.get(h.place.name, h.place.name) for h in hub_groups[index]]
            listed = " e ".join([", ".join(towns[:-1]), towns[-1]]) if len(towns) > 1 else towns[0]
            spokes = " con gli spoke collegati" if len(group) > len(towns) else ""
            plan.bodies.extend(bodies)
            plan.contracts.append(
                ContractPlan(
                    code=f"{procedure.code}-L{lot:02d}",
                    procedure=procedure.code,
                    title=f"Lotto {lot}: {spec.hub_word} di {listed}{spokes}",
                    amount=Decimal(cents[index]) / 100,
                    starts_on=starts_on,
                    ends_on=spec.ends_on,
                    nodes=[n.code for n in group],
                    bodies=[b.tax_code for b in bodies] + ([anchor.tax_code] if anchor else []),
                )
            )
            index += 1


def _plan_professionals(plan: ProgrammePlan, draw: _Draw, domains: dict[str, str]) -> None:
    """Every hub gets a lead (a manager while there are any) and a mediator; every spoke gets a
    mediator of its own or shares its hub's (or, with none, its lead); the rest join hubs
    three times as often as spokes, and some also work at a spoke of their hub or at the hub of
    their spoke. Area totals are exactly the programme's."""
    rng = draw.rng
    hubs = [n for n in plan.nodes if n.kind == NodeKind.HUB]
    spokes = [n for n in plan.nodes if n.kind == NodeKind.SPOKE]
    remaining = dict(plan.spec.professionals)
    origins = {r.name: r.origins for r in plan.spec.regions}
    hub_lead: dict[str, ProfessionalPlan] = {}
    hub_mediator: dict[str, ProfessionalPlan] = {}

    def take(area: str) -> bool:
        if remaining.get(area, 0) <= 0:
            return False
        remaining[area] -= 1
        return True

    def hire(area: str, node: NodePlan, lead: bool = False) -> ProfessionalPlan:
        mediator = area == ProfessionalArea.MEDIATION
        if mediator:
            names, weights = zip(*origins[node.region], strict=True)
            origin = ORIGINS[rng.choices(names, weights)[0]]
        else:
            origin = ORIGINS["italy"]
        given, family, female = draw.person(origin)
        titles, functions = JOBS[area]
        title = rng.choice(titles)[1 if female else 0]
        function = rng.choice(functions) if functions else ""
        # A hub's lead works for the hub's lead body; anyone else for one of the node's bodies.
        employer = node.bodies[0] if lead else rng.choice(node.bodies)
        languages: tuple[str, ...] = ("it", "en") if rng.random() < 0.6 else ("it",)
        if mediator:
            languages = ("it", *origin.languages)
            function = f"{'Mediatrice' if female else 'Mediatore'} ({origin.label})"
        if lead and area == ProfessionalArea.MANAGEMENT:
            title = "Coordinatrice di progetto" if female else "Coordinatore di progetto"
            function = f"{'Coordinatrice' if female else 'Coordinatore'} del {plan.spec.hub_word}"
        elif lead:
            function = f"Referente del {plan.spec.hub_word}"
        person = ProfessionalPlan(
            given_name=given,
            family_name=family,
            area=area,
            job_title=title,
            employer=employer,
            email=draw.email(given, family, domains[employer]),
            languages=languages,
            assignments=[(node.code, function)],
        )
        plan.professionals.append(person)
        return person

    def share(person: ProfessionalPlan, node: NodePlan) -> None:
        person.assignments.append((node.code, person.assignments[0][1]))

    for hub in hubs:
        lead_area = next((a for a in LEAD_AREAS if take(a)), None)
        if lead_area is not None:
            hub_lead[hub.code] = hire(lead_area, hub, lead=True)
    for hub in hubs:
        if take(ProfessionalArea.MEDIATION):
            hub_mediator[hub.code] = hire(ProfessionalArea.MEDIATION, hub)
    for spoke in rng.sample(spokes, len(spokes)):
        if take(ProfessionalArea.MEDIATION):
            hire(ProfessionalArea.MEDIATION, spoke)
        else:
            share(hub_mediator.get(spoke.parent_code) or hub_lead[spoke.parent_code], spoke)
    homes = [*hubs, *spokes]
    weights = [3 if n.kind == NodeKind.HUB else 1 for n in homes]
    for area, _total in plan.spec.professionals:
        while take(area):
            if area == ProfessionalArea.MANAGEMENT:
                home = rng.choice(hubs)  # administration sits at the hub
            else:
                home = rng.choices(homes, weights)[0]
            person = hire(area, home)
            if home.kind == NodeKind.HUB:
                own = [s for s in spokes if s.parent_code == home.code]
                if own and rng.random() < 0.2:
                    share(person, rng.choice(own))
            elif rng.random() < 0.3:
                share(person, next(h for h in hubs if h.code == home.parent_code))

    # A node's languages are its staff's, plus Italian and one or two common in the region.
    spoken: dict[str, set[str]] = {n.code: {"it"} for n in plan.nodes}
    for person in plan.professionals:
        for code, _function in person.assignments:
            spoken[code].update(person.languages)
    regional = {r.name: r.languages for r in plan.spec.regions}
    for node in plan.nodes:
        extra = rng.sample(regional[node.region], 2 if node.kind == NodeKind.HUB else 1)
        node.languages = sorted(spoken[node.code].union(extra))


def build_plan(
    spec: ProgrammeSpec, territory: Territory, seed: int, taken: Taken | None = None
) -> ProgrammePlan:
    """The whole demo network of one programme; the same seed gives an identical plan."""
    # One generator per programme, so a change to one programme does not reshuffle the other.
    draw = _Draw(random.Random(f"{seed}:{spec.code}"), taken or Taken())
    plan = ProgrammePlan(spec)
    anchor: BodyPlan | None = None
    if spec.anchor_body:
        region = spec.regions[0]
        place = territory.get(region.name, region.hubs[0][0])
        anchor = BodyPlan(
            tax_code=draw.tax_code(LegalForm.PUBLIC_BODY, place),
            name=spec.anchor_body,
            legal_form=LegalForm.PUBLIC_BODY,
            region=region.name,
            place=place,
            address=draw.street(150),
            domain=draw.domain(spec.anchor_body, place.name),
            phone=draw.phone(place),
        )
        plan.bodies.append(anchor)
    for region in spec.regions:
        nodes = _plan_nodes(spec, region, territory, draw)
        _plan_contracts(plan, region, nodes, draw, anchor)
        plan.nodes.extend(nodes)
    domains = {b.tax_code: b.domain for b in plan.bodies}
    for node in plan.nodes:
        node.email = f"{node.code.lower()}@{domains[node.bodies[0]]}"
        node.phone = draw.phone(node.place)
    _plan_professionals(plan, draw, domains)
    return plan


def build_plans(territory: Territory, seed: int = DEFAULT_SEED) -> list[ProgrammePlan]:
    """Every programme's plan, in order, sharing what is taken (bodies' tax codes are unique)."""
    taken = Taken()
    return [build_plan(spec, territory, seed, taken) for spec in PROGRAMMES]
