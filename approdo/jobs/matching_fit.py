"""How well one person fits one vacancy, factor by factor, with the reason for every figure.

`score(candidate, vacancy)` is the reference scorer: plain Python, one pair at a time, every
factor returned with its value (0–1), weight, points and a sentence the operator can read. The
total is the sum of the points, an integer in [0, 100]. Some conditions rule a pair out
whatever its score (`Fit.reasons`): an employer flagged for a 603-bis conviction or outside the
network, a site the person cannot reach, no overlap between the dates, an occupation the person
excluded, and, when `housing_hard` is set, housing needed but not offered.

`matching_matrix.score_matrix` computes the same figures with numpy for thousands of pairs at
once; the tests hold the two to exact agreement, so any change here must be mirrored there
(same formulas, same order of operations, same rounding).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

Point = tuple[float, float]  # latitude, longitude in degrees

# Points each factor is worth; they add up to 100. Occupation weighs most because the
# employer's need is a trade; distance next because a job the person cannot reach every
# morning fails within a week; housing and availability often decide in seasonal farm work.
WEIGHTS: dict[str, int] = {
    "occupation": 30,  # ISCO-08 unit group: exact 1.0, minor group 0.7, sub-major 0.4
    "experience": 10,  # years in the same minor group, full marks at EXPERIENCE_FULL_YEARS
    "language": 15,  # each required language met 1, one CEFR level short 0.5, else 0
    "distance": 20,  # 1 at home, 0.25 at the edge of the reach; 0.5 by the hub's shuttle
    "housing": 10,  # needed and offered, or not needed: 1; needed and not offered: 0
    "availability": 10,  # 0.7 × share of the vacancy's dates covered + 0.3 × hours fit
    "preferences": 5,  # preferred occupation 1, preferred sector 0.6, none stated 0.5
}
LABELS = {
    "occupation": gettext_lazy("Mansione"),
    "experience": gettext_lazy("Esperienza"),
    "language": gettext_lazy("Lingue"),
    "distance": gettext_lazy("Distanza e raggiungibilità"),
    "housing": gettext_lazy("Alloggio"),
    "availability": gettext_lazy("Disponibilità"),
    "preferences": gettext_lazy("Preferenze"),
}
OCCUPATION_LEVELS = (1.0, 0.7, 0.4)  # same unit group, minor group, sub-major group
EXPERIENCE_FULL_YEARS = 5.0
LANGUAGE_ONE_SHORT = 0.5
DISTANCE_EDGE = 0.75  # share of the distance points lost at the edge of the reach
SHUTTLE_VALUE = 0.5
SHUTTLE_STOP_KM = 3.0  # a site this close to a stop the hub's shuttle serves is reachable
TRANSPORT_OFFERED_KM = 25.0  # an employer who collects workers widens the reach
DATES_SHARE, HOURS_SHARE = 0.7, 0.3
PREF_OCCUPATION, PREF_SECTOR, PREF_NONE = 1.0, 0.6, 0.5
CEFR = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6}
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, eq=False)
class Candidate:
    """A person looking for work, as the matcher sees them (no names, no documents)."""

    id: int
    occupations: Mapping[str, float]  # ISCO-08 unit group ("9211") -> years of experience
    languages: Mapping[str, str]  # ISO 639-1 -> CEFR level ("it": "A2")
    home: Point
    max_travel_km: float  # daily commute by the person's own means (0: none)
    available_from: date
    available_until: date | None = None  # None: open-ended
    max_hours_per_week: int = 40
    needs_housing: bool = False
    shuttle_stops: tuple[Point, ...] = ()  # stops the hub's shuttle serves from their place
    preferred_occupations: frozenset[str] = frozenset()
    preferred_sectors: frozenset[str] = frozenset()
    excluded_occupations: frozenset[str] = frozenset()  # a prefix: "93" excludes every 93xx

    def __post_init__(self) -> None:
        for code in [*self.occupations, *self.preferred_occupations]:
            _check_code(code)
        if any(not (1 <= len(c) <= 4 and c.isdigit()) for c in self.excluded_occupations):
            raise ValueError(f"candidate {self.id}: excluded occupations are ISCO prefixes")
        if any(level not in CEFR for level in self.languages.values()):
            raise ValueError(f"candidate {self.id}: unknown CEFR level")


@dataclass(frozen=True, eq=False)
class Vacancy:
    """Seats for one occupation at one site, from one employer."""

    id: int
    employer_id: int
    occupation: str  # ISCO-08 unit group
    site: Point
    start: date
    end: date
    hours_per_week: int = 40
    seats: int = 1
    required_languages: Mapping[str, str] = field(default_factory=dict)
    sector: str = ""
    housing_offered: bool = False
    transport_offered: bool = False
    employer_flagged: bool = False
    flag_reason: str = ""  # "603-bis conviction", "outside the Rete del Lavoro Agricolo…"

    def __post_init__(self) -> None:
        _check_code(self.occupation)
        if self.seats < 1 or self.end < self.start or self.hours_per_week < 1:
            raise ValueError(f"vacancy {self.id}: seats >= 1, end >= start, hours >= 1")
        if any(level not in CEFR for level in self.required_languages.values()):
            raise ValueError(f"vacancy {self.id}: unknown CEFR level")


def _check_code(code: str) -> None:
    if len(code) != 4 or not code.isdigit():
        raise ValueError(f"{code!r} is not an ISCO-08 unit group (4 digits)")


@dataclass(frozen=True)
class Factor:
    key: str
    label: str
    value: float  # 0–1
    weight: int
    points: int  # round(weight × value), half to even like numpy
    explanation: str


@dataclass(frozen=True)
class Fit:
    candidate_id: int
    vacancy_id: int
    factors: tuple[Factor, ...]
    reasons: tuple[str, ...]  # why the pair is ruled out; empty when it is feasible

    @property
    def feasible(self) -> bool:
        return not self.reasons

    @property
    def total(self) -> int | None:
        return sum(f.points for f in self.factors) if self.feasible else None


def unit_vector(p: Point) -> tuple[float, float, float]:
    lat, lon = math.radians(p[0]), math.radians(p[1])
    return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))


def distance_km(a: Point, b: Point) -> float:
    """Great-circle km from the chord between the points on the unit sphere.

    Same figure as the haversine formula, but vectorised it needs one arcsine per pair and no
    sine or cosine, which took most of the scoring time at bench scale.
    """
    (x1, y1, z1), (x2, y2, z2) = unit_vector(a), unit_vector(b)
    chord = math.sqrt((x1 - x2) ** 2 + (y1 - y2) ** 2 + (z1 - z2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, chord / 2))


def level(code: str, other: str) -> float:
    """How close two ISCO-08 unit groups are: the digits they share, read as a value."""
    for digits, value in zip((4, 3, 2), OCCUPATION_LEVELS, strict=True):
        if code[:digits] == other[:digits]:
            return value
    return 0.0


def _occupation(c: Candidate, v: Vacancy) -> tuple[float, str]:
    best = max((level(code, v.occupation) for code in c.occupations), default=0.0)
    names = dict(
        zip(
            OCCUPATION_LEVELS,
            (_("Stessa mansione"), _("Mansione affine"), _("Stesso ambito di mansioni")),
            strict=True,
        )
    )
    if not best:
        return 0.0, _("Nessuna esperienza vicina a %(code)s.") % {"code": v.occupation}
    return best, _("%(how)s (ISCO %(code)s).") % {"how": names[best], "code": v.occupation}


def _experience(c: Candidate, v: Vacancy) -> tuple[float, str]:
    years = max(
        (y for code, y in c.occupations.items() if code[:3] == v.occupation[:3]), default=0.0
    )
    value = min(years, EXPERIENCE_FULL_YEARS) / EXPERIENCE_FULL_YEARS
    return value, _("%(years)s anni nello stesso gruppo di mansioni.") % {"years": f"{years:g}"}


def _language(c: Candidate, v: Vacancy) -> tuple[float, str]:
    if not v.required_languages:
        return 1.0, _("Nessuna lingua richiesta.")
    credits, notes = 0, []
    for lang, needed in sorted(v.required_languages.items()):
        has = c.languages.get(lang)
        gap = CEFR[needed] - (CEFR[has] if has else 0)
        credits += 2 if gap <= 0 else 1 if gap == 1 else 0
        mark = "✓" if gap <= 0 else "≈" if gap == 1 else "✗"
        notes.append(f"{lang} {has or '—'}/{needed} {mark}")
    value = credits / (2 * len(v.required_languages))
    return value, _("Livello / richiesto: %(notes)s.") % {"notes": ", ".join(notes)}


def _distance(c: Candidate, v: Vacancy) -> tuple[float, str, bool]:
    km = distance_km(c.home, v.site)
    reach = c.max_travel_km + (TRANSPORT_OFFERED_KM if v.transport_offered else 0.0)
    direct = 1 - DISTANCE_EDGE * (km / reach) if reach > 0 and km <= reach else -1.0
    by_shuttle = any(distance_km(s, v.site) <= SHUTTLE_STOP_KM for s in c.shuttle_stops)
    value = max(direct, SHUTTLE_VALUE if by_shuttle else -1.0)
    words = {"km": f"{km:.1f}", "reach": f"{reach:.0f}"}
    if value < 0:
        return 0.0, _("%(km)s km, oltre il raggio di %(reach)s km e senza navetta.") % words, False
    text = _("%(km)s km, raggio %(reach)s km") % words
    if v.transport_offered:
        text += _(" (trasporto del datore)")
    if by_shuttle:
        text += _("; raggiungibile con la navetta")
    return value, text + ".", True


def _housing(c: Candidate, v: Vacancy) -> tuple[float, str]:
    if not c.needs_housing:
        return 1.0, _("Non cerca alloggio.")
    if v.housing_offered:
        return 1.0, _("Cerca alloggio e il datore lo offre.")
    return 0.0, _("Cerca alloggio e il datore non lo offre.")


def _availability(c: Candidate, v: Vacancy) -> tuple[float, str, bool]:
    first = max(c.available_from, v.start)
    last = min(c.available_until or v.end, v.end)
    overlap = (last - first).days + 1
    if overlap <= 0:
        return 0.0, _("Nessun giorno in comune con il periodo di lavoro."), False
    share = overlap / ((v.end - v.start).days + 1)
    hours = (
        1.0
        if v.hours_per_week <= c.max_hours_per_week
        else c.max_hours_per_week / (v.hours_per_week)
    )
    value = DATES_SHARE * share + HOURS_SHARE * hours
    words = {"share": f"{share:.0%}", "max": c.max_hours_per_week, "hours": v.hours_per_week}
    return (
        value,
        _("Copre il %(share)s del periodo; %(max)s/%(hours)s ore settimanali.") % (words),
        True,
    )


def _preferences(c: Candidate, v: Vacancy) -> tuple[float, str]:
    if v.occupation in c.preferred_occupations:
        return PREF_OCCUPATION, _("Mansione preferita.")
    if v.sector and v.sector in c.preferred_sectors:
        return PREF_SECTOR, _("Settore preferito.")
    if not c.preferred_occupations and not c.preferred_sectors:
        return PREF_NONE, _("Nessuna preferenza indicata.")
    return 0.0, _("Non tra le preferenze indicate.")


def score(c: Candidate, v: Vacancy, *, housing_hard: bool = False) -> Fit:
    """Every factor with its figure and reason; a pair that breaks a hard rule is infeasible."""
    reasons = []
    if v.employer_flagged:
        reasons.append(
            _("Datore segnalato: %(reason)s.") % {"reason": v.flag_reason or _("senza motivo")}
        )
    if any(v.occupation.startswith(x) for x in c.excluded_occupations):
        reasons.append(_("Mansione esclusa dalla persona."))
    dist_value, dist_text, reachable = _distance(c, v)
    if not reachable:
        reasons.append(_("Sede non raggiungibile."))
    avail_value, avail_text, overlaps = _availability(c, v)
    if not overlaps:
        reasons.append(_("Date incompatibili."))
    housing = _housing(c, v)
    if housing_hard and housing[0] == 0.0:
        reasons.append(_("Alloggio necessario e non offerto."))
    parts = {
        "occupation": _occupation(c, v),
        "experience": _experience(c, v),
        "language": _language(c, v),
        "distance": (dist_value, dist_text),
        "housing": housing,
        "availability": (avail_value, avail_text),
        "preferences": _preferences(c, v),
    }
    factors = tuple(
        Factor(key, str(LABELS[key]), value, WEIGHTS[key], round(WEIGHTS[key] * value), text)
        for key, (value, text) in parts.items()
    )
    return Fit(c.id, v.id, factors, tuple(reasons))
