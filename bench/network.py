"""Directory latency with 10,000 nodes, against a bare Django view measured in the same run.

    .venv/bin/python bench/network.py                      # throwaway SQLite file
    .venv/bin/python bench/network.py --postgres URL       # and a throwaway PostgreSQL database

Each database runs in its own process: Django is set up on a fresh database, migrated, filled
with 10,000 nodes (bulk_create: hubs and spokes across the six regions, with managing bodies,
areas and languages), and a signed-in user (hub coordinator with a second factor, so the MFA
middleware lets them through) requests with django.test.Client, interleaved:

- the directory `/rete/`, first page and a filtered page (region + spoke + area);
- `/bench/bare/`, a view registered only here: the same 50 node rows from a plain .values()
  query rendered into a minimal template without the base layout;
- the map's GeoJSON of all 10,000 nodes (for information: it has no baseline).

Both go through the whole middleware stack, so the ratio directory / bare is what the page
itself costs. Target: ratio <= 3.0 on the median.
"""

from __future__ import annotations

import csv
import random
import secrets
import statistics
import sys
import time
import types
from collections.abc import Callable
from typing import Any

from harness import ROOT, bench_database, main_for, p95

DATA = ROOT / "approdo" / "network" / "data"
NODES = 10_000
HUB_SHARE = 0.5
BODIES = 400
TARGET_RATIO = 3.0


# --- set-up -----------------------------------------------------------------------------------


def install_bench_urls() -> None:
    """A root URLconf with the project's URLs plus the bare baseline view."""
    from django.conf import settings
    from django.http import HttpRequest, HttpResponse
    from django.template import engines
    from django.urls import clear_url_caches, include, path

    from approdo.network.models import Node

    template = engines["django"].from_string(
        "<!doctype html><title>bare</title><table>{% for n in nodes %}<tr>"
        '<td><a href="/rete/nodi/{{ n.id }}/">{{ n.name }}</a></td><td>{{ n.code }}</td>'
        "<td>{{ n.kind }} {{ n.spoke_kind }}</td><td>{{ n.parent_hub__name }}</td>"
        "<td>{{ n.municipality__name }} ({{ n.municipality__province__abbreviation }})</td>"
        "<td>{{ n.region__name }}</td><td>{{ n.localisation }}</td></tr>{% endfor %}</table>"
    )

    def bare(request: HttpRequest) -> HttpResponse:
        rows = Node.objects.order_by("region__name", "kind", "name").values(
            "id",
            "name",
            "code",
            "kind",
            "spoke_kind",
            "parent_hub__name",
            "municipality__name",
            "municipality__province__abbreviation",
            "region__name",
            "localisation",
        )[:50]
        return HttpResponse(template.render({"nodes": rows}))

    module = types.ModuleType("bench_urls")
    module.urlpatterns = [  # type: ignore[attr-defined]
        path("bench/bare/", bare, name="bench_bare"),
        path("", include("approdo.urls")),
    ]
    sys.modules["bench_urls"] = module
    settings.ROOT_URLCONF = "bench_urls"
    clear_url_caches()


def load_territory() -> None:
    from approdo.network.models import Municipality, Province, Region

    if Municipality.objects.exists():
        return
    with open(DATA / "regions.csv", encoding="utf-8") as f:
        regions = {
            r["istat_code"]: Region(istat_code=r["istat_code"], name=r["name"], slug=r["name"])
            for r in csv.DictReader(f)
        }
    for region in regions.values():
        region.slug = region.name.lower().replace(" ", "-")
    Region.objects.bulk_create(regions.values())
    region_ids = dict(Region.objects.values_list("istat_code", "pk"))
    with open(DATA / "provinces.csv", encoding="utf-8") as f:
        Province.objects.bulk_create(
            Province(
                istat_code=p["istat_code"],
                name=p["name"],
                abbreviation=p["abbreviation"],
                region_id=region_ids[p["region_code"]],
            )
            for p in csv.DictReader(f)
        )
    province_ids = dict(Province.objects.values_list("istat_code", "pk"))
    with open(DATA / "municipalities.csv", encoding="utf-8") as f:
        Municipality.objects.bulk_create(
            (
                Municipality(
                    istat_code=m["istat_code"],
                    name=m["name"],
                    province_id=province_ids[m["province_code"]],
                    latitude=m["latitude"],
                    longitude=m["longitude"],
                )
                for m in csv.DictReader(f)
            ),
            batch_size=1000,
        )


