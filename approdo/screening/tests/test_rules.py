"""The suggested priority and next steps (rules.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from approdo.screening import rules


@pytest.mark.parametrize(
    ("observed", "present", "danger", "urgency", "expected"),
    [
        (set(), set(), False, "low", "low"),
        ({"603_pay"}, set(), False, "low", "low"),
        (set(), set(), True, "low", "high"),
        (set(), set(), False, "high", "high"),
        ({"ilo_violence"}, set(), False, "low", "high"),
        ({"ilo_threats"}, set(), False, "low", "high"),
        ({"ilo_documents"}, set(), False, "low", "high"),
        ({"ilo_debt"}, set(), False, "low", "high"),
        (set(), {"documents_withheld"}, False, "low", "high"),
        (set(), {"gender_violence"}, False, "low", "high"),
        ({"603_pay", "603_time"}, set(), False, "low", "medium"),
        ({"603_pay"}, {"health", "housing"}, False, "low", "medium"),
        ({"603_pay"}, {"health"}, False, "low", "low"),
        (set(), set(), False, "medium", "medium"),
    ],
)
def test_suggest_priority(
    observed: set[str], present: set[str], danger: bool, urgency: str, expected: str
) -> None:
    result = rules.suggest_priority(
        observed=observed, present=present, immediate_danger=danger, urgency_level=urgency
    )
    assert result == expected


@pytest.mark.parametrize(
    ("observed", "present", "permit", "expected"),
    [
        (set(), set(), False, []),
        ({"ilo_movement"}, set(), False, ["anti_trafficking"]),
        (set(), {"gender_violence"}, False, ["anti_trafficking"]),
        ({"603_pay", "603_safety"}, set(), False, ["labour_inspectorate"]),
        ({"ilo_documents"}, set(), False, ["legal_counselling"]),
        (set(), set(), True, ["legal_counselling"]),
        ({"603_degrading"}, set(), False, ["safe_housing"]),
        (set(), {"housing"}, False, ["safe_housing"]),
        (
            {"ilo_threats", "603_time", "ilo_documents", "ilo_conditions"},
            set(),
            False,
            ["anti_trafficking", "labour_inspectorate", "legal_counselling", "safe_housing"],
        ),
    ],
)
def test_suggest_steps(
    observed: set[str], present: set[str], permit: bool, expected: list[str]
) -> None:
    assert rules.suggest_steps(observed=observed, present=present, permit_problem=permit) == (
        expected
    )


def test_permit_problem() -> None:
    today = dt.date(2026, 6, 1)
    assert not rules.permit_problem([], today=today)
    assert not rules.permit_problem([dt.date(2027, 1, 1)], today=today)
    assert rules.permit_problem([dt.date(2026, 7, 1)], today=today)
    assert rules.permit_problem([dt.date(2025, 1, 1)], today=today)
    # The newest permit counts: an expired one replaced by a valid one is no problem.
    assert not rules.permit_problem([dt.date(2025, 1, 1), dt.date(2028, 1, 1)], today=today)
