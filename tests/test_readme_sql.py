"""Every SQL example of the README runs, on SQLite and on PostgreSQL alike, on a database of our own corpus."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from pipeline import store
from pipeline.run import run_corpus
from tests.conftest import ROOT

QUERIES = re.findall(r"```sql\n(.*?)```", (ROOT / "README.md").read_text(), re.S)


def test_the_readme_has_sql_examples():
    assert len(QUERIES) >= 5


@pytest.fixture
def filled(db_url):
    run_corpus([str(ROOT / "tests" / "groups" / "corpus")], db=db_url, progress=False)
    engine = store.connect(db_url, create=False)
    yield engine
    engine.dispose()


def test_every_readme_query_runs(filled):
    with filled.connect() as conn:
        counts = [len(conn.execute(text(q.strip().rstrip(";"))).fetchall()) for q in QUERIES]
    assert all(n >= 0 for n in counts) and sum(counts) > 0
