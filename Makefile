# Minuted: `make demo` starts it with demonstration data; `make test` runs the whole suite.
# Each target installs what it needs: uv into .tools/, Python packages from uv.lock into .venv/,
# front-end packages from package-lock.json into node_modules/, built into minuted/static/build/.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv
BIN := $(VENV)/bin
STATIC_BUILD := minuted/static/build
PG_URL ?= postgres://postgres@127.0.0.1:5432/minuted
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: demo test install lint pytest pytest-postgres browser-deps postgres docs bench clean help

help:
	@echo "make demo   start Minuted on http://127.0.0.1:8000 with demonstration data"
	@echo "make test   run ruff, mypy and pytest (in CI, also on PostgreSQL)"

demo: install
	$(BIN)/minuted demo

install: $(VENV)/.synced $(STATIC_BUILD)/.built

prerequisites:
	@if [ -z "$(PYTHON)" ] || ! "$(PYTHON)" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then \
	  echo "Minuted needs Python 3.11 (python3.11 on the PATH, or PYTHON=/path/to/python3.11)."; exit 1; fi
	@command -v npm >/dev/null || { echo "Minuted needs Node.js with npm for its front-end packages."; exit 1; }
.PHONY: prerequisites

$(UV): | prerequisites
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python "$(PYTHON)"
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json | prerequisites
	npm ci --no-audit --no-fund --ignore-scripts

$(STATIC_BUILD)/.built: node_modules/.package-lock.json minuted/static_src/minuted.scss
	mkdir -p $(STATIC_BUILD)/govuk
	node_modules/.bin/sass --no-source-map --style=compressed --load-path=node_modules \
	  minuted/static_src/minuted.scss $(STATIC_BUILD)/minuted.css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(STATIC_BUILD)/govuk/
	cp node_modules/htmx.org/dist/htmx.min.js $(STATIC_BUILD)/
	cp minuted/static_src/minuted.js $(STATIC_BUILD)/
	@touch $@

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=true $(BIN)/mypy minuted

# Browser tests drive Debian's Chromium. CI installs it; elsewhere they run when it is there.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] && [ "$$CI" = "true" ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null; fi

pytest: install browser-deps
	@if [ -x /usr/bin/chromium ]; then $(BIN)/pytest; else \
	  echo "*** /usr/bin/chromium not found: browser tests deselected (apt-get install chromium) ***"; \
	  $(BIN)/pytest -m "not browser"; fi

# The same suite on PostgreSQL; pytest-django creates and drops test_minuted itself.
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in $$(seq 1 20); do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 0.5; done; \
	  echo "PostgreSQL does not answer on 127.0.0.1:5432"; exit 1

pytest-postgres: install browser-deps postgres
	DATABASE_URL="$(PG_URL)" $(BIN)/pytest

test: lint pytest
	@if [ "$$CI" = "true" ] || [ -n "$$WITH_POSTGRES" ]; then $(MAKE) --no-print-directory pytest-postgres; fi

clean:
	rm -rf .tools $(VENV) node_modules $(STATIC_BUILD) var/static

# Regenerate docs/cli.md from the commands' --help.
docs: install
	UPDATE_DOCS=1 $(BIN)/pytest -q minuted/tests/test_docs.py

# Rendering benchmark (not part of the test suite): typst against WeasyPrint, same content.
bench: install
	$(UV) sync --frozen --python "$(PYTHON)" --group bench
	$(BIN)/python -m bench.pack
	$(UV) sync --frozen --python "$(PYTHON)"

# Search benchmark (not part of the test suite): Minuted's search against the same queries on a
# raw FTS5 table, over 100,000 generated entries in a throwaway SQLite database.
bench-search: install
	$(BIN)/python -m bench.search
.PHONY: bench-search

# HTTP benchmark (not part of the test suite): the meeting page, an OParl list and a pack PDF
# under wrk, against a constant Django view and static nginx in the same run.
bench-http: install
	@command -v wrk >/dev/null && command -v nginx >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null)
	$(BIN)/python -m bench.http
.PHONY: bench-http

# Load test (not part of the test suite): a mix of pages, API, OParl and feeds for 60 s.
bench-load: install
	@command -v wrk >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	$(BIN)/python -m bench.load
.PHONY: bench-load
