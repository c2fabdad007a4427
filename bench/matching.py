"""Matching on synthetic districts of southern Italy: OR-Tools min-cost flow against greedy.

    .venv/bin/python bench/matching.py                          # 15,000 people, 5,000 vacancies
    .venv/bin/python bench/matching.py --people 1500 --vacancies 500 --seed 7

People and vacancies come from `approdo.jobs.matching_synthetic` (Foggia, Caserta, Ragusa,
Rosarno, Metaponto, Nardò; farm, agro-industry, logistics and care occupations as ISCO-08 unit
groups; it/en/fr/ar with CEFR levels; 1–5 seats; about one employer in twenty flagged). Every
pair is scored with numpy, each person's `--top-k` best feasible pairs and each vacancy's
`--vacancy-k` best are kept, and both
methods assign on the same pairs. Both assignments are checked by `verify_assignment` (each
person once, seats, feasible pairs only, no flagged vacancy, total recomputed), and a sample of
kept pairs is scored again with the reference `score()`; any failure exits with status 1.
Targets: scoring and assignment under 30 s on 2 cores; total fit at least the greedy's.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(USE_I18N=False)
django.setup()

import numpy as np  # noqa: E402

from approdo.jobs.matching import (  # noqa: E402
    assign,
    greedy,
    score,
    score_matrix,
    total_fit,
    verify_assignment,
)
from approdo.jobs.matching_synthetic import synthetic  # noqa: E402

TARGET_SECONDS = 30.0
SAMPLE = 2000  # kept pairs scored again one by one


def _row(name: str, seconds: float, chosen: list[tuple[int, int, int]], problems: list[str]) -> int:
    total = total_fit(chosen)
    mean = total / len(chosen) if chosen else float("nan")
    status = "ok" if not problems else f"{len(problems)} ERRORS"
    print(f"{name:<9} {seconds:>8.2f} {len(chosen):>8} {total:>10} {mean:>9.1f}  {status}")
    for problem in problems[:5]:
        print("   ", problem)
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=15_000)
    parser.add_argument("--vacancies", type=int, default=5_000)
    parser.add_argument("--top-k", type=int, default=40, help="best pairs kept per person")
    parser.add_argument("--vacancy-k", type=int, default=10, help="best pairs kept per vacancy")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    started = time.perf_counter()
    people, vacancies = synthetic(args.people, args.vacancies, seed=args.seed)
    made = time.perf_counter() - started
    seats = [v.seats for v in vacancies]
    flagged = [k for k, v in enumerate(vacancies) if v.employer_flagged]
    employers = {v.employer_id for v in vacancies if v.employer_flagged}
    flagged_seats = sum(seats[k] for k in flagged)
    print(
        f"{len(people):,} people x {len(vacancies):,} vacancies ({sum(seats):,} seats); "
        f"{len(employers)} flagged employers ({len(flagged)} vacancies, {flagged_seats} "
        f"seats); keeping the best {args.top_k} per person and {args.vacancy_k} per vacancy; "
        f"seed {args.seed}; generated in {made:.1f} s"
    )

    started = time.perf_counter()
    pairs = score_matrix(people, vacancies, top_k=args.top_k, vacancy_k=args.vacancy_k)
    scoring = time.perf_counter() - started
    reached = len(np.unique(pairs.person))
    print(
        f"scored {len(people) * len(vacancies):,} pairs in {scoring:.2f} s; kept {len(pairs):,} "
        f"feasible pairs; {reached:,} people have at least one"
    )
    rng = np.random.default_rng(args.seed)
    sample = rng.choice(len(pairs), size=min(SAMPLE, len(pairs)), replace=False)
    disagree = sum(
        score(people[pairs.person[i]], vacancies[pairs.vacancy[i]]).total != pairs.score[i]
        for i in sample
    )
    print(f"reference score() on {len(sample):,} kept pairs: {disagree} disagreements")

    started = time.perf_counter()
    ours = assign(pairs, seats)
    solving = time.perf_counter() - started
    started = time.perf_counter()
    base = greedy(pairs, seats)
    greedy_s = time.perf_counter() - started
    ours_problems = verify_assignment(ours, pairs, seats, flagged=flagged, total=total_fit(ours))
    base_problems = verify_assignment(base, pairs, seats, flagged=flagged, total=total_fit(base))

    print(f"{'method':<9} {'seconds':>8} {'matched':>8} {'total fit':>10} {'mean fit':>9}  check")
    ours_total = _row("ortools", solving, ours, ours_problems)
    base_total = _row("greedy", greedy_s, base, base_problems)
    gain = ours_total / base_total - 1 if base_total else float("nan")
    elapsed = scoring + solving
    print(
        f"gain {gain:+.2%} total fit over greedy (target >= 0%); matched "
        f"{len(ours) - len(base):+,} people; score + assign {elapsed:.1f} s "
        f"(target < {TARGET_SECONDS:.0f} s{'' if elapsed < TARGET_SECONDS else ', MISSED'})"
    )
    return 1 if ours_problems or base_problems or disagree else 0


if __name__ == "__main__":
    sys.exit(main())
