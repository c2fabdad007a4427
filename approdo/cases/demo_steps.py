"""The steps a demo case goes through, written by the real services on a simulated clock.

See demo.py: SimulatedClock stands in for django.utils.timezone.now while the demo loads.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone

from approdo.accounts.models import User
from approdo.cases import referral_services as refs
from approdo.cases import services as cs
from approdo.cases.demo_plan import FOGGIA, CaseSpec, pick
from approdo.cases.demo_texts import (
    APPOINTMENTS,
    ASSESSMENT_NOTES,
    EXTERNAL_REFERRALS,
    GOAL_WEIGHTS,
    GOALS,
    INDICATORS,
    LEGAL_NOTES,
    REVIEW_NOTES,
    SOURCES,
    TEAM_NOTES,
    VULNERABILITIES,
)
from approdo.cases.models import Case, ExternalService, Sensitivity, TeamRole
from approdo.cases.stages import Stage
from approdo.interventions import services as iv
from approdo.interventions.models import AppointmentStatus, Place, ServiceType
from approdo.network.models import Language, Node, NodeKind, ServiceArea
from approdo.people.models import LanguageLevel, PersonLanguage
from approdo.plans import services as ps
from approdo.plans.models import (
    Action,
    ActionStatus,
    AgreementKind,
    PlanArea,
    PlanVersion,
    ReviewKind,
)
from approdo.screening.services import screening_record


# --- simulated clock ------------------------------------------------------------------------
class SimulatedClock:
    """Stands in for timezone.now: each call moves a few seconds on from the step's start."""

    def __init__(self, real_now: dt.datetime) -> None:
        self.real_now = real_now
        self.instant = real_now

    def __call__(self) -> dt.datetime:
        self.instant += dt.timedelta(seconds=4)
        return self.instant

    def reset(self) -> None:
        self.instant = self.real_now - dt.timedelta(days=3650)

    def on(self, day: dt.date, hour: int = 9) -> dt.date:
        """Move to `day` (never back within a case, never past the real now); the day."""
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))
        start = min(start, self.real_now - dt.timedelta(minutes=90))
        self.instant = max(self.instant, start)
        return self.day

    @property
    def day(self) -> dt.date:
        return timezone.localdate(self.instant)


@contextmanager
def simulated_time(clock: SimulatedClock) -> Iterator[None]:
    with mock.patch.object(timezone, "now", clock):
        yield


