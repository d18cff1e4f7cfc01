# Two commands a new contributor needs: `make demo` and `make test`.
# Both create .venv on first use with a Python 3.12+ interpreter.
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint docs bench clean

$(BIN)/faasguard: pyproject.toml
	@test -n "$(PYTHON)" || { echo "no Python 3.12+ found; set PYTHON=" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(BIN)/faasguard

demo: $(BIN)/faasguard
	$(BIN)/faasguard scan examples/shop --fail-on critical

test: $(BIN)/faasguard
	$(BIN)/python -m pytest -q

lint: $(BIN)/faasguard
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

docs: $(BIN)/faasguard
	$(BIN)/python -m faasguard.tools.gendocs

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
