# Sajja: `make demo` runs the demo, `make test` runs lint and the tests. Both set up .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
POSTGRES_URL ?= postgres://postgres:postgres@127.0.0.1:5432/sajja
# The suite runs on every core (pytest-xdist), a test file's tests on one worker so its world is built once.
PYTEST_WORKERS ?= auto
PYTEST := $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test test-sqlite test-fast test-postgres lint bench mutation messages serve clean system-deps

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

# Debian packages the tests use: Chromium for the browser tests, Thai fonts for what it renders.
system-deps:
	@command -v chromium >/dev/null && fc-list 2>/dev/null | grep -qi garuda && ldconfig -p | grep -q libpangoft2 || { \
		echo "installing chromium and Thai fonts from Debian's packages"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-thai-tlwg libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; }

messages: $(STAMP)
	$(BIN)/python -m sajja.ops.messages

demo: $(STAMP) messages
	$(BIN)/sajja demo

serve: $(STAMP) messages
	$(BIN)/sajja serve

# Style, the layers (.importlinter) and the types (strict on the pure core, gradual on the areas).
lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/lint-imports
	$(BIN)/mypy src/sajja

test-sqlite: $(STAMP) messages system-deps
	env -u DATABASE_URL $(PYTEST)

# The quick loop while working: SQLite, without the slow, browser and Dask-cluster tests (`make test` runs them).
test-fast: $(STAMP) messages
	env -u DATABASE_URL $(PYTEST) -m "not slow and not browser and not cluster"

# PostgreSQL: required when SAJJA_REQUIRE_POSTGRES=1 (CI); otherwise run when one answers.
test-postgres: $(STAMP) messages system-deps
	@if $(BIN)/python -m sajja.ops.dbcheck "$(POSTGRES_URL)"; then \
		DATABASE_URL="$(POSTGRES_URL)" $(PYTEST); \
	elif [ "$(SAJJA_REQUIRE_POSTGRES)" = "1" ]; then \
		echo "PostgreSQL is required (SAJJA_REQUIRE_POSTGRES=1) but does not answer at $(POSTGRES_URL)"; exit 1; \
	else echo "PostgreSQL does not answer at $(POSTGRES_URL): the PostgreSQL run was not done"; fi

# The two databases' runs at once (PostgreSQL's waits leave the cores to SQLite's), each run's output shown
# whole when it ends.
test: lint
	$(MAKE) --no-print-directory --output-sync=target -j2 test-sqlite test-postgres

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python -m bench.schemes
	$(BIN)/python -m bench.contributions
	$(BIN)/python -m bench.contributions_close
	$(BIN)/python -m bench.import_lock --rows 199000
	$(BIN)/python -m bench.simulate
	$(BIN)/python -m bench.sweep
	$(BIN)/python -m bench.cofunding
	$(BIN)/python -m bench.rollup

# Mutation testing of the modules in pyproject's [tool.mutmut]: fails on a survivor not listed in
# tests/mutation/equivalent.yaml (about 6 minutes on 2 cores).
mutation: $(STAMP)
	$(BIN)/python tools/mutation.py

clean:
	rm -rf $(VENV) .venv-openfisca build src/*.egg-info mutants