def build_network(rng: random.Random) -> dict[str, Any]:
    """10,000 nodes with bodies, areas and languages; returns ids the requests filter on."""
    import datetime as dt

    from django.db import connection, transaction

    from approdo.network import models as m

    load_territory()
    with transaction.atomic():
        programme, _ = m.Programme.objects.get_or_create(
            code="bench",
            defaults={
                "name": "Bench",
                "starts_on": dt.date(2024, 1, 1),
                "ends_on": dt.date(2028, 12, 31),
            },
        )
        towns = list(m.Municipality.objects.values_list("pk", "province__region_id"))
        regions = sorted({region for _pk, region in towns})
        m.ManagingBody.objects.bulk_create(
            m.ManagingBody(
                name=f"Cooperativa Sociale Banco {i:04d}",
                tax_code=f"{90000000000 + i:011d}",
                legal_form=m.LegalForm.SOCIAL_COOPERATIVE,
                region_id=regions[i % len(regions)],
            )
            for i in range(BODIES)
        )
        bodies = list(m.ManagingBody.objects.values_list("pk", flat=True))
        areas = list(m.ServiceArea.objects.values_list("pk", flat=True))
        languages = list(m.Language.objects.values_list("pk", flat=True))

        def node(i: int, kind: str, town: tuple[int, int], hub: int | None) -> m.Node:
            return m.Node(
                code=f"B{i:06d}",
                name=f"{'PSI' if hub is None else 'Spoke'} Banco {i:05d}",
                programme=programme,
                kind=kind,
                spoke_kind="" if hub is None else rng.choice(m.SpokeKind.values),
                parent_hub_id=hub,
                localisation=rng.choice(m.Localisation.values),
                region_id=town[1],
                municipality_id=town[0],
                address=f"Via del Banco {i}",
                active_from=dt.date(2024, 1, 1),
            )

        hub_count = int(NODES * HUB_SHARE)
        hub_towns = [rng.choice(towns) for _ in range(hub_count)]
        m.Node.objects.bulk_create(
            (node(i, m.NodeKind.HUB, hub_towns[i], None) for i in range(hub_count)),
            batch_size=1000,
        )
        hubs = list(m.Node.objects.values_list("pk", "municipality_id", "region_id"))
        spokes = []
        for i in range(hub_count, NODES):
            hub_pk, town, region = rng.choice(hubs)
            spokes.append(node(i, m.NodeKind.SPOKE, (town, region), hub_pk))
        m.Node.objects.bulk_create(spokes, batch_size=1000)

        node_ids = list(m.Node.objects.values_list("pk", flat=True))
        Bodies, Areas, Langs = (
            m.Node.managing_bodies.through,
            m.Node.areas.through,
            m.Node.languages.through,
        )
        Bodies.objects.bulk_create(
            (Bodies(node_id=pk, managingbody_id=rng.choice(bodies)) for pk in node_ids),
            batch_size=2000,
        )
        Areas.objects.bulk_create(
            (
                Areas(node_id=pk, servicearea_id=area)
                for pk in node_ids
                for area in rng.sample(areas, 3)
            ),
            batch_size=2000,
        )
        Langs.objects.bulk_create(
            (
                Langs(node_id=pk, language_id=lang)
                for pk in node_ids
                for lang in rng.sample(languages, 3)
            ),
            batch_size=2000,
        )
    # Fresh planner statistics, as a database in service has them.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    puglia = m.Region.objects.get(name="Puglia")
    transport = m.ServiceArea.objects.get(code="transport")
    return {"hub": hubs[0][0], "region": puglia.pk, "area": transport.pk}


