"""The monitoring pages, exports, snapshots and API as each kind of viewer meets them."""

from __future__ import annotations

import csv
import datetime as dt
import io
from html import unescape
from typing import Any
from unittest import mock

import openpyxl
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from approdo.accounts.models import User
from approdo.audit.models import AccessLog
from approdo.cases.models import Case
from approdo.cases.stages import Stage
from approdo.monitoring.exports import hidden_mark
from approdo.monitoring.forms import default_period
from approdo.monitoring.frame import Context, Filters
from approdo.monitoring.models import Snapshot, SnapshotKind
from approdo.monitoring.selectors import cache_key
from approdo.monitoring.tests.world import END, START, World, make_world
from approdo.network.models import Node
from approdo.people.tests.factories import PersonFactory, login

pytestmark = pytest.mark.django_db

PERIOD = {"date_from": START.isoformat(), "date_to": END.isoformat()}


@pytest.fixture
def world() -> World:
    return make_world()


def as_user(client: Client, user: User) -> Client:
    return login(client, user)


def late_entry(world: World) -> Case:
    """A woman taken in charge at Bari in March 2025, recorded only now."""
    return Case.objects.create(
        reference=f"LATE-{Case.objects.count()}",
        person=PersonFactory.create(sex="female", registered_at=world.bari),
        hub=world.bari,
        origin_node=world.bari,
        stage=Stage.TAKEN_IN_CHARGE,
        access_channel="direct",
        opened_on=dt.date(2025, 3, 1),
        taken_in_charge_on=dt.date(2025, 3, 2),
        opened_by=world.staff,
    )


def values(html: str, code: str) -> str:
    marker = f'data-testid="value-{code}">'
    start = html.index(marker) + len(marker)
    return html[start : html.index("<", start)]


def test_ministry_monitor_sees_the_programme_with_small_cells_hidden(client: Client, world: World):
    as_user(client, world.ministry)
    response = client.get(reverse("monitoring:dashboard"), PERIOD)
    assert response.status_code == 200
    html = response.content.decode()
    assert values(html, "people_taken_in_charge") == "9"
    assert escape(hidden_mark()) in html  # Sicilia's single person and its complement
    assert 'data-testid="progress-puglia"' in html and 'data-testid="progress-sicilia"' in html
    # Only aggregates: no link to any person or case.
    assert "/persone/" not in html.replace('href="/persone/"', "")
    assert "/casi/" not in html


def test_coordinator_sees_their_hub_in_full(client: Client, world: World):
    as_user(client, world.coordinator)
    html = client.get(reverse("monitoring:dashboard"), PERIOD).content.decode()
    # Foggia and its mobile unit: Amadou's case there and the six men, small cells shown.
    assert values(html, "people_taken_in_charge") == "7"
    assert "celle piccole nascoste" not in html
    # The helpdesk's contacts from Puglia are the region's, not this hub's (none sent here).
    assert values(html, "helpdesk_contacts") == "0"
    as_user(client, world.monitor)
    assert (
        values(
            client.get(reverse("monitoring:dashboard"), PERIOD).content.decode(),
            "helpdesk_contacts",
        )
        == "3"
    )


def test_managing_body_admin_is_outside_the_hub_and_sees_suppressed_figures(
    client: Client, world: World
):
    as_user(client, world.body_admin)
    html = client.get(reverse("monitoring:dashboard"), PERIOD).content.decode()
    assert values(html, "people_taken_in_charge") == "7"
    assert "celle piccole nascoste" in html


def test_regional_monitor_cannot_choose_a_place_outside_the_region(client: Client, world: World):
    as_user(client, world.monitor)
    response = client.get(reverse("monitoring:dashboard"), {**PERIOD, "region": world.sicilia.pk})
    assert response.status_code == 200
    assert "Correggi i filtri" in response.content.decode()
    assert "region" in response.context["form"].errors
    api = client.get("/api/v1/monitoring/dashboard/", {**PERIOD, "node": world.ragusa.pk})
    assert api.status_code == 400


