"""The Splink side of bench/linkage.py: a reasonable default Splink 5 model on DuckDB.

Input: our records, turned into a pandas frame with an integer `unique_id` (the record's
index), names in lowercase and empty values as nulls (the only preprocessing), optionally with
the FEBRL address columns for the reference model. One in-memory DuckDB connection (all CPUs,
spilling into a temporary folder), link type dedupe_only. The model, trained without labels:

- comparisons: NameComparison (exact with term-frequency adjustment, Jaro-Winkler 0.92/0.88/0.7)
  on family_name and given_names; DateOfBirthComparison on birth_date; ExactMatch on sex,
  nationality, codice_fiscale, phone, municipality; Levenshtein <= 1, 2 on passport_number and
  permit_number. A column that is empty in every record is left out (it carries nothing and
  Splink cannot estimate its parameters). With the FEBRL address columns: ExactMatch on
  street_number and state, Jaro-Winkler 0.9/0.7 on address_1 and address_2, Levenshtein <= 1, 2
  on postcode, and one more blocking rule (postcode + street_number).
- blocking rules for prediction: family_name + birth year, given_names + birth year, birth_date,
  codice_fiscale, passport_number, permit_number, phone, the first 3 letters of both names, the
  same with the names swapped.
- training: probability_two_random_records_match from deterministic rules (both names + birth
  date, or one identifier) with recall 0.7; u by random sampling (U_MAX_PAIRS pairs, seeded); m
  by expectation maximisation on two blocking rules (both names; birth date), each sampled down
  to about EM_MAX_PAIRS pairs (on the synthetic registry the birth-date block is tens of
  millions of pairs: 1 January placeholders; unsampled, EM alone takes minutes).
- prediction: every blocked pair is scored (no threshold, so the blocked pairs give the blocking
  recall), then connected components at match probability >= the cluster threshold.
"""

from __future__ import annotations

import logging
import resource
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from approdo.linkage.engine.records import Record

U_MAX_PAIRS = 1e6
EM_MAX_PAIRS = 1e6  # EM samples its blocked pairs down to about this many (Splink 5 option)
DETERMINISTIC_RECALL = 0.7
COMPARED = (
    "family_name",
    "given_names",
    "sex",
    "birth_date",
    "nationality",
    "codice_fiscale",
    "passport_number",
    "permit_number",
    "phone",
    "municipality",
)
STRING_COLUMNS = ("sex", "nationality", "codice_fiscale", "phone", "municipality")
IDENTIFIERS = ("codice_fiscale", "passport_number", "permit_number", "phone")


@dataclass
class SplinkRun:
    cluster: np.ndarray  # cluster code of every record, by unique_id
    left: np.ndarray  # unique_ids of every scored (blocked) pair
    right: np.ndarray
    seconds: dict[str, float]
    peak_mb: float  # process peak RSS when the clusters are out (before the pairs are fetched)
    sensitivity: dict[float, np.ndarray] = field(default_factory=dict)  # threshold -> clusters


def input_frame(records: Sequence[Record], extra: pd.DataFrame | None = None) -> pd.DataFrame:
    """Splink's input: unique_id = index, names lowercased, empty values as nulls."""
    columns: dict[str, Any] = {"unique_id": np.arange(len(records), dtype=np.int64)}
    for name in COMPARED:
        values = [getattr(record, name) for record in records]
        if name in ("family_name", "given_names"):
            values = [value.lower() for value in values]
        columns[name] = [value or None for value in values]
    frame = pd.DataFrame(columns)
    if extra is not None:
        for name in extra.columns:
            frame[name] = [value or None for value in extra[name].tolist()]
    return frame


def _filled(frame: pd.DataFrame, column: str) -> bool:
    return column in frame.columns and bool(frame[column].notna().any())


def comparisons(frame: pd.DataFrame) -> list[Any]:
    found: list[Any] = []
    for name in ("family_name", "given_names"):
        if _filled(frame, name):
            found.append(cl.NameComparison(name))
    if _filled(frame, "birth_date"):
        found.append(
            cl.DateOfBirthComparison("birth_date", input_is_string=True, datetime_format="%Y-%m-%d")
        )
    found += [cl.ExactMatch(name) for name in STRING_COLUMNS if _filled(frame, name)]
    found += [
        cl.LevenshteinAtThresholds(name, [1, 2])
        for name in ("passport_number", "permit_number")
        if _filled(frame, name)
    ]
    # The FEBRL address columns (reference model only).
    found += [cl.ExactMatch(name) for name in ("street_number", "state") if _filled(frame, name)]
    found += [
        cl.JaroWinklerAtThresholds(name, [0.9, 0.7])
        for name in ("address_1", "address_2")
        if _filled(frame, name)
    ]
    if _filled(frame, "postcode"):
        found.append(cl.LevenshteinAtThresholds("postcode", [1, 2]))
    return found


