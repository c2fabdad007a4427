"""Reads behind the network pages: edit access, map points, per-region counts, totals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from approdo.network import selectors, totals
from approdo.network.models import NodeKind, ProfessionalArea
from approdo.network.selectors import NodeFilters
from approdo.network.tests.factories import (
    ContractFactory,
    HubFactory,
    ProcedureFactory,
    ProfessionalFactory,
    ProgrammeFactory,
    RegionalTargetFactory,
    TeamAssignmentFactory,
)

pytestmark = pytest.mark.django_db


def test_node_for_edit_is_404_outside_and_403_inside_without_an_editor_role(
    network, coordinator_a, case_worker_a, body_admin_b
):
    assert selectors.node_for_edit(user=coordinator_a, pk=network.spoke_a1.pk) == network.spoke_a1
    with pytest.raises(PermissionDenied):
        selectors.node_for_edit(user=case_worker_a, pk=network.hub_a.pk)
    with pytest.raises(Http404):
        selectors.node_for_edit(user=body_admin_b, pk=network.hub_a.pk)
    with pytest.raises(Http404):
        selectors.node_for_edit(user=coordinator_a, pk=987654)


def test_node_managing_bodies_tell_which_pages_the_user_may_open(
    network, body_admin_a, body_admin_b
):
    contract_body = network.body_b
    network.hub_a.managing_bodies.add(contract_body)
    node = selectors.node_get(user=body_admin_a, pk=network.hub_a.pk)
    assert selectors.node_managing_bodies(user=body_admin_a, node=node) == [
        (network.body_b, True),  # body A's user covers hub A, so every body running it
        (network.body_a, True),
    ]
    node = selectors.node_get(user=body_admin_b, pk=network.hub_c.pk)
    assert selectors.node_managing_bodies(user=body_admin_b, node=node) == [(network.body_c, False)]


def test_map_points_place_nodes_without_coordinates_on_their_municipality(network, case_worker_a):
    nodes = selectors.node_list(user=case_worker_a, filters=NodeFilters(kind=NodeKind.SPOKE))
    points = {p.name: p for p in selectors.node_map_points(nodes)}
    assert set(points) == {
        "Unità mobile Borgo Mezzanone",
        "Sportello San Severo",
        "Presidio Torretta Antonacci",
    }
    desk = points["Sportello San Severo"]
    assert (desk.latitude, desk.longitude) == (41.46, 15.55)
    assert desk.municipality == "Foggia" and desk.spoke_kind == "desk"
    mobile = points["Unità mobile Borgo Mezzanone"]
    assert (mobile.latitude, mobile.longitude) == (41.4621, 15.5446)


def test_region_kind_counts_follow_the_filters(network, case_worker_a):
    everything = selectors.node_list(user=case_worker_a)
    assert selectors.region_kind_counts(everything) == [
        {"id": network.puglia.pk, "name": "Puglia", "slug": "puglia", "hubs": 2, "spokes": 3,
         "nodes": 5},
        {"id": network.sicilia.pk, "name": "Sicilia", "slug": "sicilia", "hubs": 1, "spokes": 0,
         "nodes": 1},
    ]  # fmt: skip
    body_b = selectors.node_list(
        user=case_worker_a, filters=NodeFilters(managing_body=network.body_b.pk)
    )
    assert [(r["name"], r["nodes"]) for r in selectors.region_kind_counts(body_b)] == [
        ("Puglia", 2)
    ]


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(1, 8, 13), (1, 3, 33), (2, 3, 67), (1, 2, 50), (5, 40, 13), (0, 0, 0), (7, 7, 100)],
)
def test_whole_percent_rounds_half_up(part, whole, expected):
    assert totals.whole_percent(part, whole) == expected


def test_programme_totals_count_the_registry(network):
    RegionalTargetFactory.create(programme=network.programme, region=network.puglia, value=3800)
    # The mediator also works at hub B: a professional counts once per programme.
    TeamAssignmentFactory.create(professional=network.mediator, node=network.hub_b)
    # Someone who left no longer counts.
    TeamAssignmentFactory.create(
        professional=ProfessionalFactory.create(area=ProfessionalArea.HEALTH),
        node=network.hub_b,
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2023, 12, 31),
    )
    (supreme,) = totals.programme_totals()
    assert supreme.programme == network.programme
    assert [(r.name, r.hubs, r.spokes, r.nodes, r.target) for r in supreme.regions] == [
        ("Puglia", 2, 3, 5, 3800),
        ("Sicilia", 1, 0, 1, None),
    ]
    assert (supreme.hubs, supreme.spokes, supreme.nodes, supreme.target) == (3, 3, 6, 3800)
    assert (supreme.managing_bodies, supreme.procedures, supreme.contracts) == (3, 1, 2)
    assert supreme.professionals == 2
    assert [(a.code, a.count, a.percent) for a in supreme.areas] == [
        ("legal", 1, 50),
        ("mediation", 1, 50),
    ]


def test_programmes_come_largest_network_first_each_with_its_own_figures(network):
    lombardia = ProgrammeFactory.create(
        code="inlav", name="InLav Lombardia", starts_on=dt.date(2022, 1, 1)
    )
    pua = HubFactory.create(programme=lombardia, managing_bodies=[network.body_c])
    ContractFactory.create(procedure=ProcedureFactory.create(programme=lombardia), nodes=[pua])
    first, second = totals.programme_totals()
    assert first.programme.code == "supreme2" and second.programme.code == "inlav"
    assert (second.nodes, second.hubs, second.target) == (1, 1, None)
    assert (second.managing_bodies, second.procedures, second.contracts) == (1, 1, 1)
    assert second.professionals == 0 and second.areas == []
    assert first.nodes == 6 and first.contracts == 2
