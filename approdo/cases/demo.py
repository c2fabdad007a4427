"""Synthetic cases for the demo network: about three hundred invented cases in every stage.

`load_demo_cases` runs after the demo people (network.demo.load_demo). Every case is written by
the real services (cases, referrals, screening, plans, interventions) acting as the right
professional, so timelines, audit rows, versions and the permission and consent rules are the
ones users meet.

Simulated clock: for the length of the load only, `django.utils.timezone.now` is patched
(demo_steps.simulated_time) with a clock set to each step's day. The services' own date checks
(no due date in the past, no plan approved before it started...) then hold, and the history
looks realistic: a case opened five months ago has its screening, a plan approved weeks later
and reviews every eight weeks; the reviews, referrals and tasks that are due today are really
due today. So the audit rows the demo writes (and its timeline lines and created_at /
updated_at stamps) carry backdated times: they say when the step happened in the story, not
when it was written; only the final `cases.demo.loaded` row has the real time of the load.

Modules: demo_texts.py holds the invented texts and data tables, demo_plan.py the planning
(which cases, who works on them), demo_steps.py the clock and the steps of one case; this
module creates the staff, writes the planned cases and loads everything.

Deterministic for a seed and a date (random.Random(seed), rows read in primary-key order).
Idempotent: cases opened by the demo accounts or the demo staff mean the load already ran.
Everything is invented. The staff users created here (`staff.<node>.<n>`) take the names of
the professionals of the demo network's teams and have no usable password.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from approdo.accounts.demo import DEMO_ACCOUNTS, EMAIL_DOMAIN, VALID_FROM
from approdo.accounts.models import Membership, User
from approdo.accounts.roles import Role
from approdo.audit.services import record
from approdo.cases import referral_services as refs
from approdo.cases import services as cs
from approdo.cases import transfer_services
from approdo.cases.demo_plan import (
    BORGO_MEZZANONE,
    FOGGIA,
    NICKNAME_SPOKES,
    Actors,
    CaseSpec,
    people_by_hub,
    plan_cases,
)
from approdo.cases.demo_steps import CaseSteps, SimulatedClock, simulated_time
from approdo.cases.demo_texts import (
    CLOSURE_NOTES,
    DECLINE_REASON,
    EXTERNAL_SERVICES,
    FIRST_NOTES,
    HANDOVERS,
    HUB_REFERRAL,
    PUGLIA_EXTRA,
    REGION_PROVINCE,
    SPOKE_REFERRAL,
    SUSPEND_NOTES,
    TASKS,
)
from approdo.cases.models import Case, ExternalService, Sensitivity, TeamRole
from approdo.cases.stages import Stage
from approdo.interventions import services as iv
from approdo.interventions.catalogue import ensure_service_types
from approdo.interventions.models import ServiceType
from approdo.network.demo_data import DEFAULT_SEED, INLAV, SUPREME2
from approdo.network.models import Node, NodeKind, Region, ServiceArea, TeamAssignment
from approdo.people.models import Person
from approdo.plans.models import PlanVersion
from approdo.screening.models import Indicator, VulnerabilityFactor
from approdo.screening.reference import seed_reference

TARGET_CASES = 300
STAFF_PREFIX = "staff."


@dataclass(frozen=True)
class DemoCasesResult:
    created: int
    by_stage: dict[str, int] = field(default_factory=dict)
    referrals: int = 0
    transfers: int = 0
    staff: int = 0
    already_present: bool = False
    skipped: bool = False


def demo_usernames() -> list[str]:
    return [spec.username for spec in DEMO_ACCOUNTS if spec.username]


def demo_cases_exist() -> bool:
    return Case.objects.filter(
        Q(opened_by__username__in=demo_usernames())
        | Q(opened_by__username__startswith=STAFF_PREFIX)
    ).exists()


# --- staff and local services ---------------------------------------------------------------
def _staff_user(username: str, names: tuple[str, str], role: str, node: Node) -> User:
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": names[0],
            "last_name": names[1],
            "email": f"{username}@{EMAIL_DOMAIN}",
            "password": make_password(None),  # unusable: nobody logs in as demo staff
            "preferred_language": "it",
        },
    )
    Membership.objects.get_or_create(
        user=user, role=role, node=node, defaults={"valid_from": VALID_FROM}
    )
    return user


def _names(node: Node, area: str, rng: random.Random) -> tuple[str, str]:
    """A professional of the node's team in the network registry, else invented."""
    row = (
        TeamAssignment.objects.filter(node=node, professional__area=area)
        .order_by("pk")
        .values_list("professional__given_name", "professional__family_name")
        .first()
    )
    if row is not None:
        return row[0], row[1]
    first = ("Antonio", "Francesca", "Giuseppe", "Maria", "Luca", "Chiara", "Rosa", "Marco")
    last = ("Russo", "Ferrara", "Greco", "Marino", "De Luca", "Caruso", "Gallo", "Parisi")
    return rng.choice(first), rng.choice(last)


