# Two commands a new contributor needs: `make demo` and `make test`.
# Both create .venv on first use with a Python 3.12+ interpreter.
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test test-guard-oldest lint docs bench clean

$(BIN)/faasguard: pyproject.toml
	@test -n "$(PYTHON)" || { echo "no Python 3.12+ found; set PYTHON=" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(BIN)/faasguard

# The shop carries its problems on purpose: exit 1 (findings) is the expected outcome here.
demo: $(BIN)/faasguard
	$(BIN)/faasguard scan examples/shop || test $$? -eq 1

test: $(BIN)/faasguard
	$(BIN)/python -m pytest -q

# The runtime guard supports the oldest Python AWS Lambda offers: run its tests there too.
PYTHON_OLDEST ?= $(shell (command -v pyenv >/dev/null && PYENV_VERSION=3.10.13 pyenv which python 2>/dev/null) || command -v python3.10)
test-guard-oldest:
	@test -n "$(PYTHON_OLDEST)" || { echo "no Python 3.10 found; set PYTHON_OLDEST=" >&2; exit 1; }
	rm -rf .venv-oldest
	$(PYTHON_OLDEST) -m venv .venv-oldest
	.venv-oldest/bin/python -m pip install -q --upgrade pip
	.venv-oldest/bin/python -m pip install -q -e '.[redis,aws,jwt,schema,pydantic,vault,sns]' pytest hypothesis 'moto[server]'
	.venv-oldest/bin/python -m pytest -q -p no:cacheprovider tests/guard

lint: $(BIN)/faasguard
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

docs: $(BIN)/faasguard
	$(BIN)/python -m faasguard.tools.gendocs

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
