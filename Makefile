# The two commands of the README's quick start are `make run` and `make test`.
# Both build a local virtual environment in .venv on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint system-deps bench demo clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "madara-tui needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

## run: start the reader (the bundled demo site when no site is configured)
run: $(STAMP)
	$(BIN)/madara-tui $(ARGS)

## test: install what the tests need, then lint, type-check and run the test suite
test: $(STAMP) system-deps
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

## system-deps: Debian packages the tests drive (fribidi as the bidi oracle, tmux for end-to-end)
system-deps:
	@sh scripts/system-deps.sh fribidi:libfribidi-bin tmux:tmux

demo: $(STAMP)
	$(BIN)/madara-tui demo $(ARGS)

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
