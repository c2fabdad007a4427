#!/usr/bin/env bash
# The suite on SQLite and on PostgreSQL at the same time: each run is one Python process, so on
# the 2-core CI machine running them side by side halves the wall time. Each run writes its own
# log (var/test-sqlite.log, var/test-postgres.log), printed whole when both are done; the exit
# status is a failure if either run failed.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
started=$(date +%s)
( DATABASE_URL= .venv/bin/pytest > var/test-sqlite.log 2>&1; echo $? > var/test-sqlite.rc ) &
( bash scripts/test-postgres.sh > var/test-postgres.log 2>&1; echo $? > var/test-postgres.rc ) &
wait
status=0
for db in sqlite postgres; do
  echo "== pytest on ${db} (log var/test-${db}.log) =="
  cat "var/test-${db}.log"
  rc=$(cat "var/test-${db}.rc" 2>/dev/null || echo 1)
  if [ "$rc" != "0" ]; then
    echo "FAILED: the ${db} run exited with ${rc}" >&2
    status=1
  fi
done
echo "== both runs took $(( $(date +%s) - started )) s =="
exit $status
