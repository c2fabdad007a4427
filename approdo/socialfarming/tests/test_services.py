"""The rules of projects, partners, participants, activities and results, and the database
constraints behind them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from approdo.audit.models import AuditEvent
from approdo.cases.models import Case
from approdo.core.concurrency import StaleEditError
from approdo.socialfarming import participants as participation
from approdo.socialfarming import services
from approdo.socialfarming.models import (
    Attendance,
    Participant,
    Partner,
    PilotProject,
    Result,
)
from approdo.socialfarming.tests.factories import (
    FarmingWorld,
    day,
    make_farming_world,
    make_project,
    project_values,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def fw() -> FarmingWorld:
    return make_farming_world()


def _join(fw: FarmingWorld, case: Case | None = None, **over: Any) -> Participant:
    values: dict[str, Any] = {
        "role": "trainee",
        "hours_per_week": 20,
        "joined_on": day(-30),
    }
    values.update(over)
    return participation.participant_add(
        actor=fw.w.manager,
        project=fw.project,
        case=case or fw.w.case,
        **values,
    )


def test_project_created_by_the_lead_hubs_staff_with_region_from_the_land(fw: FarmingWorld):
    project = fw.project
    assert project.region == fw.w.puglia and project.version == 1
    assert project.code == "PU-AS-01"
    event = AuditEvent.objects.get(action="socialfarming.project.created")
    assert event.actor == fw.w.coordinator and event.node_id == fw.w.hub_a.pk


def test_project_refusals_name_their_fields(fw: FarmingWorld):
    w = fw.w
    with pytest.raises(ValidationError) as refused:
        make_project(
            w,
            code="pu-as-01",  # the same code, lower case
            hectares=Decimal("-1"),
            ends_on=day(-100),
            farming_kind="other",
            managing_body=w.hub_b.managing_bodies.get(),
        )
    errors = refused.value.message_dict
    assert {"hectares", "ends_on", "farming_other", "managing_body"} <= set(errors)
    with pytest.raises(ValidationError) as taken:
        make_project(w, code="pu-as-01")
    assert "già di un altro progetto" in taken.value.message_dict["code"][0]
    # A case worker at hub B cannot name hub A as lead hub; a monitor creates nothing.
    with pytest.raises(ValidationError) as elsewhere:
        make_project(w, actor=w.other_body, code="PU-AS-09")
    assert "lead_hub" in elsewhere.value.message_dict
    with pytest.raises(PermissionDenied):
        make_project(w, actor=w.monitor, code="PU-AS-10")
    assert PilotProject.objects.count() == 1


def test_only_the_lead_hubs_staff_update_a_project_and_stale_versions_are_refused(
    fw: FarmingWorld,
):
    w = fw.w
    values = project_values(w)
    values.pop("code")
    for outsider in (w.coordinator_c, w.other_body, w.monitor):
        with pytest.raises(PermissionDenied):
            services.project_update(
                actor=outsider, project=fw.project, expected_version=1, **values
            )
    services.project_update(
        actor=w.manager,
        project=fw.project,
        expected_version=1,
        **{**values, "hectares": Decimal("5")},
    )
    with pytest.raises(StaleEditError):
        services.project_update(
            actor=w.coordinator, project=fw.project, expected_version=1, **values
        )
    fw.project.refresh_from_db()
    assert fw.project.hectares == Decimal("5.00") and fw.project.version == 2
    # The status only moves forward; closing needs the end date.
    with pytest.raises(ValidationError) as back:
        services.project_update(
            actor=w.coordinator,
            project=fw.project,
            expected_version=2,
            **{**values, "status": "planned"},
        )
    assert "status" in back.value.message_dict


def test_a_flagged_employer_is_refused_as_partner_with_the_reason(fw: FarmingWorld):
    w = fw.w
    with pytest.raises(ValidationError) as refused:
        services.partner_add(
            actor=w.coordinator,
            project=fw.project,
            name="",
            kind="farm",
            role="Tutoraggio",
            from_on=day(-10),
            employer=fw.convicted,
        )
    message = refused.value.message_dict["employer"][0]
    assert "Agri Servizi Tavoliere" in message and "603-bis" in message
    partner = services.partner_add(
        actor=w.coordinator,
        project=fw.project,
        name="",
        kind="farm",
        role="Tutoraggio",
        from_on=day(-10),
        employer=fw.farm,
    )
    assert partner.name == "Az. Agr. Masseria Posta Uccello" and partner.employer == fw.farm
    with pytest.raises(PermissionDenied):
        services.partner_add(
            actor=w.other_body,
            project=fw.project,
            name="Comune",
            kind="municipality",
            role="Terreni",
            from_on=day(-10),
        )
    assert Partner.objects.count() == 1


def test_one_active_participation_per_person_and_project(fw: FarmingWorld):
    first = _join(fw)
    with pytest.raises(ValidationError) as again:
        _join(fw, joined_on=day(-5))
    assert "partecipa già" in again.value.message_dict["case"][0]
    # The database refuses it too, whatever the services say.
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(
            project=fw.project,
            case=fw.w.case,
            person=fw.w.person,
            node=fw.w.hub_a,
            role="worker",
            hours_per_week=10,
            joined_on=day(-3),
            added_by=fw.w.manager,
        )
    participation.participant_end(
        actor=fw.w.manager,
        participant=first,
        expected_version=1,
        left_on=day(-2),
        outcome="dropped_out",
    )
    # Once they left, they may join again.
    assert _join(fw, joined_on=day(-1)).left_on is None
    assert Participant.objects.filter(person=fw.w.person).count() == 2


def test_participants_are_added_by_whoever_edits_the_case(fw: FarmingWorld):
    w = fw.w
    # The lead hub's colleague (not on the team) cannot add someone whose case they do not
    # edit; hub B's case worker adds their own person to hub A's project.
    with pytest.raises(PermissionDenied):
        participation.participant_add(
            actor=w.colleague,
            project=fw.project,
            case=w.case,
            role="worker",
            hours_per_week=10,
            joined_on=day(-1),
        )
    joined = participation.participant_add(
        actor=w.other_body,
        project=fw.project,
        case=fw.case_b,
        role="worker",
        hours_per_week=10,
        joined_on=day(-1),
    )
    assert joined.node == w.hub_b
    with pytest.raises(ValidationError) as early:
        _join(fw, joined_on=day(-200), hours_per_week=60)
    assert {"joined_on", "hours_per_week"} <= set(early.value.message_dict)


def test_ending_needs_the_case_team_an_outcome_and_the_current_version(fw: FarmingWorld):
    row = _join(fw)
    with pytest.raises(PermissionDenied):
        participation.participant_end(
            actor=fw.w.other_body,
            participant=row,
            expected_version=1,
            left_on=day(0),
            outcome="other_job",
        )
    with pytest.raises(ValidationError) as wrong:
        participation.participant_end(
            actor=fw.w.manager,
            participant=row,
            expected_version=1,
            left_on=day(-60),
            outcome="promoted",
        )
    assert {"left_on", "outcome"} <= set(wrong.value.message_dict)
    participation.participant_end(
        actor=fw.w.coordinator,
        participant=row,
        expected_version=1,
        left_on=day(0),
        outcome="employed_partner",
    )
    stale = Participant.objects.get(pk=row.pk)
    stale.version = 1
    with pytest.raises(ValidationError):
        participation.participant_end(
            actor=fw.w.manager,
            participant=stale,
            expected_version=1,
            left_on=day(0),
            outcome="other_job",
        )
    row.refresh_from_db()
    assert row.outcome == "employed_partner" and row.version == 2
    assert AuditEvent.objects.filter(action="socialfarming.participant.ended").count() == 1


def test_activity_attendance_only_of_participants_present_that_day(fw: FarmingWorld):
    here = _join(fw, joined_on=day(-30))
    later = _join(fw, case=fw.case2, joined_on=day(-2))
    with pytest.raises(ValidationError) as refused:
        participation.activity_record(
            actor=fw.w.coordinator,
            project=fw.project,
            on_date=day(-10),
            kind="harvest",
            hours=Decimal("6"),
            attendees=[here, later],
        )
    assert "attendees" in refused.value.message_dict
    with pytest.raises(ValidationError) as future:
        participation.activity_record(
            actor=fw.w.coordinator,
            project=fw.project,
            on_date=day(3),
            kind="harvest",
            hours=Decimal("13"),
        )
    assert {"on_date", "hours"} <= set(future.value.message_dict)
    activity = participation.activity_record(
        actor=fw.w.coordinator,
        project=fw.project,
        on_date=day(-10),
        kind="harvest",
        hours=Decimal("6"),
        attendees=[here],
    )
    assert list(Attendance.objects.values_list("participant", flat=True)) == [here.pk]
    assert activity.hours == Decimal("6")
    with pytest.raises(PermissionDenied):
        participation.activity_record(
            actor=fw.w.coordinator_c,
            project=fw.project,
            on_date=day(-1),
            kind="meeting",
            hours=Decimal("1"),
        )


def test_results_count_people_in_whole_numbers_and_show_progress(fw: FarmingWorld):
    with pytest.raises(ValidationError) as halves:
        services.result_record(
            actor=fw.w.coordinator,
            project=fw.project,
            indicator="people_trained",
            target=Decimal("10"),
            achieved=Decimal("2.5"),
            measured_on=day(0),
        )
    assert "achieved" in halves.value.message_dict
    with pytest.raises(ValidationError) as unnamed:
        services.result_record(
            actor=fw.w.coordinator,
            project=fw.project,
            indicator="other",
            achieved=Decimal("3"),
            measured_on=day(0),
        )
    assert "other_label" in unnamed.value.message_dict
    result = services.result_record(
        actor=fw.w.coordinator,
        project=fw.project,
        indicator="produce_kg",
        target=Decimal("12000"),
        achieved=Decimal("8400"),
        measured_on=day(-1),
    )
    assert result.progress == 70 and not result.reached
    assert Result.objects.count() == 1


def test_closed_projects_take_no_new_participants_nor_activities(fw: FarmingWorld):
    values = project_values(fw.w, status="closed", ends_on=day(-1))
    values.pop("code")
    services.project_update(
        actor=fw.w.coordinator, project=fw.project, expected_version=1, **values
    )
    with pytest.raises(ValidationError):
        _join(fw, joined_on=day(-20))
    with pytest.raises(ValidationError):
        participation.activity_record(
            actor=fw.w.coordinator,
            project=fw.project,
            on_date=day(-5),
            kind="meeting",
            hours=Decimal("1"),
        )


def test_database_refuses_bad_rows(fw: FarmingWorld):
    project = fw.project
    for change in (
        {"hectares": Decimal("-1")},
        {"ends_on": day(-200)},
        {"status": "closed", "ends_on": None},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            PilotProject.objects.filter(pk=project.pk).update(**change)
    row = _join(fw)
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.filter(pk=row.pk).update(left_on=day(-1))  # left without outcome
