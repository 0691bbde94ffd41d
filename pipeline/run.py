"""Runs a corpus into the database: finding files, skipping unchanged ones, batching, a summary.

Documents are read lazily and analysed in batches; each batch is written in its own
transaction as soon as it is done, so a crash loses at most the batches in flight.
A document is done again when its bytes, its sidecar or the fingerprint of the rules, model
and armsledger version that made its rows (and, for an HTML page, of its text extractor) have changed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from functools import partial
from typing import Callable, Iterator

from tqdm import tqdm

from pipeline import store
from pipeline.errors import IngestError
from pipeline.executors import make_executor
from pipeline.filenames import fs_name
from pipeline.fingerprint import document_fingerprint, run_settings
from pipeline.ingest import (DEFAULT_MAX_BYTES, Source, article_file, corpus_root, discover, load_bytes, read_sidecar,
                             to_article)
from pipeline.nlp import DEFAULT_MODEL
from pipeline.records import Article, DocResult, Failure
from pipeline.rules import load_rules

log = logging.getLogger("armsledger.run")  # -v: each file's decision, yield and time, each batch's time; -vv: more

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
    absent_roots: list[str] = field(default_factory=list)
    pruned: bool = False
    regrouped: store.Regrouped = field(default_factory=store.Regrouped)
    holds: dict[str, int] = field(default_factory=dict)  # what the database holds after the run (store.database_info)

    @property
    def documents(self) -> int:
        return self.ok + self.skipped + self.failed

    def as_dict(self) -> dict:
        """The summary as one JSON object, for schedulers: this run's counts, failures and groupings, and what the
        database holds now."""
        g = self.regrouped
        return {"documents": self.documents, "ok": self.ok, "skipped": self.skipped, "failed": self.failed,
                "deals": self.deals, "meetings": self.meetings, "seconds": round(self.seconds, 3),
                "failures": self.failures, "missing": self.missing, "absent_roots": self.absent_roots,
                "pruned": self.pruned, "regrouped": {"deal_blocks": g.deal_blocks, "deal_groups": g.deal_groups,
                                                     "meeting_blocks": g.meeting_blocks,
                                                     "meeting_groups": g.meeting_groups, "people": g.people},
                "database": self.holds}

    def render(self) -> str:
        rate = (self.ok + self.failed) / self.seconds if self.seconds else 0.0
        lines = [f"armsledger: {self.documents} documents: {self.ok} ok, {self.skipped} skipped, {self.failed} failed; "
                 f"{self.deals} deals, {self.meetings} meetings; {self.seconds:.1f} s ({rate:.1f} documents/s)"]
        g = self.regrouped
        if g.deal_blocks or g.meeting_blocks or g.people:
            lines.append(f"  grouped again: the deals of {g.deal_blocks} buyer(s) into {g.deal_groups} deal group(s), the meetings "
                         f"of {g.meeting_blocks} month(s) into {g.meeting_groups} meeting group(s), {g.people} people")
        h = self.holds
        if h:
            lines.append(f"  the database holds {h['documents']} documents ({h['ok']} ok, {h['failed']} failed): {h['deals']} deals "
                         f"in {h['deal_groups']} deal groups, {h['meetings']} meetings in {h['meeting_groups']} meeting groups, "
                         f"{h['people']} people")
        lines += [f"  failed: {f}" for f in self.failures]
        verb = "removed from the database" if self.pruned else "still in the database (--prune removes them)"
        if self.missing:
            lines += [f"  gone from the corpus, {verb}: {p}" for p in self.missing]
        for root in self.absent_roots:
            how = "" if self.pruned else f"; armsledger forget {root} removes it"
            lines.append(f"  warning: stored corpus folder is gone from the disk, {verb}{how}: {root}")
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class _Skip:
    path: str


def unique_sources(folders: list[str]) -> Iterator[Source]:
    """Every file of ``folders`` once: a folder given twice, or inside another one given, adds nothing
    (files are told apart by their real path)."""
    seen: set[str] = set()
    for src in discover(folders):
        real = os.path.realpath(src.full)
        if real not in seen:
            seen.add(real)
            yield src


def _read(sources: list[Source], known: dict[str, store.Stored], *, rules, force: bool, max_bytes: int,
          fingerprint: Callable[[str], str]) -> Iterator[Article | Failure | _Skip]:
    """Each source as an Article to analyse, a Failure to record, or a skip (unchanged since stored)."""
    for src in sources:
        try:
            data = load_bytes(src, max_bytes=max_bytes)
        except IngestError as e:
            yield Failure(src.path, src.root, None, str(e))
            continue
        sha = hashlib.sha256(data).hexdigest()
        try:
            meta_raw = read_sidecar(src)
        except IngestError as e:
            yield Failure(src.path, src.root, sha, str(e))
            continue
        meta_sha = None if meta_raw is None else hashlib.sha256(meta_raw).hexdigest()
        stored = known.get(src.full_path)
        if (not force and stored is not None and stored.status == "ok" and stored.error is None
                and (stored.sha256, stored.meta_sha256, stored.fingerprint) == (sha, meta_sha, fingerprint(src.path))):
            log.info("%s: unchanged, skipped", src.path)
            yield _Skip(src.path)
            continue
        log.info("%s: %s", src.path, "new" if stored is None else "redone (forced)" if force else "changed, redone")
        try:
            yield to_article(src, data, rules=rules, meta_raw=meta_raw)
        except IngestError as e:
            yield Failure(src.path, src.root, sha, str(e), meta_sha)


class _Bar(tqdm):
    monitor_interval = 0  # no monitor thread: worker processes may be forked (pipeline.executors.start_method)


def _keeps_rows(failure: Failure, stored: store.Stored | None) -> bool:
    """A failed re-read of a stored document whose bytes cannot be read, or are unchanged (a passing
    permission problem, a lower --max-bytes, a half-written sidecar): its last good rows stay."""
    return (stored is not None and stored.status == "ok"
            and (failure.sha256 is None or failure.sha256 == stored.sha256))


def run_corpus(folders: list[str], *, db: str = DEFAULT_DB, rules_dirs: list[str] = (), workers: int = 1,
               executor: str = "local", scheduler: str | None = None, force: bool = False, batch_size: int = 32,
               max_bytes: int = DEFAULT_MAX_BYTES, prune: bool = False, model: str = DEFAULT_MODEL,
               progress: bool | None = None) -> Summary:
    """Analyse every article under ``folders`` into ``db``; returns what happened.

    Files are read one at a time as batches are needed; a file whose bytes, sidecar and fingerprint are
    stored is skipped before any analysis (and if nothing is new, the model is never loaded). Batches go
    to the executor (this process, ``workers`` local processes, or Dask); their results come back in order
    and are written here, by the only writer, one transaction per batch."""
    started = time.perf_counter()
    rules = load_rules(list(rules_dirs))
    settings = run_settings(rules, model)
    fingerprint = partial(document_fingerprint, settings)  # by path: an HTML page's sums up its extractor too
    sources = list(unique_sources(folders))
    engine = store.connect(db, create=True)
    summary = Summary()
    runner = None
    try:
        # folders are whole corpora (what is gone from them is reported, and pruned); a file given alone is
        # only itself, never a claim that the rest of its folder is gone
        files = [article_file(f) for f in folders if os.path.isfile(f)]
        roots = sorted({corpus_root(f) for f in folders if not os.path.isfile(f)})
        known: dict[str, store.Stored] = {}
        for root in roots:
            known.update(store.known_documents(engine, root))
        for src in files:
            stored = store.known_documents(engine, src.root).get(src.full_path)
            if stored is not None:
                known[src.full_path] = stored
        store.record_settings(engine, settings)
        runner = make_executor(executor, rules, model, workers, scheduler)
        show = sys.stderr.isatty() if progress is None else progress
        bar = _Bar(total=len(sources), unit="doc", disable=not show, file=sys.stderr, dynamic_ncols=True,
                   desc="armsledger: analysing")
        unread: list[Failure] = []  # files that could not be read, written with the next batch
        clock = [time.perf_counter()]  # when the batch now being analysed was started

        def write(results: list[DocResult | Failure]) -> None:
            fresh = []
            for result in results:
                if isinstance(result, DocResult):
                    fresh.append(result)
                    continue
                stored = known.get(result.full_path)
                if _keeps_rows(result, stored):
                    summary.failed += 1
                    summary.failures.append(f"{result.error} (the rows of its last good read are kept)")
                    if stored.error != result.error:
                        store.mark_error(engine, result.full_path, result.error)
                elif (stored and stored.status == "failed" and stored.sha256 == result.sha256
                      and stored.error == result.error and stored.fingerprint == fingerprint(result.path)):
                    summary.failed += 1  # failed before in the same way: nothing to rewrite
                    summary.failures.append(result.error)
                else:
                    fresh.append(result)
            analysed = time.perf_counter() - clock[0]
            refused = {r.full_path: r for r in store.save_batch(engine, fresh, fingerprint)}
            if results:
                log.info("a batch of %d documents: analysed in %.2f s, stored in %.2f s", len(results), analysed,
                         time.perf_counter() - clock[0] - analysed)
            for result in fresh:
                path = result.full_path if isinstance(result, Failure) else result.article.full_path
                if path in refused:
                    summary.failed += 1
                    summary.failures.append(refused[path].error + ("" if refused[path].stored else " (not stored)"))
                elif isinstance(result, Failure):
                    summary.failed += 1
                    summary.failures.append(result.error)
                else:
                    summary.ok += 1
                    summary.deals += len(result.deals)
                    summary.meetings += len(result.meetings)
                    log.info("%s: %d deals, %d meetings, %d officials; %s characters analysed in %.3f s",
                             result.article.path, len(result.deals), len(result.meetings),
                             len(result.mentions.officials), f"{len(result.article.text):,}", result.seconds)
            if summary.failed:
                bar.set_postfix(failed=summary.failed, refresh=False)
            bar.update(len(results))
            clock[0] = time.perf_counter()

        def batches() -> Iterator[list[Article]]:
            batch: list[Article] = []
            checked = False
            for item in _read(sources, known, rules=rules, force=force, max_bytes=max_bytes, fingerprint=fingerprint):
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
        _tidy(engine, roots, sources, known, summary, prune=prune)
        grouping = time.perf_counter()
        summary.regrouped = store.regroup(engine)
        log.info("grouped again in %.2f s: %s", time.perf_counter() - grouping, summary.regrouped)
        summary.holds = store.database_info(engine)[1]
    except BaseException:  # an interrupt (Ctrl-C, SIGTERM) or an error: the batches in flight are not wanted
        if runner is not None:
            runner.abort()
            runner = None  # stopped: nothing left for the finally to close
        raise
    finally:
        if runner is not None:
            runner.close()
        engine.dispose()
    summary.seconds = time.perf_counter() - started
    return summary


def _tidy(engine, roots: list[str], sources: list[Source], known: dict[str, store.Stored], summary: Summary, *,
          prune: bool) -> None:
    """Documents gone from the folders run, and stored folders gone from the disk: reported, and with
    ``prune`` removed."""
    present = {s.full_path for s in sources}
    gone = sorted(p for p in known if p not in present)
    absent = [r for r in store.stored_roots(engine) if not os.path.isdir(fs_name(r)) and r not in roots]
    summary.missing = [_relative(p, roots) for p in gone]
    summary.absent_roots, summary.pruned = absent, prune
    if prune:
        store.remove_documents(engine, gone)
        for root in absent:
            store.remove_documents(engine, store.under_root(engine, root))


def _relative(path: str, roots: list[str]) -> str:
    """A stored path as the user named it: under the folder of the run that holds it."""
    for root in sorted(roots, key=len, reverse=True):
        if path.startswith(root.rstrip("/") + "/"):
            return path[len(root.rstrip("/")) + 1:]
    return path


def forget(root: str, *, db: str = DEFAULT_DB) -> tuple[str, int]:
    """Remove from ``db`` every document stored from the folder ``root`` or from below it, whether the
    folder is still on the disk or not; returns the folder as stored and how many documents went."""
    engine = store.connect(db, create=False)
    try:
        stored = store.stored_roots(engine)
        folder = root.rstrip("/") if root.rstrip("/") in stored else corpus_root(root)
        gone = store.remove_documents(engine, store.under_root(engine, folder))
        store.regroup(engine)
        return folder, gone
    finally:
        engine.dispose()
