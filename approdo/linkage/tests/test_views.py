"""The review queue in the browser and through the API: who sees what, deciding, undoing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from approdo.api.problems import PROBLEM_CONTENT_TYPE
from approdo.api.tests.network import token_header
from approdo.audit.models import AccessLog
from approdo.cases.tests.factories import CaseWorld, login, make_case_world
from approdo.linkage.models import CandidateStatus, LinkCandidate, LinkRun, PersonMerge, RunKind
from approdo.linkage.selectors import pseudonym
from approdo.linkage.tests.factories import make_candidate
from approdo.people.models import DocumentKind, IdentityDocument, Person
from approdo.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _pair(world: CaseWorld, other_hub) -> LinkCandidate:
    first = PersonFactory.create(
        family_name="Diallo",
        given_names="Mamadou",
        birth_date=dt.date(1988, 7, 21),
        nationality="GN",
        registered_at=world.hub_a,
        registered_by=world.manager,
    )
    second = PersonFactory.create(
        family_name="Jallow",
        given_names="Mamadu",
        birth_date=dt.date(1988, 7, 21),
        nationality="GN",
        registered_at=other_hub,
        registered_by=world.manager,
    )
    IdentityDocument.objects.create(person=second, kind=DocumentKind.PASSPORT, number="GN7654321")
    return make_candidate(
        first,
        second,
        probability=0.42,
        levels={"family_name": 2, "given_names": 2, "birth_date": 1, "passport_number": 0},
    )


def test_a_coordinator_sees_the_queue_and_both_records_of_the_same_body() -> None:
    world = make_case_world()
    pair = _pair(world, world.spoke_a1)  # the hub's own spoke
    client = login(Client(), world.coordinator)
    queue = client.get("/collegamenti/")
    assert queue.status_code == 200
    assert b'data-testid="open-candidate"' in queue.content
    page = client.get(f"/collegamenti/{pair.pk}/")
    body = page.content.decode()
    assert "Mamadou" in body and "Mamadu" in body and "GN7654321" in body
    assert "pseudonymised-notice" not in body
    assert "variante di traslitterazione" in body
    logged = set(
        AccessLog.objects.filter(user=world.coordinator).values_list("record_id", flat=True)
    )
    assert logged == {str(pair.person_a_id), str(pair.person_b_id)}


def test_across_two_managing_bodies_the_records_are_pseudonymised() -> None:
    world = make_case_world()
    pair = _pair(world, world.hub_b)  # hub B: another managing body
    body = login(Client(), world.coordinator).get(f"/collegamenti/{pair.pk}/").content.decode()
    assert 'data-testid="pseudonymised-notice"' in body
    assert "Mamadu" not in body and "Jallow" not in body and "GN7654321" not in body
    assert "Mamadou" not in body  # even the reviewer's own record, across bodies
    assert pseudonym(pair.person_b) in body and "•••" in body and "1988" in body
    assert "J." in body  # initials


def test_a_record_of_another_hub_of_the_same_body_is_pseudonymised() -> None:
    world = make_case_world()
    pair = _pair(world, world.hub_a2)  # same managing body, not the coordinator's hub
    body = login(Client(), world.coordinator).get(f"/collegamenti/{pair.pk}/").content.decode()
    assert "Mamadou" in body and "Diallo" in body  # their own record, in clear
    assert "Jallow" not in body and "GN7654321" not in body
    assert pseudonym(pair.person_b) in body


def test_people_who_are_not_coordinators_get_no_queue() -> None:
    world = make_case_world()
    pair = _pair(world, world.hub_a2)
    for user in (world.manager, world.monitor, world.body_admin):
        client = login(Client(), user)
        assert client.get("/collegamenti/").status_code == 403
    # a coordinator elsewhere does not learn that the pair exists
    assert login(Client(), world.coordinator_c).get(f"/collegamenti/{pair.pk}/").status_code == 404


def test_confirming_in_the_page_merges_and_the_merge_page_undoes_it() -> None:
    world = make_case_world()
    pair = _pair(world, world.spoke_a1)
    client = login(Client(), world.coordinator)
    response = client.post(
        f"/collegamenti/{pair.pk}/",
        {
            "decision": "confirm",
            "survivor": str(pair.person_a_id),
            "note": "Stesso passaporto",
            "version": "1",
        },
    )
    merge = PersonMerge.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/collegamenti/unioni/{merge.pk}/"
    )
    assert Person.objects.get(pk=pair.person_b_id).merged_into_id == pair.person_a_id
    page = client.get(f"/collegamenti/unioni/{merge.pk}/").content.decode()
    assert 'data-testid="unmerge-form"' in page
    # the merged record's page says where it went
    merged_page = client.get(f"/persone/{pair.person_b_id}/").content.decode()
    assert 'data-testid="merged-into"' in merged_page
    survivor_page = client.get(f"/persone/{pair.person_a_id}/").content.decode()
    assert 'data-testid="merged-records"' in survivor_page
    refused = client.post(f"/collegamenti/unioni/{merge.pk}/", {"reason": ""})
    assert refused.status_code == 200 and "obbligatorio" in refused.content.decode()
    client.post(f"/collegamenti/unioni/{merge.pk}/", {"reason": "Sono fratelli"})
    assert Person.objects.get(pk=pair.person_b_id).merged_into_id is None


def test_a_decision_on_a_pair_decided_meanwhile_is_refused_with_the_news() -> None:
    world = make_case_world()
    pair = _pair(world, world.hub_a2)
    colleague = login(Client(), world.coordinator)
    colleague.post(f"/collegamenti/{pair.pk}/", {"decision": "reject", "version": "1"})
    late = colleague.post(
        f"/collegamenti/{pair.pk}/",
        {"decision": "confirm", "survivor": str(pair.person_a_id), "version": "1"},
    )
    assert late.status_code == 409
    assert "Qualcun altro" in late.content.decode()
    pair.refresh_from_db()
    assert pair.status == CandidateStatus.REJECTED and not PersonMerge.objects.exists()


def test_the_api_lists_decides_and_unmerges() -> None:
    world = make_case_world()
    pair = _pair(world, world.hub_b)
    client = Client(headers=token_header(world.coordinator))
    listed = client.get("/api/v1/linkage/candidates/").json()
    assert [row["id"] for row in listed["results"]] == [pair.pk]
    detail = client.get(f"/api/v1/linkage/candidates/{pair.pk}/").json()
    assert detail["records"]["cross_body"] is True
    assert "Jallow" not in str(detail) and "GN7654321" not in str(detail)
    stale = client.post(
        f"/api/v1/linkage/candidates/{pair.pk}/decision/",
        {"decision": "confirm", "version": 7},
        content_type="application/json",
    )
    assert stale.status_code == 409 and stale["Content-Type"] == PROBLEM_CONTENT_TYPE
    done = client.post(
        f"/api/v1/linkage/candidates/{pair.pk}/decision/",
        {"decision": "confirm", "version": 1, "note": "Stesso passaporto"},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["status"] == "confirmed"
    merge = client.get("/api/v1/linkage/merges/").json()["results"][0]
    assert merge["moved"] == {"people.IdentityDocument": 1}
    undone = client.post(
        f"/api/v1/linkage/merges/{merge['id']}/unmerge/",
        {"reason": "Persone diverse"},
        content_type="application/json",
    )
    assert undone.status_code == 200 and undone.json()["unmerged_at"]
    again = client.post(
        f"/api/v1/linkage/merges/{merge['id']}/unmerge/",
        {"reason": "ancora"},
        content_type="application/json",
    )
    assert again.status_code == 409
    worker = Client(headers=token_header(world.manager))
    assert worker.get("/api/v1/linkage/candidates/").status_code == 403


def test_the_runs_page_shows_the_figures_and_an_administrator_starts_a_run(
    django_capture_on_commit_callbacks,
) -> None:
    from approdo.accounts.roles import Role
    from approdo.accounts.tests.factories import user_with_role

    world = make_case_world()
    coordinator = login(Client(), world.coordinator)
    assert coordinator.get("/collegamenti/esecuzioni/").status_code == 200
    assert coordinator.post("/collegamenti/esecuzioni/").status_code == 403
    assert login(Client(), world.manager).get("/collegamenti/esecuzioni/").status_code == 403
    admin = login(Client(), user_with_role(Role.SYSTEM_ADMIN))
    with django_capture_on_commit_callbacks(execute=True):
        started = admin.post("/collegamenti/esecuzioni/")
    assert started.status_code == 302
    run = LinkRun.objects.get(kind=RunKind.FULL)
    assert run.records == Person.objects.count()
    page = admin.get("/collegamenti/esecuzioni/").content.decode()
    assert 'data-testid="run-list"' in page
