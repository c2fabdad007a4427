"""What every Approdo benchmark shares: Django on a throwaway database, one worker process per
database engine (so SQLite and PostgreSQL runs never share state), percentiles.

A benchmark script defines `worker(database_url, size, label) -> dict` (run inside
`bench_database`) and `report(results) -> bool`, then calls `main_for(...)`.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("SECRET_KEY", f"bench-{secrets.token_hex(24)}")
    os.environ["DEBUG"] = "0"
    os.environ["APPRODO_DEMO"] = "0"
    os.environ["STATIC_MANIFEST"] = "0"
    os.environ["CACHE_BACKEND"] = "django.core.cache.backends.locmem.LocMemCache"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    os.environ["DJANGO_SETTINGS_MODULE"] = "approdo.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


@contextmanager
def bench_database(database_url: str) -> Iterator[None]:
    """Django set up on a migrated database that is thrown away afterwards.

    On PostgreSQL the database gets a name of its own next to the given one (never another
    run's test database) and is dropped at the end; SQLite URLs point into a temporary folder.
    """
    setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection

    postgres = connection.vendor == "postgresql"
    if postgres:
        connection.settings_dict["TEST"]["NAME"] = f"approdo_bench_{secrets.token_hex(4)}"
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    else:
        call_command("migrate", verbosity=0)
    try:
        yield
    finally:
        if postgres:
            connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main_for(
    script: str,
    *,
    description: str,
    size_option: str,
    size_default: int,
    size_help: str,
    worker: Callable[[str, int, str], dict[str, Any]],
    report: Callable[[list[dict[str, Any]]], bool],
) -> int:
    """Parse the common options, run `worker` once per engine in a child process, report."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--postgres", metavar="URL", help="also run on this PostgreSQL server")
    parser.add_argument(f"--{size_option}", type=int, default=size_default, help=size_help)
    parser.add_argument("--worker", metavar="DATABASE_URL", help=argparse.SUPPRESS)
    parser.add_argument("--label", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    size = getattr(args, size_option)

    if args.worker:
        print(json.dumps(worker(args.worker, size, args.label)))
        return 0

    results = []
    with tempfile.TemporaryDirectory(prefix="approdo-bench-") as tmp:
        targets = [("SQLite", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")]
        if args.postgres:
            targets.append(("PostgreSQL", args.postgres))
        for label, url in targets:
            print(f"running on {label}…", flush=True)
            done = subprocess.run(
                [
                    sys.executable,
                    script,
                    "--worker",
                    url,
                    "--label",
                    label,
                    f"--{size_option}",
                    str(size),
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
                return done.returncode
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return 0 if report(results) else 1
