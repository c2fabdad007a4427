"""The network pages as users see them: directory, node card, internal pages, edit, totals, map."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import user_with_role
from approdo.audit.models import AuditEvent
from approdo.network import models
from approdo.network.tests.factories import (
    HubFactory,
    MunicipalityFactory,
    RegionalTargetFactory,
    SpokeFactory,
)

pytestmark = pytest.mark.django_db


def count(html: str, testid: str) -> int:
    """The bare number an element with `data-testid` holds."""
    match = re.search(rf'data-testid="{testid}"[^>]*>\s*([\d.]+)\s*<', html)
    assert match, f"no element {testid}"
    return int(match.group(1).replace(".", ""))


def cell(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</', html, re.S)
    assert match, f"no element {testid}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


# --- directory ---------------------------------------------------------------------------


def test_directory_lists_every_node_with_the_kind_summary(network, login, case_worker_a):
    response = login(case_worker_a).get(reverse("network:directory"))
    html = response.content.decode()
    assert response.status_code == 200
    assert (count(html, "count-total"), count(html, "count-hub"), count(html, "count-spoke")) == (
        6,
        3,
        3,
    )
    assert "6 nodi: 3 hub e 3 spoke" in re.sub(r"<[^>]+>", "", html)
    assert html.count('data-testid="node-row"') == 6
    assert "Unità mobile Borgo Mezzanone" in html
    # A spoke's row links its hub.
    assert reverse("network:node_detail", args=[network.hub_a.pk]) in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": "sicilia"}, (1, 1, 0)),
        ({"kind": "spoke"}, (3, 0, 3)),
        ({"kind": "spoke", "spoke_kind": "desk"}, (1, 0, 1)),
        ({"localisation": "rural"}, (1, 0, 1)),
        ({"area": "transport"}, (2, 1, 1)),
        ({"managing_body": "body_b"}, (2, 1, 1)),
        ({"language": "en"}, (2, 2, 0)),
        ({"q": "borgo"}, (1, 0, 1)),
        ({"q": "PU-H0"}, (2, 2, 0)),
        ({"q": "trapani"}, (1, 1, 0)),
    ],
)
def test_directory_filters_narrow_the_list_and_the_counts(
    network, login, case_worker_a, params, expected
):
    ids = {
        "sicilia": network.sicilia.pk,
        "transport": network.transport.pk,
        "body_b": network.body_b.pk,
        "en": network.english.pk,
    }
    query = {key: ids.get(value, value) for key, value in params.items()}
    html = login(case_worker_a).get(reverse("network:directory"), query).content.decode()
    counts = (count(html, "count-total"), count(html, "count-hub"), count(html, "count-spoke"))
    assert counts == expected
    assert html.count('data-testid="node-row"') == expected[0]


def test_directory_filter_by_region_lists_only_that_region(network, login, case_worker_a):
    html = (
        login(case_worker_a)
        .get(reverse("network:directory"), {"region": network.puglia.pk})
        .content.decode()
    )
    assert "PSI Foggia" in html and "PSI Bari" in html
    assert "PSI Trapani" not in html


def test_invalid_filter_values_show_field_errors_not_a_server_error(network, login, case_worker_a):
    response = login(case_worker_a).get(
        reverse("network:directory"), {"region": "abc", "kind": "castle", "q": "foggia"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_region_error"' in html
    assert 'id="id_kind_error"' in html
    assert 'aria-invalid="true"' in html
    # The valid part of the filters still applies: hub A and its two spokes are in Foggia.
    assert count(html, "count-total") == 3


def test_htmx_request_gets_only_the_results_partial(network, login, case_worker_a):
    client = login(case_worker_a)
    response = client.get(
        reverse("network:directory"),
        {"q": "", "region": "", "kind": "hub"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "<html" not in html and "<form" not in html
    assert count(html, "count-hub") == 3
    assert "HX-Request" in response["Vary"]
    # The address bar gets the filters in use only.
    assert response["HX-Push-Url"] == "/rete/?kind=hub"


def test_directory_links_the_map_with_the_same_filters(network, login, case_worker_a):
    html = (
        login(case_worker_a)
        .get(reverse("network:directory"), {"kind": "spoke", "page": "1"})
        .content.decode()
    )
    assert 'href="/rete/mappa/?kind=spoke" data-testid="directory-map-link"' in html


def test_htmx_history_restore_gets_the_whole_page(network, login, case_worker_a):
    response = login(case_worker_a).get(
        reverse("network:directory"),
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.content.decode()


def test_directory_filter_form_is_accessible_and_works_without_js(network, login, case_worker_a):
    html = login(case_worker_a).get(reverse("network:directory")).content.decode()
    assert '<form id="directory-filters" method="get"' in html
    assert "<legend" in html
    for name in ("q", "region", "kind", "spoke_kind", "area", "managing_body", "language"):
        assert f'for="id_{name}"' in html
        assert f'id="id_{name}"' in html
    assert 'hx-get="/rete/"' in html and 'hx-target="#directory-results"' in html
    assert "<script>" not in html and ' style="' not in html


def test_directory_paginates_by_fifty_with_page_links_keeping_filters(login, case_worker_a):
    town = MunicipalityFactory.create()
    HubFactory.create_batch(55, municipality=town)
    client = login(case_worker_a)
    first = client.get(reverse("network:directory"), {"kind": "hub"}).content.decode()
    assert first.count('data-testid="node-row"') == 50
    assert "?kind=hub&amp;page=2" in first
    second = client.get(reverse("network:directory"), {"kind": "hub", "page": 2}).content.decode()
    assert count(second, "count-hub") == 58  # 55 + the fixture network's 3 hubs
    assert second.count('data-testid="node-row"') == 8


def test_directory_queries_are_bounded_whatever_the_number_of_rows(
    network, login, case_worker_a, django_assert_max_num_queries
):
    for _ in range(30):
        SpokeFactory.create(parent_hub=network.hub_b, managing_bodies=[network.body_b])
    client = login(case_worker_a)
    # Session, user, memberships, authenticator; the region filter's lookup; the kind counts;
    # five filter choice lists; the page of rows; the session save (with its savepoint).
    with django_assert_max_num_queries(16):
        response = client.get(
            reverse("network:directory"), {"region": network.puglia.pk, "q": "", "area": ""}
        )
    assert response.status_code == 200
    assert count(response.content.decode(), "count-total") == 35


# --- node card -----------------------------------------------------------------------------


def test_hub_card_shows_public_data_and_links_its_spokes(network, login, body_admin_b):
    html = login(body_admin_b).get(reverse("network:node_detail", args=[network.hub_a.pk]))
    page = html.content.decode()
    assert "Via Napoli 12" in page and "0881 123456" in page
    assert "Foggia (FG)" in page
    assert "Sostegno all&#x27;abitare" in page and "Arabo" in page
    assert "Cooperativa Alfa" in page
    assert reverse("network:node_detail", args=[network.spoke_a1.pk]) in page
    assert reverse("network:node_detail", args=[network.spoke_a2.pk]) in page
    assert "Lunedì" in page and "09:00" in page and "13:00" in page


def test_spoke_card_links_its_hub(network, login, case_worker_a):
    page = (
        login(case_worker_a)
        .get(reverse("network:node_detail", args=[network.spoke_b1.pk]))
        .content.decode()
    )
    assert 'data-testid="node-hub"' in page
    assert reverse("network:node_detail", args=[network.hub_b.pk]) in page


def test_internal_sections_are_shown_to_the_managing_body(network, login, body_admin_a):
    page = (
        login(body_admin_a)
        .get(reverse("network:node_detail", args=[network.hub_a.pk]))
        .content.decode()
    )
    assert 'data-testid="node-internal"' in page
    assert "Amina Diallo" in page and "Mediatrice araba" in page
    assert "Giuridica" in page and "Mediazione" in page
    assert "CIG0000001" in page and "AVV-1-2023" in page
    assert "1.250.000,00 €" in page
    # The body's own page is linked from the card.
    assert reverse("network:managing_body_detail", args=[network.body_a.pk]) in page


def test_internal_sections_are_hidden_from_another_managing_body(network, login, body_admin_b):
    response = login(body_admin_b).get(reverse("network:node_detail", args=[network.hub_a.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="node-internal"' not in page
    assert "Amina Diallo" not in page and "CIG0000001" not in page
    assert reverse("network:managing_body_detail", args=[network.body_a.pk]) not in page


def test_edit_button_only_for_editors(network, login, coordinator_a, case_worker_a):
    url = reverse("network:node_detail", args=[network.spoke_a1.pk])
    assert 'data-testid="node-edit-link"' in login(coordinator_a).get(url).content.decode()
    assert 'data-testid="node-edit-link"' not in login(case_worker_a).get(url).content.decode()


def test_unknown_node_is_404(network, login, case_worker_a):
    assert login(case_worker_a).get(reverse("network:node_detail", args=[99999])).status_code == 404


# --- internal pages -------------------------------------------------------------------------


def test_team_page_groups_professionals_by_area(network, login, case_worker_a):
    response = login(case_worker_a).get(reverse("network:node_team", args=[network.hub_a.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('data-testid="team-area"') == 2
    assert page.index("Giuridica") < page.index("Marco") < page.index("Mediazione")
    assert "Consulente legale" in page


@pytest.mark.parametrize(
    "url_of",
    [
        lambda n: reverse("network:node_team", args=[n.hub_a.pk]),
        lambda n: reverse("network:node_team", args=[n.spoke_a1.pk]),
        lambda n: reverse("network:managing_body_detail", args=[n.body_a.pk]),
        lambda n: reverse("network:node_edit", args=[n.hub_a.pk]),
    ],
    ids=["team", "spoke-team", "managing-body", "edit"],
)
def test_another_managing_body_gets_404_on_internal_pages(network, login, body_admin_b, url_of):
    assert login(body_admin_b).get(url_of(network)).status_code == 404


def test_regional_monitor_sees_team_of_their_region_but_may_not_edit(
    network, login, monitor_puglia
):
    client = login(monitor_puglia)
    assert client.get(reverse("network:node_team", args=[network.hub_b.pk])).status_code == 200
    assert client.get(reverse("network:node_edit", args=[network.hub_b.pk])).status_code == 403
    assert client.get(reverse("network:node_team", args=[network.hub_c.pk])).status_code == 404


def test_case_worker_gets_403_on_edit_of_their_own_node(network, login, case_worker_a):
    response = login(case_worker_a).get(reverse("network:node_edit", args=[network.hub_a.pk]))
    assert response.status_code == 403


def test_managing_body_list_shows_only_bodies_in_scope(network, login, body_admin_a):
    page = login(body_admin_a).get(reverse("network:managing_body_list")).content.decode()
    assert "Cooperativa Alfa" in page
    assert "Associazione Beta" not in page and "Fondazione Gamma" not in page


def test_managing_body_page_lists_its_nodes_and_contracts(network, login, body_admin_a):
    page = (
        login(body_admin_a)
        .get(reverse("network:managing_body_detail", args=[network.body_a.pk]))
        .content.decode()
    )
    assert "PSI Foggia" in page and "Sportello San Severo" in page
    assert "CIG0000001" in page and "1.250.000,00 €" in page
    assert "PSI Bari" not in page


def test_contract_list_is_grouped_by_procedure_and_scoped(network, login, body_admin_a):
    page = login(body_admin_a).get(reverse("network:contract_list")).content.decode()
    assert page.count('data-testid="procedure"') == 1
    assert "AVV-1-2023" in page and "CIG0000001" in page
    assert "CIG0000002" not in page


def test_programme_wide_monitor_sees_every_contract(network, login):
    monitor = user_with_role(Role.MINISTRY_MONITOR)
    page = login(monitor).get(reverse("network:contract_list")).content.decode()
    assert "CIG0000001" in page and "CIG0000002" in page


# --- edit ---------------------------------------------------------------------------------


def edit_data(node: models.Node, **overrides: object) -> dict[str, object]:
    """The POST of the edit form as a user would send it, unchanged unless overridden."""
    hours = list(node.opening_hours.order_by("weekday", "opens_at"))
    data: dict[str, object] = {
        "version": node.version,
        "address": node.address,
        "phone": node.phone,
        "email": node.email,
        "latitude": "" if node.latitude is None else str(node.latitude),
        "longitude": "" if node.longitude is None else str(node.longitude),
        "languages": [lang.pk for lang in node.languages.all()],
        "areas": [area.pk for area in node.areas.all()],
        "notes": node.notes,
        "hours-TOTAL_FORMS": len(hours) + 1,
        "hours-INITIAL_FORMS": len(hours),
        "hours-MIN_NUM_FORMS": 0,
        "hours-MAX_NUM_FORMS": 28,
    }
    for i, slot in enumerate(hours):
        data[f"hours-{i}-weekday"] = slot.weekday
        data[f"hours-{i}-opens_at"] = slot.opens_at.strftime("%H:%M")
        data[f"hours-{i}-closes_at"] = slot.closes_at.strftime("%H:%M")
        data[f"hours-{i}-note"] = slot.note
    extra = len(hours)
    data.update({f"hours-{extra}-weekday": "", f"hours-{extra}-opens_at": ""})
    data.update({f"hours-{extra}-closes_at": "", f"hours-{extra}-note": ""})
    data.update(overrides)
    return data


def test_edit_form_shows_the_current_values(network, login, coordinator_a):
    page = (
        login(coordinator_a)
        .get(reverse("network:node_edit", args=[network.hub_a.pk]))
        .content.decode()
    )
    assert 'value="Via Napoli 12"' in page
    assert f'name="version" value="{network.hub_a.version}"' in page
    assert 'name="hours-0-opens_at" value="09:00"' in page
    assert "<legend" in page and "<caption" in page


def test_coordinator_edit_saves_bumps_version_and_is_audited(network, login, coordinator_a):
    hub = network.hub_a
    data = edit_data(
        hub,
        phone="+39 0881 654321",
        languages=[network.arabic.pk],
        **{"hours-1-weekday": 2, "hours-1-opens_at": "14:00", "hours-1-closes_at": "18:00"},
    )
    response = login(coordinator_a).post(reverse("network:node_edit", args=[hub.pk]), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("network:node_detail", args=[hub.pk])
    hub.refresh_from_db()
    assert hub.phone == "+39 0881 654321"
    assert hub.version == 2
    assert list(hub.languages.values_list("code", flat=True)) == ["ar"]
    assert hub.opening_hours.count() == 2
    event = AuditEvent.objects.get(action="network.node.updated")
    assert event.actor == coordinator_a and event.node_id == hub.pk
    assert set(event.changes) == {"phone", "languages", "opening_hours"}
    assert event.changes["phone"] == {"old": "0881 123456", "new": "+39 0881 654321"}
    assert event.changes["languages"] == {"old": ["ar", "en"], "new": ["ar"]}


def test_stale_edit_is_refused_with_the_message_and_changes_nothing(
    network, login, coordinator_a, body_admin_a
):
    hub = network.hub_a
    stale_form = edit_data(hub, address="Via Stale 1")
    # Someone else saves first.
    login(body_admin_a).post(
        reverse("network:node_edit", args=[hub.pk]), edit_data(hub, address="Via Nuova 2")
    )
    response = login(coordinator_a).post(reverse("network:node_edit", args=[hub.pk]), stale_form)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Qualcun altro ha modificato questo record" in page
    assert 'data-testid="current-values"' in page and "Via Nuova 2" in page
    # The user's own input is still in the form, now based on the version they have seen.
    assert 'value="Via Stale 1"' in page
    assert 'name="version" value="2"' in page
    hub.refresh_from_db()
    assert hub.address == "Via Nuova 2" and hub.version == 2
    assert AuditEvent.objects.filter(action="network.node.updated").count() == 1


def test_resubmitting_after_a_stale_refusal_succeeds(network, login, coordinator_a):
    hub = network.hub_a
    client = login(coordinator_a)
    url = reverse("network:node_edit", args=[hub.pk])
    client.post(url, edit_data(hub, notes="prima"))
    hub.refresh_from_db()
    refused = client.post(url, edit_data(hub, version=1, notes="seconda"))
    assert refused.status_code == 200
    assert client.post(url, edit_data(hub, version=2, notes="seconda")).status_code == 302
    hub.refresh_from_db()
    assert hub.notes == "seconda" and hub.version == 3


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": "non-una-mail"}, "email"),
        ({"latitude": "200"}, "latitude"),
        ({"latitude": "41.5", "longitude": ""}, "longitude"),
        ({"phone": "chiamami"}, "phone"),
        ({"languages": [987654]}, "languages"),
        ({"hours-0-closes_at": "08:00"}, "hours-0-closes_at"),
        ({"hours-0-opens_at": "25:99"}, "hours-0-opens_at"),
    ],
)
def test_bad_input_gives_field_errors_and_changes_nothing(
    network, login, coordinator_a, overrides, field
):
    hub = network.hub_a
    response = login(coordinator_a).post(
        reverse("network:node_edit", args=[hub.pk]), edit_data(hub, **overrides)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in page
    assert f'href="#id_{field}"' in page  # the error summary links the field
    hub.refresh_from_db()
    assert hub.version == 1 and hub.phone == "0881 123456"


def test_two_slots_starting_together_are_refused(network, login, coordinator_a):
    hub = network.hub_a
    data = edit_data(
        hub, **{"hours-1-weekday": 0, "hours-1-opens_at": "09:00", "hours-1-closes_at": "10:00"}
    )
    page = login(coordinator_a).post(reverse("network:node_edit", args=[hub.pk]), data)
    assert "iniziano alla stessa ora" in page.content.decode()
    assert hub.opening_hours.count() == 1


def test_deleting_an_opening_slot(network, login, coordinator_a):
    hub = network.hub_a
    data = edit_data(hub, **{"hours-0-DELETE": "on"})
    response = login(coordinator_a).post(reverse("network:node_edit", args=[hub.pk]), data)
    assert response.status_code == 302
    assert hub.opening_hours.count() == 0


# --- totals ---------------------------------------------------------------------------------


def test_totals_page_shows_the_figures_computed_from_the_registry(network, login, case_worker_a):
    RegionalTargetFactory.create(programme=network.programme, region=network.puglia, value=3800)
    RegionalTargetFactory.create(programme=network.programme, region=network.sicilia, value=11200)
    page = login(case_worker_a).get(reverse("network:totals")).content.decode()
    assert 'data-testid="programme-supreme2"' in page
    assert cell(page, "region-puglia-hubs") == "2"
    assert cell(page, "region-puglia-spokes") == "3"
    assert cell(page, "region-puglia-nodes") == "5"
    assert cell(page, "region-puglia-target") == "3.800"
    assert cell(page, "region-sicilia-nodes") == "1"
    assert cell(page, "total-hubs") == "3"
    assert cell(page, "total-spokes") == "3"
    assert cell(page, "total-nodes") == "6"
    assert cell(page, "total-target") == "15.000"
    assert cell(page, "count-managing-bodies") == "3"
    assert cell(page, "count-procedures") == "1"
    assert cell(page, "count-contracts") == "2"
    assert cell(page, "count-professionals") == "2"
    assert cell(page, "area-mediation-percent") == "50%"
    assert "<caption" in page and 'scope="row"' in page


def test_totals_show_a_dash_where_a_region_has_no_target(network, login, case_worker_a):
    RegionalTargetFactory.create(programme=network.programme, region=network.puglia, value=3800)
    page = login(case_worker_a).get(reverse("network:totals")).content.decode()
    assert cell(page, "region-sicilia-target") == "—"
    assert cell(page, "total-target") == "3.800"


# --- map ----------------------------------------------------------------------------------


def test_map_geojson_returns_the_nodes_with_their_kinds(network, login, case_worker_a):
    response = login(case_worker_a).get(reverse("network:map_nodes"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert data["type"] == "FeatureCollection"
    by_name = {f["properties"]["name"]: f for f in data["features"]}
    assert len(by_name) == 6
    assert by_name["PSI Foggia"]["properties"]["kind"] == "hub"
    assert by_name["Sportello San Severo"]["properties"]["spoke_kind"] == "desk"
    assert by_name["Presidio Torretta Antonacci"]["properties"]["spoke_kind"] == "outpost"
    trapani = by_name["PSI Trapani"]
    assert trapani["geometry"] == {"type": "Point", "coordinates": [15.5446, 41.4621]}
    assert trapani["properties"]["url"] == reverse("network:node_detail", args=[network.hub_c.pk])
    assert trapani["properties"]["municipality"] == "Trapani"
    # Without its own coordinates a node sits on its municipality.
    desk = by_name["Sportello San Severo"]["geometry"]["coordinates"]
    assert desk == [15.55, 41.46]


def test_map_geojson_respects_the_directory_filters(network, login, case_worker_a):
    client = login(case_worker_a)
    data = client.get(reverse("network:map_nodes"), {"kind": "spoke"}).json()
    assert {f["properties"]["kind"] for f in data["features"]} == {"spoke"}
    assert len(data["features"]) == 3
    bad = client.get(reverse("network:map_nodes"), {"region": "abc"})
    assert bad.status_code == 400 and "region" in bad.json()["errors"]


def test_map_page_works_without_tiles_and_offers_a_table(network, login, case_worker_a, settings):
    settings.MAP_TILE_URL = ""
    page = login(case_worker_a).get(reverse("network:map"), {"kind": "hub"}).content.decode()
    assert 'id="network-map"' in page
    assert 'data-nodes-url="/rete/mappa/nodi.geojson?kind=hub"' in page
    assert 'data-tile-url=""' in page
    assert "vendor/leaflet-1.9.4/leaflet.js" in page and "approdo/network-map.js" in page
    for kind in ("hub", "mobile_unit", "outpost", "desk", "other"):
        assert f"legend-{kind}" in page
    assert 'data-testid="map-regions"' in page
    assert f"?kind=hub&amp;region={network.puglia.pk}" in page
    assert 'href="/rete/?kind=hub"' in page
    assert "<script>" not in page and ' style="' not in page


def test_map_page_passes_the_tile_server_when_configured(network, login, case_worker_a, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Example"
    page = login(case_worker_a).get(reverse("network:map")).content.decode()
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in page
    assert 'data-tile-attribution="© Example"' in page


# --- everyone must sign in ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "needs_pk"),
    [
        ("network:directory", False),
        ("network:map", False),
        ("network:map_nodes", False),
        ("network:totals", False),
        ("network:managing_body_list", False),
        ("network:contract_list", False),
        ("network:node_detail", True),
        ("network:node_team", True),
        ("network:node_edit", True),
        ("network:managing_body_detail", True),
    ],
)
def test_anonymous_users_are_sent_to_login(client, network, name, needs_pk):
    url = reverse(name, args=[network.hub_a.pk]) if needs_pk else reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_user_without_second_factor_is_sent_to_enrolment(network, client, case_worker_a):
    client.force_login(case_worker_a)
    response = client.get(reverse("network:directory"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_enrol")


def test_node_card_shows_active_period(network, login, case_worker_a):
    hub = network.hub_c
    hub.active_until = dt.date(2026, 6, 30)
    hub.save()
    page = login(case_worker_a).get(reverse("network:node_detail", args=[hub.pk]))
    assert "dal 01/01/2024 al 30/06/2026" in page.content.decode()
    assert hub.latitude == Decimal("41.46210")
