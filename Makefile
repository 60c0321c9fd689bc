# The two commands of the README: `make report` and `make test`.
# Each creates .venv if missing and installs the project into it first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install report test test-fast lint lab bench clean lock

# pyproject.toml says which packages ladfin needs; constraints.txt pins the exact version of
# each (and of everything they pull in), so every machine installs what the tests passed with.
$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
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

# Regenerate constraints.txt: resolve pyproject.toml afresh, unconstrained, in a throwaway venv and
# record what pip chose. Run it after changing a dependency in pyproject.toml, or to take newer
# releases on purpose; then `make test` (the stamp sees the new pins) and commit constraints.txt.
lock:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PYTHON) -m venv "$$tmp/venv" && \
	"$$tmp/venv/bin/python" -m pip install --quiet --upgrade pip && \
	"$$tmp/venv/bin/python" -m pip install --quiet -e '.[dev]' && \
	{ printf '%s\n' \
	    "# Exact versions of every package .venv installs: \`make install\` passes this file to pip" \
	    "# with -c, so a fresh machine gets what the tests last passed with. Regenerate with" \
	    "# \`make lock\` (never edit by hand) after changing dependencies in pyproject.toml."; \
	  "$$tmp/venv/bin/python" -m pip freeze --exclude-editable | grep -v -i -E '^(ladfin[=@ ]|-e )'; \
	} > "$$tmp/constraints.txt" && \
	mv "$$tmp/constraints.txt" constraints.txt && echo "constraints.txt: $$(grep -c '==' constraints.txt) pins"

clean:
	rm -rf data/processed/*.parquet data/processed/*.csv data/processed/*.json data/processed/current \
	       data/processed/tables.xlsx data/processed/data-dictionary.* \
	       data/processed/[0-9]* data/processed/.build-* data/processed/.link-* reports/[0-9]* reports/latest \
	       reports/*/[0-9]* reports/*/latest
