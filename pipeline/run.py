"""Runs a corpus into the database: finding files, skipping unchanged ones, batching, a summary.

Documents are read lazily and analysed in batches; each batch is written in its own
transaction as soon as it is done, so a crash loses at most the batches in flight.
"""

from __future__ import annotations

import hashlib
import sys
import time
from dataclasses import dataclass, field
from typing import Iterator

from tqdm import tqdm

from pipeline import store
from pipeline.errors import IngestError
from pipeline.executors import make_executor
from pipeline.ingest import DEFAULT_MAX_BYTES, Source, corpus_root, discover, load_bytes, to_article
from pipeline.nlp import DEFAULT_MODEL
from pipeline.records import Article, DocResult, Failure
from pipeline.rules import load_rules

DEFAULT_DB = "output/armsledger.db"
DEFAULT_CORPUS = "corpus"


@dataclass
class Summary:
    ok: int = 0
    skipped: int = 0
    failed: int = 0
    deals: int = 0
    meetings: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    pruned: bool = False

    @property
    def documents(self) -> int:
        return self.ok + self.skipped + self.failed

    def render(self) -> str:
        rate = (self.ok + self.failed) / self.seconds if self.seconds else 0.0
        lines = [f"armsledger: {self.documents} documents: {self.ok} ok, {self.skipped} skipped, {self.failed} failed; "
                 f"{self.deals} deals, {self.meetings} meetings; {self.seconds:.1f} s ({rate:.1f} documents/s)"]
        lines += [f"  failed: {f}" for f in self.failures]
        if self.missing:
            verb = "removed from the database" if self.pruned else "still in the database (--prune removes them)"
            lines += [f"  gone from the corpus, {verb}: {p}" for p in self.missing]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class _Skip:
    path: str


def _read(sources: list[Source], known: dict[tuple[str, str], tuple], *, rules, force: bool,
          max_bytes: int) -> Iterator[Article | Failure | _Skip]:
    """Each source as an Article to analyse, a Failure to record, or a skip (unchanged since stored)."""
    for src in sources:
        try:
            data = load_bytes(src, max_bytes=max_bytes)
        except IngestError as e:
            yield Failure(src.path, src.root, None, str(e))
            continue
        sha = hashlib.sha256(data).hexdigest()
        stored = known.get((src.root, src.path))
        if not force and stored is not None and stored[0] == sha and stored[1] == "ok":
            yield _Skip(src.path)
            continue
        try:
            yield to_article(src, data, rules=rules)
        except IngestError as e:
            yield Failure(src.path, src.root, sha, str(e))


class _Bar(tqdm):
    monitor_interval = 0  # no monitor thread: worker processes may be forked (pipeline.executors.start_method)


def run_corpus(folders: list[str], *, db: str = DEFAULT_DB, rules_dirs: list[str] = (), workers: int = 1,
               executor: str = "local", scheduler: str | None = None, force: bool = False, batch_size: int = 32,
               max_bytes: int = DEFAULT_MAX_BYTES, prune: bool = False, model: str = DEFAULT_MODEL,
               progress: bool | None = None) -> Summary:
    """Analyse every article under ``folders`` into ``db``; returns what happened.

    Files are read one at a time as batches are needed; a file whose (path, sha256) is stored is skipped
    before any analysis (and if nothing is new, the model is never loaded). Batches go to the executor
    (this process, ``workers`` local processes, or Dask); their results come back in order and are
    written here, by the only writer, one transaction per batch."""
    started = time.perf_counter()
    rules = load_rules(list(rules_dirs))
    sources = list(discover(folders))
    engine = store.connect(db, create=True)
    summary = Summary()
    runner = None
    try:
        known: dict[tuple[str, str], tuple] = {}
        roots = sorted({corpus_root(f) for f in folders})
        for root in roots:
            for path, row in store.known_documents(engine, root).items():
                known[(root, path)] = row
        runner = make_executor(executor, rules, model, workers, scheduler)
        show = sys.stderr.isatty() if progress is None else progress
        bar = _Bar(total=len(sources), unit="doc", disable=not show, file=sys.stderr, dynamic_ncols=True)
        unread: list[Failure] = []  # files that could not be read, written with the next batch

        def write(results: list[DocResult | Failure]) -> None:
            fresh = []
            for result in results:
                if isinstance(result, Failure):
                    stored = known.get((result.root, result.path))
                    if not (stored and stored[1] == "failed" and stored[0] == result.sha256 and stored[2] == result.error):
                        fresh.append(result)  # (failed before in the same way: nothing to rewrite)
                    summary.failed += 1
                    summary.failures.append(result.error)
                else:
                    fresh.append(result)
                    summary.ok += 1
                    summary.deals += len(result.deals)
                    summary.meetings += len(result.meetings)
            store.save_batch(engine, fresh)
            bar.update(len(results))

        def batches() -> Iterator[list[Article]]:
            batch: list[Article] = []
            checked = False
            for item in _read(sources, known, rules=rules, force=force, max_bytes=max_bytes):
                if isinstance(item, _Skip):
                    summary.skipped += 1
                    bar.update(1)
                elif isinstance(item, Failure):
                    unread.append(item)
                else:
                    if not checked:  # a pattern spaCy rejects stops the run here, not in a worker
                        runner.prepare()
                        checked = True
                    batch.append(item)
                    if len(batch) >= batch_size:
                        yield batch
                        batch = []
            if batch:
                yield batch

        for results in runner.map(batches()):
            write(results + unread)
            unread.clear()
        write(unread)
        bar.close()
        present = {(s.root, s.path) for s in sources}
        for root in roots:
            gone = [p for (r, p) in known if r == root and (r, p) not in present]
            if gone and prune:
                store.prune(engine, root, [p for (r, p) in present if r == root])
                summary.pruned = True
            summary.missing += sorted(gone)
    finally:
        if runner is not None:
            runner.close()
        engine.dispose()
    summary.seconds = time.perf_counter() - started
    return summary
