"""The benchmark: raw spaCy against armsledger on the same synthetic texts, and a re-run that changes nothing.

Each step runs in a fresh process, so that its peak memory is its own. With ``repeat`` above 1 the
raw and full runs alternate that many times and the fastest of each counts (the usual answer to a
noisy machine); every time is kept in the figures. With more than one worker, a one-worker armsledger
run takes its turn in each round as well, so that the speed-up of the workers is measured in the same
stretch of time as the rest.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import resource
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from pipeline.nlp import DEFAULT_MODEL
from pipeline.rules import load_rules
from pipeline.synthetic import make_corpus


@dataclass(frozen=True, slots=True)
class Step:
    seconds: float
    peak_rss_mb: float  # the step's own process
    peak_worker_rss_mb: float  # the largest of its worker processes, if any
    documents: int


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def _raw_spacy(folder: str, model: str, workers: int, out) -> None:
    import spacy

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    started = time.perf_counter()
    nlp = spacy.load(model)
    n = sum(1 for _ in nlp.pipe(texts, batch_size=32, n_process=workers))
    out.send(Step(time.perf_counter() - started, _rss_mb(resource.RUSAGE_SELF), _rss_mb(resource.RUSAGE_CHILDREN), n))


def _armsledger(folder: str, db: str, model: str, workers: int, out) -> None:
    from pipeline.run import run_corpus

    started = time.perf_counter()
    summary = run_corpus([folder], db=db, workers=workers, model=model, progress=False)
    out.send(Step(time.perf_counter() - started, _rss_mb(resource.RUSAGE_SELF), _rss_mb(resource.RUSAGE_CHILDREN),
                  summary.ok + summary.skipped))


def _in_process(target, *args) -> Step:
    ctx = mp.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=target, args=(*args, send))
    proc.start()
    step = receive.recv()
    proc.join()
    return step


def _fastest(steps: list[Step]) -> Step:
    best = min(steps, key=lambda s: s.seconds)
    return replace(best, peak_rss_mb=max(s.peak_rss_mb for s in steps),
                   peak_worker_rss_mb=max(s.peak_worker_rss_mb for s in steps))


def bench(docs: int = 2000, workers: int = 1, *, source: str = "corpus", model: str = DEFAULT_MODEL,
          keep: str | None = None, repeat: int = 1) -> dict:
    """Run the three steps; returns every figure."""
    work = Path(keep or tempfile.mkdtemp(prefix="armsledger-bench-"))
    try:
        folder = work / "corpus"
        if folder.exists():
            shutil.rmtree(folder)
        words = make_corpus(folder, docs, source=source, rules=load_rules())
        db = work / "bench.db"
        raws, fulls, ones = [], [], []
        for round_ in range(repeat):
            for f in work.glob("bench*.db*"):
                f.unlink()
            raws.append(_in_process(_raw_spacy, str(folder), model, workers))
            runs = [(fulls, db, workers)] + ([(ones, work / "bench-one.db", 1)] if workers > 1 else [])
            for times, path, n in runs[::-1] if round_ % 2 else runs:  # (b) and (d) take turns going first
                times.append(_in_process(_armsledger, str(folder), str(path), model, n))
        rerun = _in_process(_armsledger, str(folder), str(db), model, workers)
        raw, full = _fastest(raws), _fastest(fulls)
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
    figures = {
        "documents": docs, "words": words, "workers": workers, "repeat": repeat,
        "raw_spacy_runs_s": [round(s.seconds, 2) for s in raws], "armsledger_runs_s": [round(s.seconds, 2) for s in fulls],
        "raw_spacy": asdict(raw), "armsledger": asdict(full), "rerun": asdict(rerun),
        "raw_spacy_docs_per_s": round(docs / raw.seconds, 1), "raw_spacy_words_per_s": round(words / raw.seconds),
        "armsledger_docs_per_s": round(docs / full.seconds, 1), "armsledger_words_per_s": round(words / full.seconds),
        "throughput_ratio": round(raw.seconds / full.seconds, 3),  # armsledger's throughput over raw spaCy's
        "rerun_share": round(rerun.seconds / full.seconds, 4),
    }
    if ones:
        one = _fastest(ones)
        figures.update({"one_worker": asdict(one), "one_worker_runs_s": [round(s.seconds, 2) for s in ones],
                        "speedup_vs_one_worker": round(one.seconds / full.seconds, 3)})
    return figures


def render(f: dict) -> str:
    rows = [("step", "seconds", "docs/s", "words/s", "peak RSS MB", "peak worker RSS MB")]
    steps = [("(a) raw spaCy, all components", "raw_spacy"), ("(b) armsledger run", "armsledger"),
             ("(c) re-run, nothing changed", "rerun")]
    if "one_worker" in f:
        steps.append(("(d) armsledger run, 1 worker", "one_worker"))
    for name, key in steps:
        s = f[key]
        rows.append((name, f"{s['seconds']:.2f}", f"{f['documents'] / s['seconds']:.1f}",
                     f"{f['words'] / s['seconds']:,.0f}", f"{s['peak_rss_mb']:.0f}", f"{s['peak_worker_rss_mb']:.0f}"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    if f["repeat"] > 1:
        lines.append(f"fastest of {f['repeat']} alternating runs: raw spaCy {f['raw_spacy_runs_s']} s, "
                     f"armsledger {f['armsledger_runs_s']} s"
                     + (f", armsledger with 1 worker {f['one_worker_runs_s']} s" if "one_worker" in f else ""))
    lines.append(f"{f['documents']} documents, {f['words']:,} words, {f['workers']} worker(s); "
                 f"armsledger/raw spaCy throughput = {f['throughput_ratio']:.2f}; re-run = {f['rerun_share']:.2%} of the run"
                 + (f"; {f['workers']} workers = {f['speedup_vs_one_worker']:.2f} x 1 worker" if "one_worker" in f else ""))
    lines.append(json.dumps(f, sort_keys=True))
    return "\n".join(lines)
