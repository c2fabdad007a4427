"""Screening pages: permission matrix, the form, confirmation, history, stale edits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from approdo.audit.models import AccessLog
from approdo.cases.tests.factories import CaseWorld, login
from approdo.screening import services
from approdo.screening.models import Screening
from approdo.screening.tests.helpers import answers, factors, form_data

pytestmark = pytest.mark.django_db

MATRIX = [
    ("manager", 200),
    ("legal", 200),
    ("coordinator", 200),
    ("colleague", 403),
    ("other_hub", 404),
    ("other_body", 404),
    ("monitor", 403),
]


def _draft(world: CaseWorld, *observed: str) -> Screening:
    return services.screening_record(
        actor=world.manager,
        case=world.case,
        answers=answers(*observed),
        vulnerabilities=factors(),
    )


def _urls(world: CaseWorld, screening: Screening) -> list[str]:
    return [
        reverse("screening:case", args=[world.case.pk]),
        reverse("screening:new", args=[world.case.pk]),
        reverse("screening:detail", args=[screening.pk]),
        reverse("screening:edit", args=[screening.pk]),
        reverse("screening:complete", args=[screening.pk]),
    ]


@pytest.mark.parametrize(("who", "status"), MATRIX)
def test_permission_matrix(client: Client, world: CaseWorld, who: str, status: int) -> None:
    screening = _draft(world, "603_pay")
    login(client, getattr(world, who))
    for url in _urls(world, screening):
        assert client.get(url).status_code == status, url


@pytest.mark.parametrize(("who", "status"), MATRIX)
def test_new_post_matrix(client: Client, world: CaseWorld, who: str, status: int) -> None:
    login(client, getattr(world, who))
    response = client.post(reverse("screening:new", args=[world.case.pk]), form_data("603_pay"))
    assert response.status_code == (302 if status == 200 else status)
    assert Screening.objects.count() == (1 if status == 200 else 0)


def test_missing_screening_is_404(client: Client, world: CaseWorld) -> None:
    login(client, world.manager)
    assert client.get(reverse("screening:detail", args=[999999])).status_code == 404


def test_new_screening_shows_suggestion_not_a_label(client: Client, world: CaseWorld) -> None:
    login(client, world.manager)
    url = reverse("screening:new", args=[world.case.pk])
    page = client.get(url)
    assert b'data-testid="indicator-ilo_debt"' in page.content
    response = client.post(url, form_data("ilo_threats", "603_pay", present=("housing",)))
    screening = Screening.objects.get()
    assert response.headers["Location"] == reverse("screening:detail", args=[screening.pk])
    assert screening.suggested_priority == "high"
    assert screening.answers.get(indicator__code="ilo_threats").source == "account"
    detail = client.get(response.headers["Location"]).content.decode()
    assert "Priorità suggerita (da confermare)" in detail
    assert "Indicatori osservati" in detail
    assert "Alta" in detail
    assert "vittima" not in detail.lower()


def test_observed_without_source_is_a_field_error(client: Client, world: CaseWorld) -> None:
    login(client, world.manager)
    data = form_data("603_pay")
    data["ind-603_pay-source"] = ""
    response = client.post(reverse("screening:new", args=[world.case.pk]), data)
    assert response.status_code == 200
    assert b'data-testid="error-ind-603_pay-source"' in response.content
    assert "Indica da dove emerge" in response.content.decode()
    assert not Screening.objects.exists()


def test_future_date_and_bad_choice_are_field_errors(client: Client, world: CaseWorld) -> None:
    login(client, world.manager)
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    data = form_data(held_on=tomorrow)
    response = client.post(reverse("screening:new", args=[world.case.pk]), data)
    assert b'data-testid="error-held_on"' in response.content
    assert "nel futuro" in response.content.decode()
    data = form_data(urgency_level="apocalittica", **{"ind-603_pay-status": "forse"})
    response = client.post(reverse("screening:new", args=[world.case.pk]), data)
    assert response.status_code == 200
    assert b'data-testid="error-urgency_level"' in response.content
    assert not Screening.objects.exists()


def test_edit_draft_and_stale_edit(client: Client, world: CaseWorld) -> None:
    screening = _draft(world)
    loaded = screening.version
    login(client, world.manager)
    url = reverse("screening:edit", args=[screening.pk])
    response = client.post(url, form_data("603_safety", version=loaded))
    assert response.status_code == 302
    screening.refresh_from_db()
    assert screening.suggested_steps == ["labour_inspectorate"]
    # A second form loaded before that save is refused, with the current values shown.
    response = client.post(url, form_data("ilo_violence", version=loaded))
    assert response.status_code == 200
    assert b'data-testid="current-values"' in response.content
    assert "Qualcun altro ha modificato" in response.content.decode()
    screening.refresh_from_db()
    assert screening.suggested_priority == "low"


def test_confirm_then_frozen(client: Client, world: CaseWorld) -> None:
    screening = _draft(world, "603_pay")
    login(client, world.manager)
    url = reverse("screening:complete", args=[screening.pk])
    page = client.get(url).content.decode()
    assert 'value="labour_inspectorate"' in page
    # Changing the suggested priority needs a reason.
    data = {"version": screening.version, "priority": "medium", "steps": ["labour_inspectorate"]}
    response = client.post(url, data)
    assert b'data-testid="error-note"' in response.content
    data["note"] = "Due figli minori con la persona."
    response = client.post(url, data)
    assert response.headers["Location"] == reverse("screening:case", args=[world.case.pk])
    screening.refresh_from_db()
    assert screening.status == "completed"
    assert screening.confirmed_priority == "medium"
    assert screening.confirmed_by == world.manager
    history = client.get(response.headers["Location"]).content.decode()
    assert "Priorità confermata" in history
    assert "Media" in history
    # Frozen: the edit page sends back to the detail, which offers no edit.
    response = client.get(reverse("screening:edit", args=[screening.pk]))
    assert response.headers["Location"] == reverse("screening:detail", args=[screening.pk])
    response = client.post(
        reverse("screening:edit", args=[screening.pk]),
        form_data("ilo_violence", version=screening.version),
    )
    assert response.status_code == 302
    screening.refresh_from_db()
    assert screening.suggested_priority == "low"
    detail = client.get(reverse("screening:detail", args=[screening.pk])).content
    assert b'data-testid="screening-edit"' not in detail
    assert b'data-testid="frozen-note"' in detail


def test_history_lists_latest_first_with_changes(client: Client, world: CaseWorld) -> None:
    services.screening_record(
        actor=world.manager,
        case=world.case,
        answers=answers("ilo_threats"),
        vulnerabilities={},
        held_on=dt.date.today() - dt.timedelta(days=20),
        complete=True,
    )
    _draft(world, "ilo_isolation")
    login(client, world.manager)
    page = client.get(reverse("screening:case", args=[world.case.pk])).content.decode()
    assert page.count('data-testid="screening-row"') == 2
    assert page.index("Isolamento") < page.index("Intimidazioni e minacce")
    assert "non più osservati" in page
    assert 'data-testid="screening-new"' in page
    assert "vittima" not in page.lower()
    assert AccessLog.objects.filter(user=world.manager, record_id=str(world.case.pk)).exists()


def test_empty_history(client: Client, world: CaseWorld) -> None:
    login(client, world.manager)
    page = client.get(reverse("screening:case", args=[world.case.pk])).content
    assert b'data-testid="no-screenings"' in page


def test_past_member_sees_only_what_their_node_wrote(client: Client, world: CaseWorld) -> None:
    from approdo.cases import services as case_services

    ours = _draft(world, "603_pay")
    theirs = _draft(world, "ilo_isolation")
    # As if written at the spoke (a node the legal advisor never worked from on this case).
    Screening.objects.filter(pk=theirs.pk).update(node=world.spoke_a1)
    member = world.case.team.get(user=world.legal, until__isnull=True)
    case_services.team_end(actor=world.manager, member=member)
    login(client, world.legal)
    page = client.get(reverse("screening:case", args=[world.case.pk])).content.decode()
    assert page.count('data-testid="screening-row"') == 1
    assert 'data-testid="screening-new"' not in page
    assert client.get(reverse("screening:detail", args=[ours.pk])).status_code == 200
    assert client.get(reverse("screening:detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("screening:edit", args=[ours.pk])).status_code == 403


def test_history_query_count_does_not_grow(
    client: Client, world: CaseWorld, django_assert_max_num_queries: Any
) -> None:
    _draft(world, "603_pay")
    login(client, world.manager)
    url = reverse("screening:case", args=[world.case.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _i in range(3):
        _draft(world, "ilo_isolation")
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)
