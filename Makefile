# Two entry points for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install serve bench clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $(STAMP)

install: $(STAMP)
	$(BIN)/pip install --quiet --no-deps --force-reinstall .

run: install
	$(BIN)/parcferme run

test: install
	$(BIN)/python -m pytest

serve: install
	$(BIN)/parcferme serve

clean:
	rm -rf $(VENV) build *.egg-info