def _ensure_staff(hubs: list[Node], rng: random.Random) -> dict[str, Actors]:
    """Every hub with cases gets a case worker and a coordinator; the demo accounts join."""
    demo = {u.username: u for u in User.objects.filter(username__in=demo_usernames())}
    actors: dict[str, Actors] = {}
    for hub in hubs:
        prefix = f"{STAFF_PREFIX}{hub.code.lower()}"
        if hub.code == FOGGIA:
            team = Actors(hub, demo["assistente.foggia"], demo["coordinatore.foggia"])
            team.mediator = _staff_user(
                f"{prefix}.1", _names(hub, "mediation", rng), Role.MEDIATOR, hub
            )
        else:
            worker = _staff_user(
                f"{prefix}.1", _names(hub, "social_work", rng), Role.CASE_WORKER, hub
            )
            coordinator = _staff_user(
                f"{prefix}.2", _names(hub, "management", rng), Role.HUB_COORDINATOR, hub
            )
            team = Actors(hub, worker, coordinator)
        for spec in DEMO_ACCOUNTS:
            user = demo.get(spec.username)
            if spec.node != hub.code or user is None:
                continue
            if spec.role == Role.MEDIATOR:
                team.mediator = user
            elif spec.role == Role.LEGAL_ADVISOR:
                team.legal = user
            elif spec.role == Role.CARE_PROFESSIONAL:
                team.psychologist = user
        actors[hub.code] = team
    spokes = Node.objects.filter(code__in=NICKNAME_SPOKES).select_related("parent_hub")
    for spoke in spokes.order_by("code"):
        hub_code = spoke.parent_hub.code if spoke.parent_hub else ""
        if hub_code in actors:
            actors[hub_code].spoke_operators[spoke.code] = _staff_user(
                f"{STAFF_PREFIX}{spoke.code.lower()}.1",
                _names(spoke, "social_work", rng),
                Role.SPOKE_OPERATOR,
                spoke,
            )
    borgo = demo.get("operatore.borgomezzanone")
    if borgo is not None and FOGGIA in actors:
        actors[FOGGIA].spoke_operators[BORGO_MEZZANONE] = borgo
    return actors


def _ensure_external_services() -> dict[int, list[ExternalService]]:
    """Six or eight invented local services per region, by region id."""
    by_region: dict[int, list[ExternalService]] = {}
    for region in Region.objects.filter(name__in=list(REGION_PROVINCE)).order_by("name"):
        entries = [(k, p.format(p=REGION_PROVINCE[region.name])) for k, p in EXTERNAL_SERVICES]
        if region.name == "Puglia":
            entries += list(PUGLIA_EXTRA)
        rows = []
        for number, (kind, name) in enumerate(entries, start=1):
            row, _created = ExternalService.objects.get_or_create(
                region=region,
                name=name,
                defaults={
                    "kind": kind,
                    "address": f"Via della Repubblica {number * 7} (indirizzo di prova)",
                    "email": f"servizio{number}.{region.slug}@{EMAIL_DOMAIN}",
                    "contact_person": "Referente dello sportello",
                    "notes": "Servizio inventato per la demo.",
                },
            )
            rows.append(row)
        by_region[region.pk] = rows
    return by_region


