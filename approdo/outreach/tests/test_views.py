"""Back-office pages: places, map, calendar, sessions (the permission trio, forms, stale edits)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from approdo.audit.models import AccessLog, AuditEvent
from approdo.cases.tests.factories import login
from approdo.outreach.models import FirstContact, OutreachSession, Place, SessionStatus
from approdo.outreach.tests.factories import HeadcountFactory, OutreachSessionFactory
from approdo.outreach.tests.test_places import OfficeWorld, make_office_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def o() -> OfficeWorld:
    return make_office_world()


def place_post(o: OfficeWorld, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Piazza Cavour",
        "kind": "square",
        "node": o.w.spoke_a1.pk,
        "municipality": o.w.hub_a.municipality_id,
        "latitude": "41.46210",
        "longitude": "15.54320",
        "season_months": ["6", "7"],
        "estimated_population": "80",
        "access_notes": "",
        "safety_notes": "",
    }
    data.update(overrides)
    return data


# --- places --------------------------------------------------------------------------------
def test_place_list_and_detail_for_staff(client: Client, o: OfficeWorld) -> None:
    login(client, o.w.spoke_operator)
    page = client.get(reverse("outreach:place_list"))
    assert page.status_code == 200
    assert "Ghetto di Borgo Mezzanone" in page.text
    assert "Serre di Vittoria" not in page.text
    detail = client.get(reverse("outreach:place_detail", args=[o.place.pk]))
    assert "Non entrare dopo il tramonto." in detail.text
    assert 'data-month="7" data-on="true"' in detail.text
    assert 'data-month="1" data-on="false"' in detail.text


def test_monitor_reads_places_but_not_the_forms(client: Client, o: OfficeWorld) -> None:
    login(client, o.w.monitor)
    assert client.get(reverse("outreach:place_detail", args=[o.place.pk])).status_code == 200
    assert client.get(reverse("outreach:place_create")).status_code == 403
    assert client.get(reverse("outreach:place_edit", args=[o.place.pk])).status_code == 403


def test_outsider_gets_404_on_another_regions_place(client: Client, o: OfficeWorld) -> None:
    login(client, o.w.worker_c)
    assert client.get(reverse("outreach:place_detail", args=[o.place.pk])).status_code == 404
    assert client.get(reverse("outreach:place_edit", args=[o.place.pk])).status_code == 404


def test_create_place(client: Client, o: OfficeWorld) -> None:
    login(client, o.w.spoke_operator)
    response = client.post(reverse("outreach:place_create"), place_post(o))
    place = Place.objects.get(name="Piazza Cavour")
    assert response.status_code == 302
    assert place.season_months == [6, 7]
    assert AuditEvent.objects.filter(action="outreach.place.created").exists()


def test_create_place_outside_italy_shows_the_error(client: Client, o: OfficeWorld) -> None:
    login(client, o.w.spoke_operator)
    response = client.post(reverse("outreach:place_create"), place_post(o, latitude="52.1"))
    assert response.status_code == 200
    assert "La latitudine deve essere in Italia" in response.text
    assert not Place.objects.filter(name="Piazza Cavour").exists()


def test_duplicate_name_in_the_same_town_is_refused(client: Client, o: OfficeWorld) -> None:
    login(client, o.w.coordinator)
    response = client.post(
        reverse("outreach:place_create"), place_post(o, name="Ghetto di Borgo Mezzanone")
    )
    assert "Esiste già un luogo con questo nome in questo comune." in response.text


def test_stale_place_edit_is_refused(client: Client, o: OfficeWorld) -> None:
    login(client, o.w.spoke_operator)
    url = reverse("outreach:place_edit", args=[o.place.pk])
    old = o.place.version
    client.post(url, place_post(o, name="Ghetto nuovo", version=old))
    response = client.post(url, place_post(o, name="Ghetto vecchio", version=old))
    assert response.status_code == 200
    assert "Qualcun altro ha modificato questo record" in response.text
    assert 'data-testid="stale"' in response.text
    o.place.refresh_from_db()
    assert o.place.name == "Ghetto nuovo"


def test_deactivate_place(client: Client, o: OfficeWorld) -> None:
    login(client, o.w.spoke_operator)
    url = reverse("outreach:place_set_active", args=[o.place.pk])
    client.post(url, {"version": o.place.version})
    o.place.refresh_from_db()
    assert not o.place.active
    login(client, o.w.monitor)
    assert client.post(url, {"version": o.place.version}).status_code == 403


# --- map -----------------------------------------------------------------------------------
def test_map_page_and_geojson_counts(client: Client, o: OfficeWorld) -> None:
    recent = OutreachSessionFactory.create(place=o.place, date=dt.date.today())
    HeadcountFactory.create(session=recent, count=7)
    old = OutreachSessionFactory.create(place=o.place, date=dt.date.today() - dt.timedelta(60))
    HeadcountFactory.create(session=old, count=5)
    login(client, o.w.monitor)
    page = client.get(reverse("outreach:map"))
    assert page.status_code == 200
    assert 'data-testid="place-map"' in page.text
    data = client.get(reverse("outreach:map_places")).json()
    assert [f["properties"]["name"] for f in data["features"]] == ["Ghetto di Borgo Mezzanone"]
    props = data["features"][0]["properties"]
    assert (props["sessions"], props["people"]) == (1, 7)
    assert props["last_session"] == dt.date.today().isoformat()
    ninety = client.get(reverse("outreach:map_places"), {"days": "90"}).json()
    assert ninety["features"][0]["properties"]["people"] == 12
    assert client.get(reverse("outreach:map_places"), {"days": "7"}).status_code == 400


def test_map_geojson_is_scoped(client: Client, o: OfficeWorld) -> None:
    login(client, o.w.worker_c)
    data = client.get(reverse("outreach:map_places")).json()
    assert [f["properties"]["name"] for f in data["features"]] == ["Serre di Vittoria"]


# --- calendar and sessions -----------------------------------------------------------------
def session_post(o: OfficeWorld, day: dt.date, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "node": o.w.spoke_a1.pk,
        "place": o.place.pk,
        "date": day.isoformat(),
        "starts_at": "09:00",
        "ends_at": "12:00",
        "vehicle": "Furgone 1",
    }
    data.update(overrides)
    return data


def test_plan_a_session_from_the_calendar(client: Client, o: OfficeWorld) -> None:
    login(client, o.w.spoke_operator)
    day = dt.date.today() + dt.timedelta(days=3)
    response = client.post(reverse("outreach:session_plan"), session_post(o, day))
    session = OutreachSession.objects.get()
    assert response.status_code == 302
    assert session.status == SessionStatus.PLANNED
    month = client.get(reverse("outreach:calendar"), {"month": f"{day:%Y-%m}"})
    assert 'data-testid="calendar-session"' in month.text
    assert AuditEvent.objects.filter(action="outreach.session.saved").exists()


def test_planning_in_the_past_shows_the_error(client: Client, o: OfficeWorld) -> None:
    login(client, o.w.spoke_operator)
    day = dt.date.today() - dt.timedelta(days=3)
    response = client.post(reverse("outreach:session_plan"), session_post(o, day))
    assert "programmata non può essere nel passato." in response.text
    assert not OutreachSession.objects.exists()


def test_calendar_permissions(client: Client, o: OfficeWorld) -> None:
    login(client, o.w.monitor)
    assert client.get(reverse("outreach:calendar")).status_code == 403
    assert client.get(reverse("outreach:session_plan")).status_code == 403
    login(client, o.w.coordinator)
    page = client.get(reverse("outreach:calendar"), {"month": "2026-02"})
    assert page.status_code == 200
    assert "?month=2026-01" in page.text and "?month=2026-03" in page.text


def test_session_page_trio_and_access_log(client: Client, o: OfficeWorld) -> None:
    session = OutreachSessionFactory.create(place=o.place)
    HeadcountFactory.create(session=session, sex="female", age_band="18_29", count=4)
    HeadcountFactory.create(
        session=session, sex="male", age_band="30_54", count=6, nationality="SN"
    )
    url = reverse("outreach:session_detail", args=[session.pk])
    login(client, o.w.spoke_operator)
    page = client.get(url)
    assert page.status_code == 200
    assert 'data-testid="headcount-total">10<' in page.text
    assert "Senegal" in page.text
    assert AccessLog.objects.filter(record_id=str(session.pk)).exists()
    login(client, o.w.monitor)
    assert client.get(url).status_code == 403
    login(client, o.w.worker_c)
    assert client.get(url).status_code == 404


def test_session_edit_and_stale_edit(client: Client, o: OfficeWorld) -> None:
    session = OutreachSessionFactory.create(place=o.place)
    login(client, o.w.spoke_operator)
    url = reverse("outreach:session_edit", args=[session.pk])
    today = dt.date.today()
    old = session.version
    response = client.post(url, session_post(o, today, vehicle="Camper", version=old))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.vehicle == "Camper"
    response = client.post(url, session_post(o, today, vehicle="Bici", version=old))
    assert "Qualcun altro ha modificato questo record" in response.text
    session.refresh_from_db()
    assert session.vehicle == "Camper"


def test_cancel_a_session_with_a_reason(client: Client, o: OfficeWorld) -> None:
    session = OutreachSessionFactory.create(
        place=o.place, date=dt.date.today() + dt.timedelta(1), status=SessionStatus.PLANNED
    )
    login(client, o.w.spoke_operator)
    url = reverse("outreach:session_cancel", args=[session.pk])
    client.post(url, {"reason": "", "version": session.version})
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED
    client.post(url, {"reason": "Pioggia forte", "version": session.version})
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    assert session.cancel_reason == "Pioggia forte"


def test_session_list_filters(client: Client, o: OfficeWorld) -> None:
    OutreachSessionFactory.create(place=o.place, vehicle="A")
    OutreachSessionFactory.create(
        place=o.place, date=dt.date.today() + dt.timedelta(1), status=SessionStatus.PLANNED
    )
    login(client, o.w.manager)
    page = client.get(reverse("outreach:session_list"), {"status": "planned"})
    assert page.text.count('data-testid="session-row"') == 1
    login(client, o.w.monitor)
    assert client.get(reverse("outreach:session_list")).status_code == 403


def test_first_contacts_named_only_for_readers_of_the_case(client: Client, o: OfficeWorld) -> None:
    session = OutreachSessionFactory.create(place=o.place)
    FirstContact.objects.create(session=session, case=o.w.case, recorded_by=o.w.spoke_operator)
    url = reverse("outreach:session_detail", args=[session.pk])
    login(client, o.w.manager)  # on the case's team
    page = client.get(url)
    assert o.w.case.reference in page.text
    assert "Ndiaye" in page.text
    login(client, o.w.colleague)  # hub A, not on the team
    page = client.get(url)
    assert o.w.case.reference not in page.text
    assert "Ndiaye" not in page.text
    assert 'data-testid="contacts-hidden">1 primo contatto' in page.text
