"""The benchmark command: its synthetic corpus and the figures it prints (not how fast anything is)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

from pipeline.synthetic import make_corpus
from tests.conftest import ROOT


def _files(folder):
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def test_the_synthetic_corpus_is_the_same_every_time_and_varied(rules, tmp_path):
    words = make_corpus(tmp_path / "a", 12, source=str(ROOT / "corpus"), rules=rules)
    again = make_corpus(tmp_path / "b", 12, source=str(ROOT / "corpus"), rules=rules)
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert words == again == sum(len(t.split()) for t in first.values())
    assert first == second and len(first) == 12
    assert len(set(first.values())) == 12  # no two documents alike
    assert len({t.splitlines()[0] for t in first.values()}) > 6  # datelines vary


def test_bench_prints_a_table_and_one_json_line_with_every_figure(tmp_path):
    keep = tmp_path / "bench"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "bench", "--docs", "4", "--repeat", "2", "--keep", str(keep)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[0].split()[:2] == ["step", "seconds"]
    assert [line.split()[0] for line in lines[1:4]] == ["(a)", "(b)", "(c)"]
    assert "fastest of 2 alternating runs" in proc.stdout
    figures = json.loads(lines[-1])
    assert figures["documents"] == 4 and figures["workers"] == 1 and figures["repeat"] == 2
    for step in ("raw_spacy", "armsledger", "rerun"):
        assert figures[step]["documents"] == 4 and figures[step]["peak_rss_mb"] > 0
    assert len(figures["raw_spacy_runs_s"]) == len(figures["armsledger_runs_s"]) == 2
    assert abs(figures["armsledger"]["seconds"] - min(figures["armsledger_runs_s"])) <= 0.005  # the fastest counts
    assert figures["throughput_ratio"] == round(figures["raw_spacy"]["seconds"] / figures["armsledger"]["seconds"], 3)
    assert figures["rerun_share"] == round(figures["rerun"]["seconds"] / figures["armsledger"]["seconds"], 4)
    con = sqlite3.connect(keep / "bench.db")
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (4,)
    finally:
        con.close()


def test_bench_with_workers_also_times_one_worker_in_the_same_rounds():
    proc = subprocess.run([sys.executable, "-m", "pipeline", "bench", "--docs", "4", "--workers", "2"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert [line.split()[0] for line in lines[1:5]] == ["(a)", "(b)", "(c)", "(d)"]
    figures = json.loads(lines[-1])
    assert figures["workers"] == 2 and figures["one_worker"]["documents"] == 4 and len(figures["one_worker_runs_s"]) == 1
    assert figures["armsledger"]["peak_worker_rss_mb"] > 0 and figures["one_worker"]["peak_worker_rss_mb"] == 0
    assert figures["speedup_vs_one_worker"] == round(figures["one_worker"]["seconds"] / figures["armsledger"]["seconds"], 3)
    assert "2 workers = " in lines[-2]
