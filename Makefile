# Two commands set everything up on a fresh machine with Python 3.11+ and pip:
#   make site   build the default programme into site/ and open it (where there is a desktop)
#   make test   run the whole test suite, real-browser tests included
# Both install exactly the lock in requirements/ (hashes checked); `make lock` upgrades it on purpose.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
TOOLS  := .tools
UV     := $(TOOLS)/bin/uv
SITE_STAMP := $(VENV)/.installed-site
TEST_STAMP := $(VENV)/.installed-test
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# uv reads no pip configuration: the lock says what is installed, and hashes prove it.
UV_ENV := VIRTUAL_ENV=$(CURDIR)/$(VENV) UV_NO_CONFIG=1 UV_PYTHON_DOWNLOADS=never
COMPILE := $(UV_ENV) $(UV) pip compile --quiet --universal --generate-hashes --python-version 3.11 --no-header

.PHONY: site serve check test test-fast chromium axe bench lock wheel-check clean

# The installer itself, pinned by hash like the rest.
$(UV): requirements/uv.txt
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --quiet --disable-pip-version-check --require-hashes -r requirements/uv.txt
	touch $@

$(BIN)/python: | $(UV)
	$(UV) venv --quiet --python $(PYTHON) $(VENV)

# One installed set at a time: the site's, or the site's plus the tests' (a superset of the same pins).
$(SITE_STAMP): requirements/site.txt pyproject.toml | $(BIN)/python
	$(UV_ENV) $(UV) pip sync --quiet --require-hashes requirements/site.txt
	$(UV_ENV) $(UV) pip install --quiet --no-deps --no-build-isolation -e .
	rm -f $(TEST_STAMP)
	touch $@

$(TEST_STAMP): requirements/test.txt pyproject.toml | $(BIN)/python
	$(UV_ENV) $(UV) pip sync --quiet --require-hashes requirements/test.txt
	$(UV_ENV) $(UV) pip install --quiet --no-deps --no-build-isolation -e .
	touch $(SITE_STAMP) $@

site: $(if $(wildcard $(TEST_STAMP)),$(TEST_STAMP),$(SITE_STAMP))
	$(BIN)/curriculum build .
	@echo "Open $(CURDIR)/site/index.html in a browser (it works without a server), or run 'make serve'."
	@# Open it where there is a desktop to open it on (never on a headless server or in CI).
	@if [ -z "$$CI$$NO_OPEN" ] && { [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || [ "$$(uname)" = Darwin ]; }; then \
		$(BIN)/python -m webbrowser -t "file://$(CURDIR)/site/index.html" >/dev/null 2>&1 || true; fi

serve: $(SITE_STAMP)
	$(BIN)/curriculum serve . --open

check: $(SITE_STAMP)
	$(BIN)/curriculum check . --strict

# The browser tests drive Debian's chromium; playwright never downloads a browser of its own.
chromium:
	@[ -x $(CHROMIUM) ] || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# axe-core for the accessibility tests, from the npm registry, at the version package-lock.json pins.
axe: node_modules/axe-core/axe.min.js
node_modules/axe-core/axe.min.js: package.json package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm >/dev/null; }
	npm ci --silent --ignore-scripts
	touch $@

# Coverage of the generator package is reported; its floor is fail_under in pyproject.toml.
# Tests marked `alone` race the clock (serve's edit-to-page time): they run after the parallel
# suite, on a machine no other test worker is loading, and their coverage is added to its.
test: $(TEST_STAMP) chromium axe
	$(BIN)/python -m pytest -n auto -m "not alone" --cov=generator --cov-report= --cov-fail-under=0
	$(BIN)/python -m pytest -m alone --cov=generator --cov-append --cov-report=term:skip-covered

# The suite without the browser: no chromium, no axe, no coverage.
test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest -n auto -m "not browser"

# The test set includes the bench extra (mkdocs-static-i18n, the baseline). BENCH=--quick for a quick run.
bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/bench.py $(BENCH)

# Upgrade every pin on purpose, within pyproject.toml's ranges; review the diff like any change.
lock: $(UV)
	$(COMPILE) --upgrade requirements/uv.in -o requirements/uv.txt
	$(COMPILE) --upgrade --all-extras pyproject.toml requirements/build.in -o requirements/test.txt
	$(COMPILE) pyproject.toml requirements/build.in -c requirements/test.txt -o requirements/site.txt

clean:
	rm -rf site .site.new-* .site.old-* .curriculum-cache .pytest_cache .hypothesis .coverage .coverage.*
