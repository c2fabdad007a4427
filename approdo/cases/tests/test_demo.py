"""The demo cases: every stage and channel, the Foggia workload, idempotent, deterministic.

The territory, network, accounts and people are loaded once for the module, then a reduced set
of cases (`total`); everything runs inside a transaction rolled back when the module ends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from approdo.accounts.models import User
from approdo.audit.models import AuditEvent
from approdo.budget.demo import load_budget_demo
from approdo.budget.models import Commitment, CommitmentStatus, HubAllocation, RegionalBudget
from approdo.cases.demo import (
    STAFF_PREFIX,
    DemoCasesResult,
    demo_cases_exist,
    load_demo_cases,
)
from approdo.cases.models import (
    AccessChannel,
    BreakGlassAccess,
    Case,
    CaseEvent,
    CaseTeamMember,
    ExternalService,
    Referral,
    ReferralStatus,
    TeamRole,
    Transfer,
    TransferStatus,
)
from approdo.cases.my_work import my_work_for
from approdo.cases.stages import Stage
from approdo.interventions.models import Appointment, AppointmentStatus, ServiceDelivered
from approdo.jobcentres.demo import load_jobcentres_demo
from approdo.jobs.demo import load_jobs_demo
from approdo.jobs.demo_people import journey_case, load_jobs_people_demo
from approdo.jobs.employer_selectors import matchable_vacancies
from approdo.jobs.models import (
    Employer,
    JobPlacement,
    MatchProposal,
    MatchRun,
    SkillsProfile,
    Vacancy,
)
from approdo.network.demo import load_demo
from approdo.people.models import ConsentPurpose
from approdo.plans.models import PlanReview, PlanVersion, VersionStatus
from approdo.screening.models import IndicatorAnswer, Observation, Screening
from approdo.socialfarming.demo import load_socialfarming_demo
from approdo.traineeships.demo import load_traineeships_demo
from approdo.training.demo import load_training_demo

pytestmark = pytest.mark.django_db

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TOTAL = 150


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[DemoCasesResult]:
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        load_demo(cases=False)
        result = load_demo_cases(total=TOTAL)
        load_budget_demo()
        load_jobs_demo()
        people_work = load_jobs_people_demo()
        assert people_work, "the people side of the jobs demo wrote nothing"
        # The rest of training and work, so that a second load_demo finds everything there.
        load_training_demo()
        load_jobcentres_demo()
        load_traineeships_demo()
        load_socialfarming_demo()
        yield result
        transaction.set_rollback(True)


def test_cases_in_every_stage(demo: DemoCasesResult) -> None:
    assert TOTAL * 0.8 < demo.created < TOTAL * 1.3
    stages = set(Case.objects.values_list("stage", flat=True))
    assert stages == set(Stage.values)
    assert all(demo.by_stage[stage] > 0 for stage in Stage.values)
    closed = Case.objects.filter(stage=Stage.CLOSED)
    assert closed.exclude(closure_note="").count() == closed.count()
    assert len(set(closed.values_list("closure_outcome", flat=True))) >= 3


def test_every_access_channel_and_external_bodies(demo: DemoCasesResult) -> None:
    channels = set(Case.objects.values_list("access_channel", flat=True))
    assert channels == set(AccessChannel.values)
    external = Case.objects.filter(access_channel=AccessChannel.EXTERNAL)
    assert all(c.external_body_kind and c.external_body_name for c in external)
    assert ExternalService.objects.filter(region__name="Puglia").count() >= 5


def test_first_contacts_known_only_by_a_nickname(demo: DemoCasesResult) -> None:
    nicknames = Case.objects.filter(person__isnull=True)
    assert nicknames.filter(stage=Stage.FIRST_CONTACT).exists()
    borgo = User.objects.get(username="operatore.borgomezzanone")
    sent = Referral.objects.filter(sent_by=borgo, status=ReferralStatus.SENT)
    assert sent.filter(case__person__isnull=True, to_node__code="PUG-H01").count() >= 2
    assert sent.exclude(shared_fields=[]).exists()


def test_histories_are_written_by_the_services(demo: DemoCasesResult) -> None:
    case = Case.objects.filter(stage=Stage.PLAN_ACTIVE, hub__code="PUG-H01").first()
    assert case is not None
    kinds = set(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert {"opened", "stage", "screening", "plan", "service"} <= kinds
    events = list(CaseEvent.objects.filter(case=case).order_by("at", "pk"))
    assert events[0].kind == "opened"
    assert timezone.localdate(events[0].at) == case.opened_on  # written on the simulated day
    assert AuditEvent.objects.filter(action="cases.case.opened", target_id=str(case.pk)).exists()
    assert ServiceDelivered.objects.filter(case__stage=Stage.PLAN_ACTIVE).count() > 50
    assert ServiceDelivered.objects.filter(with_mediator=True, language__isnull=False).exists()
    assert PlanReview.objects.exists()
    assert Appointment.objects.filter(status=AppointmentStatus.DONE).exists()


def test_plans_approved_by_the_coordinator_and_screenings_without_labels(
    demo: DemoCasesResult,
) -> None:
    for case in Case.objects.filter(stage=Stage.PLAN_ACTIVE).select_related("hub"):
        version = PlanVersion.objects.get(plan__case=case, status=VersionStatus.APPROVED)
        assert version.approved_by is not None
        assert version.approved_by.memberships.filter(role="hub_coordinator").exists()
        assert 2 <= version.goals.count() <= 4
    observed = IndicatorAnswer.objects.filter(status=Observation.OBSERVED)
    assert observed.exclude(source="").count() == observed.count() > 0
    assert Screening.objects.filter(status="completed").exists()
    assert Screening.objects.filter(status="draft").exists()


def test_referrals_respect_consent(demo: DemoCasesResult) -> None:
    external = Referral.objects.filter(to_external__isnull=False).select_related("case__person")
    assert external.exists()
    for referral in external:
        person = referral.case.person
        assert person is not None
        consented = person.consents.filter(
            purpose=ConsentPurpose.SHARING,
            withdrawn_on__isnull=True,
            external_service__iexact=referral.to_external.name,
        ).exists()
        if not consented:
            assert referral.shared_fields == ["languages"]
    assert Referral.objects.filter(status=ReferralStatus.COMPLETED).exists()


def test_transfers_leave_history_at_two_hubs(demo: DemoCasesResult) -> None:
    accepted = Transfer.objects.filter(status=TransferStatus.ACCEPTED).select_related("case")
    assert accepted.exists()
    for transfer in accepted:
        assert transfer.case.hub_id == transfer.to_hub_id
        nodes = set(CaseEvent.objects.filter(case=transfer.case).values_list("node_id", flat=True))
        assert {transfer.from_hub_id, transfer.to_hub_id} <= nodes
        managers = CaseTeamMember.objects.filter(case=transfer.case, role=TeamRole.CASE_MANAGER)
        assert managers.filter(until__isnull=True, node_id=transfer.to_hub_id).count() == 1
    assert Transfer.objects.filter(status=TransferStatus.PROPOSED).exists()


def test_staff_cannot_log_in(demo: DemoCasesResult) -> None:
    staff = User.objects.filter(username__startswith=STAFF_PREFIX)
    assert staff.count() == demo.staff > 0
    assert not any(user.has_usable_password() for user in staff)
    assert all(user.memberships.exists() for user in staff)


def test_foggia_coordinator_has_a_full_day(demo: DemoCasesResult) -> None:
    coordinator = User.objects.get(username="coordinatore.foggia")
    work = my_work_for(user=coordinator)
    assert work is not None
    open_cases = sum(row.count for row in work.stages)
    assert open_cases >= 15
    assert {row.stage for row in work.stages if row.count} == {
        Stage.FIRST_CONTACT,
        Stage.SCREENING,
        Stage.TAKEN_IN_CHARGE,
        Stage.PLAN_ACTIVE,
        Stage.SUSPENDED,
    }
    assert work.tasks_overdue or work.tasks_due
    assert work.reviews_due
    assert work.documents
    assert len(work.referrals) >= 2
    assert work.transfers
    assert work.appointments
    assert work.break_glass
    assert BreakGlassAccess.objects.filter(reviewed_at__isnull=False).exists()


def test_other_demo_accounts_work_on_cases(demo: DemoCasesResult) -> None:
    for username in ("assistente.foggia", "mediatrice.rosarno", "legale.castelvolturno"):
        work = my_work_for(user=User.objects.get(username=username))
        assert work is not None and sum(row.count for row in work.stages) > 0, username
    ragusa = User.objects.get(username="psicologa.ragusa")
    assert CaseTeamMember.objects.filter(user=ragusa, role=TeamRole.PSYCHOLOGIST).exists()
    borgo = my_work_for(user=User.objects.get(username="operatore.borgomezzanone"))
    assert borgo is not None and borgo.stages[0].count > 0


def test_dates_are_relative_to_today(demo: DemoCasesResult) -> None:
    today = timezone.localdate()
    assert not Case.objects.filter(opened_on__gt=today).exists()
    assert Case.objects.filter(opened_on__gte=today - dt.timedelta(days=10)).exists()
    assert Appointment.objects.filter(
        status=AppointmentStatus.SCHEDULED, starts_at__gt=timezone.now(), remind_at__isnull=False
    ).exists()
    assert not CaseEvent.objects.filter(at__gt=timezone.now()).exists()


def test_a_second_run_adds_nothing(demo: DemoCasesResult) -> None:
    assert demo_cases_exist()
    before = (Case.objects.count(), Referral.objects.count(), CaseEvent.objects.count())
    again = load_demo_cases(total=TOTAL)
    assert again.already_present and again.created == 0
    out = StringIO()
    call_command("load_demo", "--no-field", stdout=out)
    assert "Prese in carico demo già presenti" in out.getvalue()
    assert (Case.objects.count(), Referral.objects.count(), CaseEvent.objects.count()) == before
    assert AuditEvent.objects.filter(action="cases.demo.loaded").count() == 1


def test_the_command_can_skip_the_cases(demo: DemoCasesResult) -> None:
    out = StringIO()
    call_command("load_demo", "--no-cases", stdout=out)
    assert "Prese in carico demo non create" in out.getvalue()


def test_integration_budget_of_the_demo(demo: DemoCasesResult) -> None:
    puglia = RegionalBudget.objects.get(region__name="Puglia")
    assert (puglia.cap_per_person, puglia.approval_above) == (2000, 500)
    assert RegionalBudget.objects.get(region__name="Basilicata").cap_per_person == 12000
    assert HubAllocation.objects.filter(hub__code="PUG-H01").exists()
    foggia = Commitment.objects.filter(case__hub__code="PUG-H01")
    assert foggia.filter(status=CommitmentStatus.APPROVED, payments__isnull=False).exists()
    assert foggia.filter(status=CommitmentStatus.PENDING).exists()  # for the coordinator
    assert all(c.goal.plan_version.plan.case_id == c.case_id for c in foggia)
    assert load_budget_demo() == 0  # idempotent


def test_employers_and_vacancies_of_the_demo(demo: DemoCasesResult) -> None:
    assert Employer.objects.count() == 6
    open_ones = Vacancy.objects.filter(status="open")
    assert open_ones.count() == 7
    matchable = set(matchable_vacancies().values_list("employer__legal_name", flat=True))
    assert "Az. Agr. Campi Lunghi" not in matchable  # a farm outside the Rete
    assert "Agri Servizi Tavoliere S.r.l.s." not in matchable  # a 603-bis conviction
    assert "Conserve della Capitanata S.p.A." in matchable
    assert load_jobs_demo().already_present


def test_skills_profiles_jobs_and_matching_of_the_demo(demo: DemoCasesResult) -> None:
    foggia = SkillsProfile.objects.filter(person__cases__hub__code="PUG-H01")
    assert foggia.count() >= 10
    jobs = JobPlacement.objects.filter(case__hub__code="PUG-H01")
    assert jobs.filter(follow_up="same").count() == 1  # checked at six months
    assert jobs.filter(follow_up="", follow_up_task__done_at__isnull=True).count() == 1  # due
    run = MatchRun.objects.get(hub__code="PUG-H01")
    assert run.matched > 0 and run.total_fit >= run.greedy_fit
    assert MatchProposal.objects.filter(status="proposed").count() == 2
    assert MatchProposal.objects.filter(status="interview").count() == 1
    # The journey's case is left without a profile, for the end-to-end test to fill it in.
    case = journey_case()
    assert case is not None and not SkillsProfile.objects.filter(person=case.person).exists()
    assert load_jobs_people_demo() == {}  # idempotent
