"""Monitoring: people with an active DID at the end of the period (a DID suspended or lapsed
after it still counts, before it does not), and the DIDs made in the period; scoped by the
cases' places like every indicator."""

from __future__ import annotations

import datetime as dt

import pytest

from approdo.accounts.models import User
from approdo.cases import services as case_services
from approdo.cases.models import AccessChannel
from approdo.jobcentres.models import DidStatus, JobCentre, Registration
from approdo.jobcentres.tests.factories import CentreWorld, day, make_centre_world
from approdo.monitoring import registry
from approdo.monitoring.compute import Result, compute
from approdo.monitoring.frame import Context, Filters
from approdo.network.models import Node
from approdo.people.models import Person
from approdo.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
CODE = "people_registered_jobcentre"


@pytest.fixture
def cw() -> CentreWorld:
    return make_centre_world()


def _person_with_case(actor: User, node: Node) -> Person:
    person = PersonFactory.create(registered_at=node, registered_by=actor)
    case_services.case_open(
        actor=actor,
        origin_node=node,
        access_channel=AccessChannel.DIRECT,
        person=person,
        opened_on=day(-90),
    )
    return person


def _registration(
    cw: CentreWorld,
    person: Person,
    status: str,
    did: dt.date,
    changed: dt.date | None = None,
    centre: JobCentre | None = None,
) -> None:
    Registration.objects.create(
        person=person,
        job_centre=centre or cw.foggia,
        did_status=status,
        did_date=did,
        status_changed_on=changed,
        updated_by=cw.w.manager,
    )


def _figure(region: int | None = None) -> Result:
    ctx = Context(Filters(day(-30), day(-1), region=region))
    result = compute(ctx, hide_small=False, codes=[CODE]).result(CODE)
    assert result is not None
    return result


def test_registered_at_period_end_and_dids_in_the_period(cw: CentreWorld):
    w = cw.w
    _registration(cw, w.person, DidStatus.REGISTERED, day(-60))  # before: counts
    _registration(cw, _person_with_case(w.manager, w.hub_a), DidStatus.REGISTERED, day(-10))
    suspended = _person_with_case(w.manager, w.hub_a)
    _registration(cw, suspended, DidStatus.SUSPENDED, day(-100), changed=day(-20))  # not
    lapsed_later = _person_with_case(w.manager, w.hub_a)
    _registration(cw, lapsed_later, DidStatus.LAPSED, day(-50), changed=day(0))  # counts
    _registration(cw, _person_with_case(w.manager, w.hub_a), DidStatus.REGISTERED, day(0))  # not
    sicily = _person_with_case(w.worker_c, w.hub_c)
    _registration(cw, sicily, DidStatus.REGISTERED, day(-5), centre=cw.ragusa)

    everywhere = _figure()
    assert everywhere.value == 4
    tallies = {t.code: t for t in everywhere.tallies}
    assert tallies["dids_in_period"].total == 2
    by_region = {label: value for _key, label, value in tallies["region"].rows}
    assert by_region == {"Puglia": 3, "Sicilia": 1}

    puglia = _figure(region=w.puglia.pk)
    assert puglia.value == 3
    assert {t.code: t for t in puglia.tallies}["dids_in_period"].total == 1


def test_indicator_is_registered():
    indicator = registry.get(CODE)
    assert indicator is not None and indicator.counts_people
