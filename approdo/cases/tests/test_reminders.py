"""Task reminders: sent once, claimed safely, no names in the e-mail; the send_reminders command."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from approdo.cases import reminders, services
from approdo.cases.management.commands import send_reminders
from approdo.cases.models import CaseTask
from approdo.cases.tests.factories import CaseWorld, make_case_world

pytestmark = pytest.mark.django_db

NAMES = ("Ndiaye", "Ousmane")
TITLE = "Chiamare Ousmane Ndiaye per il rinnovo del permesso"


@pytest.fixture
def w() -> CaseWorld:
    world = make_case_world()
    world.manager.email = "manager@psi-foggia.example"
    world.manager.save(update_fields=["email"])
    return world


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    """A moment of `day` in Rome."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def add_task(w: CaseWorld, *, due_in: int = 3, remind_in: int | None = 0) -> CaseTask:
    today = timezone.localdate()
    return services.task_add(
        actor=w.manager,
        case=w.case,
        title=TITLE,
        details="Ousmane ha l'appuntamento in questura.",
        assignee=w.manager,
        due_on=today + dt.timedelta(days=due_in),
        remind_on=None if remind_in is None else today + dt.timedelta(days=remind_in),
    )


def test_reminder_is_sent_once(w: CaseWorld) -> None:
    task = add_task(w)
    assert reminders.send_task_reminders() == 1
    assert reminders.send_task_reminders() == 0
    [message] = mail.outbox
    assert message.to == ["manager@psi-foggia.example"]
    assert w.case.reference in message.subject
    assert w.case.reference in message.body
    assert task.due_on.strftime("%d/%m/%Y") in message.body
    task.refresh_from_db()
    assert task.reminded_at is not None


def test_no_person_name_nor_task_words_in_the_mail(w: CaseWorld) -> None:
    add_task(w)
    reminders.send_task_reminders()
    [message] = mail.outbox
    for text in (message.subject, message.body):
        for name in NAMES:
            assert name not in text
        assert "permesso" not in text and "questura" not in text
    assert "un'attività della presa in carico" in message.body.lower()
    assert reverse("cases:detail", args=[w.case.pk]) in message.body


def test_nothing_before_the_reminder_day_nor_for_done_tasks(w: CaseWorld) -> None:
    add_task(w, remind_in=1)
    add_task(w, remind_in=None)
    done = add_task(w)
    services.task_complete(actor=w.manager, task=done, expected_version=done.version)
    assert reminders.send_task_reminders() == 0
    assert mail.outbox == []


def test_reminder_day_reached_later_sends_then(w: CaseWorld) -> None:
    task = add_task(w, due_in=5, remind_in=2)
    assert reminders.send_task_reminders() == 0
    assert reminders.send_task_reminders(now=at(task.due_on - dt.timedelta(days=2))) == 1


def test_overdue_task_gets_one_more_mail(w: CaseWorld) -> None:
    task = add_task(w, due_in=2, remind_in=0)
    assert reminders.send_task_reminders() == 1
    # Still within the due date: nothing more.
    assert reminders.send_task_reminders(now=at(task.due_on, hour=18)) == 0
    day_after = at(task.due_on + dt.timedelta(days=1))
    assert reminders.send_task_reminders(now=day_after) == 1
    assert reminders.send_task_reminders(now=day_after + dt.timedelta(days=3)) == 0
    assert len(mail.outbox) == 2
    assert "scadut" in mail.outbox[1].subject.lower()
    for name in NAMES:
        assert name not in mail.outbox[1].body


def test_overdue_without_reminder_day_gets_one_mail(w: CaseWorld) -> None:
    task = add_task(w, due_in=1, remind_in=None)
    later = at(task.due_on + dt.timedelta(days=2))
    assert reminders.send_task_reminders(now=later) == 1
    assert reminders.send_task_reminders(now=later) == 0


def test_a_task_claimed_by_another_worker_is_not_sent_again(w: CaseWorld) -> None:
    task = add_task(w)
    ids = reminders.due_task_ids(timezone.localdate())
    assert ids == [task.pk]
    # Another worker claims the row between our listing and our claim.
    CaseTask.objects.filter(pk=task.pk).update(reminded_at=timezone.now())
    assert reminders._run(ids, timezone.now(), overdue=False) == 0
    assert mail.outbox == []


def test_closed_cases_and_users_without_email_are_skipped(w: CaseWorld) -> None:
    task = add_task(w)
    w.manager.email = ""
    w.manager.save(update_fields=["email"])
    assert reminders.send_task_reminders() == 0
    w.manager.email = "manager@psi-foggia.example"
    w.manager.save(update_fields=["email"])
    w.reload()
    services.case_close(
        actor=w.manager,
        case=w.case,
        outcome="other",
        note="Chiusa.",
        expected_version=w.case.version,
    )
    assert reminders.send_task_reminders() == 0
    task.refresh_from_db()
    assert task.reminded_at is None


def test_english_speaking_assignee_gets_the_mail_in_their_language(
    w: CaseWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    w.manager.preferred_language = "en"
    w.manager.save(update_fields=["preferred_language"])
    seen: list[str] = []
    original = reminders._message

    def spy(task: CaseTask, *, overdue: bool) -> tuple[str, str]:
        seen.append(translation.get_language())
        return original(task, overdue=overdue)

    monkeypatch.setattr(reminders, "_message", spy)
    add_task(w)
    reminders.send_task_reminders()
    assert seen == ["en"]


# --- the command ------------------------------------------------------------------------------


def test_command_prints_one_count_per_kind(w: CaseWorld) -> None:
    add_task(w)
    out, err = StringIO(), StringIO()
    call_command("send_reminders", stdout=out, stderr=err)
    lines = out.getvalue().splitlines()
    assert lines[0] == "attività: 1 promemoria inviati"
    assert [line.split(":")[0] for line in lines] == ["attività", "invii", "appuntamenti"]
    assert err.getvalue() == ""
    assert len(mail.outbox) == 1


def test_command_skips_a_missing_sender_with_a_warning(
    w: CaseWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        send_reminders,
        "KINDS",
        (
            ("attività", "approdo.cases.reminders", "send_task_reminders"),
            ("invii", "approdo.cases.no_such_module", "send_overdue_referral_reminders"),
            ("appuntamenti", "approdo.cases.reminders", "no_such_function"),
        ),
    )
    out, err = StringIO(), StringIO()
    call_command("send_reminders", stdout=out, stderr=err)
    assert out.getvalue().splitlines() == ["attività: 0 promemoria inviati"]
    assert "invii: saltato" in err.getvalue()
    assert "appuntamenti: saltato" in err.getvalue()
