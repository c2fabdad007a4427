"""Who sees which sites: the hub's staff and its spokes' staff see the hub's sites; other
hubs do not; monitors see the sites of their region (counts only, see test_views)."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse

from approdo.housing import selectors
from approdo.housing.tests.factories import HousingWorld, day, make_housing_world, placed
from approdo.people.tests.factories import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def hw() -> HousingWorld:
    return make_housing_world()


def names(hw: HousingWorld, user: object) -> set[str]:
    return {s.name for s in selectors.site_list(user=user)}


def test_sites_are_seen_by_the_hub_its_spokes_and_the_region(hw: HousingWorld):
    hub_a = {"Casa Arpi", "Casa Lucera", "Centro stagionale Borgo Tressanti"}
    assert names(hw, hw.w.coordinator) == hub_a
    assert names(hw, hw.w.spoke_operator) == hub_a
    assert names(hw, hw.w.other_body) == {"Casa Cerignola"}
    assert names(hw, hw.w.worker_c) == set()
    assert names(hw, hw.w.monitor) == hub_a | {"Casa Cerignola"}
    with pytest.raises(Http404):
        selectors.site_get(user=hw.w.worker_c, pk=hw.casa.pk)


def test_occupancy_counts_nights_and_closed_seasons(hw: HousingWorld):
    placed(hw, first=0, last=1)
    rows = {
        r.site.name: r
        for r in selectors.occupancy(selectors.site_list(user=hw.w.coordinator), day(19), day(21))
    }
    seasonal = rows["Centro stagionale Borgo Tressanti"]
    assert [d.beds for d in seasonal.days] == [2, 2, 0]  # closed after day 20
    today = {
        r.site.name: r
        for r in selectors.occupancy(selectors.site_list(user=hw.w.coordinator), day(0), day(1))
    }
    assert (today["Casa Arpi"].tonight.occupied, today["Casa Arpi"].percent) == (1, 50)


def test_no_page_answers_500_to_garbage(client: Client, hw: HousingWorld):
    p = placed(hw, first=-2, last=5)
    login(client, hw.w.coordinator)
    garbage = {
        "ends_on": "9999-99-99",
        "version": "x",
        "bed": "'; drop",
        "last_night": "0000-00-00",
        "exit_reason": "999999999999999999999",
        "from_day": "2200-01-01",
        "amount": "1e400",
        "contract": "-1",
        "goal": "abc",
        "max_rent": "NaN",
        "started_on": "",
        "monthly_rent": "Infinity",
    }
    urls = [
        reverse("housing:extend", args=[p.pk]),
        reverse("housing:exit", args=[p.pk]),
        reverse("housing:cancel", args=[p.pk]),
        reverse("housing:move", args=[p.pk]),
        reverse("housing:case", args=[hw.w.case.pk]),
        reverse("housing:search_add", args=[hw.w.case.pk]),
        reverse("housing:contract_add", args=[hw.w.case.pk]),
        reverse("housing:deposit", args=[hw.w.case.pk]),
    ]
    for url in urls:
        assert client.post(url, garbage).status_code == 400, url
    assert (
        client.get(reverse("housing:site", args=[hw.casa.pk]), {"day": "9999-12-31"}).status_code
        == 200
    )
    assert client.get(reverse("housing:board"), {"day": "2100-12-31"}).status_code == 200
    assert client.get(reverse("housing:site", args=[999999])).status_code == 404
