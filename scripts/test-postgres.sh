#!/usr/bin/env bash
# Runs the test suite on PostgreSQL (127.0.0.1:5432, user postgres, trust auth).
# Starts the local cluster if it is installed and stopped. Without PostgreSQL it says the
# run was skipped; with APPRODO_REQUIRE_POSTGRES=1 (CI) a missing server is a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
PGURL="${APPRODO_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/approdo}"

pg_up() { .venv/bin/python - "$PGURL" <<'PY'
import sys, psycopg
url = sys.argv[1].rsplit("/", 1)[0] + "/postgres"
try:
    psycopg.connect(url, connect_timeout=3).close()
except Exception:
    sys.exit(1)
PY
}

if ! pg_up; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "PostgreSQL is not answering: starting the local cluster"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 20); do pg_up && break; sleep 0.5; done
  fi
fi

if ! pg_up; then
  if [ "${APPRODO_REQUIRE_POSTGRES:-0}" = "1" ]; then
    echo "FAILED: PostgreSQL is required (CI) but not reachable at $PGURL" >&2
    exit 1
  fi
  echo "== SKIPPED: the PostgreSQL run (no server at $PGURL); the SQLite run above is complete =="
  exit 0
fi

echo "== pytest on PostgreSQL =="
DATABASE_URL="$PGURL" .venv/bin/pytest
