# Two commands set everything up on a fresh machine with Python 3.11+:
#   make report   create .venv with the pinned dependencies, then write the sample report
#   make test     run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEPT ?= nanyue-swd
YEAR ?= 2024

.PHONY: env report test lab bench samples clean

env: $(STAMP)

# -qq: errors only; a machine's own pip configuration (extra indexes that are absent) is not this log's business.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --quiet -e ".[test]"
	touch $(STAMP)

report: env
	$(BIN)/jixiao run --dept $(DEPT) --year $(YEAR)

test: env
	$(BIN)/python -m pytest

lab: env
	$(BIN)/jupyter lab --notebook-dir=notebooks

bench: env
	$(BIN)/python scripts/bench.py

samples: env
	$(BIN)/python scripts/make_samples.py

clean:
	rm -rf outputs/*/ outputs/.runs data/processed/*/
