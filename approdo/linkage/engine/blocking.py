"""Candidate pairs: records that share at least one blocking key.

Recall is what matters here (a pair never compared can never be linked), so every record
gets many small keys, each robust to one kind of variation:

- a name token's skeleton with the birth year (survives swaps, chains, missing surnames and
  transliteration); estimated years also under the years beside;
- two name tokens' skeletons without any date (unknown or mistyped birth dates);
- the birth date (day and month in either order, so swaps meet) with a token's first letter
  (typos that change a skeleton);
- each identifier: codice fiscale, passport, permit (also with any one character left out,
  which one typo cannot defeat), phone.

A key shared by more records than its kind allows (Singh with a birth year, Mohamed Ali
without a date, a phone shared by a whole settlement) says too little to be worth the pairs it
would make: it is skipped, and those records still meet through their other keys. The caps
keep the candidate pairs near linear in the number of records.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from itertools import combinations

import numpy as np

from approdo.linkage.engine.prepare import Prepared

MAX_BLOCK = 400
# The largest block kept, by kind of key (its first character).
BLOCK_CAPS = {"n": 60, "d": 60, "p": 30, "s": 40, "c": 30, "P": 30, "R": 30, "t": 20}
_MIN_TYPO_LENGTH = 6  # shorter numbers one character apart are too often two people
_CHUNK_PAIRS = 4_000_000  # pairs made at once: bounds the memory of one step


def keys_of(p: Prepared) -> Iterator[str]:
    skeletons = sorted({s for s in p.skeletons if s})
    if p.year:
        years = (p.year - 1, p.year, p.year + 1) if p.estimated else (p.year,)
        for year in years:
            for sk in skeletons:
                yield f"n{sk}|{year}"
        if not p.year_only and p.day:
            low, high = sorted((p.month, p.day))
            for initial in {t[0] for t in p.tokens if t}:
                yield f"d{p.year}-{low}-{high}|{initial}"
    for a, b in combinations(skeletons, 2):
        yield f"p{a}|{b}"
    if len(skeletons) == 1:
        yield f"s{skeletons[0]}"  # a one-word name with no usable date
    for prefix, number in (("c", p.tax_code), ("P", p.passport), ("R", p.permit)):
        if number:
            yield prefix + number
            yield from _one_typo_keys(prefix, number)
    if p.phone:
        yield f"t{p.phone}"


def _one_typo_keys(prefix: str, number: str) -> Iterator[str]:
    """The number with each character left out in turn: two numbers one typed character
    apart (wrong, missing, extra or two swapped) share one of these."""
    if len(number) < _MIN_TYPO_LENGTH:
        return
    for index in range(len(number)):
        yield f"{prefix}~{number[:index]}{number[index + 1 :]}"


def candidate_pairs(
    prepared: Sequence[Prepared], *, max_block: int = MAX_BLOCK
) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (left < right, as indices) sharing a key whose block is not over its cap
    (BLOCK_CAPS, and never over `max_block`).

    Keys are held as 64-bit hashes in flat arrays, not as strings in a dictionary: at a
    million records (some thirty million keys) that is the difference between a few hundred
    megabytes and several gigabytes. Two different keys with one hash (about one chance in a
    million at that size) would only add pairs to compare, never lose one."""
    kind_cap = {kind: min(cap, max_block) for kind, cap in BLOCK_CAPS.items()}
    key_column = array("q")
    cap_column = array("H")
    record_column = array("q")
    for index, p in enumerate(prepared):
        for key in set(keys_of(p)):
            key_column.append(hash(key))
            cap_column.append(kind_cap.get(key[0], max_block))
            record_column.append(index)
    if not key_column:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    keys = np.frombuffer(key_column, dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    members = np.frombuffer(record_column, dtype=np.int64)[order]
    block_caps = np.frombuffer(cap_column, dtype=np.uint16)[order]
    del key_column, record_column, cap_column, order
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    kept = (sizes >= 2) & (sizes <= block_caps[starts])
    starts, sizes = starts[kept], sizes[kept]
    n = len(prepared)
    codes: list[np.ndarray] = []
    # Blocks of one size at a time: every pair of every block in one vectorised step.
    for size in np.unique(sizes):
        first, second = np.triu_indices(int(size), k=1)
        all_starts = starts[sizes == size]
        step = max(1, _CHUNK_PAIRS // len(first))
        for chunk in range(0, len(all_starts), step):
            block_starts = all_starts[chunk : chunk + step]
            left = members[block_starts[:, None] + first]
            right = members[block_starts[:, None] + second]
            low, high = np.minimum(left, right).ravel(), np.maximum(left, right).ravel()
            codes.append(np.unique(low * n + high))
    if not codes:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    unique = np.unique(np.concatenate(codes))
    unique = unique[unique // n != unique % n]
    return unique // n, unique % n
