"""Place registry: who reads and writes places, validation, versions, audit, figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from approdo.audit.models import AuditEvent
from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.core.concurrency import StaleEditError
from approdo.outreach import place_selectors as sel
from approdo.outreach import place_services
from approdo.outreach.models import Place, PlaceKind, SessionStatus
from approdo.outreach.tests.factories import (
    HeadcountFactory,
    OutreachSessionFactory,
    PlaceFactory,
)

pytestmark = pytest.mark.django_db


@dataclass
class OfficeWorld:
    w: CaseWorld
    place: Place  # at spoke A1, Foggia
    place_c: Place  # at hub C, Ragusa


def make_office_world() -> OfficeWorld:
    w = make_case_world()
    place = PlaceFactory.create(
        name="Ghetto di Borgo Mezzanone",
        node=w.spoke_a1,
        municipality=w.hub_a.municipality,
        season_months=[6, 7, 8, 9],
        safety_notes="Non entrare dopo il tramonto.",
    )
    place_c = PlaceFactory.create(
        name="Serre di Vittoria",
        node=w.hub_c,
        municipality=w.hub_c.municipality,
        latitude=Decimal("36.95"),
        longitude=Decimal("14.53"),
    )
    return OfficeWorld(w=w, place=place, place_c=place_c)


def place_values(o: OfficeWorld, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": "Piazza della stazione",
        "kind": PlaceKind.STATION,
        "municipality": o.w.hub_a.municipality,
        "latitude": Decimal("41.46210"),
        "longitude": Decimal("15.54320"),
        "node": o.w.spoke_a1,
        "season_months": [7, 8],
        "estimated_population": 40,
    }
    values.update(overrides)
    return values


@pytest.fixture
def o() -> OfficeWorld:
    return make_office_world()


def test_place_create_by_spoke_operator_is_audited(o: OfficeWorld) -> None:
    place = place_services.place_create(actor=o.w.spoke_operator, **place_values(o))
    assert place.season_months == [7, 8]
    event = AuditEvent.objects.get(action="outreach.place.created", target_id=str(place.pk))
    assert event.actor == o.w.spoke_operator
    assert event.node_id == o.w.spoke_a1.pk


def test_hub_member_and_coordinator_write_the_spokes_places(o: OfficeWorld) -> None:
    place_services.place_create(actor=o.w.coordinator, **place_values(o))
    place_services.place_create(actor=o.w.manager, **place_values(o, name="Campo Sud"))
    assert Place.objects.filter(node=o.w.spoke_a1).count() == 3


@pytest.mark.parametrize(
    ("who", "error"),
    [("monitor", PermissionDenied), ("body_admin", PermissionDenied), ("worker_c", Http404)],
)
def test_others_may_not_write_places(o: OfficeWorld, who: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        place_services.place_create(actor=getattr(o.w, who), **place_values(o))
    assert not Place.objects.filter(name="Piazza della stazione").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"latitude": Decimal("48.5")}, "latitude"),
        ({"longitude": Decimal("2.35")}, "longitude"),
        ({"season_months": [0, 13]}, "season_months"),
        ({"name": "ghetto di borgo mezzanone"}, "name"),
        ({"name": "  "}, "name"),
    ],
)
def test_place_validation(o: OfficeWorld, overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as exc:
        place_services.place_create(actor=o.w.spoke_operator, **place_values(o, **overrides))
    assert field in exc.value.error_dict


def test_all_twelve_months_mean_all_year(o: OfficeWorld) -> None:
    place = place_services.place_create(
        actor=o.w.spoke_operator, **place_values(o, season_months=list(range(1, 13)))
    )
    assert place.season_months == []
    assert place.is_in_season(1)


def test_place_update_records_changes_and_refuses_stale(o: OfficeWorld) -> None:
    version = o.place.version
    place_services.place_update(
        actor=o.w.spoke_operator, place=o.place, expected_version=version, estimated_population=500
    )
    o.place.refresh_from_db()
    assert o.place.estimated_population == 500
    event = AuditEvent.objects.get(action="outreach.place.updated")
    assert event.changes["estimated_population"] == {"old": 300, "new": 500}
    with pytest.raises(StaleEditError):
        place_services.place_update(
            actor=o.w.coordinator, place=o.place, expected_version=version, safety_notes="x"
        )
    o.place.refresh_from_db()
    assert o.place.safety_notes == "Non entrare dopo il tramonto."


def test_deactivate_hides_place_from_the_list(o: OfficeWorld) -> None:
    place_services.place_set_active(
        actor=o.w.spoke_operator, place=o.place, active=False, expected_version=o.place.version
    )
    assert o.place not in sel.place_list(user=o.w.manager)
    assert o.place in sel.place_list(
        user=o.w.manager, filters=sel.PlaceFilters(include_inactive=True)
    )
    assert AuditEvent.objects.filter(action="outreach.place.deactivated").exists()


def test_places_are_read_within_the_users_places(o: OfficeWorld) -> None:
    assert list(sel.place_list(user=o.w.spoke_operator)) == [o.place]
    assert list(sel.place_list(user=o.w.monitor)) == [o.place]  # Puglia only
    assert list(sel.place_list(user=o.w.worker_c)) == [o.place_c]
    with pytest.raises(Http404):
        sel.place_get(user=o.w.worker_c, pk=o.place.pk)


def test_filters_by_season_kind_and_text(o: OfficeWorld) -> None:
    user = o.w.coordinator
    assert list(sel.place_list(user=user, filters=sel.PlaceFilters(in_season=7))) == [o.place]
    assert list(sel.place_list(user=user, filters=sel.PlaceFilters(in_season=1))) == []
    assert list(sel.place_list(user=user, filters=sel.PlaceFilters(kind="square"))) == []
    assert list(sel.place_list(user=user, filters=sel.PlaceFilters(q="mezzanone"))) == [o.place]


def test_figures_count_done_sessions_and_people_in_the_period(o: OfficeWorld) -> None:
    today = dt.date.today()
    recent = OutreachSessionFactory.create(place=o.place, date=today - dt.timedelta(days=3))
    HeadcountFactory.create(session=recent, count=12)
    HeadcountFactory.create(session=recent, count=3, sex="female")
    old = OutreachSessionFactory.create(place=o.place, date=today - dt.timedelta(days=60))
    HeadcountFactory.create(session=old, count=20)
    OutreachSessionFactory.create(
        place=o.place, date=today + dt.timedelta(days=2), status=SessionStatus.PLANNED
    )
    short = sel.place_figures([o.place.pk], days=30)[o.place.pk]
    long = sel.place_figures([o.place.pk], days=90)[o.place.pk]
    assert (short.sessions, short.people, short.last_session) == (1, 15, recent.date)
    assert (long.sessions, long.people) == (2, 35)
