"""Answer sets for the screening tests."""

from __future__ import annotations

from typing import Any

from approdo.screening.reference import INDICATORS, VULNERABILITY_FACTORS

ALL_INDICATORS = [row[0] for row in INDICATORS]
ALL_FACTORS = [row[0] for row in VULNERABILITY_FACTORS]


def answers(*observed: str, source: str = "account") -> dict[str, tuple[str, str, str]]:
    """Every indicator answered: `observed` ones observed (with a source), others not known."""
    return {
        code: ("observed", source, "") if code in observed else ("unknown", "", "")
        for code in ALL_INDICATORS
    }


def factors(*present: str) -> dict[str, str]:
    return {code: "present" if code in present else "unknown" for code in ALL_FACTORS}


def form_data(
    *observed: str,
    present: tuple[str, ...] = (),
    held_on: str = "",
    version: int | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A POST of the screening form."""
    import datetime as dt

    data: dict[str, Any] = {
        "held_on": held_on or dt.date.today().isoformat(),
        "urgency_level": "low",
        "urgency_note": "",
    }
    if version is not None:
        data["version"] = version
    for code in ALL_INDICATORS:
        data[f"ind-{code}-status"] = "observed" if code in observed else "not_observed"
        data[f"ind-{code}-source"] = "account" if code in observed else ""
        data[f"ind-{code}-note"] = ""
    for code in ALL_FACTORS:
        data[f"vul-{code}-status"] = "present" if code in present else "absent"
    data.update(extra)
    return data
