"""The sessions of the outreach demo: what each outing counted, gave and whom it met.

demo.py decides which nodes go where; this module writes one session after the other through
the real services (outreach.services), on the simulated clock of the demo cases, so every row
has its audit event at the time the story says it happened.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from approdo.accounts.models import User
from approdo.cases import referral_services as refs
from approdo.cases.demo_steps import SimulatedClock
from approdo.network.models import Language, Node, NodeKind, SpokeKind
from approdo.outreach import services as svc
from approdo.outreach.demo_places import (
    CANCEL_REASON,
    CONTACT_LANGUAGES,
    CONTACT_NEEDS,
    NICKNAMES,
    ONSPOT_NOTES,
    OTHER_TEAM,
    PHONE_PREFIX,
    SESSION_NOTES,
    VEHICLES,
    PlaceSpec,
)
from approdo.outreach.models import (
    AgeBand,
    AwarenessMaterial,
    OnSpotServiceKind,
    OutreachSession,
    Place,
    PlaceKind,
    SessionStatus,
    Sex,
)

BORGO_MEZZANONE = "PUG-S01"
MINORS_NOTE = "Presenti minorenni: segnalati al PSI e ai servizi sociali del Comune."
HEAT_MONTHS = (6, 7, 8, 9)


@dataclass
class Team:
    """Who goes out for a node, and who at its hub answers the referrals."""

    node: Node
    operator: User
    mediator: User | None = None
    acceptor: User | None = None  # a coordinator or case worker of the parent hub


@dataclass
class Visit:
    place: Place
    spec: PlaceSpec


@dataclass
class Tally:
    sessions: int = 0
    planned: int = 0
    cancelled: int = 0
    headcounts: int = 0
    people: int = 0
    first_contacts: int = 0
    accepted: int = 0
    by_node: Counter[str] = field(default_factory=Counter)


def at(clock: SimulatedClock, day: dt.date, hour: int, minute: int = 0) -> None:
    """Put the simulated clock at a moment of a day (never past the real now)."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
    clock.instant = min(moment, clock.real_now - dt.timedelta(minutes=90))


