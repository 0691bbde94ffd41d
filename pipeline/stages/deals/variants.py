"""Counts of variants of one system told side by side for one buyer: "a request for 12 F-16C and four
F-16D aircraft" is one order of 16 F-16s, not an order of 12 with an aside of 4."""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.records import Quantity, SystemMention
from pipeline.stages.views import SentenceView

_MODIFIER = ("compound", "nummod", "nmod", "amod", "appos")  # a name's place inside its noun phrase


def _noun(view: SentenceView, system: SystemMention) -> Token | None:
    """The head noun of the phrase that names the system ("aircraft" of "12 F-16C Block 70 aircraft")."""
    span = view.span(system.start, system.end)
    if span is None:
        return None
    t = span.root
    while t.dep_ in _MODIFIER and t.head.i != t.i:
        t = t.head
    return t


def _coordinated(a: Token, b: Token) -> bool:
    """Is ``b`` a conjunct of ``a`` ("12 F-16C aircraft and four F-16D aircraft", "A, B and C")?"""
    t = b
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
        if t.i == a.i:
            return True
    return False


def summed_variants(view: SentenceView, systems: list[SystemMention],
                    counts: dict[int, Quantity | None]) -> tuple[list[SystemMention], dict[int, Quantity | None]]:
    """The clause's systems with each later counted conjunct of a counted mention of the same system dropped,
    and its count added to the first (``counts`` by the mention's start offset)."""
    kept: list[SystemMention] = []
    counts = dict(counts)
    named = {x.start for x in view.systems if not x.generic}  # as written: "two recovery tanks" is no variant
    for s in systems:
        first = next((k for k in kept if k.system == s.system and {k.start, s.start} <= named
                      and counts.get(k.start) and counts.get(s.start)), None)
        a, b = (_noun(view, first), _noun(view, s)) if first is not None else (None, None)
        if a is None or b is None or a.i == b.i or not _coordinated(a, b):
            kept.append(s)
            continue
        q, more = counts[first.start], counts[s.start]
        counts[first.start] = Quantity(min(q.start, more.start), max(q.end, more.end), q.low + more.low, q.high + more.high)
    return kept, counts
