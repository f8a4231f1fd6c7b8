# dossier: the two commands that matter are `make run` and `make test`.
# Both create .venv and install what they need on first use.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip

.PHONY: run test bench lint wheelhouse lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# A stamp per extra: reinstall when pyproject.toml changes.
# Installs take the versions pinned in requirements.lock: what the tests passed with.
$(VENV)/.installed-run: pyproject.toml requirements.lock | $(BIN)/python
	$(PIP) install --quiet -c requirements.lock -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml requirements.lock | $(BIN)/python
	$(PIP) install --quiet -c requirements.lock -e '.[test,dev]'
	@touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/dossier $(ARGS)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed-test
	$(BIN)/python -m bench $(BENCH_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check search tui tests bench scripts
	$(BIN)/ruff format --check search tui tests bench scripts

# Every wheel needed to install dossier with no network (its own + the versions pinned in
# requirements.lock), for this Python; checked by resolving an install from it alone.
WHEELHOUSE ?= dist/wheelhouse
wheelhouse: | $(BIN)/python
	$(BIN)/python scripts/wheelhouse.py --out $(WHEELHOUSE)

# Re-resolve requirements.lock to the newest versions pyproject.toml allows (needs the index).
lock: | $(BIN)/python
	$(BIN)/python scripts/wheelhouse.py --update-lock

clean:
	rm -rf $(VENV) dist build .pytest_cache .ruff_cache
