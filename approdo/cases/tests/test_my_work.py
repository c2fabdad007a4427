"""The start page gathers what each operator must act on, and only theirs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from approdo.cases import services
from approdo.cases.models import Referral
from approdo.cases.my_work import my_work_for
from approdo.cases.tests.factories import login, make_case_world
from approdo.people.models import IdentityDocument

pytestmark = pytest.mark.django_db


def _add_permit(person_id: int, days: int) -> IdentityDocument:
    today = dt.date.today()
    return IdentityDocument.objects.create(
        person_id=person_id,
        kind="residence_permit",
        permit_type="art18",
        number=f"P{days:04d}",
        issued_on=today - dt.timedelta(days=300),
        expires_on=today + dt.timedelta(days=days),
    )


def test_my_work_lists_my_cases_tasks_documents_and_waiting_referrals() -> None:
    w = make_case_world()
    today = dt.date.today()
    services.task_add(
        actor=w.manager,
        case=w.case,
        title="Chiamare la Questura",
        assignee=w.manager,
        due_on=today - dt.timedelta(days=1),
    )
    services.task_add(
        actor=w.manager,
        case=w.case,
        title="Prenotare visita",
        assignee=w.legal,
        due_on=today + dt.timedelta(days=3),
    )
    _add_permit(w.person.pk, 20)
    _add_permit(w.person.pk, 50)
    _add_permit(w.person.pk, 200)
    Referral.objects.create(
        case=w.case,
        from_node=w.hub_c,
        to_node=w.hub_a,
        reason="Servizio legale",
        due_on=today + dt.timedelta(days=2),
        sent_by=w.worker_c,
    )

    mine = my_work_for(user=w.manager, today=today)
    assert mine is not None
    assert [c.pk for c in mine.cases] == [w.case.pk]
    assert {s.stage: s.count for s in mine.stages}["taken_in_charge"] == 1
    assert [t.title for t in mine.tasks_overdue] == ["Chiamare la Questura"]
    assert mine.tasks_due == []  # the other task is the legal advisor's
    assert sorted(d.window for d in mine.documents) == [30, 60]
    assert len(mine.referrals) == 1

    legal = my_work_for(user=w.legal, today=today)
    assert legal is not None and [t.title for t in legal.tasks_due] == ["Prenotare visita"]

    colleague = my_work_for(user=w.colleague, today=today)
    assert colleague is not None and colleague.cases == [] and colleague.documents == []
    assert my_work_for(user=w.monitor) is None


def test_home_page_shows_my_work_to_operators_only(client: Client) -> None:
    w = make_case_world()
    body = login(client, w.manager).get(reverse("home")).content.decode()
    assert 'data-testid="my-work"' in body
    assert w.case.reference in body
    client.logout()
    client.force_login(w.monitor)
    assert 'data-testid="my-work"' not in client.get(reverse("home")).content.decode()
