"""The case's "Formazione" tab: the team reads and writes it (each read logged), others get
404 or 403 like every case page, and bad input comes back with the values and a message."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from approdo.audit.models import AccessLog, AuditEvent
from approdo.housing.tests.factories import open_case
from approdo.jobs.models import LanguageSkill
from approdo.people.tests.factories import login
from approdo.training.models import Enrolment, OrientationSession, SkillsAssessment
from approdo.training.tests.factories import (
    ABSENT,
    PRESENT,
    TrainingWorld,
    attend,
    day,
    enrolled,
    make_training_world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw() -> TrainingWorld:
    return make_training_world()


def _orientation(tw: TrainingWorld, **over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "held_on": day(-1).isoformat(),
        "kind": "individual",
        "led_by": tw.w.manager.pk,
        "duration_minutes": "60",
        "topics": ["rights", "job_centres"],
        "notes": "Con la mediatrice di lingua wolof",
        "next_steps": "Appuntamento al CPI",
    }
    data.update(over)
    return data


def test_the_team_opens_the_tab_and_the_read_is_logged(client: Client, tw: TrainingWorld):
    enrolled(tw)
    login(client, tw.w.manager)
    page = client.get(reverse("training:case", args=[tw.case.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    for testid in (
        "training-orientation-form",
        "training-assessment-form",
        "training-enrol-form",
        "training-enrol-submit",
        "training-enrolment",
        "case-tab-training",
    ):
        assert f'data-testid="{testid}"' in html
    assert 'name="course"' in html and "Italiano A1 per il lavoro" in html
    assert AccessLog.objects.filter(user=tw.w.manager, purpose="training").exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [("other_hub", 404), ("other_body", 404), ("worker_c", 404), ("monitor", 403),
     ("colleague", 403)],
)  # fmt: skip
def test_outsiders_neither_read_nor_write(client: Client, tw: TrainingWorld, who: str, status: int):
    login(client, getattr(tw.w, who))
    assert client.get(reverse("training:case", args=[tw.case.pk])).status_code == status
    posted = client.post(reverse("training:orientation_add", args=[tw.case.pk]), _orientation(tw))
    assert posted.status_code == status
    enrol = client.post(reverse("training:enrol", args=[tw.case.pk]), {"course": tw.a1.pk})
    assert enrol.status_code == status
    assert not OrientationSession.objects.exists() and not Enrolment.objects.exists()


def test_orientation_and_assessment_from_the_tab(client: Client, tw: TrainingWorld):
    login(client, tw.w.manager)
    url = reverse("training:orientation_add", args=[tw.case.pk])
    no_topic = client.post(url, _orientation(tw, topics=[]))
    assert (
        no_topic.status_code == 400
        and "Con la mediatrice di lingua wolof" in no_topic.content.decode()
    )
    bad = client.post(url, _orientation(tw, held_on=day(3).isoformat()))
    html = bad.content.decode()
    assert bad.status_code == 400 and "La data non può essere nel futuro" in html
    assert "Appuntamento al CPI" in html and not OrientationSession.objects.exists()
    assert client.post(url, _orientation(tw)).status_code == 302
    session = OrientationSession.objects.get()
    assert session.topics == ["rights", "job_centres"]
    edit = reverse("training:orientation_edit", args=[session.pk])
    assert client.get(edit).status_code == 200
    assert client.post(edit, {**_orientation(tw, kind="group"), "version": 1}).status_code == 302
    stale = client.post(edit, {**_orientation(tw), "version": 1})
    assert stale.status_code == 400 and 'data-testid="current-values"' in stale.content.decode()

    assessment = reverse("training:assessment_add", args=[tw.case.pk])
    refused = client.post(
        assessment,
        {
            "assessed_on": day(0).isoformat(),
            "method": "qualification_recognition",
            "assessed_by": tw.w.manager.pk,
            "italian_level": "1",
            "summary": "Titolo da tradurre",
        },
    )
    assert refused.status_code == 400 and "Indica il titolo estero" in refused.content.decode()
    saved = client.post(
        assessment,
        {
            "assessed_on": day(0).isoformat(),
            "method": "interview",
            "assessed_by": tw.w.manager.pk,
            "italian_level": "1",
            "work_level": "3",
            "recommended_course_kinds": ["italian"],
            "summary": "Esperto di raccolta",
        },
    )
    assert saved.status_code == 302
    made = SkillsAssessment.objects.get()
    assert made.italian_level == 1 and made.work_level == 3 and made.literacy_level is None
    html = client.get(reverse("training:case", args=[tw.case.pk])).content.decode()
    assert "Esperto di raccolta" in html and 'data-testid="training-assessment"' in html


def test_enrol_from_the_tab_and_a_full_course_says_so(client: Client, tw: TrainingWorld):
    enrolled(tw, case=tw.case2)
    enrolled(tw, case=open_case(tw.w, family_name="Sow"))
    login(client, tw.w.manager)
    full = client.post(reverse("training:enrol", args=[tw.case.pk]), {"course": tw.a1.pk})
    html = full.content.decode()
    assert full.status_code == 400 and "al completo" in html
    assert f'<option value="{tw.a1.pk}" selected>' in html  # the choice is kept
    done = client.post(
        reverse("training:enrol", args=[tw.case.pk]),
        {"course": tw.safety.pk, "enrolled_on": day(-3).isoformat()},
    )
    assert done.status_code == 302
    assert Enrolment.objects.filter(case=tw.case, course=tw.safety).exists()


def test_outcome_and_withdrawal_from_the_tab(client: Client, tw: TrainingWorld):
    enrolment = enrolled(tw)
    attend(tw, enrolment, PRESENT, ABSENT)
    login(client, tw.w.manager)
    url = reverse("training:outcome", args=[enrolment.pk])
    p = f"o{enrolment.pk}-"
    refused = client.post(
        url,
        {f"{p}outcome": "completed", f"{p}outcome_on": day(0).isoformat(),
         f"{p}cefr_reached": "A1", f"{p}version": "1", f"{p}note": "Test superato"},
    )  # fmt: skip
    html = refused.content.decode()
    assert refused.status_code == 400 and "La frequenza è del 37,5%" in html
    assert "Test superato" in html
    attend(tw, enrolment, PRESENT, PRESENT)
    done = client.post(
        url,
        {f"{p}outcome": "completed", f"{p}outcome_on": day(0).isoformat(),
         f"{p}cefr_reached": "A1", f"{p}version": "1"},
    )  # fmt: skip
    assert done.status_code == 302
    assert LanguageSkill.objects.get(person=tw.w.person).level == "A1"

    second = enrolled(tw, course=tw.safety)
    w = f"w{second.pk}-"
    reasonless = client.post(
        reverse("training:withdraw", args=[second.pk]), {f"{w}reason": "", f"{w}version": "1"}
    )
    assert reasonless.status_code == 400
    withdrawn = client.post(
        reverse("training:withdraw", args=[second.pk]),
        {f"{w}reason": "Trasferito a Bari", f"{w}version": "1"},
    )
    assert withdrawn.status_code == 302
    second.refresh_from_db()
    assert second.status == "withdrawn" and second.withdraw_reason == "Trasferito a Bari"
    assert AuditEvent.objects.filter(action="training.enrolment.withdrawn").exists()
    other = login(Client(), tw.w.other_body)
    assert other.post(url, {f"{p}outcome": "dropped_out", f"{p}version": "2"}).status_code == 404
