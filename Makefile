# Two entry points: `make example` and `make test`. Each sets up .venv on first use.
VENV ?= .venv
PY := $(VENV)/bin/python

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

.PHONY: example test lint revision
example: $(VENV)/.installed
	$(VENV)/bin/annals example --db example.db

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check src tests bench

test: lint
	$(VENV)/bin/pytest -q -ra

revision: $(VENV)/.installed   # after editing src/annals/store/schema.py: make revision m="what changed"
	$(VENV)/bin/annals db revision -m "$(m)"
