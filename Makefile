# Approdo — two commands: `make run` (set up and serve the demo) and `make test` (everything).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The demo serves on the embedded SQLite database unless DATABASE_URL says otherwise.
RUN_ENV := APPRODO_DEMO=1 STATIC_MANIFEST=0

.PHONY: run test lint format typecheck test-sqlite test-postgres e2e-deps bench messages clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml
	bash scripts/ensure-pdf-libs.sh
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

var:
	mkdir -p var/staticfiles

run: $(VENV)/.installed var
	$(RUN_ENV) $(PY) manage.py migrate --noinput -v0
	$(RUN_ENV) $(PY) manage.py createcachetable
	$(RUN_ENV) $(PY) manage.py load_demo
	@# The task worker (imports, linkage) runs beside the server and stops with it.
	$(RUN_ENV) $(PY) manage.py db_worker --queue-name '*' & worker=$$!; \
		trap 'kill $$worker' EXIT INT TERM; \
		$(RUN_ENV) $(PY) manage.py runserver --insecure $(HOST):$(PORT)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	APPRODO_TESTING=1 $(BIN)/mypy approdo e2e bench scripts/check_translations.py scripts/translate.py

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(VENV)/.installed-dev
	APPRODO_TESTING=1 $(PY) manage.py makemessages -l en --no-obsolete --no-location \
		--ignore=.venv --ignore=var --ignore=static --ignore=e2e --ignore=bench
	APPRODO_TESTING=1 $(PY) manage.py compilemessages --ignore=.venv

e2e-deps:
	bash scripts/ensure-chromium.sh

test: lint e2e-deps
	APPRODO_TESTING=1 $(PY) manage.py makemigrations --check --dry-run
	APPRODO_TESTING=1 $(PY) scripts/check_translations.py
	bash scripts/test-both.sh

test-sqlite: $(VENV)/.installed-dev
	@echo "== pytest on SQLite =="
	DATABASE_URL= $(BIN)/pytest

test-postgres: $(VENV)/.installed-dev
	bash scripts/test-postgres.sh

# Directory latency (10,000 nodes) and duplicate check (100,000 people), SQLite and PostgreSQL;
# record linkage against Splink (FEBRL, synthetic 10k-200k); shuttle route planning (OR-Tools
# against nearest neighbour, 40/200/1,000 riders). Monitoring at 100k/1M people: bench/monitoring.py.
BENCH_POSTGRES ?= postgres://postgres@127.0.0.1:5432/postgres
bench: $(VENV)/.installed-dev
	$(PY) bench/network.py --postgres $(BENCH_POSTGRES)
	$(PY) bench/duplicate_check.py --postgres $(BENCH_POSTGRES)
	$(PY) bench/linkage.py
	$(PY) bench/transport.py

clean:
	rm -rf var/approdo.sqlite3* var/staticfiles
