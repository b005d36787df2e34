# `make site` builds the site into site/; `make test` runs every test.
# Both create .venv and install the project into it when missing.
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test validate clean

site: $(VENV)/.installed
	$(PY) -m mkdocs build
	@echo "Site built: open $(CURDIR)/site/index.html"

serve: $(VENV)/.installed
	$(PY) -m mkdocs serve

test: $(VENV)/.installed
	$(PY) -m pytest

validate: $(VENV)/.installed
	$(PY) -m transparency validate

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) site
