# WeGO training programs site. `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: help install migrate seed run test lint format check lock clean

help: ## List every target with what it does
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --requirement requirements-dev.lock
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the locked dependencies

migrate: install ## Apply database migrations
	DJANGO_DEBUG=$${DJANGO_DEBUG-1} $(BIN)/python manage.py migrate --noinput

seed: migrate ## Load the seed fixtures (never overwrites an editor's change)
	DJANGO_DEBUG=$${DJANGO_DEBUG-1} $(BIN)/python manage.py load_seed

run: seed ## Set up everything and serve the site on http://127.0.0.1:$(PORT) (debug on)
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install ## Run the whole test suite (SQLite, or the database in DATABASE_URL)
	$(BIN)/pytest

lint: install ## Check style and formatting with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Reformat the code and fix what ruff can fix
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django system checks and no missing migrations
	DJANGO_DEBUG=1 $(BIN)/python manage.py check
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

lock: ## Re-pin the dependencies from pyproject.toml into the lock files
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile --quiet pyproject.toml -o requirements.lock
	$(PYTHON) -m uv pip compile --quiet pyproject.toml --extra dev -o requirements-dev.lock

clean: ## Remove the virtualenv, the SQLite database and collected static files
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
