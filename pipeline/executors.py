"""Where batches of articles are analysed: in this process, in a pool of local processes, or on a
Dask cluster. Each gives back the batches' results in the order the batches went in, keeps a
bounded number of batches in flight (memory stays flat however long the corpus), and loads
the model once per process. Only plain records travel: Articles out, DocResults back.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import sys
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator, Protocol

from pipeline.analyse import analyse
from pipeline.errors import PipelineError
from pipeline.lifeline import bind_to_parent
from pipeline.nlp import Toolkit, check_patterns
from pipeline.records import Article, DocResult, Failure
from pipeline.ruletypes import Rules

Results = list[DocResult | Failure]
EXECUTORS = ("local", "dask")


class Executor(Protocol):
    def prepare(self) -> None:
        """Called before the first batch: raise RuleFileError for a pattern spaCy rejects."""

    def map(self, batches: Iterable[list[Article]]) -> Iterator[Results]: ...

    def close(self) -> None: ...

    def abort(self) -> None:
        """Stop at once, the work in flight dropped: the run was interrupted or failed."""


def in_order(submit: Callable[[list[Article]], object], batches: Iterable[list[Article]], limit: int,
              result: Callable[[object, list[Article]], Results]) -> Iterator[Results]:
    """Submit batches, at most ``limit`` in flight, and yield their results first in, first out."""
    pending: deque[tuple[object, list[Article]]] = deque()
    for batch in batches:
        pending.append((submit(batch), batch))
        if len(pending) >= limit:
            yield result(*pending.popleft())
    while pending:
        yield result(*pending.popleft())


def died(article: Article, why: str) -> Failure:
    return Failure(article.path, article.root, article.sha256, f"{article.path}: {why}")


class InProcess:
    """This process, the model loaded on the first batch (a run with nothing new never loads it)."""

    def __init__(self, rules: Rules, model: str) -> None:
        self.rules, self.model = rules, model
        self._kit: Toolkit | None = None

    def prepare(self) -> None:
        if self._kit is None:
            self._kit = Toolkit(self.rules, self.model).warm()  # building the matchers checks the patterns

    def map(self, batches: Iterable[list[Article]]) -> Iterator[Results]:
        for batch in batches:
            self.prepare()
            yield analyse(batch, self._kit)

    def close(self) -> None:
        self._kit = None

    abort = close


# ---- a pool of local processes --------------------------------------------------------------------

_WORKER_KIT: Toolkit | None = None


def _start_worker(parent_pid: int, rules: Rules, model: str) -> None:
    global _WORKER_KIT
    bind_to_parent(parent_pid)  # a parent SIGKILLed or SIGTERMed must not leave this process waiting forever
    gc.freeze()  # a forked worker's collector leaves what it inherited alone: those pages stay shared
    _WORKER_KIT = Toolkit(rules, model).warm()


def _analyse_in_worker(batch: list[Article]) -> Results:
    assert _WORKER_KIT is not None, "worker started without its toolkit"
    return analyse(batch, _WORKER_KIT)


def start_method() -> mp.context.BaseContext:
    """How worker processes start. On Linux, where this process runs no other Python thread, they are
    forked: a worker begins with every module imported and only loads the model (about a second, not three).
    Elsewhere, or beside another Python thread (forking one is unsafe), they are spawned afresh. (Native
    thread pools, such as numpy's BLAS, handle a fork themselves.)"""
    if sys.platform == "linux" and threading.active_count() == 1:
        return mp.get_context("fork")
    return mp.get_context("spawn")


class ProcessPool:
    """N processes of this machine, one model each, loaded in the worker (never inherited)."""

    def __init__(self, rules: Rules, model: str, workers: int) -> None:
        self.rules, self.model, self.workers = rules, model, workers
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=start_method(),
                                             initializer=_start_worker,
                                             initargs=(os.getpid(), self.rules, self.model))
        return self._pool

    def _result(self, future: Future, batch: list[Article]) -> Results:
        try:
            return future.result()
        except BrokenProcessPool:
            # a process died (killed, out of memory, a crash in native code): start afresh and take the
            # batch's documents one at a time, so that only a document that kills a process again fails
            self._restart()
            out: Results = []
            for article in batch:
                try:
                    out += self._executor().submit(_analyse_in_worker, [article]).result()
                except BrokenProcessPool:
                    self._restart()
                    out.append(died(article, "the process analysing it died"))
            return out

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def prepare(self) -> None:
        check_patterns(self.rules)  # here, not in a worker, where it would only break the pool

    def map(self, batches: Iterable[list[Article]]) -> Iterator[Results]:
        yield from in_order(lambda b: self._executor().submit(_analyse_in_worker, b), batches, 2 * self.workers,
                             self._result)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def abort(self) -> None:
        """Kill the workers rather than wait for their batches: only this process writes, so nothing
        of theirs is lost that the next run would not redo."""
        if self._pool is not None:
            pool, self._pool = self._pool, None
            processes = list((getattr(pool, "_processes", None) or {}).values())  # no public list before 3.14
            for process in processes:
                process.kill()
            pool.shutdown(wait=True, cancel_futures=True)


def make_executor(kind: str, rules: Rules, model: str, workers: int, scheduler: str | None = None) -> Executor:
    if kind == "dask":
        try:
            from pipeline.dask_cluster import DaskCluster
        except ImportError:
            raise PipelineError("--executor dask needs Dask: pip install 'armsledger[dask]'") from None
        return DaskCluster(rules, model, workers, scheduler)
    if scheduler:
        raise PipelineError("--scheduler is for --executor dask")
    if workers > 1:
        return ProcessPool(rules, model, workers)
    return InProcess(rules, model)
