# Områdesindex — set-up, run and test on a fresh Debian machine with Python 3.11.
#   make run   virtual environment, Leaflet, database, then the app on port 8501
#   make test  the same plus test dependencies and Debian chromium, then all tests
#   make bench performance figures (not part of make test)
#   make serve-many N=2  N app processes behind nginx (sticky, WebSocket) on port $(PROXY_PORT)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
N ?= 2
PROXY_PORT ?= 8500
LEAFLET_VERSION := 1.9.4
AXE_VERSION := 4.14.1
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Everything the database is built from: the committed compact data and the
# code that turns it into indicators.duckdb (the committed format and the build,
# areaindex/store/, and the errors they raise). Editing the engine, the views or
# the raw readers does not rebuild it (tests/test_layers.py holds this list to
# what the build imports).
# data/added itself too: removing an added indicator changes the folder's time.
DB_INPUTS := $(wildcard data/*.csv data/*.toml geodata/*.csv geodata/*.geojson) \
             $(wildcard data/reference/*.csv data/sverige/* geodata/sverige/*) \
             $(wildcard data/added data/added/*.csv data/added/*.toml) \
             $(wildcard areaindex/store/*.py) areaindex/errors.py areaindex/data_errors.py

.PHONY: run serve-many test bench lint venv dev static db chromium nginx pango prepare clean

run: pango venv static indicators.duckdb
	$(PY) -m ui.serve --server.port $(PORT)

# N processes, each as `make run` starts one, behind nginx on one port
# (deploy/serve_many.py, deploy/nginx.conf.template; docs/deployment.md).
serve-many: pango venv static indicators.duckdb nginx
	$(PY) -m deploy.serve_many --processes $(N) --port $(PROXY_PORT)

# Two workers, one test file each at a time (a file's fixtures are set up once);
# each worker builds its own database and static folder (tests/conftest.py).
# (Three workers on the two cores measured slower: 464 s against about 410 s.)
test: pango dev static chromium nginx tests/.vendor/axe.min.js
	$(PY) -m pytest -n 2 --dist loadfile

bench: pango dev static indicators.duckdb chromium nginx
	$(PY) -m bench

lint: dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

venv: $(VENV)/.installed
dev: $(VENV)/.installed-dev

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Leaflet comes from the npm registry at set-up; no third-party code is committed.
static: static/leaflet/leaflet.js

static/leaflet/leaflet.js:
	rm -rf static/.npm && mkdir -p static/.npm static/leaflet
	cd static/.npm && npm pack --silent leaflet@$(LEAFLET_VERSION) >/dev/null
	tar -xzf static/.npm/leaflet-$(LEAFLET_VERSION).tgz -C static/.npm
	cp -R static/.npm/package/dist/. static/leaflet/
	rm -rf static/.npm
	test -s $@

# axe-core (accessibility checks in the browser tests), from the npm registry; never committed.
tests/.vendor/axe.min.js:
	rm -rf tests/.vendor/.npm && mkdir -p tests/.vendor/.npm
	cd tests/.vendor/.npm && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null
	tar -xzf tests/.vendor/.npm/axe-core-$(AXE_VERSION).tgz -C tests/.vendor/.npm
	cp tests/.vendor/.npm/package/axe.min.js $@
	rm -rf tests/.vendor/.npm
	test -s $@

# Rebuilt when missing or older than anything it is built from.
db: indicators.duckdb
indicators.duckdb: $(VENV)/.installed $(DB_INPUTS)
	$(PY) -m areaindex build

# Regenerates the committed compact data from the raw sources (needs ../shared).
prepare: venv
	$(PY) -m areaindex prepare --source ../shared/data

chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq chromium >/dev/null; }
	@command -v chromium >/dev/null

# Debian's nginx, for serve-many and its tests; run from a generated config, never /etc/nginx.
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq nginx >/dev/null; }
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx

# WeasyPrint (the PDF report) draws text with Pango; installed only when missing.
PANGO_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0
pango:
	@if [ "$$(dpkg-query -W -f='$${Status}\n' $(PANGO_PACKAGES) 2>/dev/null | \
	  grep -c 'ok installed')" -lt 2 ]; then $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq $(PANGO_PACKAGES) >/dev/null; fi

clean:
	rm -rf $(VENV) static indicators.duckdb
