# Leernetwerk — run `make help` for the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
# `make run` is the embedded demo: development settings, SQLite and in-process tasks unless
# DATABASE_URL / CELERY_BROKER_URL are set in the environment or in .env.
DEV := DJANGO_DEBUG=true

.DEFAULT_GOAL := help
.PHONY: help install run test test-fast worker lint format messages ci bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the app with everything to run and test it

run: install ## Migrate, load the demo data and serve on http://127.0.0.1:8000 (SQLite, eager tasks)
	$(DEV) $(MANAGE) migrate --noinput
	$(DEV) $(MANAGE) seed_demo
	$(DEV) $(MANAGE) runserver 127.0.0.1:8000

test: install ## Run the whole test suite (real-stack and browser tests need PostgreSQL, Redis, Chromium)
	$(BIN)/pytest $(PYTEST_ARGS)

test-fast: install ## Run the tests without the browser and real-stack ones
	$(BIN)/pytest -m "not browser and not realstack" $(PYTEST_ARGS)

worker: install ## Start a Celery worker with beat (needs CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0)
	@test -n "$$CELERY_BROKER_URL" || { echo "Set CELERY_BROKER_URL first (see README)."; exit 1; }
	$(BIN)/celery -A leernetwerk worker --beat --scheduler django_celery_beat.schedulers:DatabaseScheduler --loglevel=info

lint: install ## ruff lint and format check, djLint on templates
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint

format: install ## Format the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install ## Update the Dutch catalogue and compile it (needs gettext; the .mo is committed)
	@command -v msgfmt >/dev/null || { echo "gettext is missing (apt-get install gettext); the committed .mo keeps working."; exit 1; }
	$(DEV) $(MANAGE) makemessages -l nl --no-obsolete --ignore=.venv --ignore=bench --ignore=tests
	$(DEV) $(MANAGE) compilemessages -l nl --ignore=.venv

ci: ## What CI runs: start PostgreSQL and Redis if needed, then all tests on them (.ci/run)
	bash .ci/run

bench: install ## National-scale benchmark; writes bench/results.json (not part of make test)
	$(BIN)/python bench/run.py

clean: ## Remove the virtualenv and local databases
	rm -rf $(VENV) db.sqlite3 staticfiles
