# netweave: `make demo` and `make test` set everything up themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo/netweave-demo.db

.PHONY: demo test bench lint typecheck serve postgres clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

venv: $(STAMP)

postgres:
	@scripts/ensure-postgres

demo: $(STAMP)
	$(BIN)/netweave --db $(DEMO_DB) demo --fresh

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) postgres lint typecheck
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: $(STAMP) postgres
	$(BIN)/python -m bench

serve: $(STAMP)
	$(BIN)/netweave serve

clean:
	rm -rf $(VENV) demo .pytest_cache .mypy_cache .ruff_cache
