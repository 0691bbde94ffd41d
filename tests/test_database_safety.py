"""The database as a hostile user meets it (issue 12, items 8, 15, 16, 19, 20, 21, 24): refused documents
fail alone, foreign databases are left alone, paths are paths, messages are one line and keep secrets."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline import store
from pipeline.cli import main
from pipeline.errors import StoreError
from pipeline.run import run_corpus

ROOT = Path(__file__).resolve().parent.parent
DEAL = "Poland signed a $2.6 billion contract for 180 K2 tanks from South Korea on Monday.\n"


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err


def test_a_document_the_database_refuses_fails_alone_and_later_ones_go_on(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (corpus / name).write_text(DEAL)
    db = tmp_path / "x.db"
    store.connect(str(db), create=True).dispose()
    con = sqlite3.connect(db)  # a database that refuses one document's rows, as PostgreSQL refuses a NUL
    con.execute("CREATE TRIGGER refuse BEFORE INSERT ON ledger_money WHEN NEW.document_id = "
                "(SELECT id FROM ledger_documents WHERE path = 'b.txt') BEGIN SELECT RAISE(ABORT, 'no thanks'); END")
    con.commit()
    con.close()
    summary = run_corpus([str(corpus)], db=str(db), progress=False, batch_size=8)
    assert (summary.ok, summary.failed) == (2, 1)
    assert "b.txt: the database refused it (no thanks)" in summary.render()
    con = sqlite3.connect(db)
    assert con.execute("SELECT path, status FROM documents ORDER BY path").fetchall() == [
        ("a.txt", "ok"), ("b.txt", "failed"), ("c.txt", "ok")]
    con.execute("DROP TRIGGER refuse")
    con.commit()
    con.close()
    again = run_corpus([str(corpus)], db=str(db), progress=False)  # and the next run takes it
    assert (again.ok, again.skipped, again.failed) == (1, 2, 0)


def test_postgresql_refusing_a_nul_fails_that_document_alone(db_url, analyse):
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite stores a NUL; the refusal is PostgreSQL's")
    engine = store.connect(db_url, create=True)
    r = analyse(DEAL, published="2024-05-22")
    good = replace(r, article=replace(r.article, path="a.txt", root="/c", sha256="a" * 64))
    bad = replace(r, article=replace(r.article, path="b.txt", root="/c", sha256="b" * 64, title="nul\x00here"))
    refused = store.save_batch(engine, [good, bad])
    assert [(x.full_path, x.stored) for x in refused] == [("/c/b.txt", True)]
    _, docs = store.view_rows(engine, "documents")
    assert sorted((d[1], d[7]) for d in docs) == [("a.txt", "ok"), ("b.txt", "failed")]
    engine.dispose()


def test_first_runs_racing_into_a_fresh_postgresql_database_take_turns(db_url):
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite serialises schema creation itself (BEGIN IMMEDIATE)")
    errors: list[BaseException] = []

    def first_run():
        try:
            store.connect(db_url, create=True).dispose()
        except BaseException as e:  # noqa: BLE001 - collected for the assertion
            errors.append(e)

    threads = [threading.Thread(target=first_run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def _schema(db: Path) -> list:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    finally:
        con.close()


def test_a_database_that_is_not_ours_is_refused_and_left_as_it_was(tmp_path, capsys):
    db = tmp_path / "mine.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE orders (id INTEGER, item TEXT)")
    con.execute("CREATE VIEW deals AS SELECT * FROM orders")
    con.commit()
    con.close()
    before = _schema(db)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text(DEAL)
    for argv in (["run", str(tmp_path / "c"), "--db", str(db)], ["query", "deals", "--db", str(db)],
                 ["info", "--db", str(db)]):
        assert main(argv) == 2
        assert "not an armsledger database" in one_line_error(capsys)
    assert _schema(db) == before


@pytest.mark.parametrize("name", ["what?.db", "p%41.db", "a#b.db"])
def test_a_database_path_is_a_file_name_not_a_url(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    engine = store.connect(name, create=True)
    engine.dispose()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".db") == [name]


def test_a_corrupted_sqlite_file_is_one_line_and_exit_2(tmp_path, capsys):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text(DEAL)
    db = tmp_path / "x.db"
    assert main(["run", str(tmp_path / "c"), "--db", str(db)]) == 0
    capsys.readouterr()
    data = bytearray(db.read_bytes())
    page = 4096
    for i in range(page + 100, 3 * page, 3):  # the pages after the schema
        data[i] = 0xAB
    db.write_bytes(bytes(data))
    for argv in (["run", str(tmp_path / "c"), "--db", str(db), "--force"], ["info", "--db", str(db)]):
        assert main(argv) == 2
        assert "malformed" in one_line_error(capsys)


def test_query_on_an_ascii_terminal_and_a_limit_past_sql(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("Seoul — " + DEAL.replace("Poland", "Poland’s neighbour Poland") * 3)
    db = tmp_path / "x.db"
    assert main(["run", str(tmp_path / "c"), "--db", str(db)]) == 0
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    for fmt in ("table", "csv", "json"):
        out = subprocess.run([sys.executable, "-m", "pipeline", "query", "deals", "--db", str(db), "--format", fmt,
                              "--limit", "99999999999999999999999"], cwd=ROOT, env=env, capture_output=True, text=True)
        assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
        assert "Poland" in out.stdout and out.stdout.isascii()
        if fmt == "json":
            import json

            assert "’" in json.loads(out.stdout.splitlines()[0])["sentence"]


def test_a_database_password_never_reaches_a_message(capsys):
    url = "postgresql+psycopg://analyst:s3cr3t-pw@127.0.0.1:1/ledger"
    assert main(["query", "deals", "--db", url]) == 2
    err = one_line_error(capsys)
    assert "s3cr3t-pw" not in err and "***" in err
    with pytest.raises(StoreError) as e:
        store.connect(url, create=True)
    assert "s3cr3t-pw" not in str(e.value)
