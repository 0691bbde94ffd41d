"""Signals to a run with --workers: no worker outlives its parent; SIGTERM ends a run like Ctrl-C."""

from __future__ import annotations

import multiprocessing as mp
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import psutil
import pytest

from pipeline.executors import ProcessPool
from pipeline.lifeline import ORPHAN_EXIT
from tests.conftest import ROOT

ARMSLEDGER = [sys.executable, "-m", "pipeline"]
COPIES = 4  # 40 documents: a run of several seconds with two workers


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """``COPIES`` renamed copies of the sample corpus's articles (their sidecars too)."""
    folder = tmp_path_factory.mktemp("signals") / "corpus"
    folder.mkdir()
    for i in range(COPIES):
        for p in sorted((ROOT / "corpus").iterdir()):
            shutil.copy(p, folder / f"{i:02d}_{p.name}")
    return folder


def _start(corpus: Path, db: Path) -> tuple[subprocess.Popen, list[psutil.Process]]:
    """A run with two workers, returned once both worker processes exist."""
    proc = subprocess.Popen([*ARMSLEDGER, "run", str(corpus), "--workers", "2", "--batch-size", "2", "--db", str(db)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    parent = psutil.Process(proc.pid)
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        workers = parent.children(recursive=True)
        if len(workers) >= 2:
            return proc, workers
        time.sleep(0.05)
    proc.kill()
    pytest.fail(f"the run never had two workers (exit {proc.wait()}): {proc.stderr.read()[-2000:]}")


def _left(workers: list[psutil.Process], within: float) -> list[psutil.Process]:
    """The workers still running after ``within`` seconds (reaped zombies count as gone)."""
    gone, alive = psutil.wait_procs(workers, timeout=within)
    return [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


def _cleanup(workers: list[psutil.Process]) -> None:
    for p in workers:
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass


def test_signals_sigkill_of_the_parent_ends_every_worker(tmp_path, corpus):
    proc, workers = _start(corpus, tmp_path / "killed.db")
    try:
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
        left = _left(workers, within=10)
        assert not left, f"workers outlived their parent: {[p.pid for p in left]}"
    finally:
        _cleanup(workers)
        proc.communicate()


def test_signals_sigterm_is_an_interrupt_exit_143(tmp_path, corpus):
    proc, workers = _start(corpus, tmp_path / "terminated.db")
    try:
        time.sleep(1)  # the workers have started on the first batches
        assert proc.poll() is None, "the run ended before the signal: make the corpus larger"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 143, err[-2000:]
        assert "armsledger: interrupted; every document written so far is stored whole" in err
        assert "Traceback" not in err, err[-2000:]
        left = _left(workers, within=10)
        assert not left, f"workers outlived their parent: {[p.pid for p in left]}"
    finally:
        _cleanup(workers)


def test_signals_abort_kills_workers_rather_than_wait_for_their_batches():
    """An interrupted run stops in well under a batch's time (it used to wait for the batches in flight)."""
    runner = ProcessPool(rules=None, model="", workers=2)
    runner._pool = ProcessPoolExecutor(2, mp_context=mp.get_context("spawn"))
    busy = [runner._pool.submit(time.sleep, 60) for _ in range(2)]
    while not all(f.running() for f in busy):
        time.sleep(0.05)
    workers = list(runner._pool._processes.values())
    started = time.time()
    runner.abort()
    assert time.time() - started < 10
    assert not any(w.is_alive() for w in workers)


# A pool of two workers bound to this script's process, as ProcessPool's are; prints "ready" once they run.
POOL = """
import multiprocessing as mp, os, sys, time
from concurrent.futures import ProcessPoolExecutor
import pipeline.lifeline as lifeline
if sys.argv[2] == "watcher":
    lifeline._kernel_kills_orphan = lambda: None  # (inherited by forked workers only)
pool = ProcessPoolExecutor(2, mp_context=mp.get_context(sys.argv[1]), initializer=lifeline.bind_to_parent,
                           initargs=(os.getpid(),))
list(pool.map(time.sleep, [0.5, 0.5]))
print("ready", flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize("method, guard", [("fork", "kernel"), ("spawn", "kernel"), ("fork", "watcher")])
def test_signals_pool_workers_end_with_their_parent(method, guard):
    """Forked or spawned, by the kernel's signal or by the watcher thread alone."""
    proc = subprocess.Popen([sys.executable, "-c", POOL, method, guard], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                            start_new_session=True)
    workers = []
    try:
        assert proc.stdout.readline().strip() == "ready"
        workers = psutil.Process(proc.pid).children(recursive=True)
        assert len(workers) >= 2
        proc.kill()
        proc.wait(timeout=10)
        left = _left(workers, within=10)
        assert not left, f"workers outlived their parent: {[p.pid for p in left]}"
    finally:
        _cleanup(workers)
        proc.kill()
        proc.communicate()


def test_signals_watcher_ends_a_process_whose_parent_is_gone():
    """The portable fallback alone (no prctl): a process told its parent is another pid ends itself."""
    code = "import time; from pipeline.lifeline import watch_parent; watch_parent(-1, 0.05); time.sleep(30)"
    started = time.time()
    child = subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=20)
    assert child.returncode == ORPHAN_EXIT
    assert time.time() - started < 10
