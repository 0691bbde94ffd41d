"""Deal terms: the systems a clause sells, their prices and their counts.

A generic word ("42 jets", "the tanks") stands for the named system of the same category
that the document has already named; a system in a clause that has nothing to do with the
deal ("after its expulsion from the US F-35 programme") is left out; a price goes with the
system it is written next to ("K2 worth $5.76 billion", "$920 million worth of K9").
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from pipeline.records import Money, Quantity, SystemMention
from pipeline.stages.views import SentenceView

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
                 "fifty": 50, "hundred": 100, "dozen": 12, "both": 2}
_LINK_AFTER = re.compile(r"^[\s\w\-–()]*?\b(?:worth|valued at|valued|priced at|at a (?:total )?cost of|costing|for|at)\s*"
                         r"(?:about|around|roughly|approximately|some|an estimated|nearly|up to|more than|over|just over)?\s*$", re.I)
_LINK_BEFORE = re.compile(r"^\s*(?:\([^)]*\)\s*)?(?:worth of|in|for|of)\s+(?:[\w\-–]+\s+){0,3}$", re.I)
# Clauses that can carry a deal's items even though they are not the trigger's own.
_CARRIERS = {"include", "involve", "cover", "comprise", "worth", "value", "price", "cost", "bring", "add", "convert", "buy",
             "make", "take"}
_DETACHED = {"advcl", "relcl", "acl", "ccomp", "parataxis", "csubj"}
_CHOOSING = {"choose", "select", "pick", "prefer", "opt", "favor", "favour", "buy", "order", "purchase", "acquire", "win",
             "decision", "choice", "selection"}


def linked(view: SentenceView, system: SystemMention, trigger: Token, triggers: set[int]) -> bool:
    """Is the system an argument of the trigger's clause, not of a clause of its own, and not
    the buyer's existing fleet ("to replace its F-16s": a cue of effect fleet in rules/cues.yaml)?"""
    span = view.span(system.start, system.end)
    if span is None:
        return False
    fleet = {t.i for cue in view.effects("fleet") for t in cue}
    t = span.root
    chain = {a.i for a in trigger.ancestors} | {trigger.i}
    while t.head.i != t.i:
        if t.i in fleet:
            return False
        if t.i in chain or t.i in triggers:
            return True
        if t.dep_ in _DETACHED and t.lemma_.lower() not in _CARRIERS:
            return False
        t = t.head
    return t.i not in fleet


def resolve_generics(systems: list[SystemMention], earlier: list[SystemMention], *, since: int,
                     supplier: str | None = None) -> list[SystemMention]:
    """Generic mentions become the latest named system of their category named since offset ``since``
    (a few paragraphs back), unless the clause's supplier makes something else ("46 tanks" from Korea
    are not the German tanks of the paragraph before)."""
    out = []
    for s in systems:
        if s.generic:
            named = next((e for e in reversed(earlier) if not e.generic and e.category == s.category and since <= e.start < s.start
                          and (supplier is None or e.origin in (None, supplier))), None)
            if named is not None:
                s = replace(s, system=named.system, origin=named.origin, generic=False)
        out.append(s)
    return out


def lost_systems(view: SentenceView, systems: list[SystemMention]) -> list[SystemMention]:
    """Systems a buyer passed over: "chose the Leopard over the K2", "instead of the K2"."""
    lost = []
    for cue in view.effects("lost"):
        if cue.root.lower_ == "over" and not any(a.lemma_.lower() in _CHOOSING for a in list(cue.root.ancestors)[:3]):
            continue  # "talks over a deal", "over the next decade"
        for s in systems:
            span = view.span(s.start, s.end)
            if span is None:
                continue
            after_cue = 0 <= span.start_char - cue.end_char <= 40 and not re.search(r"[,;]", view.doc.text[cue.end_char:span.start_char])
            if after_cue or any(a in cue for a in span.root.ancestors if a.i < span.start):
                lost.append(s)
    return lost


