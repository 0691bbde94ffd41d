"""The commands end to end: armsledger run on the seed articles, facts through the views, the scorer."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from pipeline.cli import main, parser
from tests.conftest import ROOT, SCORER, SEEDS, SEEDS_GOLD, need_shared

ARMSLEDGER = [sys.executable, "-m", "pipeline"]


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    need_shared()
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    proc = subprocess.run([*ARMSLEDGER, "run", str(SEEDS), "--db", str(db)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "5 documents: 5 ok, 0 skipped, 0 failed" in proc.stdout
    return db


def rows(db, sql, *args):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_vietnam_k9_deal(seeds_db):
    got = rows(seeds_db, """SELECT d.supplier, d.quantity_low, d.quantity_high, d.value_low, d.value_high, d.currency,
                                   d.per_unit, d.value_usd_low, d.value_usd_high, d.status
                            FROM deals d JOIN deal_systems s USING (event_id) WHERE d.buyer = 'VNM' AND s.system = 'K9 Thunder'""")
    assert got == [("KOR", 25, 30, 14e9, 20e9, "KRW", 1, 9.73e6, 13.9e6, "negotiating")]


def test_won_jong_dae_and_oliver_harry_met_in_seoul(seeds_db):
    got = rows(seeds_db, """SELECT m.date, m.date_precision, m.location, m.location_country FROM meetings m
                            WHERE m.event_id IN (SELECT event_id FROM meeting_participants WHERE name = 'Won Jong-dae')
                              AND m.event_id IN (SELECT event_id FROM meeting_participants WHERE name = 'Oliver Harry')""")
    assert got == [("2025-01-20", "day", "Seoul", "KOR")]


def test_poland_chunmoo_deal(seeds_db):
    got = rows(seeds_db, """SELECT d.supplier, d.value_usd_low, d.status FROM deals d JOIN deal_systems s USING (event_id)
                            WHERE d.buyer = 'POL' AND s.system = 'Chunmoo'""")
    assert got == [("KOR", 1.6e9, "signed")]


def test_every_stored_span_is_its_text(seeds_db):
    for path, text, start, end in rows(seeds_db, "SELECT path, text, start_char, end_char FROM money_mentions"):
        article = (SEEDS / path).read_text(encoding="utf-8")
        assert article[start:end] == text


def test_scorer_reads_the_database(seeds_db):
    proc = subprocess.run([sys.executable, str(SCORER), str(SEEDS_GOLD), str(seeds_db)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    assert figures["deals"]["f1"] >= 0.6 and figures["meetings"]["f1"] >= 0.6


def test_the_commands_and_the_scorer_on_each_database(seeds_db, db_url):
    """run, query and the scorer against a database URL (PostgreSQL where a server is given) agree with SQLite."""
    proc = subprocess.run([*ARMSLEDGER, "run", str(SEEDS), "--db", db_url, "--workers", "2"], capture_output=True,
                          text=True, cwd=ROOT)
    assert proc.returncode == 0 and "5 ok, 0 skipped, 0 failed" in proc.stdout, proc.stderr
    scores = [subprocess.run([sys.executable, str(SCORER), str(SEEDS_GOLD), str(db)], capture_output=True,
                             text=True).stdout for db in (seeds_db, db_url)]
    assert scores[0] == scores[1] and "deals" in scores[0]
    query = subprocess.run([*ARMSLEDGER, "query", "deal_systems", "--db", db_url, "--format", "csv"],
                           capture_output=True, text=True, cwd=ROOT)
    assert sorted(line.rsplit(",", 1)[0] for line in query.stdout.splitlines()[1:]) == sorted(  # less the named flag
        f"{e},{s}" for e, s in rows(seeds_db, "SELECT event_id, system FROM deal_systems"))


def test_second_run_skips_everything(seeds_db):
    proc = subprocess.run([*ARMSLEDGER, "run", str(SEEDS), "--db", str(seeds_db)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and "0 ok, 5 skipped, 0 failed" in proc.stdout


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_formats(seeds_db, capsys, fmt):
    assert main(["query", "deals", "--db", str(seeds_db), "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        first = json.loads(out.splitlines()[0])
        assert {"supplier", "buyer", "status", "rule"} <= set(first)
    elif fmt == "csv":
        assert out.splitlines()[0].startswith("event_id,document_id,path,sentence")
    else:
        assert out.splitlines()[0].split()[:3] == ["event_id", "document_id", "path"] and "rows)" in out


@pytest.mark.parametrize("argv,message", [
    (["run", "/no/such/folder", "--db", "/tmp/x.db"], "corpus folder or article file not found"),
    (["query", "deals", "--db", "/no/such/file.db"], "database not found"),
    (["run", "--workers", "0"], "must be 1 or more"),
    (["query", "nonsense"], "invalid choice"),
])
def test_usage_errors_exit_2_with_one_line(capsys, argv, message):
    with pytest.raises(SystemExit) if argv[-1] in ("0", "nonsense") else _no_exit() as e:
        code = main(argv)
    code = e.value.code if hasattr(e, "value") else code
    err = capsys.readouterr().err.strip()
    assert code == 2 and message in err and len(err.splitlines()) == 1


class _no_exit:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_not_a_database_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.db"
    bad.write_text("not a database at all " * 50)
    assert main(["query", "deals", "--db", str(bad)]) == 2
    assert "bad.db" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["run", "query", "evaluate"])
def test_every_command_has_help_with_an_example(command):
    sub = parser()._subparsers._group_actions[0].choices[command]
    assert "example:" in sub.format_help() and f"armsledger {command}" in sub.format_help()