def signed_in_client(hub_id: int) -> Any:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.test import Client

    from approdo.accounts.models import Membership, User
    from approdo.accounts.roles import Role

    user = User.objects.create_user("bench", "bench@example.org", secrets.token_urlsafe(16))
    Membership.objects.create(user=user, role=Role.HUB_COORDINATOR, node_id=hub_id)
    TOTP.activate(user, generate_totp_secret())
    client = Client()
    client.force_login(user)
    return client


# --- measuring --------------------------------------------------------------------------------


def measure(requests: dict[str, Callable[[], Any]], rounds: int) -> dict[str, list[float]]:
    """Milliseconds per request; the kinds of request are interleaved so drift hits all."""
    timings: dict[str, list[float]] = {name: [] for name in requests}
    for _ in range(max(10, rounds // 10)):  # warm-up: caches, compiled templates
        for fetch in requests.values():
            fetch()
    for _ in range(rounds):
        for name, fetch in requests.items():
            start = time.perf_counter()
            response = fetch()
            timings[name].append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{name}: HTTP {response.status_code}")
    return timings


def worker(database_url: str, rounds: int, engine_label: str) -> dict[str, Any]:
    with bench_database(database_url):
        started = time.perf_counter()
        ids = build_network(random.Random(20250101))
        built = time.perf_counter() - started
        install_bench_urls()
        client = signed_in_client(ids["hub"])
        filtered = {"region": ids["region"], "kind": "spoke", "area": ids["area"]}
        timings = measure(
            {
                "directory": lambda: client.get("/rete/"),
                "directory_filtered": lambda: client.get("/rete/", filtered),
                "bare": lambda: client.get("/bench/bare/"),
            },
            rounds,
        )
        # The whole network as GeoJSON is a bigger response: fewer rounds are enough.
        timings |= measure(
            {"map_geojson": lambda: client.get("/rete/mappa/nodi.geojson")}, max(20, rounds // 5)
        )
        from approdo.network.models import Node

        nodes = Node.objects.count()
    return {
        "engine": engine_label,
        "nodes": nodes,
        "build_seconds": round(built, 1),
        "rounds": rounds,
        "geojson_rounds": len(timings["map_geojson"]),
        "median": {k: statistics.median(v) for k, v in timings.items()},
        "p95": {k: p95(v) for k, v in timings.items()},
    }


# --- report ---------------------------------------------------------------------------------


def report(results: list[dict[str, Any]]) -> bool:
    passed = True
    for r in results:
        bare = r["median"]["bare"]
        print(
            f"\n{r['engine']}: {r['nodes']:,} nodes (built in {r['build_seconds']} s), "
            f"{r['rounds']} requests each (GeoJSON: {r['geojson_rounds']})"
        )
        print(f"  {'request':<22}{'median ms':>11}{'p95 ms':>9}{'ratio':>8}")
        for name in ("directory", "directory_filtered", "bare", "map_geojson"):
            ratio = f"{r['median'][name] / bare:>8.2f}" if name != "map_geojson" else f"{'—':>8}"
            print(f"  {name:<22}{r['median'][name]:>11.2f}{r['p95'][name]:>9.2f}{ratio}")
        worst = max(r["median"]["directory"], r["median"]["directory_filtered"]) / bare
        ok = worst <= TARGET_RATIO
        passed = passed and ok
        print(
            f"  target: ratio ≤ {TARGET_RATIO:.1f} → {'PASS' if ok else 'FAIL'} "
            f"(worst directory/bare {worst:.2f})"
        )
    return passed


def main() -> int:
    return main_for(
        __file__,
        description=(__doc__ or "").splitlines()[0],
        size_option="rounds",
        size_default=200,
        size_help="requests per kind (200)",
        worker=worker,
        report=report,
    )


if __name__ == "__main__":
    sys.exit(main())
