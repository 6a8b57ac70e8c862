# Two commands set everything up on a fresh machine with Python 3.11+:
#   make report   create .venv with the locked dependencies, then write the sample report
#   make test     run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
DEPT ?= nanyue-swd
YEAR ?= 2024

LAB_ARGS ?=
# Saving a notebook keeps only what git should see: outputs, counts and the kernel's language_info are
# stripped by nbstripout as a git clean filter; cell ids stay (JupyterLab keeps them stable).
NBSTRIPOUT := "$(abspath $(BIN))/python" -m nbstripout --keep-id --extra-keys metadata.language_info

.PHONY: env browser pdf-engine report test lint lock lab bench samples clean git-filters

env: $(STAMP)

# The environment is requirements.lock exactly (every package at the version CI tested), then the project itself.
# -qq: errors only; a machine's own pip configuration (extra indexes that are absent) is not this log's business.
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --quiet --no-deps -e .
	$(MAKE) --no-print-directory git-filters
	touch $(STAMP)

# Only in a git checkout; .gitattributes (committed) names the filter for *.ipynb.
git-filters:
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
		git config filter.nbstripout.clean '$(NBSTRIPOUT)' && \
		git config filter.nbstripout.smudge cat && \
		git config diff.ipynb.textconv '$(NBSTRIPOUT) -t'; \
	fi

report: env pdf-engine
	$(BIN)/jixiao run --dept $(DEPT) --year $(YEAR)

# report.pdf is laid out by WeasyPrint (from PyPI, in the lock), which draws text with the system's Pango.
# Debian has it on a new machine; where it is missing, root installs it and anyone else is told how.
PANGO_LIBS := libpango-1.0.so.0 libpangoft2-1.0.so.0
pdf-engine:
	@missing="$$(for lib in $(PANGO_LIBS); do /sbin/ldconfig -p | grep -q "$$lib" || printf "%s " "$$lib"; done)"; missing="$${missing% }"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "Installing Pango for the PDF report (missing: $$missing)"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	else \
		echo "report.pdf needs Pango (missing: $$missing); install with: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"; exit 1; \
	fi

# The real-browser tests (tests/test_browser.py) drive Debian's Chromium through its chromedriver. As root (CI) the
# target installs them; otherwise it says what is missing and how to install it, and those tests skip saying the same.
BROWSER_BINS := /usr/bin/chromium /usr/bin/chromedriver
browser:
	@missing="$$(for f in $(BROWSER_BINS); do [ -x "$$f" ] || printf "%s " "$$f"; done)"; missing="$${missing% }"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "Installing chromium and chromium-driver for the browser tests (missing: $$missing)"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null; \
	else \
		echo "Browser tests will skip: missing $$missing; install with: sudo apt-get install chromium chromium-driver"; \
	fi

test: env browser pdf-engine
	$(BIN)/python -m pytest

lint: env
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy

# After changing a pin in pyproject.toml: resolve it afresh in a scratch environment and write requirements.lock.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --quiet --upgrade "pip>=24"
	.lock-venv/bin/python -m pip install --quiet --quiet ".[test,lint]"
	{ echo "# Written by make lock from pyproject.toml: every package make env installs, at the version CI tested."; \
	  .lock-venv/bin/python -m pip freeze --exclude jixiao; } > $(LOCK).tmp
	mv $(LOCK).tmp $(LOCK)
	rm -rf .lock-venv build

# Lab's root is the repository (data/raw, narrative.md and outputs can be opened), its start page notebooks/;
# the environment's kernels come before a user's own, so notebooks run on .venv; stage notebooks are saved
# as git stores them (analysis/lab.py says why). LAB_ARGS is passed through, e.g. LAB_ARGS=--allow-root.
lab: env
	JUPYTER_PREFER_ENV_PATH=1 $(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks \
		--ContentsManager.pre_save_hook=analysis.lab.strip_on_save $(LAB_ARGS)

bench: env
	$(BIN)/python scripts/bench.py

samples: env
	$(BIN)/python scripts/make_samples.py

clean:
	rm -rf outputs/*/ outputs/.runs outputs/.interactive data/processed/*/
