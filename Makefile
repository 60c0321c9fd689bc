# The two commands of the README: `make report` and `make test`.
# Each creates .venv if missing and installs the project into it first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install report test test-fast lint lab bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (ladfin)" > /dev/null
	@touch $(STAMP)

install: $(STAMP)

report: install
	$(BIN)/ladfin report

lint: install
	$(BIN)/ruff check ladfin tests scripts bench notebooks

test: lint
	$(BIN)/python -m pytest

# The quick loop: everything but the tests marked slow (notebook runs, full builds).
test-fast: lint
	$(BIN)/python -m pytest -m "not slow"

lab: install
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/

bench: install
	$(BIN)/python bench/extract_throughput.py

clean:
	rm -rf data/processed/*.parquet data/processed/*.csv data/processed/*.json reports/[0-9]* reports/latest
