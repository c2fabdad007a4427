"""Planning, starting and closing a traineeship: flagged hosts, the regional minimum and the
longest duration are refused with the reason; starting asks the integration budget, whose
refusals come back unchanged; the outcome is recorded; only the case's team writes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from approdo.audit.models import AuditEvent
from approdo.budget import services as budget
from approdo.budget.models import Category, CommitmentStatus, Payment
from approdo.core.concurrency import StaleEditError
from approdo.jobs.models import Occupation, Sector
from approdo.plans import services as plan_services
from approdo.traineeships import lifecycle, services
from approdo.traineeships.models import RegionalRule, TraineeshipStatus
from approdo.traineeships.rules import add_months
from approdo.traineeships.tests.factories import (
    TraineeshipWorld,
    make_employer,
    make_world,
    month,
    planned,
    started,
    today,
    values,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw() -> TraineeshipWorld:
    return make_world()


def refused(tw: TraineeshipWorld, **overrides: object) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        planned(tw, **overrides)
    return caught.value.message_dict


def test_a_planned_traineeship_is_promoted_by_the_hub_and_audited(tw: TraineeshipWorld):
    t = planned(tw)
    assert t.status == TraineeshipStatus.PLANNED and t.commitment is None
    assert t.promoter_node == tw.w.hub_a and t.promoter == tw.w.hub_a.name
    assert t.attendance_threshold == 70 and t.person == tw.w.person
    assert t.host_tutor_phone == "+390881123456"
    assert AuditEvent.objects.filter(
        action="traineeships.traineeship.created", target_id=str(t.pk), actor=tw.w.manager
    ).exists()
    other = planned(tw, promoter_name="Centro per l'Impiego di Foggia")
    assert other.promoter_node is None and other.promoter == "Centro per l'Impiego di Foggia"


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        (
            {"has_603bis_conviction": True, "conviction_on": dt.date(2024, 1, 9)},
            "condanna per intermediazione illecita e sfruttamento (603-bis)",
        ),
        (
            {"rete_member": False, "rete_member_since": None, "rete_checked_on": None},
            "fuori dalla Rete del Lavoro Agricolo di Qualità",
        ),
        (
            {"rete_checked_on": dt.date(2020, 1, 1)},
            "iscrizione alla Rete da ricontrollare",
        ),
    ],
)
def test_a_flagged_host_is_refused_saying_why(
    tw: TraineeshipWorld, overrides: dict[str, object], reason: str
):
    host = make_employer(tw.w, "Campi Lunghi", **overrides)
    errors = refused(tw, employer=host, site=host.sites.get())
    assert "non può ospitare un tirocinio" in errors["employer"][0]
    assert reason in errors["employer"][0]


def test_a_food_plant_outside_the_rete_may_host(tw: TraineeshipWorld):
    plant = make_employer(
        tw.w,
        "Conserve della Capitanata",
        sector=Sector.AGRIFOOD,
        rete_member=False,
        rete_member_since=None,
        rete_checked_on=None,
    )
    assert planned(tw, employer=plant, site=plant.sites.get()).employer == plant


def test_an_allowance_below_the_regional_minimum_is_refused(tw: TraineeshipWorld):
    errors = refused(tw, monthly_allowance=Decimal("449.99"))
    assert errors["monthly_allowance"] == [
        "L'indennità è sotto il minimo: in Puglia è di 450,00 € al mese."
    ]
    assert planned(tw, monthly_allowance=Decimal("450.00")).monthly_allowance == Decimal("450")
    # A region without its own rule falls back to the national guidelines (300 €).
    RegionalRule.objects.filter(region=tw.w.puglia).delete()
    errors = refused(tw, monthly_allowance=Decimal("299"))
    assert "300,00 € al mese (linee guida nazionali)" in errors["monthly_allowance"][0]


def test_the_duration_is_capped_by_the_region(tw: TraineeshipWorld):
    start = dt.date(2026, 3, 15)
    six_months = dt.date(2026, 9, 14)
    assert planned(tw, starts_on=start, ends_on=six_months).ends_on == six_months
    errors = refused(tw, starts_on=start, ends_on=six_months + dt.timedelta(days=1))
    assert errors["ends_on"] == [
        "Un tirocinio in Puglia dura al massimo 6 mesi: iniziando il 15/03/2026 deve finire "
        "entro il 14/09/2026."
    ]
    RegionalRule.objects.filter(region=tw.w.puglia).update(max_months=3)
    assert "al massimo 3 mesi" in refused(tw, starts_on=start, ends_on=six_months)["ends_on"][0]
    assert "dopo l'inizio" in refused(tw, starts_on=start, ends_on=start)["ends_on"][0]
    assert "Scegli una data" in refused(tw, ends_on=dt.date(9999, 12, 31))["ends_on"][0]


def test_site_occupation_tutor_and_hours_are_checked(tw: TraineeshipWorld):
    other = make_employer(tw.w, "Ortofrutta Incoronata")
    errors = refused(
        tw,
        site=other.sites.get(),
        occupation=Occupation.objects.get(code="921"),
        promoter_tutor=tw.w.other_body,
        hours_per_week=41,
        host_tutor_phone="12",
        project=" ",
    )
    assert set(errors) == {
        "site",
        "occupation",
        "promoter_tutor",
        "hours_per_week",
        "host_tutor_phone",
        "project",
    }
    assert errors["hours_per_week"] == ["Le ore settimanali vanno da 1 a 40."]


def test_only_the_team_plans_traineeships(tw: TraineeshipWorld):
    with pytest.raises(PermissionDenied):
        services.traineeship_create(actor=tw.w.colleague, case=tw.w.case, **values(tw))
    with pytest.raises(PermissionDenied):
        services.traineeship_create(actor=tw.w.other_body, case=tw.w.case, **values(tw))


def test_starting_asks_the_budget_for_the_whole_allowance(tw: TraineeshipWorld):
    t = started(tw)
    assert t.status == TraineeshipStatus.ACTIVE and t.started_at is not None
    commitment = t.commitment
    assert commitment is not None
    assert commitment.category == Category.TRAINEESHIP and commitment.goal == tw.goal
    assert commitment.amount == Decimal("1350.00")  # 3 whole months × 450 €
    assert commitment.status == CommitmentStatus.APPROVED  # under the 1,500 € threshold
    assert "Masseria Posta Uccello" in commitment.description
    event = AuditEvent.objects.get(action="traineeships.traineeship.started")
    assert event.changes["commitment"] == commitment.pk
    with pytest.raises(ValidationError, match="non può passare"):
        lifecycle.traineeship_start(
            actor=tw.w.manager, traineeship=t, goal=tw.goal, expected_version=t.version
        )


def test_partial_months_are_committed_in_proportion(tw: TraineeshipWorld):
    # 16 January to 15 April: 16/31 of January, February, March, 15/30 of April.
    t = started(tw, starts_on=dt.date(2026, 1, 16), ends_on=dt.date(2026, 4, 15))
    assert t.commitment is not None
    expected = Decimal("232.26") + Decimal("900.00") + Decimal("225.00")
    assert t.commitment.amount == expected


def test_the_budget_cap_refusal_reaches_the_user_unchanged(tw: TraineeshipWorld):
    budget.commitment_request(
        actor=tw.w.manager,
        case=tw.w.case,
        goal=tw.goal,
        category=Category.HOUSING_DEPOSIT,
        amount="1000.00",
        description="Deposito",
    )
    t = planned(tw)
    with pytest.raises(ValidationError) as caught:
        lifecycle.traineeship_start(
            actor=tw.w.manager, traineeship=t, goal=tw.goal, expected_version=t.version
        )
    assert caught.value.message_dict["amount"] == [
        "Supera il tetto del budget: restano 1.000,00 € su 2.000,00 € per questa persona in Puglia."
    ]
    t.refresh_from_db()
    assert t.status == TraineeshipStatus.PLANNED and t.commitment is None


def test_the_goal_must_be_of_the_approved_pai(tw: TraineeshipWorld):
    t = planned(tw)
    draft = plan_services.plan_new_draft(actor=tw.w.manager, plan=tw.goal.plan_version.plan)
    goal = plan_services.goal_add(
        actor=tw.w.manager, version=draft, area="work", title="Lavoro", target_on=None
    )
    for wrong in (goal, None):
        with pytest.raises(ValidationError) as caught:
            lifecycle.traineeship_start(
                actor=tw.w.manager, traineeship=t, goal=wrong, expected_version=t.version
            )
        assert "PAI approvato" in caught.value.message_dict["goal"][0]


def test_above_the_threshold_the_coordinator_approves_before_any_payment(tw: TraineeshipWorld):
    tw.budget.approval_above = Decimal("500.00")
    tw.budget.save()
    t = started(tw)
    assert t.commitment is not None and t.commitment.status == CommitmentStatus.PENDING
    budget.commitment_decide(
        actor=tw.w.coordinator,
        commitment=t.commitment,
        approve=True,
        note="",
        expected_version=t.commitment.version,
    )
    assert not Payment.objects.exists()


def test_a_host_flagged_after_planning_cannot_start(tw: TraineeshipWorld):
    t = planned(tw)
    tw.host.has_603bis_conviction = True
    tw.host.save()
    t.employer.refresh_from_db()
    with pytest.raises(ValidationError, match="603-bis"):
        lifecycle.traineeship_start(
            actor=tw.w.manager, traineeship=t, goal=tw.goal, expected_version=t.version
        )


def test_edit_while_planned_with_the_version_read(tw: TraineeshipWorld):
    t = planned(tw)
    edited = services.traineeship_update(
        actor=tw.w.manager,
        traineeship=t,
        expected_version=1,
        **values(tw, hours_per_week=20, monthly_allowance=Decimal("500")),
    )
    assert edited.version == 2 and edited.hours_per_week == 20
    with pytest.raises(StaleEditError):
        services.traineeship_update(
            actor=tw.w.manager, traineeship=t, expected_version=1, **values(tw)
        )
    t.refresh_from_db()
    lifecycle.traineeship_start(
        actor=tw.w.manager, traineeship=t, goal=tw.goal, expected_version=t.version
    )
    with pytest.raises(ValidationError, match="solo un tirocinio programmato"):
        services.traineeship_update(
            actor=tw.w.manager, traineeship=t, expected_version=t.version, **values(tw)
        )


def test_suspend_resume_and_close_with_the_outcome(tw: TraineeshipWorld):
    t = started(tw)
    with pytest.raises(ValidationError):
        lifecycle.traineeship_suspend(
            actor=tw.w.manager, traineeship=t, reason=" ", expected_version=t.version
        )
    lifecycle.traineeship_suspend(
        actor=tw.w.manager, traineeship=t, reason="Malattia", expected_version=t.version
    )
    assert t.status == TraineeshipStatus.SUSPENDED and t.suspension_reason == "Malattia"
    lifecycle.traineeship_resume(actor=tw.w.manager, traineeship=t, expected_version=t.version)
    assert t.status == TraineeshipStatus.ACTIVE and t.suspension_reason == ""

    with pytest.raises(ValidationError) as caught:
        lifecycle.traineeship_close(
            actor=tw.w.manager,
            traineeship=t,
            status=TraineeshipStatus.INTERRUPTED,
            ended_on=t.ends_on + dt.timedelta(days=1),
            result="hired_by_host",
            expected_version=t.version,
        )
    assert set(caught.value.message_dict) == {
        "ended_on",
        "interrupted_by",
        "end_reason",
        "contract_type",
    }
    lifecycle.traineeship_close(
        actor=tw.w.manager,
        traineeship=t,
        status=TraineeshipStatus.COMPLETED,
        ended_on=t.ends_on,
        result="hired_by_host",
        contract_type="seasonal",
        interrupted_by="host",  # ignored: it was not interrupted
        expected_version=t.version,
    )
    t.refresh_from_db()
    assert (t.status, t.result, t.contract_type, t.interrupted_by) == (
        "completed",
        "hired_by_host",
        "seasonal",
        "",
    )
    assert AuditEvent.objects.filter(action="traineeships.traineeship.closed").exists()
    with pytest.raises(ValidationError, match="non può passare"):
        lifecycle.traineeship_resume(actor=tw.w.manager, traineeship=t, expected_version=t.version)


def test_a_planned_traineeship_that_will_not_happen_is_interrupted(tw: TraineeshipWorld):
    t = planned(tw, starts_on=month(1), ends_on=add_months(month(1), 2) - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="non può passare"):
        lifecycle.traineeship_close(
            actor=tw.w.manager,
            traineeship=t,
            status=TraineeshipStatus.COMPLETED,
            ended_on=t.starts_on,
            result="none",
            expected_version=t.version,
        )
    lifecycle.traineeship_close(
        actor=tw.w.manager,
        traineeship=t,
        status=TraineeshipStatus.INTERRUPTED,
        ended_on=t.starts_on,
        interrupted_by="person",
        end_reason="Ha trovato lavoro prima dell'inizio.",
        result="other_job",
        expected_version=t.version,
    )
    t.refresh_from_db()
    assert t.status == "interrupted" and t.started_at is None and t.ended_on == t.starts_on
    assert t.ended_on >= today()
