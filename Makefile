# The two quick-start commands: `make reports` and `make test`. Everything they need
# (the virtual environment, the package, its dependencies) is set up here, never by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup reports test test-fast lint lab bench wheel clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m ipykernel install --sys-prefix --name ngkt --display-name "Python (ngkt-analysis)" >/dev/null
	touch $(STAMP)

reports: setup
	$(BIN)/ngkt reports --output reports

test: setup
	$(BIN)/ruff check ngkt_analysis tests bench notebooks
	$(BIN)/ruff format --check ngkt_analysis tests bench notebooks
	$(BIN)/python -m pytest

# The inner loop: lint, unit tests and doctests; no kernel, browser, cluster or pip (under a minute).
test-fast: setup
	$(BIN)/ruff check ngkt_analysis tests bench notebooks
	$(BIN)/ruff format --check ngkt_analysis tests bench notebooks
	$(BIN)/python -m pytest -m "not slow" -q

# The notebooks name the kernel "ngkt" (this environment); (re)register it, then open the folder.
lab: setup
	$(BIN)/python -m ipykernel install --sys-prefix --name ngkt --display-name "Python (ngkt-analysis)" >/dev/null
	$(BIN)/jupyter lab notebooks/

# Benchmarks print their figures (not timed tests); scale.py takes several minutes.
bench: setup
	$(BIN)/python bench/load.py
	$(BIN)/python bench/reports.py
	$(BIN)/python bench/score_extract.py tests/fixtures/extract/final/gold.jsonl
	$(BIN)/python bench/scale.py

wheel: setup
	$(BIN)/python -m pip wheel --no-deps --no-build-isolation -w dist .

clean:
	rm -rf $(VENV) dist build *.egg-info reports/*.html reports/*.ipynb
