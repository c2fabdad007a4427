"""The case card: stages, closure, team, notes, attachments, tasks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from approdo.accounts.models import User
from approdo.audit.models import AccessLog, AuditEvent
from approdo.cases import services
from approdo.cases.models import (
    AccessChannel,
    CaseAttachment,
    CaseEvent,
    CaseTask,
    EventKind,
    Sensitivity,
    TeamRole,
)
from approdo.cases.stages import Stage
from approdo.cases.tests.factories import CaseWorld, login, make_case_world

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"


def as_user(user: User) -> Client:
    client = Client()
    if Authenticator.objects.filter(user=user).exists():
        client.force_login(user)
        return client
    return login(client, user)


@pytest.fixture
def w() -> CaseWorld:
    return make_case_world()


def _detail(w: CaseWorld) -> str:
    return reverse("cases:detail", args=[w.case.pk])


# --- stages ----------------------------------------------------------------------------------
def test_stage_buttons_and_move(w: CaseWorld) -> None:
    client = as_user(w.manager)
    page = client.get(_detail(w)).content.decode()
    assert 'data-testid="move-plan_active"' in page and 'data-testid="move-suspended"' in page
    assert 'data-testid="move-screening"' not in page
    response = client.post(
        reverse("cases:move", args=[w.case.pk]),
        {"to_stage": Stage.SUSPENDED, "version": w.case.version},
    )
    assert response.status_code == 302
    assert w.reload().stage == Stage.SUSPENDED
    assert AuditEvent.objects.filter(action="cases.case.stage_changed").exists()
    page = client.get(_detail(w)).content.decode()
    assert 'data-testid="move-taken_in_charge"' in page  # resume where it left
    line = CaseEvent.objects.filter(case=w.case, kind=EventKind.STAGE).first()
    assert line is not None and line.to_stage == Stage.SUSPENDED
    assert "Presa in carico → Sospesa" in page


def test_invalid_and_stale_moves_are_refused_with_a_message(w: CaseWorld) -> None:
    client = as_user(w.manager)
    url = reverse("cases:move", args=[w.case.pk])
    response = client.post(
        url, {"to_stage": Stage.FIRST_CONTACT, "version": w.case.version}, follow=True
    )
    assert "Non si può passare" in response.content.decode()
    assert w.reload().stage == Stage.TAKEN_IN_CHARGE
    response = client.post(
        url, {"to_stage": Stage.PLAN_ACTIVE, "version": w.case.version - 1}, follow=True
    )
    assert "Qualcun altro ha modificato" in response.content.decode()
    assert w.reload().stage == Stage.TAKEN_IN_CHARGE


def test_screening_needs_a_registered_person(w: CaseWorld) -> None:
    case = services.case_open(
        actor=w.manager, origin_node=w.hub_a, access_channel=AccessChannel.DIRECT, contact_name="Bo"
    )
    client = as_user(w.manager)
    response = client.post(
        reverse("cases:move", args=[case.pk]),
        {"to_stage": Stage.SCREENING, "version": case.version},
        follow=True,
    )
    assert "Registra prima la persona" in response.content.decode()
    case.refresh_from_db()
    assert case.stage == Stage.FIRST_CONTACT


def test_colleague_and_legal_cannot_move(w: CaseWorld) -> None:
    url = reverse("cases:move", args=[w.case.pk])
    data = {"to_stage": Stage.SUSPENDED, "version": w.case.version}
    assert as_user(w.legal).post(url, data).status_code == 403
    assert as_user(w.colleague).post(url, data).status_code == 403
    assert as_user(w.coordinator).post(url, data).status_code == 302


# --- closure ---------------------------------------------------------------------------------
def test_close_needs_outcome_and_note(w: CaseWorld) -> None:
    client = as_user(w.manager)
    url = reverse("cases:close", args=[w.case.pk])
    page = client.post(url, {"outcome": "", "note": "", "version": w.case.version})
    text = page.content.decode()
    assert 'data-testid="error-outcome"' in text and 'data-testid="error-note"' in text
    assert w.reload().stage == Stage.TAKEN_IN_CHARGE
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    page = client.post(
        url,
        {"outcome": "withdrew", "note": "x", "closed_on": tomorrow, "version": w.case.version},
    )
    assert 'data-testid="error-closed_on"' in page.content.decode()


def test_stale_close_is_refused_then_close(w: CaseWorld) -> None:
    client = as_user(w.manager)
    url = reverse("cases:close", args=[w.case.pk])
    stale = w.case.version
    services.case_move(
        actor=w.coordinator, case=w.case, to_stage=Stage.PLAN_ACTIVE, expected_version=stale
    )
    text = client.post(
        url, {"outcome": "withdrew", "note": "Rinuncia.", "version": stale}
    ).content.decode()
    assert 'data-testid="close-error"' in text and "Qualcun altro ha modificato" in text
    assert f'value="{stale + 1}"' in text  # the next submit starts from the current version
    assert w.reload().stage == Stage.PLAN_ACTIVE
    response = client.post(url, {"outcome": "withdrew", "note": "Rinuncia.", "version": stale + 1})
    assert response.status_code == 302
    case = w.reload()
    assert case.stage == Stage.CLOSED and case.closure_note == "Rinuncia."
    assert AuditEvent.objects.filter(action="cases.case.closed", target_id=str(case.pk)).exists()
    page = client.get(_detail(w)).content.decode()
    assert 'data-testid="closure"' in page and 'data-testid="close-form"' not in page
    # A closed case takes no more writes.
    note = reverse("cases:note_add", args=[case.pk])
    assert client.post(note, {"text": "x", "sensitivity": "normal"}).status_code == 403


# --- team ------------------------------------------------------------------------------------
def test_team_add_and_end(w: CaseWorld) -> None:
    client = as_user(w.manager)
    url = reverse("cases:team_add", args=[w.case.pk])
    refused = client.post(url, {"user": w.other_hub.pk, "role": TeamRole.MEDIATOR})
    assert 'data-testid="error-user"' in refused.content.decode()
    response = client.post(url, {"user": w.colleague.pk, "role": TeamRole.MEDIATOR})
    assert response.status_code == 302
    member = w.case.team.get(user=w.colleague, until__isnull=True)
    assert member.role == TeamRole.MEDIATOR
    assert AuditEvent.objects.filter(action="cases.team.added", node=w.hub_a).exists()
    # Now on the team, the colleague reads the case.
    assert "Ndiaye" in as_user(w.colleague).get(_detail(w)).content.decode()
    response = client.post(reverse("cases:team_end", args=[w.case.pk, member.pk]))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.until == dt.date.today()
    assert AuditEvent.objects.filter(action="cases.team.ended").exists()
    page = client.get(_detail(w)).content.decode()
    assert page.count('data-testid="team-member"') == 3
    manager_row = w.case.team.get(user=w.manager, until__isnull=True)
    response = client.post(reverse("cases:team_end", args=[w.case.pk, manager_row.pk]), follow=True)
    assert "Nomina prima un altro case manager" in response.content.decode()


# --- notes -----------------------------------------------------------------------------------
def test_notes_by_sensitivity(w: CaseWorld) -> None:
    url = reverse("cases:note_add", args=[w.case.pk])
    legal = as_user(w.legal)
    assert legal.post(url, {"text": "Denuncia in corso", "sensitivity": "legal"}).status_code == 302
    manager = as_user(w.manager)
    response = manager.post(url, {"text": "Parla bene italiano", "sensitivity": "normal"})
    assert response.status_code == 302
    page = manager.post(url, {"text": "Segreto", "sensitivity": "legal"}).content.decode()
    assert 'data-testid="error-sensitivity"' in page
    page = manager.post(url, {"text": "", "sensitivity": "normal"}).content.decode()
    assert 'data-testid="error-text"' in page
    page = manager.get(_detail(w)).content.decode()
    assert "Parla bene italiano" in page and "Denuncia in corso" not in page
    page = legal.get(_detail(w)).content.decode()
    assert "Parla bene italiano" in page and "Denuncia in corso" in page
    assert AuditEvent.objects.filter(action="cases.note.added").count() == 2
    assert CaseEvent.objects.filter(case=w.case, kind=EventKind.NOTE).count() == 2


# --- attachments -----------------------------------------------------------------------------
def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_attachment_upload_errors_on_the_field(w: CaseWorld, settings: Any) -> None:
    settings.ATTACHMENT_MAX_BYTES = 20
    client = as_user(w.manager)
    url = reverse("cases:attachment_add", args=[w.case.pk])
    big = client.post(url, {"upload": _upload("a.pdf", PDF + b"x" * 40), "sensitivity": "normal"})
    text = big.content.decode()
    assert 'data-testid="error-upload"' in text and "troppo grande" in text
    settings.ATTACHMENT_MAX_BYTES = 10_000
    bad = client.post(url, {"upload": _upload("a.pdf", b"MZ not a pdf"), "sensitivity": "normal"})
    text = bad.content.decode()
    assert 'data-testid="error-upload"' in text and "Tipo di file non accettato" in text
    assert not CaseAttachment.objects.exists()


def test_attachment_upload_and_download(w: CaseWorld) -> None:
    client = as_user(w.manager)
    url = reverse("cases:attachment_add", args=[w.case.pk])
    response = client.post(
        url, {"title": "Busta paga", "upload": _upload("busta.pdf", PDF), "sensitivity": "normal"}
    )
    assert response.status_code == 302
    row = CaseAttachment.objects.get()
    assert row.content_type == "application/pdf" and row.title == "Busta paga"
    assert AuditEvent.objects.filter(action="cases.attachment.added").exists()
    assert "Busta paga" in client.get(_detail(w)).content.decode()

    download = reverse("cases:attachment", args=[w.case.pk, row.pk])
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
    assert AccessLog.objects.filter(
        user=w.manager, purpose="cases.attachment.download", record_id=str(row.pk)
    ).exists()
    for user, status in (
        (w.colleague, 403),
        (w.other_hub, 404),
        (w.other_body, 404),
        (w.monitor, 403),
    ):
        assert as_user(user).get(download).status_code == status


def test_legal_attachment_hidden_from_non_legal(w: CaseWorld) -> None:
    row = services.attachment_add(
        actor=w.legal,
        case=w.case,
        upload=_upload("denuncia.pdf", PDF),
        title="Denuncia",
        sensitivity=Sensitivity.LEGAL,
    )
    download = reverse("cases:attachment", args=[w.case.pk, row.pk])
    assert as_user(w.manager).get(download).status_code == 404
    assert as_user(w.legal).get(download).status_code == 200


# --- tasks -----------------------------------------------------------------------------------
def test_tasks_add_and_complete(w: CaseWorld) -> None:
    client = as_user(w.manager)
    url = reverse("cases:task_add", args=[w.case.pk])
    due = dt.date.today() + dt.timedelta(days=7)
    page = client.post(
        url,
        {
            "title": "Prenotare il CPI",
            "assignee": w.legal.pk,
            "due_on": due,
            "remind_on": due + dt.timedelta(days=1),
        },
    ).content.decode()
    assert 'data-testid="error-remind_on"' in page
    page = client.post(
        url, {"title": "x", "assignee": w.colleague.pk, "due_on": due}
    ).content.decode()
    assert 'data-testid="error-assignee"' in page
    response = client.post(
        url,
        {"title": "Prenotare il CPI", "assignee": w.legal.pk, "due_on": due, "remind_on": due},
    )
    assert response.status_code == 302
    task = CaseTask.objects.get()
    assert task.assignee == w.legal and task.remind_on == due
    assert AuditEvent.objects.filter(action="cases.task.added").exists()
    assert "Prenotare il CPI" in client.get(_detail(w)).content.decode()

    done = reverse("cases:task_complete", args=[w.case.pk, task.pk])
    response = client.post(done, {"version": task.version - 1}, follow=True)
    assert "Qualcun altro ha modificato" in response.content.decode()
    task.refresh_from_db()
    assert task.done_at is None
    response = as_user(w.legal).post(done, {"version": task.version})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_by == w.legal and task.done_at is not None
    assert AuditEvent.objects.filter(action="cases.task.completed").exists()
