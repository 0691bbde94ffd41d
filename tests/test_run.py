"""Runs over a corpus: skipping, replacing, forcing, pruning, and failures that stop nothing."""

from __future__ import annotations

import shutil

import pytest

from pipeline import store
from pipeline.run import run_corpus
from tests.conftest import ROOT

FILES = ["02_romania_k9_howitzers.txt", "05_philippines_fa50_order.txt", "05_philippines_fa50_order.meta.json"]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in FILES:
        shutil.copy(ROOT / "corpus" / name, folder / name)
    return folder


def _dump(db):
    e = store.connect(str(db), create=False)
    try:
        out = {}
        for view in store.VIEW_NAMES:
            cols, rows = store.view_rows(e, view)
            drop = {"ingested_at"}
            out[view] = sorted(tuple(v for c, v in zip(cols, r) if c not in drop) for r in rows)
        return out
    finally:
        e.dispose()


def test_rerun_skips_unchanged_and_replaces_changed(corpus, tmp_path):
    db = tmp_path / "a.db"
    first = run_corpus([str(corpus)], db=str(db), progress=False)
    assert (first.ok, first.skipped, first.failed) == (2, 0, 0) and first.deals > 0
    before = _dump(db)
    again = run_corpus([str(corpus)], db=str(db), progress=False)
    assert (again.ok, again.skipped) == (0, 2) and _dump(db) == before
    f = corpus / "02_romania_k9_howitzers.txt"
    f.write_text(f.read_text() + "\nPoland also ordered 48 FA-50 jets from South Korea for $3 billion.\n")
    changed = run_corpus([str(corpus)], db=str(db), progress=False)
    assert (changed.ok, changed.skipped) == (1, 1)
    after = _dump(db)
    assert after["documents"] != before["documents"]
    other = [r for r in before["money_mentions"] if r[1].startswith("05_")]
    assert other == [r for r in after["money_mentions"] if r[1].startswith("05_")]


def test_force_redoes_everything(corpus, tmp_path):
    db = tmp_path / "a.db"
    run_corpus([str(corpus)], db=str(db), progress=False)
    forced = run_corpus([str(corpus)], db=str(db), force=True, progress=False)
    assert (forced.ok, forced.skipped) == (2, 0)


def test_deleted_file_is_reported_and_pruned(corpus, tmp_path):
    db = tmp_path / "a.db"
    run_corpus([str(corpus)], db=str(db), progress=False)
    (corpus / "02_romania_k9_howitzers.txt").unlink()
    kept = run_corpus([str(corpus)], db=str(db), progress=False)
    assert kept.missing == ["02_romania_k9_howitzers.txt"] and "--prune removes them" in kept.render()
    assert len(_dump(db)["documents"]) == 2
    pruned = run_corpus([str(corpus)], db=str(db), prune=True, progress=False)
    assert pruned.missing == ["02_romania_k9_howitzers.txt"] and "removed from the database" in pruned.render()
    assert [r[1] for r in _dump(db)["documents"]] == ["05_philippines_fa50_order.txt"]


def test_bad_file_fails_alone_and_is_listed(corpus, tmp_path):
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02" * 500)
    summary = run_corpus([str(corpus)], db=str(tmp_path / "a.db"), progress=False)
    assert (summary.ok, summary.failed) == (2, 1)
    assert summary.failures == ["broken.txt: binary file (contains NUL bytes)"]
    assert "failed: broken.txt: binary file" in summary.render()
    docs = dict((r[1], r[7]) for r in _dump(tmp_path / "a.db")["documents"])
    assert docs["broken.txt"] == "failed"
