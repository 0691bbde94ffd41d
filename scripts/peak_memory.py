"""Peak memory of ``python -m pipeline run`` on one hostile document at a time (not a test: a measurement).

Each case writes one document into a fresh folder and runs the pipeline on it in a child process,
under an address-space limit (so that a regression fails instead of eating the machine), then reads
the child's peak resident set size. Run from the checkout:

    python scripts/peak_memory.py                 # every case
    python scripts/peak_memory.py line-5mb        # one case
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
LIMIT_BYTES = 3 * 1024 ** 3  # the child's address space; well above the 1 GB the README promises


def _article_text() -> str:
    """Ordinary news text: the seed articles (or the sample corpus) one after another."""
    folder = SEEDS if SEEDS.is_dir() else ROOT / "corpus"
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))


def _repeat_to(text: str, size: int, sep: str = "") -> str:
    """``text`` repeated to ``size`` bytes of UTF-8 (or a few less: no character is cut)."""
    unit = text + sep
    data = (unit * (size // len(unit) + 1)).encode("utf-8")[:size]
    return data.decode("utf-8", errors="ignore")


def line_5mb() -> str:
    """5 MB of words on one line, no punctuation at all."""
    words = re.sub(r"[^\w ]+", " ", _article_text().replace("\n", " "))
    return _repeat_to(" ".join(words.split()), 5_000_000, " ")


def it_is() -> str:
    return "It is. " * 200_000


def it_is_20mb() -> str:
    return "It is. " * 2_850_000  # 2.85 million sentences, under the default --max-bytes


def articles_20mb() -> str:
    return _repeat_to(_article_text(), 19_900_000, "\n\n")  # under the default --max-bytes


def one_word_20mb() -> str:
    return "armament" * (19_900_000 // 8)


CASES: dict[str, Callable[[], str]] = {
    "line-5mb": line_5mb, "it-is": it_is, "it-is-20mb": it_is_20mb, "articles-20mb": articles_20mb, "one-word-20mb": one_word_20mb,
}


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def measure_one(name: str) -> None:
    """Run one case in a child process; print 'name MB seconds exit-code' (run in a process of its own,
    since RUSAGE_CHILDREN keeps the largest child ever waited for)."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp, "corpus")
        corpus.mkdir()
        text = CASES[name]()
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(corpus), "--db", str(Path(tmp, "m.db"))],
                              cwd=ROOT, preexec_fn=_limit, capture_output=True, text=True)
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    summary = (proc.stdout.strip().splitlines() or [""])[0]
    error = proc.stderr.strip().splitlines()[-1:] if proc.returncode else []
    print(f"{name}: {len(text.encode()):,} bytes, peak {peak_mb:,.0f} MB, {seconds:.1f} s, exit {proc.returncode}; "
          f"{summary} {' '.join(error)}".rstrip(), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", choices=[[], *CASES], help="which cases (default: all)")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        measure_one(args.one)
        return
    for name in args.cases or CASES:
        subprocess.run([sys.executable, __file__, "--one", name], check=False)


if __name__ == "__main__":
    main()