def blocking_rules(frame: pd.DataFrame) -> list[Any]:
    year = "substr(birth_date, 1, 4)"
    rules: list[Any] = [
        block_on("family_name", year),
        block_on("given_names", year),
        block_on("birth_date"),
        *(block_on(name) for name in IDENTIFIERS if _filled(frame, name)),
    ]
    rules += [
        block_on("substr(family_name, 1, 3)", "substr(given_names, 1, 3)"),
        "substr(l.family_name, 1, 3) = substr(r.given_names, 1, 3)"
        " and substr(l.given_names, 1, 3) = substr(r.family_name, 1, 3)",
    ]
    if _filled(frame, "postcode") and _filled(frame, "street_number"):
        rules.append(block_on("postcode", "street_number"))
    return rules


def run_splink(
    records: Sequence[Record],
    extra: pd.DataFrame | None = None,
    *,
    seed: int,
    threshold: float,
    sensitivity: tuple[float, ...] = (),
) -> SplinkRun:
    """Train, predict and cluster `records` (with `extra` columns aligned with them, if any).

    The clusterings at the `sensitivity` thresholds are made after the timed run, from the
    same predictions.
    """
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    frame = input_frame(records, extra)
    with tempfile.TemporaryDirectory(prefix="approdo-bench-duckdb-") as spill:
        con = duckdb.connect(":memory:", config={"temp_directory": spill})
        db_api = DuckDBAPI(con)
        settings = SettingsCreator(
            link_type="dedupe_only",
            comparisons=comparisons(frame),
            blocking_rules_to_generate_predictions=blocking_rules(frame),
            retain_matching_columns=False,
            retain_intermediate_calculation_columns=False,
        )
        linker = Linker(db_api.register(frame), settings, log_level=logging.ERROR)
        seconds["prepare"] = time.perf_counter() - started

        mark = time.perf_counter()
        deterministic: list[Any] = [block_on("family_name", "given_names", "birth_date")]
        deterministic += [block_on(name) for name in IDENTIFIERS if _filled(frame, name)]
        linker.training.estimate_probability_two_random_records_match(
            deterministic, recall=DETERMINISTIC_RECALL
        )
        linker.training.estimate_u_using_random_sampling(max_pairs=U_MAX_PAIRS, seed=seed)
        for rule in (block_on("family_name", "given_names"), block_on("birth_date")):
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, max_pairs=EM_MAX_PAIRS
            )
        seconds["train"] = time.perf_counter() - mark

        mark = time.perf_counter()
        predictions = linker.inference.predict(warning_mode="never")
        seconds["predict"] = time.perf_counter() - mark

        mark = time.perf_counter()
        clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold_match_probability=threshold
        )
        cluster = _cluster_codes(con, clustered.physical_name, len(frame))
        seconds["cluster"] = time.perf_counter() - mark
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        pairs = con.sql(
            f"select unique_id_l, unique_id_r from {predictions.physical_name}"
        ).fetchnumpy()
        others = {}
        for other in sensitivity:
            again = linker.clustering.cluster_pairwise_predictions_at_threshold(
                predictions, threshold_match_probability=other
            )
            others[other] = _cluster_codes(con, again.physical_name, len(frame))
        con.close()
    return SplinkRun(
        cluster=cluster,
        left=np.asarray(pairs["unique_id_l"], dtype=np.int64),
        right=np.asarray(pairs["unique_id_r"], dtype=np.int64),
        seconds=seconds,
        peak_mb=peak_mb,
        sensitivity=others,
    )


def _cluster_codes(con: duckdb.DuckDBPyConnection, table: str, n: int) -> np.ndarray:
    rows = con.sql(f"select unique_id, cluster_id from {table}").fetchdf()
    codes = np.full(n, -1, dtype=np.int64)
    codes[rows["unique_id"].to_numpy(dtype=np.int64)] = pd.factorize(rows["cluster_id"])[0]
    if (codes < 0).any():
        raise RuntimeError("Splink left records out of its clusters")
    return codes
