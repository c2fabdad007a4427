"""Intake: one service for operators and the public form; anonymity, the way back, and the
out-of-hours call-back task."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from approdo.audit.models import AuditEvent
from approdo.helpdesk.intake import ReporterDetails, contact_receive
from approdo.helpdesk.models import Contact, ReporterContact, TaskKind
from approdo.helpdesk.tests.factories import helpdesk_operator, make_contact

pytestmark = pytest.mark.django_db


def test_out_of_hours_with_a_way_back_gets_a_call_back_at_the_next_opening() -> None:
    friday_evening = timezone.make_aware(dt.datetime(2026, 11, 13, 19, 0))
    contact = make_contact(None, phone="+39 320 1112223", received_at=friday_evening)
    assert contact.out_of_hours
    task = contact.tasks.get()
    assert task.kind == TaskKind.CALL_BACK and task.automatic
    assert task.due_at == timezone.make_aware(dt.datetime(2026, 11, 16, 9, 30))


def test_out_of_hours_before_a_holiday() -> None:
    evening = timezone.make_aware(dt.datetime(2026, 6, 1, 20, 0))  # Monday; 2 June a holiday
    contact = make_contact(None, email="x@example.org", received_at=evening)
    assert contact.tasks.get().due_at == timezone.make_aware(dt.datetime(2026, 6, 3, 9, 30))


def test_out_of_hours_without_a_way_back_gets_no_task() -> None:
    saturday = timezone.make_aware(dt.datetime(2026, 11, 14, 11, 0))
    contact = make_contact(None, received_at=saturday)
    assert contact.out_of_hours and not contact.tasks.exists()


def test_inside_hours_no_task_and_reference_format() -> None:
    operator = helpdesk_operator()
    contact = make_contact(operator, phone="+39 333 0000001")
    assert not contact.out_of_hours and not contact.tasks.exists()
    assert contact.reference == f"HD-{contact.received_at.year}-{contact.pk:06d}"
    assert ReporterContact.objects.get(contact=contact).phone == "+39 333 0000001"
    event = AuditEvent.objects.get(action="helpdesk.contact.received")
    assert event.actor == operator


def test_anonymous_report_refuses_a_name_and_keeps_no_address() -> None:
    with pytest.raises(ValidationError) as exc:
        contact_receive(
            actor=None, channel="web_form", message="x", needs=[], anonymous=True, name="Ali"
        )
    assert "name" in exc.value.message_dict
    assert not Contact.objects.exists()
    contact = make_contact(None, anonymous=True, channel="web_form")
    assert contact.display_name == "Anonimo"
    event = AuditEvent.objects.get(action="helpdesk.contact.received")
    assert event.ip_address is None


def test_bad_email_and_empty_message_are_refused() -> None:
    with pytest.raises(ValidationError) as exc:
        contact_receive(
            actor=None,
            channel="phone",
            message=" ",
            needs=["nope"],
            reporter=ReporterDetails(email="non-valida"),
        )
    assert set(exc.value.message_dict) == {"message", "needs", "reporter_email"}
