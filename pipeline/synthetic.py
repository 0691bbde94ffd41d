"""A deterministic synthetic corpus for the benchmark: sentences of corpus/ recombined, numbers and names varied."""

from __future__ import annotations

import random
import re
from pathlib import Path

from pipeline.ingest import discover, read_article
from pipeline.rules import Rules

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NUMBER = re.compile(r"\d")
_COUNTRIES = ["Poland", "Romania", "Egypt", "Norway", "Estonia", "Australia", "Peru", "Vietnam", "Malaysia", "India",
              "the Philippines", "Saudi Arabia", "Finland", "Latvia", "Iraq", "Qatar"]
_COUNTRY = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in _COUNTRIES) + r")\b")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def sentences_of(folder: str, rules: Rules) -> list[str]:
    """The sentences of every article in ``folder``, in a stable order."""
    out: list[str] = []
    for src in discover([folder]):
        text = read_article(src, rules=rules).text
        for paragraph in text.split("\n"):
            out += [s.strip() for s in _SENTENCE.split(paragraph) if len(s.split()) >= 6]
    return out


def make_corpus(target: Path, docs: int, *, source: str, rules: Rules, seed: int = 7) -> int:
    """Write ``docs`` articles into ``target``; returns the number of words written. The same arguments
    always give the same files."""
    rng = random.Random(seed)
    pool = sentences_of(source, rules)
    target.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(docs):
        picked = rng.sample(pool, k=min(len(pool), rng.randint(8, 16)))
        body = []
        for s in picked:
            s = _NUMBER.sub(lambda m: str(rng.randint(1 if m.start() == 0 else 0, 9)), s)
            s = _COUNTRY.sub(lambda m: rng.choice(_COUNTRIES), s)
            body.append(s)
        paragraphs = [" ".join(body[j:j + 3]) for j in range(0, len(body), 3)]
        dateline = f"{rng.choice(_DAYS)}, {rng.choice(_MONTHS)} {rng.randint(1, 28)}, {rng.randint(2021, 2025)}"
        text = dateline + "\n\n" + "\n\n".join(paragraphs) + "\n"
        (target / f"bench_{i:06d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words