# --- writing, through the services ----------------------------------------------------------
class Runner(CaseSteps):
    """Writes one planned case after the other, each step as the professional who does it."""

    def run(self, s: CaseSpec) -> None:
        rng = self.rng
        limit = s.end_on
        move_day: dt.date | None = None
        if s.transfer_to is not None:
            back = rng.randint(20, 60) if s.transfer_accepted else rng.randint(1, 5)
            move_day = limit = self.today - dt.timedelta(days=back)
        elif s.refer_to is not None:
            limit = self.today - dt.timedelta(days=rng.randint(1, 4))
        case = self._open(s)
        if s.referral and not self._spoke_referral(case, s):
            return
        manager = s.manager
        members = self._team(case, s, manager)
        if s.person is not None and case.person_id is None:
            cs.case_link_person(actor=manager, case=case, person=s.person)
        version: PlanVersion | None = None
        areas: list[str] = []
        if s.reach != Stage.FIRST_CONTACT:
            version, areas = self._progress(case, s, manager, members, limit)
        if move_day is not None:
            new_manager = self._transfer(case, s, move_day)
            if new_manager is not None:
                manager = new_manager
                members = self._team(case, s, manager, team=s.transfer_to)
                self._work(case, s, manager, members, version, areas, self.today, 1)
        if s.refer_to is not None:
            self.clock.on(limit)
            refs.referral_send(
                actor=manager,
                case=case,
                to_node=s.refer_to.hub,
                area=self.areas.get("legal"),
                reason=HUB_REFERRAL,
                shared_fields=self._fields(case, to_node=s.refer_to.hub),
            )
            self.referrals += 1
        self._end(case, s, manager, members)

    def _open(self, s: CaseSpec) -> Case:
        rng = self.rng
        day = self.clock.on(s.opened_on, hour=rng.randint(8, 11))
        contact: dict[str, object] = {}
        if s.person is None:
            contact = {
                "contact_name": s.nickname,
                "contact_phone": f"+393990{rng.randrange(1_000_000):06d}"
                if rng.random() < 0.6
                else "",
                "contact_language": self.languages.get(s.nick_language),
                "contact_place": s.place,
                "contact_with_mediator": rng.random() < 0.6,
                "contact_needs": s.needs,
            }
        case = cs.case_open(
            actor=s.opener,
            origin_node=s.origin,
            access_channel=s.channel,
            person=s.person,
            hub=s.team.hub,
            internal_source=s.internal_source,
            external_body_kind=s.external_kind,
            external_body_name=s.external_name,
            opened_on=day,
            team_role=TeamRole.CASE_MANAGER if s.opener is s.manager else "",
            **contact,  # type: ignore[arg-type]
        )
        self.case_ids.append(case.pk)
        text = rng.choice(FIRST_NOTES) if s.person is not None else s.needs
        cs.note_add(actor=s.opener, case=case, text=text, sensitivity=Sensitivity.NORMAL)
        return case

    def _spoke_referral(self, case: Case, s: CaseSpec) -> bool:
        """The spoke sends the first contact to its hub; True once the hub has accepted."""
        hub = s.team.hub
        referral = refs.referral_send(
            actor=s.opener,
            case=case,
            to_node=hub,
            reason=SPOKE_REFERRAL,
            shared_fields=self._fields(case, to_node=hub),
        )
        self.referrals += 1
        if s.referral == "pending":
            return False
        self._at(s.opened_on, self.rng.randint(1, 3), max(s.end_on, s.opened_on))
        if s.referral == "declined":
            refs.referral_decline(actor=s.manager, referral=referral, reason=DECLINE_REASON)
            return False
        refs.referral_accept(actor=s.manager, referral=referral)
        case.refresh_from_db()
        return True

    def _team(
        self, case: Case, s: CaseSpec, manager: User, team: Actors | None = None
    ) -> dict[str, User]:
        """The hub's équipe joins the case; the members by role."""
        team = team or s.team
        wanted: list[tuple[User, str]] = []
        if team.hub.code == FOGGIA and s.with_colleague:
            other = team.worker if manager is team.coordinator else team.coordinator
            wanted.append((other, TeamRole.SOCIAL_WORKER))
        if s.reach != Stage.FIRST_CONTACT:
            if team.mediator is not None and self._needs_mediator(s):
                wanted.append((team.mediator, TeamRole.MEDIATOR))
            if team.legal is not None and self.rng.random() < 0.8:
                wanted.append((team.legal, TeamRole.LEGAL))
            if team.psychologist is not None and self.rng.random() < 0.8:
                wanted.append((team.psychologist, TeamRole.PSYCHOLOGIST))
        members = {TeamRole.CASE_MANAGER.value: manager}
        for user, role in wanted:
            if user is not manager:
                cs.team_add(actor=manager, case=case, user=user, role=role)
                members[role] = user
        return members

    def _transfer(self, case: Case, s: CaseSpec, move_day: dt.date) -> User | None:
        """Propose the hand-over; when accepted, the new hub's manager takes the case."""
        assert s.transfer_to is not None
        self.clock.on(move_day)
        transfer = transfer_services.transfer_propose(
            actor=s.manager,
            case=case,
            to_hub=s.transfer_to.hub,
            handover=self.rng.choice(HANDOVERS),
        )
        self.transfers += 1
        if not s.transfer_accepted:
            return None
        self._at(move_day, self.rng.randint(1, 3), self.today)
        manager = s.transfer_to.next_manager()
        transfer_services.transfer_accept(actor=manager, transfer=transfer)
        case.refresh_from_db()
        cs.note_add(
            actor=manager,
            case=case,
            text="Ricevuta per trasferimento: primo colloquio al nuovo PSI, confermati con la "
            "persona gli obiettivi del PAI.",
            sensitivity=Sensitivity.NORMAL,
        )
        return manager

    def _end(self, case: Case, s: CaseSpec, manager: User, members: dict[str, User]) -> None:
        """Close or suspend the case, or leave it open with tasks and an appointment ahead."""
        rng = self.rng
        if not case.is_open:
            return
        if s.stage == Stage.CLOSED:
            self.clock.on(s.end_on, hour=16)
            cs.case_close(
                actor=manager,
                case=case,
                outcome=s.outcome,
                note=rng.choice(CLOSURE_NOTES[s.outcome]),
                expected_version=case.version,
                closed_on=self.clock.day,
            )
            return
        if s.stage == Stage.SUSPENDED:
            self.clock.on(s.end_on, hour=16)
            self._move(case, manager, Stage.SUSPENDED, note=rng.choice(SUSPEND_NOTES))
        if s.transfer_to is not None and not s.transfer_accepted:
            return
        if not s.with_colleague:
            self.solo_case = case
        self.clock.on(self.today, hour=8)
        assignees = list(dict.fromkeys(members.values()))
        for _n in range(rng.randint(1, 3) if s.reach != Stage.FIRST_CONTACT else 1):
            roll = rng.random()
            if roll < 0.3:
                due = self.today - dt.timedelta(days=rng.randint(1, 12))
            elif roll < 0.7:
                due = self.today + dt.timedelta(days=rng.randint(0, 7))
            else:
                due = self.today + dt.timedelta(days=rng.randint(8, 30))
            cs.task_add(
                actor=manager,
                case=case,
                title=rng.choice(TASKS),
                assignee=rng.choice(assignees),
                due_on=due,
                remind_on=due - dt.timedelta(days=2) if rng.random() < 0.5 else None,
            )
        if s.reach != Stage.FIRST_CONTACT and s.stage != Stage.SUSPENDED and rng.random() < 0.6:
            day = self.today + dt.timedelta(days=rng.randint(1, 12))
            starts = timezone.make_aware(
                dt.datetime.combine(day, dt.time(rng.choice((9, 10, 11, 15, 16)), 0))
            )
            remind: dt.datetime | None = max(
                starts - dt.timedelta(days=1), self.clock.real_now + dt.timedelta(hours=1)
            )
            if remind is not None and remind >= starts:
                remind = None
            iv.appointment_schedule(
                actor=manager,
                case=case,
                starts_at=starts,
                remind_at=remind,
                **self._appointment_args(s),  # type: ignore[arg-type]
            )

    def finish(self, foggia: Actors | None) -> None:
        """Foggia's coordinator finds an emergency access to acknowledge, and an old one seen."""
        case = self.solo_case
        if foggia is None or case is None:
            return
        self.clock.reset()
        self.clock.on(self.today - dt.timedelta(days=20), hour=20)
        old = cs.break_glass_open(
            actor=foggia.worker,
            case=case,
            justification="La persona ha chiamato la sera in forte agitazione e il case "
            "manager non era raggiungibile: servivano i contatti e il piano concordato.",
        )
        self.clock.on(self.today - dt.timedelta(days=19), hour=9)
        cs.break_glass_review(actor=foggia.coordinator, row=old)
        self.clock.on(self.today, hour=22)
        cs.break_glass_open(
            actor=foggia.worker,
            case=case,
            justification="Accompagnamento urgente al pronto soccorso: serve verificare "
            "allergie e contatti di emergenza annotati nel caso.",
        )