class CaseSteps:
    """Screening, plan, services, reviews, referrals and appointments of one planned case."""

    def __init__(
        self,
        *,
        clock: SimulatedClock,
        rng: random.Random,
        today: dt.date,
        externals: dict[int, list[ExternalService]],
    ) -> None:
        self.clock, self.rng, self.today, self.externals = clock, rng, today, externals
        self.case_ids: list[int] = []
        self.referrals = 0
        self.transfers = 0
        self.solo_case: Case | None = None
        self.foggia_id = Node.objects.filter(code=FOGGIA).values_list("pk", flat=True).first()
        self.service_types = {t.code: t for t in ServiceType.objects.all()}
        self.areas = {a.code: a for a in ServiceArea.objects.all()}
        self.languages = {lang.code: lang for lang in Language.objects.all()}
        native = PersonLanguage.objects.filter(level=LanguageLevel.NATIVE)
        self.native = dict(native.values_list("person_id", "language__code"))

    def _at(self, base: dt.date, days: int, limit: dt.date) -> dt.date:
        return self.clock.on(min(base + dt.timedelta(days=days), limit))

    def _language(self, s: CaseSpec) -> Language | None:
        code = self.native.get(s.person.pk, "") if s.person is not None else s.nick_language
        return self.languages.get(code)

    def _needs_mediator(self, s: CaseSpec) -> bool:
        return s.person.needs_mediator if s.person is not None else True

    def _move(self, case: Case, actor: User, stage: str, note: str = "") -> None:
        cs.case_move(
            actor=actor, case=case, to_stage=stage, expected_version=case.version, note=note
        )

    def _fields(
        self, case: Case, *, to_node: Node | None = None, to_external: ExternalService | None = None
    ) -> list[str]:
        """What consent allows to share, of what this referral needs."""
        allowed = refs.allowed_fields(case, to_node=to_node, to_external=to_external)
        wanted = ["name", "birth_date", "nationality", "languages", "documents", "needs"]
        if to_node is not None:
            wanted += ["phone", "place", "priority"]
        return [name for name in refs.SHAREABLE_FIELDS if name in allowed and name in wanted]

    def _progress(
        self, case: Case, s: CaseSpec, manager: User, members: dict[str, User], limit: dt.date
    ) -> tuple[PlanVersion | None, list[str]]:
        """Screening, taking charge and the plan, up to the stage the case reaches."""
        rng = self.rng
        day = self._at(s.opened_on, rng.randint(1, 6), limit)
        self._move(case, manager, Stage.SCREENING)
        self._screen(case, s, manager, complete=s.reach != Stage.SCREENING or rng.random() < 0.4)
        self._service(case, s, "welcome_interview", day, manager, members)
        if s.reach == Stage.SCREENING:
            return None, []
        day = self._at(day, rng.randint(3, 12), limit)
        self._move(case, manager, Stage.TAKEN_IN_CHARGE)
        cs.note_add(
            actor=manager,
            case=case,
            text=rng.choice(ASSESSMENT_NOTES),
            sensitivity=Sensitivity.NORMAL,
        )
        for role, notes, sensitivity in (
            (TeamRole.LEGAL, LEGAL_NOTES, Sensitivity.LEGAL),
            (TeamRole.PSYCHOLOGIST, TEAM_NOTES, Sensitivity.TEAM),
        ):
            if role in members:
                cs.note_add(
                    actor=members[role], case=case, text=rng.choice(notes), sensitivity=sensitivity
                )
        version: PlanVersion | None = None
        areas: list[str] = []
        roll = rng.random()
        if s.reach == Stage.PLAN_ACTIVE or roll < 0.55:
            day = self._at(day, rng.randint(3, 12), limit)
            version, areas = self._plan(case, s, manager, members)
            if s.reach == Stage.PLAN_ACTIVE or roll < 0.25:
                day = self._at(day, rng.randint(2, 7), limit)
                kind = (
                    AgreementKind.VERBAL_MEDIATOR
                    if self._needs_mediator(s)
                    else rng.choice(
                        (AgreementKind.SIGNED, AgreementKind.SIGNED, AgreementKind.VERBAL)
                    )
                )
                ps.agreement_record(
                    actor=manager,
                    version=version,
                    agreed_on=self.clock.day,
                    kind=kind,
                    note="PAI letto e spiegato alla persona nella sua lingua.",
                )
                version = ps.plan_submit(actor=manager, version=version)
            if s.reach == Stage.PLAN_ACTIVE:
                self._at(day, rng.randint(1, 4), limit)
                version = ps.plan_approve(actor=s.team.coordinator, version=version)
                case.refresh_from_db()
        services = rng.randint(2, 5) if version is not None else rng.randint(1, 2)
        self._work(case, s, manager, members, version, areas, limit, services)
        return version, areas

    def _screen(self, case: Case, s: CaseSpec, actor: User, *, complete: bool) -> None:
        rng = self.rng
        answers: dict[str, tuple[str, str, str]] = {}
        # What was observed, and some of what was asked and not observed (or not known).
        for code, (odds, note) in INDICATORS.items():
            roll = rng.random()
            if roll < odds:
                answers[code] = ("observed", pick(rng, SOURCES), note)
            elif rng.random() < 0.3:
                answers[code] = ("unknown" if roll < odds + 0.15 else "not_observed", "", "")
        vulnerabilities: dict[str, str] = {}
        for code, odds in VULNERABILITIES.items():
            if rng.random() < odds:
                vulnerabilities[code] = "present"
            elif rng.random() < 0.3:
                vulnerabilities[code] = rng.choice(("absent", "absent", "unknown"))
        language = self._language(s)
        urgency = pick(rng, (("low", 70), ("medium", 25), ("high", 5)))
        screening_record(
            actor=actor,
            case=case,
            answers=answers,
            vulnerabilities=vulnerabilities,
            held_on=self.clock.day,
            with_mediator=self._needs_mediator(s) and language is not None,
            language=language,
            urgency_level=urgency,
            urgency_note="" if urgency == "low" else "Rischia di perdere il posto letto.",
            complete=complete,
        )

    def _plan(
        self, case: Case, s: CaseSpec, manager: User, members: dict[str, User]
    ) -> tuple[PlanVersion, list[str]]:
        rng = self.rng
        start = self.clock.day
        version = ps.plan_start(actor=manager, case=case, started_on=start)
        areas: list[str] = []
        count = rng.choice((2, 2, 3, 3, 4))
        while len(areas) < count:
            area = pick(rng, GOAL_WEIGHTS)
            if area not in areas:
                areas.append(area)
        for area in areas:
            title, actions, _types = GOALS[area]
            goal = ps.goal_add(
                actor=manager,
                version=version,
                area=area,
                title=title,
                target_on=start + dt.timedelta(days=rng.randint(60, 180)),
            )
            responsible = (
                members.get(TeamRole.LEGAL, manager) if area == PlanArea.LEGAL else manager
            )
            for text in actions[: 2 if rng.random() < 0.35 else 1]:
                ps.action_add(
                    actor=manager,
                    goal=goal,
                    description=text,
                    responsible=responsible,
                    due_on=start + dt.timedelta(days=rng.randint(10, 120)),
                )
        return version, areas

    def _service(
        self,
        case: Case,
        s: CaseSpec,
        code: str,
        day: dt.date,
        actor: User,
        members: dict[str, User],
    ) -> None:
        rng = self.rng
        language = self._language(s)
        mediated = self._needs_mediator(s) and language is not None and rng.random() < 0.85
        mediator = members.get(TeamRole.MEDIATOR) if mediated else None
        place: str = pick(rng, ((Place.HUB, 70), (Place.REMOTE, 15), (Place.OUTREACH, 15)))
        if s.origin.kind == NodeKind.SPOKE:
            place = rng.choice((Place.SPOKE, Place.OUTREACH, Place.HUB))
        iv.service_log(
            actor=actor,
            case=case,
            service_type=self.service_types[code],
            date=day,
            duration_minutes=rng.choice((20, 30, 45, 60, 90, 120)),
            place=place,
            with_mediator=mediated,
            language=language if mediated else None,
            mediator=mediator,
        )

    def _work(
        self,
        case: Case,
        s: CaseSpec,
        manager: User,
        members: dict[str, User],
        version: PlanVersion | None,
        areas: list[str],
        limit: dt.date,
        services: int,
    ) -> None:
        """Services, plan reviews, referrals to local services and appointments, by date."""
        rng = self.rng
        start = self.clock.day
        span = max((limit - start).days, 0)
        events: list[tuple[dt.date, int, str]] = [
            (start + dt.timedelta(days=rng.randint(0, span)), 2, "service")
            for _n in range(services)
        ]
        if version is not None:
            version.refresh_from_db()
        if version is not None and version.next_review_on is not None:
            day, due = version.next_review_on, []
            while day <= limit:
                due.append(day)
                day += dt.timedelta(weeks=version.review_every_weeks)
            # Some teams are late with the last review: it shows as overdue.
            if due and rng.random() < (0.6 if case.hub_id == self.foggia_id else 0.3):
                due.pop()
            # The last two reviews are on record (older ones would only repeat them).
            events += [(day, 1, "review") for day in due[-2:]]
        if version is not None and span > 12 and rng.random() < 0.4:
            events.append((start + dt.timedelta(days=rng.randint(0, span - 10)), 3, "external"))
        if version is not None and span > 10 and rng.random() < 0.4:
            events.append((start + dt.timedelta(days=rng.randint(0, span - 8)), 4, "appointment"))
        codes = ["social_secretariat", "service_orientation", "material_kit"]
        for area in areas:
            codes += GOALS[area][2]
        for day, _order, kind in sorted(events):
            day = self.clock.on(day)
            if kind == "service":
                actor = manager
                code = rng.choice(codes)
                if TeamRole.PSYCHOLOGIST in members and rng.random() < 0.3:
                    actor, code = members[TeamRole.PSYCHOLOGIST], "psychological_support"
                elif TeamRole.LEGAL in members and rng.random() < 0.3:
                    actor, code = (
                        members[TeamRole.LEGAL],
                        rng.choice(("legal_advice", "labour_dispute")),
                    )
                self._service(case, s, code, day, actor, members)
            elif kind == "review" and version is not None:
                self._review(version, manager)
            elif kind == "external":
                self._external(case, manager, limit)
            elif kind == "appointment":
                self._past_appointment(case, s, manager)

    def _review(self, version: PlanVersion, manager: User) -> None:
        rng = self.rng
        goals = list(version.goals.order_by("order", "pk"))
        choices = ("in_progress", "in_progress", "achieved", "not_started")
        progress = {goal.pk: (rng.choice(choices), "") for goal in goals}
        ps.review_record(
            actor=manager,
            version=version,
            held_on=self.clock.day,
            kind=ReviewKind.SCHEDULED,
            note=rng.choice(REVIEW_NOTES),
            progress=progress,
        )
        action = (
            Action.objects.filter(
                goal__plan_version=version, status__in=[ActionStatus.TODO, ActionStatus.IN_PROGRESS]
            )
            .order_by("due_on", "pk")
            .first()
        )
        if action is not None and rng.random() < 0.5:
            status = (
                ActionStatus.IN_PROGRESS
                if action.status == ActionStatus.TODO
                else ActionStatus.DONE
            )
            ps.action_set_status(actor=manager, action=action, status=status)

    def _external(self, case: Case, manager: User, limit: dt.date) -> None:
        rng = self.rng
        services = self.externals.get(case.hub.region_id, [])
        if not services:
            return
        service = rng.choice(services)
        area, reason, outcome = EXTERNAL_REFERRALS.get(service.kind, EXTERNAL_REFERRALS["health"])
        referral = refs.referral_send(
            actor=manager,
            case=case,
            to_external=service,
            area=self.areas.get(area),
            reason=reason,
            shared_fields=self._fields(case, to_external=service),
        )
        self.referrals += 1
        sent = self.clock.day
        if (limit - sent).days > 10 and rng.random() < 0.85:
            self._at(sent, 2, limit)
            refs.referral_accept(actor=manager, referral=referral)
            if rng.random() < 0.75:
                self._at(sent, 9, limit)
                refs.referral_complete(actor=manager, referral=referral, outcome_note=outcome)

    def _appointment_args(self, s: CaseSpec) -> dict[str, object]:
        purpose, place, external = self.rng.choice(APPOINTMENTS)
        language = self._language(s)
        needs = self._needs_mediator(s) and language is not None
        return {
            "purpose": purpose,
            "place": place,
            "external_place": external,
            "needs_mediator": needs,
            "language": language if needs else None,
        }

    def _past_appointment(self, case: Case, s: CaseSpec, manager: User) -> None:
        """An appointment fixed a few days ahead, then held (on the simulated calendar)."""
        day = self.clock.day
        starts = timezone.make_aware(
            dt.datetime.combine(day + dt.timedelta(days=5), dt.time(10, 30))
        )
        if starts >= self.clock.real_now:
            return
        row = iv.appointment_schedule(
            actor=manager,
            case=case,
            starts_at=starts,
            **self._appointment_args(s),  # type: ignore[arg-type]
        )
        self.clock.on(day + dt.timedelta(days=5), hour=12)
        iv.appointment_set_status(
            actor=manager,
            appointment=row,
            status=AppointmentStatus.DONE,
            expected_version=row.version,
            note="Svolto con la persona.",
        )
