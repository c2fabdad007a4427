"""Services of cases: the rules they enforce, the timeline lines and audit rows they write."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from approdo.audit.models import AuditEvent
from approdo.cases import selectors, services
from approdo.cases.models import (
    AccessChannel,
    BreakGlassAccess,
    CaseEvent,
    EventKind,
    InternalSource,
    Sensitivity,
    TeamRole,
)
from approdo.cases.permissions import Level, permissions_for
from approdo.cases.stages import Stage
from approdo.cases.tests.factories import make_case_world
from approdo.core.concurrency import StaleEditError
from approdo.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_case_open_at_a_spoke_belongs_to_its_hub() -> None:
    w = make_case_world()
    case = services.case_open(
        actor=w.spoke_operator,
        origin_node=w.spoke_a1,
        access_channel=AccessChannel.INTERNAL,
        internal_source=InternalSource.OUTREACH,
        contact_name="Moussa",
        external_body_name="ignored for internal",
    )
    assert case.hub == w.hub_a and case.origin_node == w.spoke_a1
    assert case.reference.startswith("PU-H01-")
    assert case.external_body_name == ""
    assert case.team.get().role == TeamRole.SPOKE_OPERATOR
    assert AuditEvent.objects.filter(action="cases.case.opened", node=w.hub_a).exists()


def test_case_open_rules() -> None:
    w = make_case_world()
    with pytest.raises(ValidationError) as exc:
        services.case_open(actor=w.manager, origin_node=w.hub_a, access_channel="direct")
    assert "contact_name" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.case_open(
            actor=w.manager,
            origin_node=w.hub_a,
            access_channel="direct",
            contact_name="Ali",
            opened_on=dt.date.today() + dt.timedelta(days=1),
        )
    assert "opened_on" in exc.value.message_dict
    with pytest.raises(ValidationError):  # one open case per person and hub
        services.case_open(
            actor=w.manager, origin_node=w.hub_a, access_channel="direct", person=w.person
        )
    with pytest.raises(Http404):
        services.case_open(
            actor=w.other_body, origin_node=w.hub_a, access_channel="direct", contact_name="X"
        )
    with pytest.raises(PermissionDenied):
        services.case_open(
            actor=w.monitor, origin_node=w.hub_a, access_channel="direct", contact_name="X"
        )


def test_link_person_then_screening() -> None:
    w = make_case_world()
    case = services.case_open(
        actor=w.manager, origin_node=w.hub_a, access_channel="direct", contact_name="Bo"
    )
    with pytest.raises(ValidationError):
        services.case_move(
            actor=w.manager, case=case, to_stage=Stage.SCREENING, expected_version=case.version
        )
    person = PersonFactory.create(registered_at=w.hub_a, registered_by=w.manager)
    services.case_link_person(actor=w.manager, case=case, person=person)
    services.case_move(
        actor=w.manager, case=case, to_stage=Stage.SCREENING, expected_version=case.version
    )
    case.refresh_from_db()
    assert case.stage == Stage.SCREENING
    kinds = list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert EventKind.PERSON in kinds and EventKind.STAGE in kinds
    with pytest.raises(PermissionDenied):  # colleague outside the team
        services.case_link_person(actor=w.colleague, case=case, person=person)


def test_suspend_and_resume_to_the_same_stage() -> None:
    w = make_case_world()
    case = services.case_move(
        actor=w.manager, case=w.case, to_stage=Stage.SUSPENDED, expected_version=w.case.version
    )
    assert case.suspended_from == Stage.TAKEN_IN_CHARGE
    with pytest.raises(ValidationError):
        services.case_move(
            actor=w.manager, case=case, to_stage=Stage.SCREENING, expected_version=case.version
        )
    services.case_move(
        actor=w.manager, case=case, to_stage=Stage.TAKEN_IN_CHARGE, expected_version=case.version
    )
    case = w.reload()
    assert case.stage == Stage.TAKEN_IN_CHARGE and case.suspended_from == ""


def test_close_keeps_the_team_reading_and_refuses_stale() -> None:
    w = make_case_world()
    old = w.case.version
    with pytest.raises(ValidationError) as exc:
        services.case_close(actor=w.manager, case=w.case, outcome="", note="", expected_version=old)
    assert set(exc.value.message_dict) == {"outcome", "note"}
    with pytest.raises(StaleEditError):
        services.case_close(
            actor=w.manager, case=w.case, outcome="withdrew", note="x", expected_version=old - 1
        )
    services.case_close(
        actor=w.manager, case=w.case, outcome="withdrew", note="Rinuncia", expected_version=old
    )
    case = w.reload()
    assert case.stage == Stage.CLOSED
    perms = permissions_for(w.manager, case)
    assert perms.level == Level.FULL and not perms.can_edit  # reads the closed case, no writes
    with pytest.raises(PermissionDenied):  # a closed case is not moved any more
        services.case_move(
            actor=w.coordinator, case=case, to_stage=Stage.SCREENING, expected_version=case.version
        )


def test_team_add_replaces_case_manager_and_end_is_idempotent() -> None:
    w = make_case_world()
    services.team_add(actor=w.coordinator, case=w.case, user=w.colleague, role="case_manager")
    assert selectors.case_manager(w.case).user == w.colleague
    old = w.case.team.get(user=w.manager, until__isnull=True)
    assert old.role == TeamRole.OTHER
    event = AuditEvent.objects.filter(action="cases.team.added").last()
    assert event is not None and event.node_id == w.hub_a.pk
    member = w.case.team.get(user=w.legal)
    services.team_end(actor=w.colleague, member=member)
    member.refresh_from_db()
    ended = member.until
    assert ended is not None
    services.team_end(actor=w.colleague, member=member)  # already ended: nothing changes
    assert AuditEvent.objects.filter(action="cases.team.ended").count() == 1
    with pytest.raises(ValidationError):
        services.team_add(actor=w.coordinator, case=w.case, user=w.other_body, role="other")
    with pytest.raises(PermissionDenied):
        services.team_add(actor=w.legal, case=w.case, user=w.colleague, role="other")


def test_break_glass_rules_and_review() -> None:
    w = make_case_world()
    with pytest.raises(ValidationError):
        services.break_glass_open(actor=w.colleague, case=w.case, justification="urgente")
    with pytest.raises(PermissionDenied):  # the team needs no emergency access
        services.break_glass_open(actor=w.manager, case=w.case, justification="x" * 30)
    with pytest.raises(Http404):
        services.break_glass_open(actor=w.other_hub, case=w.case, justification="x" * 30)
    row = services.break_glass_open(
        actor=w.colleague, case=w.case, justification="Serve il numero della persona, ora."
    )
    assert CaseEvent.objects.filter(case=w.case, kind=EventKind.BREAK_GLASS).exists()
    with pytest.raises(PermissionDenied):
        services.break_glass_review(actor=w.coordinator_c, row=row)
    services.break_glass_review(actor=w.coordinator, row=row)
    row.refresh_from_db()
    assert row.reviewed_by == w.coordinator
    event = AuditEvent.objects.get(action="cases.break_glass.reviewed")
    assert event.node_id == w.hub_a.pk
    services.break_glass_review(actor=w.coordinator, row=row)  # once only
    assert AuditEvent.objects.filter(action="cases.break_glass.reviewed").count() == 1
    assert BreakGlassAccess.objects.count() == 1


def test_notes_and_attachments_check_the_writer() -> None:
    w = make_case_world()
    with pytest.raises(PermissionDenied):
        services.note_add(actor=w.colleague, case=w.case, text="x", sensitivity="normal")
    with pytest.raises(ValidationError) as exc:
        services.note_add(actor=w.manager, case=w.case, text="x", sensitivity=Sensitivity.LEGAL)
    assert "sensitivity" in exc.value.message_dict
    upload = SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\nrest-of-png")
    row = services.attachment_add(
        actor=w.manager, case=w.case, upload=upload, title="", sensitivity="team"
    )
    assert row.content_type == "image/png" and row.title == "x.png"
    assert "x.png" not in row.file.name  # the stored name never carries the uploaded one
    with pytest.raises(ValidationError) as exc:
        services.attachment_add(
            actor=w.manager,
            case=w.case,
            upload=SimpleUploadedFile("e.pdf", b""),
            title="",
            sensitivity="normal",
        )
    assert "upload" in exc.value.message_dict


def test_tasks_rules() -> None:
    w = make_case_world()
    due = dt.date.today() + dt.timedelta(days=3)
    with pytest.raises(ValidationError) as exc:
        services.task_add(actor=w.manager, case=w.case, title="", assignee=w.colleague, due_on=due)
    assert set(exc.value.message_dict) == {"title", "assignee"}
    task = services.task_add(
        actor=w.manager, case=w.case, title="Chiamare", assignee=w.legal, due_on=due
    )
    with pytest.raises(StaleEditError):
        services.task_complete(actor=w.legal, task=task, expected_version=task.version + 1)
    services.task_complete(actor=w.legal, task=task, expected_version=task.version)
    task.refresh_from_db()
    assert task.done_by == w.legal


def test_list_selectors() -> None:
    w = make_case_world()
    services.case_open(
        actor=w.spoke_operator, origin_node=w.spoke_a1, access_channel="direct", contact_name="Bo"
    )
    cases = selectors.case_list(user=w.coordinator)
    assert cases.count() == 2
    assert selectors.case_stage_counts(cases) == {
        Stage.FIRST_CONTACT: 1,
        Stage.TAKEN_IN_CHARGE: 1,
    }
    # Searching by reference never repeats a case once per team member.
    assert selectors.case_list(user=w.manager, q=w.case.reference).count() == 1
    ids = list(cases.values_list("pk", flat=True))
    assert selectors.readable_case_ids(user=w.colleague, case_ids=ids) == set()
    assert selectors.readable_case_ids(user=w.coordinator, case_ids=ids) == set(ids)
    assert selectors.readable_case_ids(user=w.manager, case_ids=ids) == {w.case.pk}
    assert selectors.case_managers(ids) == {w.case.pk: w.manager}
    assert selectors.case_list(user=w.spoke_operator).count() == 1
