"""A new or edited person is linked against the network as soon as the change is committed."""

from __future__ import annotations

import datetime as dt

import pytest

from approdo.cases.tests.factories import make_case_world
from approdo.linkage.engine.link import LINK_THRESHOLD, REVIEW_THRESHOLD
from approdo.linkage.incremental import link_person
from approdo.linkage.models import CandidateStatus, LinkCandidate, LinkRun, PersonCluster, RunKind
from approdo.linkage.services import relink_all
from approdo.people import services as people_services
from approdo.people.models import Person

pytestmark = pytest.mark.django_db


def _register(world, hub, actor, family: str, given: str, born: str, **more) -> Person:
    return people_services.person_register(
        actor=actor,
        node=hub,
        data=people_services.PersonData(
            family_name=family,
            given_names=given,
            birth_date=dt.date.fromisoformat(born),
            **more,
        ),
        confirmed_distinct=True,
    )


def test_a_registration_is_linked_to_the_known_person_when_committed(
    django_capture_on_commit_callbacks,
) -> None:
    world = make_case_world()
    with django_capture_on_commit_callbacks(execute=True):
        known = _register(
            world, world.hub_a, world.manager, "Diallo", "Mamadou", "1988-07-21", nationality="GN"
        )
    relink_all(actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        again = _register(
            world,
            world.hub_c,
            world.worker_c,
            "Jallow",
            "Mamadu",
            "1988-07-21",
            nationality="GN",
            sex="male",
        )
    assert PersonCluster.objects.get(person=again).cluster_id == f"C{known.pk}"
    assert LinkRun.objects.filter(kind=RunKind.INCREMENTAL).exists()


def test_a_person_that_no_longer_matches_leaves_the_cluster(
    django_capture_on_commit_callbacks,
) -> None:
    world = make_case_world()
    known = _register(world, world.hub_a, world.manager, "Diallo", "Mamadou", "1988-07-21")
    again = _register(world, world.hub_c, world.worker_c, "Diallo", "Mamadou", "1988-07-21")
    relink_all(actor=None)
    assert PersonCluster.objects.get(person=again).cluster_id == f"C{known.pk}"
    data = people_services.PersonData(
        family_name="Traoré", given_names="Bakary", birth_date=dt.date(1975, 2, 2)
    )
    with django_capture_on_commit_callbacks(execute=True):
        people_services.person_update(
            actor=world.worker_c, person=again, data=data, expected_version=again.version
        )
    assert PersonCluster.objects.get(person=again).cluster_id == f"C{again.pk}"
    assert PersonCluster.objects.get(person=known).cluster_id == f"C{known.pk}"


def test_the_namesake_leaving_renames_the_rest_after_the_next_oldest() -> None:
    world = make_case_world()
    first = _register(world, world.hub_a, world.manager, "Diallo", "Mamadou", "1988-07-21")
    second = _register(world, world.hub_a, world.manager, "Diallo", "Mamadou", "1988-07-21")
    third = _register(world, world.hub_c, world.worker_c, "Jallow", "Mamadu", "1988-07-21")
    relink_all(actor=None)
    assert {PersonCluster.objects.get(person=p).cluster_id for p in (first, second, third)} == {
        f"C{first.pk}"
    }
    Person.objects.filter(pk=first.pk).update(
        family_name="Okafor", given_names="Chinedu", birth_date=dt.date(1960, 1, 5)
    )
    link_person(person_pk=first.pk)
    assert PersonCluster.objects.get(person=first).cluster_id == f"C{first.pk}"
    assert PersonCluster.objects.get(person=second).cluster_id == f"C{second.pk}"
    assert PersonCluster.objects.get(person=third).cluster_id == f"C{second.pk}"


def test_an_uncertain_pair_goes_to_the_review_queue() -> None:
    world = make_case_world()
    known = _register(
        world,
        world.hub_a,
        world.manager,
        "Diallo",
        "Mamadou",
        "1988-07-21",
        nationality="GN",
        sex="male",
    )
    # Same name, no birth date, another nationality: about even odds (0.48 before any run).
    doubt = people_services.person_register(
        actor=world.worker_c,
        node=world.hub_c,
        data=people_services.PersonData(
            family_name="Diallo", given_names="Mamadou", nationality="SN"
        ),
        confirmed_distinct=True,
    )
    link_person(person_pk=doubt.pk)
    assert PersonCluster.objects.get(person=doubt).cluster_id == f"C{doubt.pk}"
    pair = LinkCandidate.objects.get(person_a=known, person_b=doubt)
    assert pair.status == CandidateStatus.PENDING
    assert REVIEW_THRESHOLD <= pair.probability < LINK_THRESHOLD
    assert pair.levels["family_name"] == pair.levels["given_names"] == 1
    link_person(person_pk=doubt.pk)  # linking again opens nothing new
    assert LinkCandidate.objects.count() == 1


def test_a_pair_a_reviewer_rejected_is_never_joined() -> None:
    world = make_case_world()
    known = _register(world, world.hub_a, world.manager, "Diallo", "Mamadou", "1988-07-21")
    twin = _register(world, world.hub_c, world.worker_c, "Diallo", "Mamadou", "1988-07-21")
    link_person(person_pk=twin.pk)
    assert PersonCluster.objects.get(person=twin).cluster_id == f"C{known.pk}"
    run = LinkRun.objects.first()
    LinkCandidate.objects.create(
        person_a=known, person_b=twin, probability=0.99, found_by=run, status="rejected"
    )
    link_person(person_pk=twin.pk)
    assert PersonCluster.objects.get(person=twin).cluster_id == f"C{twin.pk}"
    relink_all(actor=None)
    assert PersonCluster.objects.get(person=twin).cluster_id != (
        PersonCluster.objects.get(person=known).cluster_id
    )


def test_people_registered_in_one_batch_are_linked_by_one_task(
    django_capture_on_commit_callbacks, monkeypatch
) -> None:
    from django.db import transaction

    from approdo.linkage import tasks

    world = make_case_world()
    single: list[int] = []
    batched: list[list[int]] = []

    class Recorder:
        def __init__(self, seen, then=None):
            self.seen, self.then = seen, then

        def enqueue(self, argument):
            self.seen.append(argument)
            if self.then is not None:
                self.then.call(argument)

    monkeypatch.setattr(tasks, "link_person_task", Recorder(single))
    monkeypatch.setattr(tasks, "link_people_task", Recorder(batched, tasks.link_people_task))
    with (
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
        tasks.linking_in_one_task(),
    ):
        people = [
            _register(world, world.hub_a, world.manager, "Diallo", "Mamadou", "1988-07-21"),
            _register(world, world.hub_a, world.manager, "Jallow", "Mamadu", "1988-07-21"),
            _register(world, world.hub_a, world.manager, "Traoré", "Bakary", "1975-02-02"),
        ]
    assert single == [] and batched == [sorted(p.pk for p in people)]
    clusters = dict(PersonCluster.objects.values_list("person_id", "cluster_id"))
    assert clusters[people[0].pk] == clusters[people[1].pk] != clusters[people[2].pk]