# --- loading --------------------------------------------------------------------------------
@transaction.atomic
def load_demo_cases(
    *, seed: int = DEFAULT_SEED, today: dt.date | None = None, total: int = TARGET_CASES
) -> DemoCasesResult:
    """Write the demo cases once; needs the demo network, the demo accounts and people."""
    if not User.objects.filter(username="coordinatore.foggia").exists():
        return DemoCasesResult(0, skipped=True)
    if not Person.objects.exists():
        return DemoCasesResult(0, skipped=True)
    if demo_cases_exist():
        return DemoCasesResult(0, already_present=True)
    real_now = timezone.now()
    today = today or timezone.localdate(real_now)
    rng = random.Random(seed)
    ensure_service_types({"ServiceType": ServiceType, "ServiceArea": ServiceArea})
    seed_reference(Indicator, VulnerabilityFactor, using="default")
    externals = _ensure_external_services()
    hubs = list(
        Node.objects.filter(programme__code__in=[SUPREME2, INLAV], kind=NodeKind.HUB)
        .select_related("region")
        .order_by("code")
    )
    people = people_by_hub(hubs)
    hubs = [h for h in hubs if people[h.code] or h.code == FOGGIA]
    actors = _ensure_staff(hubs, rng)
    specs = plan_cases(actors, people, rng=rng, today=today, total=total)
    clock = SimulatedClock(real_now)
    runner = Runner(clock=clock, rng=rng, today=today, externals=externals)
    with simulated_time(clock):
        for spec in specs:
            clock.reset()
            runner.run(spec)
        runner.finish(actors.get(FOGGIA))
    stages = Counter(Case.objects.filter(pk__in=runner.case_ids).values_list("stage", flat=True))
    result = DemoCasesResult(
        created=len(runner.case_ids),
        by_stage={stage: stages.get(stage, 0) for stage in Stage.values},
        referrals=runner.referrals,
        transfers=runner.transfers,
        staff=User.objects.filter(username__startswith=STAFF_PREFIX).count(),
    )
    record(
        actor=None,
        action="cases.demo.loaded",
        data={"seed": seed, "cases": result.created, "stages": result.by_stage},
    )
    return result
