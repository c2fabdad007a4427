"""Screening services: suggestions, confirmation, freezing, stale edits, scoping rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from approdo.audit.models import AuditEvent
from approdo.cases.models import EventKind
from approdo.cases.tests.factories import CaseWorld
from approdo.core.concurrency import StaleEditError
from approdo.screening import selectors, services
from approdo.screening.models import Indicator, Screening, VulnerabilityFactor
from approdo.screening.tests.helpers import answers, factors

pytestmark = pytest.mark.django_db


def _draft(world: CaseWorld, *observed: str, present: tuple[str, ...] = ()) -> Screening:
    return services.screening_record(
        actor=world.manager,
        case=world.case,
        answers=answers(*observed),
        vulnerabilities=factors(*present),
    )


def test_reference_lists_are_seeded() -> None:
    assert Indicator.objects.filter(framework="603bis", active=True).count() == 4
    assert Indicator.objects.filter(framework="ilo", active=True).count() == 11
    assert VulnerabilityFactor.objects.count() == 7


def test_create_stores_answers_and_suggestions(world: CaseWorld) -> None:
    screening = _draft(world, "603_pay", "603_time", present=("housing",))
    screening.refresh_from_db()
    assert screening.status == "draft"
    assert screening.node == world.hub_a
    assert screening.operator == world.manager
    assert screening.suggested_priority == "medium"
    assert screening.suggested_steps == ["labour_inspectorate", "safe_housing"]
    assert screening.confirmed_priority == ""
    assert screening.answers.filter(status="observed").count() == 2
    assert screening.answers.count() == 15
    assert screening.vulnerabilities.get(factor__code="housing").status == "present"
    event = world.case.events.filter(kind=EventKind.SCREENING).get()
    assert "2 indicatori osservati" in event.summary
    assert AuditEvent.objects.filter(
        action="screening.screening.created", target_id=str(screening.pk)
    ).exists()


def test_documents_withheld_make_priority_high(world: CaseWorld) -> None:
    screening = _draft(world, "ilo_documents")
    assert screening.suggested_priority == "high"
    assert screening.suggested_steps == ["legal_counselling"]


def test_expired_permit_suggests_legal_counselling(world: CaseWorld) -> None:
    world.person.documents.create(
        kind="residence_permit",
        permit_type="",
        number="X1",
        issued_on=dt.date.today() - dt.timedelta(days=400),
        expires_on=dt.date.today() - dt.timedelta(days=5),
    )
    assert _draft(world).suggested_steps == ["legal_counselling"]


def test_observed_without_source_is_refused(world: CaseWorld) -> None:
    bad = answers()
    bad["603_pay"] = ("observed", "", "")
    with pytest.raises(ValidationError) as exc:
        services.screening_record(
            actor=world.manager, case=world.case, answers=bad, vulnerabilities={}
        )
    assert "answers" in exc.value.message_dict
    assert not Screening.objects.exists()


def test_unknown_codes_and_values_are_refused(world: CaseWorld) -> None:
    with pytest.raises(ValidationError):
        services.screening_record(
            actor=world.manager,
            case=world.case,
            answers={"nope": ("observed", "account", "")},
            vulnerabilities={},
        )
    with pytest.raises(ValidationError):
        services.screening_record(
            actor=world.manager, case=world.case, answers={}, vulnerabilities={"health": "maybe"}
        )


def test_future_date_is_refused_on_the_field(world: CaseWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        services.screening_record(
            actor=world.manager,
            case=world.case,
            answers=answers(),
            vulnerabilities={},
            held_on=dt.date.today() + dt.timedelta(days=1),
        )
    assert "held_on" in exc.value.message_dict


@pytest.mark.parametrize("who", ["colleague", "other_hub", "other_body", "monitor"])
def test_only_the_team_and_coordinator_write(world: CaseWorld, who: str) -> None:
    # Outside the scope the case is not even found (404); inside, the write is forbidden.
    with pytest.raises((PermissionDenied, Http404)):
        services.screening_record(
            actor=getattr(world, who), case=world.case, answers=answers(), vulnerabilities={}
        )
    services.screening_record(
        actor=world.coordinator, case=world.case, answers=answers(), vulnerabilities={}
    )
    services.screening_record(
        actor=world.legal, case=world.case, answers=answers(), vulnerabilities={}
    )
    assert Screening.objects.count() == 2


def test_update_recomputes_and_refuses_stale_edit(world: CaseWorld) -> None:
    screening = _draft(world)
    loaded = screening.version
    services.screening_update(
        actor=world.manager,
        screening=screening,
        expected_version=loaded,
        details=services.ScreeningDetails(immediate_danger=True),
        answers=answers("ilo_movement"),
        vulnerabilities=factors(),
    )
    screening.refresh_from_db()
    assert screening.suggested_priority == "high"
    assert screening.suggested_steps == ["anti_trafficking"]
    assert screening.version == loaded + 1
    with pytest.raises(StaleEditError):
        services.screening_update(
            actor=world.legal,
            screening=screening,
            expected_version=loaded,
            details=services.ScreeningDetails(),
            answers=answers(),
            vulnerabilities=factors(),
        )
    screening.refresh_from_db()
    assert screening.immediate_danger is True
    audit = AuditEvent.objects.get(action="screening.screening.updated")
    assert "observed" in audit.changes


def test_complete_stores_confirmation_beside_suggestions(world: CaseWorld) -> None:
    screening = _draft(world, "603_pay")
    assert screening.suggested_priority == "low"
    with pytest.raises(ValidationError) as exc:
        services.screening_complete(
            actor=world.manager,
            screening=screening,
            expected_version=screening.version,
            priority="high",
            steps=["labour_inspectorate"],
        )
    assert "note" in exc.value.message_dict
    services.screening_complete(
        actor=world.manager,
        screening=screening,
        expected_version=screening.version,
        priority="high",
        steps=["safe_housing", "labour_inspectorate"],
        note="Vive nel capannone del datore di lavoro.",
    )
    screening.refresh_from_db()
    assert screening.status == "completed"
    assert screening.suggested_priority == "low"
    assert screening.confirmed_priority == "high"
    assert screening.suggested_steps == ["labour_inspectorate"]
    assert screening.chosen_steps == ["labour_inspectorate", "safe_housing"]
    assert screening.confirmed_by == world.manager
    assert screening.confirmed_at is not None
    assert AuditEvent.objects.filter(action="screening.screening.completed").exists()
    assert world.case.events.filter(kind=EventKind.SCREENING).count() == 2


def test_completed_screening_is_frozen(world: CaseWorld) -> None:
    screening = services.screening_record(
        actor=world.manager,
        case=world.case,
        answers=answers("ilo_threats"),
        vulnerabilities=factors(),
        complete=True,
    )
    screening.refresh_from_db()
    assert screening.confirmed_priority == "high"
    assert screening.chosen_steps == ["anti_trafficking"]
    with pytest.raises(ValidationError) as exc:
        services.screening_update(
            actor=world.manager,
            screening=screening,
            expected_version=screening.version,
            details=services.ScreeningDetails(),
            answers=answers(),
            vulnerabilities=factors(),
        )
    assert exc.value.code == "frozen"
    with pytest.raises(ValidationError):
        services.screening_complete(
            actor=world.manager,
            screening=screening,
            expected_version=screening.version,
            priority="low",
            steps=[],
            note="x",
        )
    screening.refresh_from_db()
    assert screening.confirmed_priority == "high"


def test_complete_refuses_invalid_choices_and_stale_version(world: CaseWorld) -> None:
    screening = _draft(world)
    with pytest.raises(ValidationError) as exc:
        services.screening_complete(
            actor=world.manager,
            screening=screening,
            expected_version=screening.version,
            priority="urgentissima",
            steps=["teleport"],
        )
    assert set(exc.value.message_dict) == {"priority", "steps"}
    with pytest.raises(StaleEditError):
        services.screening_complete(
            actor=world.manager,
            screening=screening,
            expected_version=screening.version + 5,
            priority="low",
            steps=[],
        )


def test_latest_priority_reads_the_latest_completed(world: CaseWorld) -> None:
    assert selectors.latest_priority(world.case) is None
    _draft(world, "ilo_violence")  # a draft does not count
    assert selectors.latest_priority(world.case) is None
    services.screening_record(
        actor=world.manager,
        case=world.case,
        answers=answers("ilo_violence"),
        vulnerabilities={},
        held_on=dt.date.today() - dt.timedelta(days=10),
        complete=True,
    )
    assert selectors.latest_priority(world.case) == "high"
    services.screening_record(
        actor=world.manager, case=world.case, answers=answers(), vulnerabilities={}, complete=True
    )
    assert selectors.latest_priority(world.case) == "low"


def test_history_compares_with_the_previous(world: CaseWorld) -> None:
    services.screening_record(
        actor=world.manager,
        case=world.case,
        answers=answers("603_pay", "ilo_threats"),
        vulnerabilities={},
        held_on=dt.date.today() - dt.timedelta(days=7),
    )
    _draft(world, "603_pay", "ilo_isolation")
    from approdo.cases.permissions import permissions_for

    rows = selectors.screening_history(permissions_for(world.manager, world.case))
    assert [i.code for i in rows[0].newly_observed] == ["ilo_isolation"]
    assert [i.code for i in rows[0].no_longer_observed] == ["ilo_threats"]
    assert rows[0].has_previous and not rows[1].has_previous
