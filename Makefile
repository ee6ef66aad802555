# Two commands set everything up on a fresh machine with Python 3.11+ and pip:
#   make site   build the default programme into site/ and open it (where there is a desktop)
#   make test   run the whole test suite, real-browser tests included
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TESTED := $(VENV)/.installed-test
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site serve check test chromium bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(TESTED): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $@

site: $(STAMP)
	$(BIN)/curriculum build .
	@echo "Open $(CURDIR)/site/index.html in a browser (it works without a server), or run 'make serve'."
	@# Open it where there is a desktop to open it on (never on a headless server or in CI).
	@if [ -z "$$CI$$NO_OPEN" ] && { [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || [ "$$(uname)" = Darwin ]; }; then \
		$(BIN)/python -m webbrowser -t "file://$(CURDIR)/site/index.html" >/dev/null 2>&1 || true; fi

serve: $(STAMP)
	$(BIN)/curriculum serve . --open

check: $(STAMP)
	$(BIN)/curriculum check . --strict

# The browser tests drive Debian's chromium; playwright never downloads a browser of its own.
chromium:
	@[ -x $(CHROMIUM) ] || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

test: $(TESTED) chromium
	$(BIN)/python -m pytest -n auto

bench: $(STAMP)
	$(BIN)/python benchmarks/check_speed.py

clean:
	rm -rf site .site.new-* .site.old-* .pytest_cache .hypothesis