def _allocate(total: int, weights: list[tuple[str, int]]) -> list[tuple[str, int]]:
    whole = sum(w for _c, w in weights)
    counts = [(code, total * w // whole) for code, w in weights]
    short = total - sum(n for _c, n in counts)
    if counts:
        counts[0] = (counts[0][0], counts[0][1] + short)
    return [(code, n) for code, n in counts if n > 0]


def headcount_groups(
    spec: PlaceSpec, rng: random.Random, detailed: float
) -> tuple[dict[tuple[str, str, str], int], bool]:
    """Anonymous counts of one session by (sex, age band, nationality); True if minors.

    Nationality is asked only in some sessions (`detailed` is how often): when the team is
    busy it counts people by sex and age band only, as operators do.
    """
    total = rng.randint(*spec.met)
    pool = list(spec.nationalities)
    chosen: list[tuple[str, int]] = []
    for _n in range(min(len(pool), rng.randint(2, 3))):
        pick = rng.choices(pool, weights=[w for _c, w in pool])[0]
        pool.remove(pick)
        chosen.append(pick)
    if rng.random() >= detailed:
        chosen = [("", 1)]
    rows: Counter[tuple[str, str, str]] = Counter()
    for code, n in _allocate(total, chosen):
        women = sum(rng.random() < spec.women for _i in range(n))
        men = n - women
        young = round(men * rng.uniform(0.45, 0.65))
        rows[(Sex.MALE, AgeBand.FROM_18_TO_29, code)] += young
        rows[(Sex.MALE, AgeBand.FROM_30_TO_54, code)] += men - young
        band = AgeBand.FROM_18_TO_29 if rng.random() < 0.5 else AgeBand.FROM_30_TO_54
        rows[(Sex.FEMALE, band, code)] += women
    minors = rng.random() < 0.08  # rare, and always reported
    if minors:
        rows[(Sex.MALE, AgeBand.UNDER_18, chosen[0][0])] += rng.randint(1, 2)
    if rng.random() < 0.15:
        rows[(Sex.MALE, AgeBand.FROM_55, chosen[-1][0])] += rng.randint(1, 2)
    if rng.random() < 0.1:  # people who did not stop to answer
        rows[(Sex.UNKNOWN, AgeBand.UNKNOWN, "")] += rng.randint(2, 6)
    return {key: n for key, n in rows.items() if n > 0}, minors


class SessionWriter:
    """Writes done and planned sessions, their counts, services, handouts, first contacts."""

    def __init__(
        self,
        *,
        clock: SimulatedClock,
        rng: random.Random,
        today: dt.date,
        materials: list[AwarenessMaterial],
    ) -> None:
        self.clock, self.rng, self.today, self.materials = clock, rng, today, materials
        self.languages = {lang.code: lang for lang in Language.objects.all()}
        self.tally = Tally()
        self.nicknames = list(NICKNAMES)

    def _common(self, team: Team, visit: Visit) -> dict[str, object]:
        rng = self.rng
        mediator = team.mediator is not None and rng.random() < 0.7
        members = [team.operator] + ([team.mediator] if mediator and team.mediator else [])
        mobile = team.node.spoke_kind == SpokeKind.MOBILE_UNIT
        return {
            "team": members,
            "languages": [self.languages[c] for c in visit.spec.languages[:3]],
            "with_mediator": mediator or rng.random() < 0.3,
            "vehicle": rng.choice(VEHICLES[:2]) if mobile else "",
            "other_team": rng.choice(OTHER_TEAM),
        }

    def _times(self, spec: PlaceSpec) -> tuple[dt.time, dt.time]:
        h1, m1, h2, m2 = spec.hours
        return dt.time(h1, m1), dt.time(h2, m2)

    def done(self, team: Team, visit: Visit, day: dt.date) -> OutreachSession:
        rng, actor = self.rng, team.operator
        starts, ends = self._times(visit.spec)
        at(self.clock, day, ends.hour, 20)
        detailed = 0.6 if team.node.code == BORGO_MEZZANONE else 0.35
        groups, minors = headcount_groups(visit.spec, rng, detailed)
        notes = MINORS_NOTE if minors else rng.choice(SESSION_NOTES)
        session = svc.session_save(
            actor=actor,
            node=team.node,
            place=visit.place,
            date=day,
            starts_at=starts,
            ends_at=ends,
            status=SessionStatus.DONE,
            notes=notes,
            **self._common(team, visit),  # type: ignore[arg-type]
        )
        for (sex, band, nationality), count in groups.items():
            svc.headcount_set(
                actor=actor,
                session=session,
                sex=sex,
                age_band=band,
                nationality=nationality,
                count=count,
            )
        total = sum(groups.values())
        self._services(actor, session, total)
        self._handouts(actor, session, visit, total)
        self.tally.sessions += 1
        self.tally.headcounts += len(groups)
        self.tally.people += total
        self.tally.by_node[team.node.code] += 1
        return session

    def _services(self, actor: User, session: OutreachSession, total: int) -> None:
        rng = self.rng
        given = {OnSpotServiceKind.INFORMATION: max(1, round(total * rng.uniform(0.6, 0.9)))}
        if session.with_mediator and rng.random() < 0.5:
            given[OnSpotServiceKind.MEDIATION] = max(1, round(total * rng.uniform(0.3, 0.6)))
        extra = rng.random()
        if extra < 0.3:
            given[OnSpotServiceKind.HEALTH] = rng.randint(2, 8)
        elif extra < 0.5:
            given[OnSpotServiceKind.LEGAL] = rng.randint(1, 6)
        elif extra < 0.7:
            given[OnSpotServiceKind.MATERIAL] = rng.randint(5, 20)
        for kind, people in given.items():
            svc.onspot_service_set(
                actor=actor,
                session=session,
                kind=kind,
                people=min(people, total),
                note=ONSPOT_NOTES.get(kind, ""),
            )

    def _handouts(self, actor: User, session: OutreachSession, visit: Visit, total: int) -> None:
        """The helpdesk card always; a leaflet, a seasonal kit or a booklet now and then."""
        rng, materials = self.rng, self.materials
        wanted = [(materials[1], total)]
        roll = rng.random()
        if session.date.month in HEAT_MONTHS and roll < 0.5:
            wanted.append((materials[4], rng.randint(10, 30)))
        elif visit.spec.kind == PlaceKind.FIELD and roll < 0.5:
            wanted.append((materials[2], rng.randint(5, 15)))
        elif roll < 0.3:
            wanted.append((materials[3], rng.randint(10, 25)))
        elif roll < 0.6:
            wanted.append((materials[0], total))
        for material, quantity in wanted:
            svc.handout_set(
                actor=actor,
                session=session,
                material=material,
                quantity=max(5, quantity + rng.randint(-5, 10)),
            )

    def planned(self, team: Team, visit: Visit, day: dt.date) -> OutreachSession:
        """A session in the calendar, planned a few days ago."""
        starts, ends = self._times(visit.spec)
        at(self.clock, self.today - dt.timedelta(days=self.rng.randint(2, 6)), 15)
        session = svc.session_save(
            actor=team.operator,
            node=team.node,
            place=visit.place,
            date=day,
            starts_at=starts,
            ends_at=ends,
            status=SessionStatus.PLANNED,
            **self._common(team, visit),  # type: ignore[arg-type]
        )
        self.tally.planned += 1
        return session

    def cancel(self, team: Team, session: OutreachSession) -> None:
        at(self.clock, self.today - dt.timedelta(days=1), 10)
        svc.session_cancel(
            actor=team.operator,
            session=session,
            reason=CANCEL_REASON,
            expected_version=session.version,
        )
        self.tally.cancelled += 1

    def first_contact(self, team: Team, session: OutreachSession, accept: bool) -> None:
        """A person met by name: a case and a referral at the hub, accepted or still waiting."""
        rng = self.rng
        end = session.ends_at or session.starts_at
        at(self.clock, session.date, end.hour, 40)
        name = self.nicknames.pop(0) if self.nicknames else f"Contatto {rng.randint(10, 99)}"
        phone = f"{PHONE_PREFIX}{rng.randrange(10_000):04d}" if rng.random() < 0.6 else ""
        contact = svc.first_contact_record(
            actor=team.operator,
            session=session,
            name=name,
            phone=phone,
            language=self.languages.get(rng.choice(CONTACT_LANGUAGES)),
            needs=rng.choice(CONTACT_NEEDS),
            with_mediator=session.with_mediator,
        )
        self.tally.first_contacts += 1
        referral = contact.referral
        if not accept or referral is None or team.acceptor is None:
            return
        if team.node.kind != NodeKind.SPOKE:
            return
        answer = min(session.date + dt.timedelta(days=rng.randint(1, 2)), self.today)
        at(self.clock, answer, rng.randint(9, 12), rng.randint(0, 59))
        refs.referral_accept(actor=team.acceptor, referral=referral)
        self.tally.accepted += 1