def test_bad_period_is_explained_not_a_500(client: Client, world: World):
    as_user(client, world.ministry)
    response = client.get(
        reverse("monitoring:dashboard"), {"date_from": "2025-06-01", "date_to": "2025-01-01"}
    )
    assert response.status_code == 200
    assert "La fine del periodo viene prima dell'inizio." in unescape(response.content.decode())
    assert (
        client.get(reverse("monitoring:export", args=["xlsx"]), {"date_from": "x"}).status_code
        == 400
    )


def test_monitors_cannot_open_any_person_or_case(client: Client, world: World):
    as_user(client, world.ministry)
    case = world.cases["man-0"]
    assert client.get(reverse("people:person_detail", args=[case.person_id])).status_code in (
        403,
        404,
    )
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code in (403, 404)
    assert not AccessLog.objects.filter(user=world.ministry).exists()


def read_xlsx(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def test_xlsx_has_a_sheet_per_breakdown_and_the_definitions(client: Client, world: World):
    as_user(client, world.ministry)
    response = client.get(reverse("monitoring:export", args=["xlsx"]), PERIOD)
    assert response.status_code == 200
    sheets = read_xlsx(response.content)
    titles = list(sheets)
    assert titles[0] == "Sintesi" and titles[-1].endswith("Definizioni")
    region = next(
        rows
        for rows in sheets.values()
        if rows[0][0] == "Persone prese in carico dal sistema dei PSI"
        and rows[1][0] == "Per regione"
    )
    assert [r[1:] for r in region[3:]] == [
        ("Puglia", hidden_mark()),
        ("Sicilia", hidden_mark()),
        ("Totale", 9),
    ]
    summary = {r[0]: r[3] for r in sheets["Sintesi"] if r and r[0]}
    assert summary["people_taken_in_charge"] == 9
    definitions = sheets[titles[-1]]
    assert any(r[0] == "fami_outputs" and r[4] for r in definitions)


def test_csv_export_in_long_form(client: Client, world: World):
    as_user(client, world.coordinator)
    response = client.get(reverse("monitoring:export", args=["csv"]), PERIOD)
    lines = list(csv.DictReader(io.StringIO(response.content.decode())))
    total = next(
        r for r in lines if r["indicator"] == "people_taken_in_charge" and r["breakdown"] == ""
    )
    assert total["value"] == "7"


def test_snapshot_stays_identical_after_new_data_and_shows_what_changed(
    client: Client, world: World
):
    as_user(client, world.ministry)
    response = client.post(reverse("monitoring:snapshots"), {**PERIOD, "title": "Primo semestre"})
    snapshot = Snapshot.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{snapshot.pk}/")
    first = client.get(reverse("monitoring:snapshot_download", args=[snapshot.pk, "xlsx"])).content

    # Late data entry: a woman taken in charge in Bari in March, recorded only now.
    late_entry(world)
    # A year later (openpyxl stamps the time of writing), for a reader in English.
    clock = mock.Mock(wraps=dt)
    clock.datetime.now.return_value = dt.datetime(2027, 1, 1, 10, 30)
    with mock.patch("openpyxl.writer.excel.datetime", clock):
        again = client.get(
            reverse("monitoring:snapshot_download", args=[snapshot.pk, "xlsx"]),
            headers={"Accept-Language": "en"},
        ).content
    clock.datetime.now.assert_called()
    assert again == first  # byte for byte
    page = client.get(reverse("monitoring:snapshot", args=[snapshot.pk])).content.decode()
    assert 'data-testid="value-people_taken_in_charge">9<' in page
    compared = client.get(reverse("monitoring:snapshot", args=[snapshot.pk]), {"confronta": "1"})
    changes = compared.context["changes"]
    headline = next(
        c for c in changes if c.indicator.startswith("Persone prese in carico") and not c.breakdown
    )
    assert (headline.before, headline.after, headline.delta) == (9, 10, 1)


def test_snapshots_are_scoped_to_the_viewers_places(client: Client, world: World):
    call_command("monthly_snapshots", "--month", "2025-03")
    call_command("monthly_snapshots", "--month", "2025-03")  # idempotent
    monthly = Snapshot.objects.filter(kind=SnapshotKind.MONTHLY)
    assert sorted(s.region.name for s in monthly if s.region) == ["Puglia", "Sicilia"]
    puglia = monthly.get(region=world.puglia)
    assert (puglia.date_from, puglia.date_to) == (dt.date(2025, 3, 1), dt.date(2025, 3, 31))
    as_user(client, world.monitor)
    listed = client.get(reverse("monitoring:snapshots")).context["snapshots"]
    assert [s.region for s in listed] == [world.puglia]
    sicilia = monthly.get(region=world.sicilia)
    assert client.get(reverse("monitoring:snapshot", args=[sicilia.pk])).status_code == 404
    api = client.get("/api/v1/monitoring/snapshots/").json()
    assert [row["id"] for row in api["results"]] == [puglia.pk]


def test_api_dashboard_matches_the_page(client: Client, world: World):
    as_user(client, world.ministry)
    data = client.get("/api/v1/monitoring/dashboard/", PERIOD).json()
    by_code = {ind["code"]: ind for ind in data["indicators"]}
    assert by_code["people_taken_in_charge"]["value"] == 9
    assert data["small_cells_suppressed"] is True
    region = next(t for t in by_code["people_taken_in_charge"]["tallies"] if t["code"] == "region")
    assert {label: v for _k, label, v in region["rows"]} == {"Puglia": None, "Sicilia": None}
    definitions = client.get("/api/v1/monitoring/indicators/").json()
    assert {d["code"] for d in definitions} == set(by_code)
    created = client.post(
        "/api/v1/monitoring/snapshots/",
        {"title": "API", "filters": PERIOD},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["figures"]["indicators"][0]["value"] == 9


def test_indicator_definition_pages(client: Client, world: World):
    as_user(client, world.monitor)
    listing = client.get(reverse("monitoring:indicators")).content.decode()
    assert "Persone prese in carico dal sistema dei PSI" in listing
    page = client.get(reverse("monitoring:indicator", args=["people_taken_in_charge"]))
    assert "una volta" in page.content.decode()
    assert client.get(reverse("monitoring:indicator", args=["nope"])).status_code == 404


def test_a_user_with_no_place_gets_a_403(client: Client):
    user = User.objects.create_user("nobody", password="x")
    client.force_login(user)
    assert client.get(reverse("monitoring:dashboard")).status_code == 403


def test_kept_dashboards_open_at_once_and_can_be_computed_again(
    client: Client, world: World, settings: Any
):
    settings.MONITORING_CACHE_SECONDS = 600
    as_user(client, world.ministry)
    first = client.get(reverse("monitoring:dashboard"), PERIOD).context["computed_at"]
    late_entry(world)
    kept = client.get(reverse("monitoring:dashboard"), PERIOD)
    assert kept.context["computed_at"] == first
    assert values(kept.content.decode(), "people_taken_in_charge") == "9"
    again = client.get(reverse("monitoring:dashboard"), {**PERIOD, "aggiorna": "1"})
    assert values(again.content.decode(), "people_taken_in_charge") == "10"
    # The regional monitor's page is another dashboard (Puglia's nodes), kept on its own.
    call_command("warm_dashboards")
    puglia = frozenset(Node.objects.filter(region=world.puglia).values_list("pk", flat=True))
    start, end = default_period()
    warmed = cache.get(cache_key(Context(Filters(start, end), node_ids=puglia), True))
    as_user(client, world.monitor)
    page = client.get(reverse("monitoring:dashboard"))  # the default period
    assert page.context["computed_at"].isoformat() == warmed["computed_at"]
