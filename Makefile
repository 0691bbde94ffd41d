# make run: install if needed, analyse corpus/ into output/armsledger.db, then write output/report.html
# make test: install if needed, then run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test bench field clean

install: $(STAMP)

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,postgres,dask,parquet,serve]'
	touch $(STAMP)

# the report is written even where some documents failed (it lists them); run's exit status is kept
run: $(STAMP)
	$(BIN)/armsledger run corpus/ --db output/armsledger.db; status=$$?; \
	$(BIN)/armsledger report --db output/armsledger.db -o output/report.html && exit $$status

test: $(STAMP)
	$(BIN)/python -m pytest

# the field set of real pages: run and score the tune and check splits (texts laid as tests/field/README.md says)
field: $(STAMP)
	$(BIN)/python tests/field/field.py

bench: $(STAMP)
	$(BIN)/armsledger bench --docs 2000

clean:
	rm -rf $(VENV) output/*.db output/*.db-wal output/*.db-shm
