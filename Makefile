# Every target sets up what it needs first, so `make run` and `make test`
# work on a fresh clone with only Python 3.11 and the package registries.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup system run test test-fast lint model schema bench clean

setup: system $(STAMP)

# Debian tools the pipeline and its tests call: pdftotext (poppler-utils),
# headless chromium, which drives the Datasette pages in tests/test_browse.py, and
# Tesseract with its Danish data, which reads scanned letters (tesseract-ocr, -dan).
system:
	@command -v pdftotext >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq poppler-utils >/dev/null; }
	@[ -x /usr/bin/chromium ] || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }
	@{ command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx dan; } || \
	  { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install \
	  -y -qq tesseract-ocr tesseract-ocr-dan >/dev/null; }

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev,browse,dask]"
	touch $(STAMP)

run: setup
	$(BIN)/ministerbrev process corpus --out outputs

# The suite's tests mostly wait on processes of their own (the CLI, Prefect's server), so
# they run on every core, at most four at once (each worker loads the Danish pipeline).
test: setup
	$(BIN)/python -m pytest -n auto --maxprocesses 4

# The tests that start neither Prefect nor another process and are not slow, with the
# doctests: under a minute (the markers are in pyproject.toml).
test-fast: setup
	$(BIN)/python -m pytest -m "not prefect and not subprocess and not slow"

# Throughput, scaling and memory beside bare pdfplumber and pdftotext (docs/benchmarks.md);
# BENCH_SIZES=50 for a quick run.
BENCH_SIZES ?= 200 1000
bench: setup
	$(BIN)/python benchmarks/run.py --sizes $(BENCH_SIZES)

lint: setup
	$(BIN)/ruff check .

# Rebuild the Danish spaCy pipeline in pipeline/nlp/model/ from the treebank in the repo.
model: setup
	$(BIN)/python -m pipeline.nlp.training

schema: setup
	$(BIN)/ministerbrev schema

clean:
	rm -rf outputs/records outputs/*.jsonl outputs/*.sqlite .state
