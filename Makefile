# The two commands of the README's quick start are `make run` and `make test`.
# Both build a local virtual environment in .venv on first use: `make run` installs only what
# the reader needs, `make test` adds the test tools (pytest, ruff, mypy, hypothesis).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.installed-runtime
TEST_STAMP    := $(VENV)/.installed-test
# import-linter in an environment of its own (see pyproject.toml's `imports` extra); it reads
# the source statically, so it needs none of the program's dependencies.
IMPORTS       := $(VENV)/import-linter
IMPORTS_STAMP := $(IMPORTS)/.installed
LINT_IMPORTS  := PYTHONPATH=src $(IMPORTS)/bin/lint-imports --no-logo --no-cache

.PHONY: run test lint system-deps venv-deps bench demo clean

# Debian and Ubuntu ship `python3 -m venv` without ensurepip: it comes with python3-venv.
venv-deps:
	@PYTHON=$(PYTHON) sh scripts/system-deps.sh python-module=ensurepip:python3-venv

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "madara-tui needs Python 3.11 or newer")'
	@$(MAKE) --no-print-directory venv-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $(RUNTIME_STAMP)

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(RUNTIME_STAMP) $(TEST_STAMP)

$(IMPORTS_STAMP): pyproject.toml | $(BIN)/python
	$(PYTHON) -m venv $(IMPORTS)
	$(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["imports"], sep="\n")' > $(IMPORTS)/requirements.txt
	$(IMPORTS)/bin/python -m pip install --quiet -r $(IMPORTS)/requirements.txt
	@touch $(IMPORTS_STAMP)

## run: start the reader (the bundled demo site when no site is configured)
run: $(RUNTIME_STAMP)
	$(BIN)/madara-tui $(ARGS)

## test: install what the tests need, then lint, type-check, check the layers, run the tests
test: system-deps $(TEST_STAMP) $(IMPORTS_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(LINT_IMPORTS)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(TEST_STAMP) $(IMPORTS_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(LINT_IMPORTS)

## system-deps: Debian packages the tests drive (fribidi as the bidi oracle, tmux for end-to-end,
## openssl for a loopback TLS server's certificate,
## a real WordPress with MariaDB and PHP for tests/wordpress,
## newsboat and GNU time for the bench scripts' quick runs in tests/bench)
system-deps:
	@PYTHON=$(PYTHON) sh scripts/system-deps.sh python-module=ensurepip:python3-venv \
		fribidi:libfribidi-bin tmux:tmux openssl:openssl \
		newsboat:newsboat file=/usr/bin/time:time \
		mariadbd:mariadb-server mariadb:mariadb-client php:php-cli \
		php-extension=mysqli:php-mysql php-extension=mbstring:php-mbstring \
		file=/usr/share/wordpress/wp-load.php:wordpress \
		file=/usr/share/wordpress/wp-content/themes/twentytwentythree:wordpress-theme-twentytwentythree \
		file=/usr/share/wordpress/wp-content/themes/twentytwentyone:wordpress-theme-twentytwentyone \
		file=/var/lib/wordpress/wp-content/languages/fa_IR.mo:wordpress-l10n

demo: $(RUNTIME_STAMP)
	$(BIN)/madara-tui demo $(ARGS)

bench: $(TEST_STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
