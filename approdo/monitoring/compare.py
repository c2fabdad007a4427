"""What changed between a snapshot's figures and a live recomputation (late data entry)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    indicator: str
    breakdown: str
    label: str
    before: int | float | None
    after: int | float | None

    @property
    def delta(self) -> int | float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def _rows(ind: dict[str, Any]) -> dict[tuple[str, str], tuple[str, str, Any]]:
    rows: dict[tuple[str, str], tuple[str, str, Any]] = {("", "total"): ("", "", ind["value"])}
    for tally in ind["tallies"]:
        for key, label, value in tally["rows"]:
            rows[(tally["code"], key)] = (tally["title"], label, value)
        rows[(tally["code"], "total")] = (tally["title"], "", tally["total"])
    return rows


def differences(before: dict[str, Any], after: dict[str, Any], total: str) -> list[Change]:
    """Every figure whose value differs, in the order of the later figures; `total` labels the
    totals. Figures that appear or disappear (a new category) count as changes too."""
    old = {ind["code"]: ind for ind in before["indicators"]}
    changes: list[Change] = []
    for ind in after["indicators"]:
        now = _rows(ind)
        then = _rows(old[ind["code"]]) if ind["code"] in old else {}
        for key in [*now, *(k for k in then if k not in now)]:
            title, label, _value = now.get(key) or then[key]
            previous = then[key][2] if key in then else None
            current = now[key][2] if key in now else None
            if previous != current:
                changes.append(Change(ind["title"], title, label or total, previous, current))
    return changes
