"""From the matching to a job: runs fed from the database, proposals and their outcomes,
placements with the six-month check. What an operator would notice if it broke."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from approdo.audit.models import AccessLog, AuditEvent
from approdo.cases.models import CaseTask
from approdo.core.concurrency import StaleEditError
from approdo.jobs import placements
from approdo.jobs.matching_runs import PURPOSE, run_matching
from approdo.jobs.models import (
    ContractType,
    FollowUp,
    JobPlacement,
    MatchProposal,
    ProposalStatus,
    RefusalReason,
    RefusedBy,
    VacancyStatus,
)
from approdo.jobs.tests.factories import day, today
from approdo.jobs.tests.placement_factories import (
    MatchWorld,
    farm,
    make_match_world,
    other_case,
    profile,
    vacancy,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> MatchWorld:
    return make_match_world()


def _hire(w: MatchWorld, proposal: MatchProposal, **over: object) -> JobPlacement:
    values: dict[str, object] = {
        "contract_type": ContractType.AGRICULTURAL_FIXED,
        "starts_on": today(),
        "ends_on": day(80),
        "hours_per_week": 39,
        "gross_hourly_pay": Decimal("9.50"),
    }
    values.update(over)
    return placements.proposal_hire(
        actor=w.cw.manager, proposal=proposal, expected_version=proposal.version, **values
    )


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert placements.add_months(dt.date(2027, 1, 15), 6) == dt.date(2027, 7, 15)
    assert placements.add_months(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)
    assert placements.add_months(dt.date(2026, 12, 31), 2) == dt.date(2027, 2, 28)


def test_a_run_suggests_the_person_with_every_factor_explained_and_logs_the_read(w):
    result = run_matching(actor=w.cw.manager, hub=w.cw.hub_a)
    run = result.run
    assert (run.people, run.vacancies, run.seats, run.matched) == (1, 1, 1, 1)
    suggestion = MatchProposal.objects.get(run=run)
    assert suggestion.person_id == w.case.person_id
    assert suggestion.vacancy_id == w.vacancy.pk
    assert suggestion.status == ProposalStatus.SUGGESTED
    assert suggestion.score == run.total_fit > 0
    keys = {f["key"] for f in suggestion.factors}
    assert {"occupation", "language", "distance", "availability"} <= keys
    assert all(f["explanation"] for f in suggestion.factors)
    assert AccessLog.objects.filter(
        user=w.cw.manager, record_id=str(w.case.pk), purpose=PURPOSE
    ).exists()
    assert AuditEvent.objects.filter(action="jobs.matching.run").exists()


def test_a_case_worker_matches_only_the_cases_they_may_read(w):
    second = other_case(w.cw, w.foggia)
    profile(w.cw, second)
    assert run_matching(actor=w.cw.manager, hub=w.cw.hub_a).run.people == 1
    assert run_matching(actor=w.cw.coordinator, hub=w.cw.hub_a).run.people == 2


def test_the_seats_bound_the_suggestions_and_the_better_fit_wins(w):
    second = other_case(w.cw, w.foggia)
    profile(w.cw, second, years="10")
    run = run_matching(actor=w.cw.coordinator, hub=w.cw.hub_a).run
    assert run.matched == 1  # one seat for two people
    chosen = MatchProposal.objects.get(run=run)
    assert chosen.person_id == second.person_id  # ten years of crop work beat three
    assert run.total_fit >= run.greedy_fit


def test_people_without_a_profile_or_a_place_are_left_out_with_the_reason(w):
    other_case(w.cw, w.foggia)  # no profile
    result = run_matching(actor=w.cw.coordinator, hub=w.cw.hub_a)
    assert result.skipped["no_profile"] == 1
    assert result.run.skipped == {"no_profile": 1}


def test_a_flagged_employer_is_never_suggested(w):
    w.farm.has_603bis_conviction = True
    w.farm.conviction_on = day(-100)
    w.farm.save()
    run = run_matching(actor=w.cw.manager, hub=w.cw.hub_a).run
    assert run.matched == 0 and run.vacancies == 0
    assert run.flagged == 1
    assert not MatchProposal.objects.exists()


def test_a_new_run_supersedes_the_open_suggestions_but_keeps_decisions(w):
    first = run_matching(actor=w.cw.manager, hub=w.cw.hub_a).run
    old = MatchProposal.objects.get(run=first)
    second = run_matching(actor=w.cw.manager, hub=w.cw.hub_a).run
    old.refresh_from_db()
    assert old.status == ProposalStatus.SUPERSEDED
    assert MatchProposal.objects.get(run=second).status == ProposalStatus.SUGGESTED


def test_only_the_hubs_staff_may_run_its_matching(w):
    with pytest.raises(PermissionDenied):
        run_matching(actor=w.cw.other_body, hub=w.cw.hub_a)
    with pytest.raises(PermissionDenied):
        run_matching(actor=w.cw.monitor, hub=w.cw.hub_a)


def test_from_suggestion_to_job_with_the_six_month_check(w):
    run = run_matching(actor=w.cw.manager, hub=w.cw.hub_a).run
    proposal = MatchProposal.objects.get(run=run)
    placements.proposal_propose(
        actor=w.cw.manager, proposal=proposal, expected_version=proposal.version
    )
    placements.proposal_interview(
        actor=w.cw.manager,
        proposal=proposal,
        expected_version=proposal.version,
        interview_on=day(2),
    )
    job = _hire(w, proposal)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.HIRED
    assert job.employer == w.farm and job.vacancy == w.vacancy and job.occupation == w.crop
    task = CaseTask.objects.get(pk=job.follow_up_task_id)
    assert task.case == w.case and task.done_at is None
    assert task.due_on == placements.add_months(today(), 6) == job.follow_up_due_on
    assert task.assignee == w.cw.manager
    w.vacancy.refresh_from_db()
    assert w.vacancy.status == VacancyStatus.FILLED  # its only seat is taken
    again = run_matching(actor=w.cw.manager, hub=w.cw.hub_a)
    assert again.run.matched == 0 and again.run.vacancies == 0


def test_a_proposal_in_progress_holds_the_seat(w):
    second = other_case(w.cw, w.foggia)
    profile(w.cw, second)
    proposal = placements.proposal_create(actor=w.cw.manager, case=w.case, vacancy=w.vacancy)
    assert proposal.status == ProposalStatus.PROPOSED and proposal.score
    with pytest.raises(ValidationError, match="posti liberi"):
        placements.proposal_create(actor=w.cw.coordinator, case=second, vacancy=w.vacancy)
    assert run_matching(actor=w.cw.coordinator, hub=w.cw.hub_a).run.seats == 0


def test_a_refusal_says_who_and_why(w):
    proposal = placements.proposal_create(actor=w.cw.manager, case=w.case, vacancy=w.vacancy)
    with pytest.raises(ValidationError) as err:
        placements.proposal_refuse(
            actor=w.cw.manager,
            proposal=proposal,
            expected_version=proposal.version,
            refused_by="",
            reason=RefusalReason.OTHER,
        )
    assert set(err.value.message_dict) == {"refused_by", "note"}
    placements.proposal_refuse(
        actor=w.cw.manager,
        proposal=proposal,
        expected_version=proposal.version,
        refused_by=RefusedBy.EMPLOYER,
        reason=RefusalReason.LANGUAGE,
        note="Serviva più italiano.",
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.refused_by) == (ProposalStatus.REFUSED, "employer")
    # The seat is free again, and the person can be proposed anew.
    placements.proposal_create(actor=w.cw.manager, case=w.case, vacancy=w.vacancy)


def test_a_stale_decision_is_refused(w):
    proposal = placements.proposal_create(actor=w.cw.manager, case=w.case, vacancy=w.vacancy)
    stale = proposal.version
    placements.proposal_interview(
        actor=w.cw.manager, proposal=proposal, expected_version=stale, interview_on=day(1)
    )
    again = MatchProposal.objects.get(pk=proposal.pk)
    with pytest.raises(StaleEditError):
        placements.proposal_interview(
            actor=w.cw.manager, proposal=again, expected_version=stale, interview_on=day(3)
        )


def test_a_flagged_employers_vacancy_cannot_be_proposed_by_hand(w):
    outsider = farm(w.cw, w.foggia, w.agri, legal_name="Fuori Rete", rete_member=False)
    offer = vacancy(w.cw, outsider, w.area3)
    with pytest.raises(ValidationError, match="segnalato"):
        placements.proposal_create(actor=w.cw.manager, case=w.case, vacancy=offer)


def test_a_job_with_a_flagged_employer_needs_the_reason_written(w):
    outsider = farm(w.cw, w.foggia, w.agri, legal_name="Fuori Rete", rete_member=False)
    values = {
        "actor": w.cw.manager,
        "case": w.case,
        "employer": outsider,
        "occupation": w.crop,
        "contract_type": ContractType.AGRICULTURAL_FIXED,
        "starts_on": today(),
        "ends_on": day(30),
        "hours_per_week": 30,
    }
    with pytest.raises(ValidationError) as err:
        placements.placement_create(**values)
    assert "flag_acknowledged" in err.value.message_dict
    job = placements.placement_create(
        **values, flag_acknowledged="Trovato dalla persona; segnalato all'ispettorato."
    )
    event = AuditEvent.objects.get(action="jobs.placement.created", target_id=str(job.pk))
    assert event.changes["flagged"] is True


def test_a_job_below_the_agreement_minimum_or_without_an_end_is_refused(w):
    proposal = placements.proposal_create(actor=w.cw.manager, case=w.case, vacancy=w.vacancy)
    with pytest.raises(ValidationError) as err:
        _hire(w, proposal, gross_hourly_pay=Decimal("4.00"), ends_on=None)
    assert {"gross_hourly_pay", "ends_on"} <= set(err.value.message_dict)
    assert "minimo" in err.value.message_dict["gross_hourly_pay"][0]
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED  # nothing was half-written


def test_the_six_month_check_completes_its_task(w):
    proposal = placements.proposal_create(actor=w.cw.manager, case=w.case, vacancy=w.vacancy)
    job = _hire(w, proposal, starts_on=day(-190), ends_on=None, contract_type="oti")
    with pytest.raises(ValidationError, match="futuro"):
        placements.placement_follow_up(
            actor=w.cw.manager,
            placement=job,
            expected_version=job.version,
            outcome=FollowUp.EMPLOYED_SAME,
            checked_on=day(1),
        )
    placements.placement_follow_up(
        actor=w.cw.manager,
        placement=job,
        expected_version=job.version,
        outcome=FollowUp.EMPLOYED_SAME,
        checked_on=today(),
        note="Confermato dal datore.",
    )
    job.refresh_from_db()
    assert job.follow_up == "same" and job.follow_up_on == today()
    assert CaseTask.objects.get(pk=job.follow_up_task_id).done_at is not None


def test_the_check_cannot_be_recorded_months_early(w):
    proposal = placements.proposal_create(actor=w.cw.manager, case=w.case, vacancy=w.vacancy)
    job = _hire(w, proposal)
    with pytest.raises(ValidationError, match="verifica a 6 mesi"):
        placements.placement_follow_up(
            actor=w.cw.manager,
            placement=job,
            expected_version=job.version,
            outcome=FollowUp.NOT_EMPLOYED,
            checked_on=today(),
        )


def test_ending_a_job_frees_the_person_for_matching(w):
    proposal = placements.proposal_create(actor=w.cw.manager, case=w.case, vacancy=w.vacancy)
    job = _hire(w, proposal, starts_on=day(-20))
    other = vacancy(w.cw, w.farm, w.area3, title="Potatura")
    assert run_matching(actor=w.cw.manager, hub=w.cw.hub_a).skipped["employed"] == 1
    placements.placement_end(
        actor=w.cw.manager,
        placement=job,
        expected_version=job.version,
        ended_on=today(),
        reason="resigned",
    )
    # Ended today: still at work today, free from tomorrow.
    result = run_matching(actor=w.cw.manager, hub=w.cw.hub_a, today=day(1))
    assert result.run.people == 1
    assert MatchProposal.objects.get(run=result.run).vacancy_id == other.pk


def test_people_outside_the_team_cannot_decide(w):
    proposal = placements.proposal_create(actor=w.cw.manager, case=w.case, vacancy=w.vacancy)
    with pytest.raises(PermissionDenied):
        placements.proposal_interview(
            actor=w.cw.colleague,
            proposal=proposal,
            expected_version=proposal.version,
            interview_on=day(1),
        )
