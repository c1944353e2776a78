# The two commands a newcomer needs: `make` and `make test`.
PY      := .venv/bin/python
STAMP   := .venv/.installed
JOBS    ?=

.PHONY: all build test bench corpus clean distclean

all: build

$(STAMP): pyproject.toml
	python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(PY) build.py all $(if $(JOBS),--jobs $(JOBS))

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) -m pressroom.tools.bench

corpus: $(STAMP)
	$(PY) -m pressroom.tools.corpus

clean:
	rm -rf dist

distclean: clean
	rm -rf .venv
