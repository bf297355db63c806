# WeGO training programs site. `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: help install migrate seed run demo serve bench test deploy-check lint format check lock clean

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

seed: migrate ## Load the seed fixtures (never overwrites an editor's change) and draw their social cards
	DJANGO_DEBUG=$${DJANGO_DEBUG-1} $(BIN)/python manage.py load_seed
	DJANGO_DEBUG=$${DJANGO_DEBUG-1} $(BIN)/python manage.py make_cards

run: seed ## Set up everything and serve the site on http://127.0.0.1:$(PORT) (debug on; queued emails print here)
	@# The email queue is sent every few seconds beside the server; in debug mode the
	@# emails are printed on this console.
	DJANGO_DEBUG=1 bash -c 'while sleep 3; do $(BIN)/python manage.py send_queued_mail --log-level 0 2>/dev/null; done & \
	  sender=$$!; trap "kill $$sender" EXIT; $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)'

demo: migrate ## Add a clearly marked sample program with an open call, to try applying (safe to repeat)
	DJANGO_DEBUG=$${DJANGO_DEBUG-1} $(BIN)/python manage.py load_demo

serve: install ## Serve like production (debug off, gunicorn) on 127.0.0.1:$(PORT); needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS
	@missing=""; \
	for var in DJANGO_SECRET_KEY DJANGO_ALLOWED_HOSTS; do [ -n "$${!var}" ] || missing="$$missing $$var"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make serve: set$$missing first, e.g." >&2; \
	  echo "  DJANGO_SECRET_KEY=\$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))') DJANGO_ALLOWED_HOSTS=localhost,127.0.0.1 make serve" >&2; \
	  echo "(see .env.example for every variable)" >&2; exit 2; \
	fi
	@if [ "$${DJANGO_SECURE_SSL_REDIRECT-1}" != "0" ]; then \
	  echo "Note: plain HTTP is redirected to HTTPS (nginx with TLS is expected in front)." \
	       "To browse http://127.0.0.1:$(PORT) directly on this machine, start it with" \
	       "DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 (and 127.0.0.1 in DJANGO_ALLOWED_HOSTS)."; \
	else \
	  echo "Note: serving plain HTTP on http://127.0.0.1:$(PORT), for this machine only" \
	       "(in production nginx speaks HTTPS in front)."; \
	fi
	@if [ "$${DJANGO_MEDIA_STORAGE-filesystem}" != "s3" ]; then \
	  echo "Note: uploaded pictures and social cards (/media/) are served by nginx in front," \
	       "not by gunicorn: browsed directly they show as broken pictures. To see them, put" \
	       "deploy/nginx.conf in front (README.md, \"make serve\"; docs/deployment.md)."; \
	fi
	DJANGO_DEBUG=0 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=0 $(BIN)/python manage.py createinitialrevisions --comment "First recorded version." --verbosity 0
	DJANGO_DEBUG=0 $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DJANGO_DEBUG=0 $(BIN)/python manage.py write_error_pages --verbosity 0
	DJANGO_DEBUG=0 PORT=$(PORT) exec $(BIN)/gunicorn --config gunicorn.conf.py

bench: install ## Measure requests/s and latency of the main pages (wrk; see docs/performance.md)
	bash bench/run.sh

test: install ## Run the whole test suite (SQLite, or the database in DATABASE_URL), a process per core
	$(BIN)/pytest -n auto

deploy-check: install ## nginx (deploy/nginx.conf) in front of `make serve`: lockout, uploads, slow clients, front cache, two servers
	$(BIN)/pytest -m deploy tests/deploy

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
	$(PYTHON) -m uv pip compile --quiet --python-version 3.11 pyproject.toml -o requirements.lock
	$(PYTHON) -m uv pip compile --quiet --python-version 3.11 pyproject.toml --extra dev -o requirements-dev.lock

clean: ## Remove the virtualenv, the SQLite database, collected static files and bench results
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache bench-results
