# The two commands a newcomer needs: `make` and `make test`.
PY      := .venv/bin/python
STAMP   := .venv/.installed
JOBS    ?=

.PHONY: all build test bench clean distclean

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

bench: $(STAMP)
	$(PY) -m pressroom.tools.bench

clean:
	rm -rf dist .dist-*

distclean: clean
	rm -rf .venv
