# The two commands a newcomer needs: `make` and `make test`.
PY      := .venv/bin/python
STAMP   := .venv/.installed
JOBS    ?=

.PHONY: all build test bench corpus mutation validate clean distclean

all: build

$(STAMP): pyproject.toml
	@sh scripts/prereqs.sh
	python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(PY) build.py all $(if $(JOBS),--jobs $(JOBS))

test: $(STAMP)
	@sh scripts/prereqs.sh test
	$(PY) -m pytest -q

# EPUBCheck (Java), Ace by DAISY (Node.js + Debian's chromium; installed from
# tools/ace/package-lock.json) and the PDF checks, on the built book.
ACE     := tools/ace/node_modules/.package-lock.json
export PUPPETEER_EXECUTABLE_PATH ?= /usr/bin/chromium
export PUPPETEER_SKIP_DOWNLOAD := 1
export ELECTRON_SKIP_BINARY_DOWNLOAD := 1

$(ACE): tools/ace/package.json tools/ace/package-lock.json
	cd tools/ace && npm ci --no-audit --no-fund

validate: build $(ACE)
	$(PY) -m pressroom.tools.validate dist

bench: $(STAMP)
	$(PY) -m pressroom.tools.bench

# Mutation testing (slow; not in CI): `make mutation`, or one module with
# `make mutation ONLY=pressroom/doctree/ledger.py`. Scores: .mutation/scores.json
mutation: $(STAMP)
	$(PY) -m pip install --quiet -e '.[mutation]'
	$(PY) -m pressroom.tools.mutation $(if $(ONLY),--only $(ONLY))
corpus: $(STAMP)
	$(PY) -m pressroom.tools.corpus

clean:
	rm -rf dist .dist-*

distclean: clean
	rm -rf .venv .mutation
