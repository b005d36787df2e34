# `make site` builds the site into site/; `make test` runs every test.
# Both create .venv and install the project into it when missing; `make test`
# also installs the test tools the project needs: Debian's Chromium (for the
# browser tests, when run as root with apt-get) and the npm dev tools.
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
DATA ?= data
# What builds the site: mkdocs, properdocs or zensical (README, "After Material for MkDocs");
# `make site BUILDER=properdocs` installs it into .venv the first time.
BUILDER ?= mkdocs
BUILDER_INSTALLED := $(if $(filter-out mkdocs,$(BUILDER)),$(VENV)/.builder-$(BUILDER))
export NO_MKDOCS_2_WARNING := 1
# Silent: no command echoes, and no "(ignored)" line after a failed `site` or `validate`.
MAKEFLAGS += --silent

.PHONY: site serve test validate due new update tools clean

# `site` and `validate` are for people: when the data has problems they end with one plain
# line ("3 problems: nothing was published") and no "make: *** Error 1" after it, which reads
# like a crash. So their command's failure is not passed on as make's exit status (the leading
# `-`, silent), and make exits 0. Scripts and workflows run `python -m transparency build` or
# `validate` themselves, whose exit status is 1 on any problem.
# Builds into a folder beside site/ and swaps it in only on success.
site: $(VENV)/.installed $(BUILDER_INSTALLED)
	-@$(PY) -m transparency build --builder $(BUILDER)

serve: $(VENV)/.installed $(BUILDER_INSTALLED)
	$(PY) -m transparency serve --builder $(BUILDER)

test: $(VENV)/.installed tools
	$(PY) -m pytest

validate: $(VENV)/.installed
	-@$(PY) -m transparency validate --data $(DATA)

# What is due on the build date (EDITING.md, "What is due this week"); HTML=due.html also
# writes it as a printable page, which is for staff and never published.
due: $(VENV)/.installed
	$(PY) -m transparency due --data $(DATA) $(if $(HTML),--html "$(HTML)")

# Start a new office's site in FOLDER, asking for each value at the prompt
# (EDITING.md, "Starting a site for your office"); and, in an office's own project,
# take the generator's later fixes from the checkout at FROM (its README.md says how).
new: $(VENV)/.installed
	if [ -z "$(FOLDER)" ]; then echo "Say where: make new FOLDER=../our-office-site"; exit 2; fi
	$(PY) -m transparency new "$(FOLDER)"

update: $(VENV)/.installed
	if [ -z "$(FROM)" ]; then echo "Say where the newer generator is: make update FROM=../generator"; exit 2; fi
	$(PY) -m transparency update --from "$(FROM)"

$(VENV)/.builder-%: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[$*]'
	touch $@

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Chromium from Debian (never `playwright install`, which downloads a browser);
# node_modules from package-lock.json. Each step is skipped when already done.
tools: node_modules/.installed
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "note: /usr/bin/chromium is missing, so the browser tests will be skipped (apt-get install chromium)"; fi; \
	fi

node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "note: npm is missing, so the workflow lint and HTML checks will be skipped"; fi

clean:
	rm -rf $(VENV) site node_modules
