# Follow-up Planner: set up, build, serve and test. Run `make help` for the list.
# Every target that needs tools runs `setup` first; setup is quick when nothing changed,
# because stamp files remember what was installed from which pin file.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PYTHON_VERSION := $(strip $(file < .python-version))
HOST ?= 127.0.0.1
PORT ?= 8000
# Material 9.7 prints a banner about MkDocs 2.0 on every build; this project pins MkDocs 1.6.
export NO_MKDOCS_2_WARNING := true

# Stamps: the venv is redone when a pin file or the package metadata changes, node_modules
# when the npm lock file changes.
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: help setup system build serve test test-long lint format clean dist

help:
	@echo "make serve   build the site and serve it at http://$(HOST):$(PORT)/"
	@echo "make test    lint, engine tests (CPython and Pyodide), site build, browser tests"
	@echo "make test-long  the engine's property tests with many more examples (Hypothesis profile long)"
	@echo "make bench   measure the planner against a bare Pyodide start (bench/README.md)"
	@echo "make setup   create .venv (Python $(PYTHON_VERSION)) and node_modules from the pins"
	@echo "make build   build the site into site/ (mkdocs build --strict; SITE_URL=... for a sub-path)"
	@echo "make dist    the built site as a reproducible release archive in dist/ (with .sha256)"
	@echo "make lint    ruff check and ruff format --check"
	@echo "make format  ruff format and ruff check --fix"
	@echo "make clean   remove site/, build/ and dist/ (keeps .venv and node_modules)"

setup: system $(PY_STAMP) $(NODE_STAMP)

# Debian packages (browser, web servers, fonts): installed as root, else the exact command to
# run. Checked every time; it takes milliseconds when nothing is missing.
system:
	@bash tools/system_packages.sh

# The interpreter named by .python-version: pyenv's `python3` resolves it inside the repo;
# otherwise a python3.12 on PATH. Anything else is refused rather than silently used.
$(PY_STAMP): requirements/dev.txt pyproject.toml .python-version
	@want="$(PYTHON_VERSION)"; python=""; \
	for candidate in python3 python$${want%.*}; do \
	  if command -v "$$candidate" >/dev/null 2>&1 && \
	     [ "$$("$$candidate" -c 'import platform; print(platform.python_version())' 2>/dev/null)" = "$$want" ]; then \
	    python="$$candidate"; break; fi; \
	done; \
	if [ -z "$$python" ]; then \
	  for candidate in python$${want%.*}; do \
	    if command -v "$$candidate" >/dev/null 2>&1; then python="$$candidate"; break; fi; \
	  done; \
	fi; \
	if [ -z "$$python" ]; then echo "Python $$want not found (install it with pyenv)" >&2; exit 1; fi; \
	if [ -x "$(PY)" ] && ! "$(PY)" -c 'import sys; assert sys.version_info[:2] == tuple(map(int, "'"$$want"'".split(".")[:2]))' 2>/dev/null; then \
	  echo "Replacing $(VENV): it was made with another Python"; rm -rf "$(VENV)"; fi; \
	if [ ! -x "$(PY)" ]; then echo "Creating $(VENV) with $$("$$python" --version)"; "$$python" -m venv "$(VENV)"; fi
	$(PY) -m pip install --quiet --upgrade pip==26.3
	$(PY) -m pip install --quiet -r requirements/dev.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	@# The build package (site_build) and the benchmark (bench) live beside the engine but are
	@# not part of its wheel: a .pth file puts the repo on the venv's path, for the hooks,
	@# tests and tools alike.
	$(PY) -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_path("purelib"), "followup-planner-repo.pth").write_text(str(pathlib.Path.cwd()) + "\n")'
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm is missing: install Node.js 20 or newer (https://nodejs.org/)" >&2; exit 1; }
	npm ci --no-audit --no-fund
	@touch $@

# Built into site.new/ and swapped in when complete, so a running `make serve` never serves
# half a build (tools/build_site.py). SITE_URL=https://example.org/sub/path/ builds for an
# address under a sub-path.
build: setup
	$(PY) tools/build_site.py --site-dir site

serve: build
	$(PY) tools/serve_site.py --root site --host $(HOST) --port $(PORT)

# One pytest run holds everything (see tests/): its summary is the last line printed.
test: setup
	$(BIN)/pytest

# The property tests in `make test` use the quick "ci" profile; "long" tries thousands of
# situations and hostile inputs per property (profiles in tests/engine/conftest.py).
test-long: setup
	HYPOTHESIS_PROFILE=long $(BIN)/pytest -q --hypothesis-show-statistics \
	  tests/engine/test_properties.py tests/engine/test_hostile.py

# Not part of `make test`: it takes minutes and its times depend on the machine's load.
bench: build
	$(PY) -m bench

# Built from a clean temporary folder with the commit's time, so two runs on one commit give
# byte-identical archives (tools/make_dist.py).
dist: setup
	$(PY) tools/make_dist.py --out dist

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf site site.new site.old build dist
