# Face Clinic Belgium. `make run` serves the site, `make test` runs the suite; see README.md.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
LANGS := nl fr en

.PHONY: requirements install run test lint format messages compilemessages clean bench bench-scale lighthouse screenshots stress

# Development and tests install production's pins plus their own, every file checked against its hash.
$(VENV)/.installed: requirements/development.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements/development.txt
	touch $@

install: $(VENV)/.installed

# The .mo catalogues are build output (not committed): compiled from locale/*.po on every run and test.
compilemessages: install
	@command -v msgfmt >/dev/null || { echo "msgfmt not found: install GNU gettext (apt-get install gettext)"; exit 1; }
	$(PY) manage.py compilemessages --ignore=$(VENV) --verbosity 0

run: compilemessages
	$(PY) manage.py migrate --noinput --verbosity 0
	$(PY) manage.py load_clinic_content --if-empty
	$(PY) manage.py ensure_dev_admin
	@echo "Serving http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: compilemessages
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/djhtml --check site/templates

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/djhtml site/templates

# The failure tests and the fuzzing at full counts, on PostgreSQL (its own databases, dropped afterwards):
# 200 concurrent quote posts, SMTP down during 50, database connections cut during 200, 10,000 fuzzed posts.
STRESS_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/stress
stress: compilemessages
	DATABASE_URL=$(STRESS_DATABASE_URL) FAILURE_CONCURRENT_POSTS=200 FAILURE_SMTP_DOWN_POSTS=50 \
	FAILURE_RESTART_POSTS=200 FUZZ_FORM_EXAMPLES=10000 FUZZ_SEARCH_EXAMPLES=2000 \
	$(PY) -m pytest -s -p no:cacheprovider tests/test_failures.py tests/test_fuzz.py $(PYTEST_ARGS)

# Extract every UI string into locale/<lang>/LC_MESSAGES/django.po, then compile. Locations name the file only,
# so that moving code does not rewrite the catalogues (and parallel branches merge without conflicts).
messages: install
	$(PY) manage.py makemessages $(addprefix -l ,$(LANGS)) --ignore=$(VENV) --ignore=static_collected --no-obsolete --add-location=file
	$(PY) manage.py compilemessages --ignore=$(VENV)

# After changing requirements/*.in: pin everything again, with hashes (pip-tools). Production installs
# requirements/production.txt; development and CI requirements/development.txt (production's pins and theirs).
PIP_COMPILE := $(VENV)/bin/pip-compile --generate-hashes --allow-unsafe --strip-extras --no-header \
	--no-emit-index-url --no-emit-find-links --quiet
requirements: install
	cd requirements && ../$(PIP_COMPILE) -o production.txt production.in
	cd requirements && ../$(PIP_COMPILE) -o development.txt development.in

clean:
	rm -rf $(VENV) db.sqlite3 media static_collected

# Production settings under gunicorn on loopback with Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/0;
# its keys under a prefix of the run's own, deleted afterwards), loaded with wrk (or a Python client): tools/bench.py.
bench: compilemessages
	$(PY) tools/bench.py

# The sitemap, listings, retention purge and CSV export at the clinic's size and at a large one, and their ratio
# (SCALE_PAGES, SCALE_REQUESTS; SCALE_DATABASE_URL for PostgreSQL): tools/bench_scale.py.
bench-scale: compilemessages
	$(PY) tools/bench_scale.py

# Lighthouse from npm in Debian's Chromium: 100 in all four categories, or it fails.
lighthouse: compilemessages
	@command -v chromium >/dev/null || { echo "chromium not found: apt-get install chromium"; exit 1; }
	cd tools && npm install --no-audit --no-fund --silent
	$(PY) tools/lighthouse.py

# Every public page type in nl/fr/en at 390 px and 1280 px, full page, into ./screenshots/ (Debian's Chromium).
screenshots: compilemessages
	@command -v chromium >/dev/null || { echo "chromium not found: apt-get install chromium"; exit 1; }
	$(PY) -m pytest tests/e2e/screenshots.py -q -p no:cacheprovider
	@echo "Screenshots in ./screenshots/"
