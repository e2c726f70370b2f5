# netweave: `make demo` and `make test` set everything up themselves.
# The distribution's optimised python3 when it is new enough (scripts/pick-python says why).
PYTHON ?= $(shell scripts/pick-python)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo/netweave-demo.db
VENDOR := src/netweave/web/static/vendor/.installed

.PHONY: demo test bench lint typecheck serve postgres chromium dovecot tesseract assets clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

venv: $(STAMP)

# The web app's browser assets (Chart.js, the typeface, Workbox, idb-keyval) from npm, into a
# git-ignored folder.
$(VENDOR): package.json package-lock.json scripts/vendor-assets
	@scripts/vendor-assets
	@touch $(VENDOR)

assets: $(VENDOR)

chromium:
	@scripts/ensure-chromium

postgres:
	@scripts/ensure-postgres

# Debian's IMAP server for the mail sync tests (each test run starts its own on 127.0.0.1).
dovecot:
	@scripts/ensure-dovecot

# Debian's tesseract (English) and the fonts the business-card tests and benchmark draw with.
tesseract:
	@scripts/ensure-tesseract

# Builds the sample network, then serves it and opens the browser until Ctrl+C. Without a
# terminal (scripts, CI) it stops after building: 'make serve' serves it later.
demo: $(STAMP) $(VENDOR)
	$(BIN)/netweave --db $(DEMO_DB) demo --fresh
	@if [ -t 0 ] && [ -t 1 ] && [ "$${CI:-}" != "true" ]; then \
		$(BIN)/netweave --db $(DEMO_DB) serve --open; \
	else \
		echo "Not serving (no terminal): 'make serve' serves the demo at http://127.0.0.1:8000/"; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) $(VENDOR) postgres chromium dovecot tesseract lint typecheck
	$(BIN)/python -m pytest -q -p no:cacheprovider -n auto

bench: $(STAMP) $(VENDOR) postgres tesseract
	$(BIN)/python -m bench

# The web app on the demo database (built by 'make demo' when it is not there yet).
serve: $(STAMP) $(VENDOR)
	@test -f $(DEMO_DB) || $(BIN)/netweave --db $(DEMO_DB) demo --fresh
	$(BIN)/netweave --db $(DEMO_DB) serve

clean:
	rm -rf $(VENV) demo .pytest_cache .mypy_cache .ruff_cache node_modules src/netweave/web/static/vendor test-artifacts