def attach_money(view: SentenceView, systems: list[SystemMention], money: list[Money]) -> tuple[dict[str, list[Money]], list[Money]]:
    """Money tied to one system ("K2 worth $5.76 billion", "$920 million worth of K9"), and the rest."""
    text = view.sentence.text
    base = view.sentence.start
    per_system: dict[str, list[Money]] = {}
    loose: list[Money] = []
    for m in money:
        owner = None
        before = [s for s in systems if s.end <= m.start]
        after = [s for s in systems if s.start >= m.end]
        if before and _LINK_AFTER.match(text[before[-1].end - base:m.start - base]):
            owner = before[-1]
        elif after and _LINK_BEFORE.match(text[m.end - base:after[0].start - base]):
            owner = after[0]
        if owner is not None and len(systems) > 1:
            per_system.setdefault(owner.system, []).append(m)
        else:
            loose.append(m)
    for ms in per_system.values():  # a gloss goes with the amount it restates
        for m in list(loose):
            if any(0 <= m.start - x.end <= 3 or 0 <= x.start - m.end <= 3 for x in ms) and m.currency != ms[0].currency:
                ms.append(m)
                loose.remove(m)
    return per_system, loose


def best_value(ms: list[Money], prefer: tuple[str | None, ...] = ()) -> Money | None:
    """The deal's value: an amount in a currency other than dollars (glossed in dollars where it is),
    the supplier's or buyer's currency (``prefer``) first; else the dollar amount."""
    if not ms:
        return None
    native = [m for m in ms if m.currency != "USD"]
    usd = [m for m in ms if m.currency == "USD"]
    for cur in prefer:
        mine = [m for m in native if cur and m.currency == cur]
        if mine:
            return mine[0]
    return (native or usd)[0]


def taken(view: SentenceView) -> set[int]:
    """Tokens of money, dates and system names: none of them is a count ("Leopard 2 tanks")."""
    return {i for m in (*view.money, *view.dates, *(s for s in view.systems if not s.generic)) for i in view.token_range(m)}


def number(tok: Token) -> int | None:
    text = tok.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    return _NUMBER_WORDS.get(text)


def range_at(doc, j: int) -> Quantity | None:
    """The count ending at token ``j`` ("54", "25 to 30"), unless it is a year, a share or part of a word."""
    high = number(doc[j])
    if high is None or high == 0 or high > 5000 or (1900 <= high <= 2100 and doc[j].like_num and len(doc[j]) == 4):
        return None
    if j + 1 < len(doc) and (doc[j + 1].text in ("%", "percent", "per") or (doc[j + 1].text == "-" and not doc[j].whitespace_)):
        return None  # "5 percent", "eight-wheeled", "42-jet"
    low, first = high, j
    if j >= 2 and doc[j - 1].lower_ in ("to", "-", "–", "and", "or") and number(doc[j - 2]) is not None:
        low, first = number(doc[j - 2]), j - 2
    if low > high:
        low, high = high, low
    return Quantity(doc[first].idx, doc[j].idx + len(doc[j]), low, high)


def quantity(view: SentenceView, system: SystemMention, used: set[int], units: frozenset[str]) -> Quantity | None:
    """A count before the system ("54 K9 howitzers", "25 to 30 K-9 units", "48 of the KAAN") or of units."""
    doc = view.doc
    span = view.span(system.start, system.end)
    if span is None:
        return None
    j, skipped = span.start - 1, 0
    if j >= 2 and doc[j].lower_ in ("the", "its") and doc[j - 1].lower_ == "of":
        j -= 2  # "48 of the KAAN fighters"
    while j >= 0 and skipped <= 3 and number(doc[j]) is None:
        if doc[j].i in used or not (doc[j].pos_ in ("ADJ", "NOUN", "PROPN") or doc[j].text in ("-", "–") or doc[j].dep_ == "amod"
                                    or doc[j].tag_ in ("VBN", "VBG")):  # "246 tracked infantry fighting vehicles"
            break
        j -= 1
        skipped += 1
    if j >= 0 and number(doc[j]) is not None and doc[j].i not in used:
        q = range_at(doc, j)
        if q:
            return q
    if system.generic:
        return None
    m = re.match(r"^[^.;]{0,60}?,\s*(\d[\d,]*) of (?:which|them)\b", view.doc.text[span.end_char:])
    if m:  # "... Chunmoo launchers for Poland, 218 of which were ordered in October"
        n = int(m.group(1).replace(",", ""))
        return Quantity(span.end_char + m.start(1), span.end_char + m.end(1), n, n)
    for g in view.systems:  # "the Redback for a planned fleet of 246 tracked infantry fighting vehicles"
        if g.generic and g.category == system.category:
            q = quantity(view, g, used, units)
            if q:
                return q
    for t in doc:
        if t.lower_ in units and t.i > 0 and number(doc[t.i - 1]) is not None and doc[t.i - 1].i not in used:
            q = range_at(doc, t.i - 1)
            if q:
                return q
    return None
