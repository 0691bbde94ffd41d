"""Shared fixtures: the rules and the spaCy model are loaded once per test session."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from pipeline.analyse import analyse_text
from pipeline.nlp import Toolkit
from pipeline.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SEEDS_GOLD = SHARED / "gold" / "seeds.json"
SCORER = SHARED / "tools" / "score.py"


def need_shared() -> None:
    if not SEEDS.is_dir():
        pytest.fail(f"{SEEDS} is missing: tests read the seed articles from ../shared beside the checkout")


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture(scope="session")
def kit(rules):
    return Toolkit(rules).warm()


@pytest.fixture(scope="session")
def analyse(kit):
    """analyse("text", published="2025-01-21") -> DocResult"""

    def run(text: str, published: str | None = None):
        return analyse_text(text, kit, published=published)

    return run


# PostgreSQL: where ARMSLEDGER_TEST_PG_URL names a server (.ci/postgres starts one), the storage and
# end-to-end tests run against it as well as against SQLite, each test in a database of its own.
PG_URL = os.environ.get("ARMSLEDGER_TEST_PG_URL")
BACKENDS = ["sqlite", "postgresql"]


def _pg_database(name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    """A fresh, empty database: a SQLite file, or a new PostgreSQL database dropped afterwards."""
    if request.param == "sqlite":
        yield str(tmp_path / "test.db")
        return
    if not PG_URL:
        pytest.skip("no PostgreSQL server: set ARMSLEDGER_TEST_PG_URL (eval \"$(bash .ci/postgres)\")")
    from sqlalchemy import create_engine

    name = f"armsledger_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield _pg_database(name)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def engine(db_url):
    """The store on a fresh database of each backend (``db_url``)."""
    from pipeline import store

    e = store.connect(db_url, create=True)
    yield e
    e.dispose()


def as_older_schema(engine, version: str, columns: dict, tables=()) -> None:
    """Turn a database back into one of an older schema ``version``, for the migration tests: the views
    gone, ``tables`` dropped, ``columns`` ({Table: column names}) dropped, every document stored with
    some fingerprint. The engine is disposed of; connect again to migrate."""
    from pipeline.store.schema import VIEWS, documents, settings

    with engine.begin() as conn:
        for name in VIEWS:
            conn.exec_driver_sql(f"DROP VIEW IF EXISTS {name}")
        for table in tables:
            conn.exec_driver_sql(f"DROP TABLE {table.name}")
        for table, names in columns.items():
            for column in names:
                conn.exec_driver_sql(f"ALTER TABLE {table.name} DROP COLUMN {column}")
        conn.execute(settings.update().where(settings.c.key == "views").values(value=version))
        conn.execute(documents.update().values(fingerprint="f" * 32))
    engine.dispose()


def view_dicts(engine, view: str) -> list[dict]:
    """A view's rows as column -> value."""
    from pipeline import store

    cols, rows = store.view_rows(engine, view)
    return [dict(zip(cols, row)) for row in rows]


def as_read(result, path: str = "a.txt"):
    """An analysed text as if read from ``/corpus/PATH``, ready to store."""
    from dataclasses import replace

    return replace(result, article=replace(result.article, path=path, root="/corpus", sha256="x" * 64))


DEV = ROOT / "tests" / "dev"


@pytest.fixture(scope="session")
def seeds_dev_report(tmp_path_factory):
    """The seeds and the dev set, with one broken article beside them, analysed into a SQLite file and
    written as an HTML report: (database path, report path)."""
    from pipeline.report.html import write_report
    from pipeline.run import run_corpus

    need_shared()
    folder = tmp_path_factory.mktemp("report")
    broken = folder / "broken"
    broken.mkdir()
    (broken / "notes.txt").write_text("Poland signed a deal for 48 K9 howitzers.\n", encoding="utf-8")
    (broken / "notes.meta.json").write_text("{not json", encoding="utf-8")
    db = folder / "ledger.db"
    summary = run_corpus([str(SEEDS), str(DEV), str(broken)], db=str(db), progress=False)
    assert summary.failed == 1
    report = folder / "report.html"
    write_report(str(db), str(report))
    return db, report
