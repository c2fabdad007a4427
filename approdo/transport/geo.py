"""Distances and travel times between coordinates, for the planner and its checker.

Road distance is estimated as the great-circle distance times a road factor (roads are not
straight; 1.3 is a common figure for rural Italy), and travel time from an average speed.
The solver works in integer metres and seconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_000.0
DEFAULT_ROAD_FACTOR = 1.3
DEFAULT_SPEED_KMH = 50.0


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Roads:
    """How far and how long between two points by road (estimated)."""

    road_factor: float = DEFAULT_ROAD_FACTOR
    speed_kmh: float = DEFAULT_SPEED_KMH

    def metres(self, a: tuple[float, float], b: tuple[float, float]) -> int:
        return round(haversine_m(a[0], a[1], b[0], b[1]) * self.road_factor)

    def seconds(self, a: tuple[float, float], b: tuple[float, float]) -> int:
        return round(self.metres(a, b) / (self.speed_kmh / 3.6))
