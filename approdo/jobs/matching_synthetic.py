"""Synthetic people and vacancies around the farm districts of southern Italy.

Shared by the tests and bench/matching.py; nothing here describes a real person or employer.
Each district has a few stops served by the hub's shuttle; some farms sit next to them. People
live within 15 km of a district's centre, farms and plants within 40 km of it. Occupations are
ISCO-08 unit groups of farm, agro-industry, logistics and care work; about one employer in
twenty is flagged (603-bis conviction or outside the Rete del Lavoro Agricolo di Qualità).
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from approdo.jobs.matching_fit import Candidate, Point, Vacancy

DISTRICTS: dict[str, Point] = {
    "Foggia": (41.4622, 15.5446),
    "Caserta": (41.0742, 14.3328),
    "Ragusa": (36.9269, 14.7255),
    "Rosarno (Reggio Calabria)": (38.4870, 15.9780),
    "Metaponto": (40.3700, 16.8100),
    "Nardò": (40.1790, 18.0320),
}
OCCUPATIONS: dict[str, tuple[str, int]] = {  # unit group: (sector, how common)
    "9211": ("agricoltura", 30),  # crop farm labourers
    "9212": ("agricoltura", 6),  # livestock farm labourers
    "9213": ("agricoltura", 6),  # mixed crop and livestock labourers
    "6111": ("agricoltura", 5),  # field crop and vegetable growers
    "6112": ("agricoltura", 5),  # tree and shrub crop growers
    "6121": ("agricoltura", 4),  # livestock and dairy producers
    "8341": ("agricoltura", 5),  # mobile farm plant operators
    "8160": ("agroindustria", 5),  # food products machine operators
    "9329": ("agroindustria", 8),  # manufacturing labourers (packing houses)
    "7512": ("agroindustria", 2),  # bakers, pastry makers
    "8332": ("logistica", 3),  # heavy truck drivers
    "9333": ("logistica", 4),  # freight handlers
    "9412": ("ristorazione", 4),  # kitchen helpers
    "5321": ("assistenza", 3),  # health care assistants
    "9613": ("servizi", 3),  # sweepers
}
FLAG_REASONS = ("603-bis conviction", "outside the Rete del Lavoro Agricolo di Qualità")
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
TODAY = date(2026, 12, 7)


def around(rng: random.Random, centre: Point, km: float) -> Point:
    """A point within `km` of `centre` (uniform over the disc)."""
    r = km * math.sqrt(rng.random())
    angle = rng.random() * 2 * math.pi
    dlat = r * math.cos(angle) / 111.0
    dlon = r * math.sin(angle) / (111.0 * math.cos(math.radians(centre[0])))
    return (round(centre[0] + dlat, 5), round(centre[1] + dlon, 5))


def _occupation(rng: random.Random) -> str:
    codes = list(OCCUPATIONS)
    return rng.choices(codes, weights=[OCCUPATIONS[c][1] for c in codes])[0]


def _candidate(i: int, rng: random.Random, centre: Point, stops: list[Point]) -> Candidate:
    occupations = {_occupation(rng): float(rng.randrange(0, 11)) for _ in range(rng.randint(1, 3))}
    languages = {lang: rng.choice(LEVELS[2:]) for lang in rng.sample(["en", "fr", "ar"], 2)}
    if rng.random() < 0.8:
        languages["it"] = rng.choice(LEVELS[:4])
    sectors = sorted({s for s, _n in OCCUPATIONS.values()})
    start = TODAY + timedelta(days=rng.randrange(0, 120))
    return Candidate(
        id=i + 1,
        occupations=occupations,
        languages=languages,
        home=around(rng, centre, 15.0),
        max_travel_km=rng.choice([0.0, 0.0, 5.0, 15.0, 25.0, 40.0]),
        available_from=start,
        available_until=None if rng.random() < 0.5 else start + timedelta(rng.randrange(30, 300)),
        max_hours_per_week=rng.choice([20, 30, 36, 40, 40, 48]),
        needs_housing=rng.random() < 0.4,
        shuttle_stops=tuple(rng.sample(stops, rng.randint(0, 2))),
        preferred_occupations=frozenset([_occupation(rng)] if rng.random() < 0.2 else []),
        preferred_sectors=frozenset(rng.sample(sectors, 1) if rng.random() < 0.5 else []),
        excluded_occupations=frozenset(rng.sample(["83", "5321", "9613"], 1))
        if rng.random() < 0.1
        else frozenset(),
    )


def _vacancy(
    k: int, rng: random.Random, centre: Point, stops: list[Point], flagged: dict[int, str]
) -> Vacancy:
    code = _occupation(rng)
    employer = rng.randrange(1, max(2, k // 4 + 2))
    required = {"it": rng.choice(LEVELS[:3])} if rng.random() < 0.7 else {}
    if rng.random() < 0.2:
        required[rng.choice(["en", "fr"])] = rng.choice(LEVELS[:3])
    start = TODAY + timedelta(days=rng.randrange(14, 200))
    site = around(rng, rng.choice(stops), 2.0) if rng.random() < 0.25 else around(rng, centre, 40)
    return Vacancy(
        id=k + 1,
        employer_id=employer,
        occupation=code,
        site=site,
        start=start,
        end=start + timedelta(days=rng.randrange(30, 240)),
        hours_per_week=rng.choice([20, 30, 36, 39, 40, 48]),
        seats=rng.randint(1, 5),
        required_languages=required,
        sector=OCCUPATIONS[code][0],
        housing_offered=rng.random() < 0.3,
        transport_offered=rng.random() < 0.4,
        employer_flagged=employer in flagged,
        flag_reason=flagged.get(employer, ""),
    )


def synthetic(
    people: int, vacancies: int, *, seed: int = 2026, flagged_share: float = 0.05
) -> tuple[list[Candidate], list[Vacancy]]:
    """`people` candidates and `vacancies` vacancies spread over the districts."""
    rng = random.Random(seed)
    districts = list(DISTRICTS.values())
    stops = {c: [around(rng, c, 10.0) for _ in range(4)] for c in districts}
    employers = max(2, vacancies // 4 + 2)
    flagged = {
        e: rng.choice(FLAG_REASONS) for e in range(1, employers) if rng.random() < flagged_share
    }
    out_p = []
    for i in range(people):
        centre = districts[i % len(districts)]
        out_p.append(_candidate(i, rng, centre, stops[centre]))
    out_v = []
    for k in range(vacancies):
        centre = districts[k % len(districts)]
        out_v.append(_vacancy(k, rng, centre, stops[centre], flagged))
    return out_p, out_v
