"""Deal terms: the systems a clause sells (their counts: counts.py; their prices: prices.py).

A generic word ("42 jets", "the tanks") stands for the named system of the same category
that the document has already named; a system in a clause that has nothing to do with the
deal ("after its expulsion from the US F-35 programme") is left out.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Token

from pipeline.records import SystemMention
from pipeline.ruletypes import Rules
from pipeline.stages.sentences import text_of
from pipeline.stages.views import SentenceView, deadline_pattern
from pipeline.wordrx import word_alternatives

_DETACHED = {"advcl", "relcl", "acl", "ccomp", "parataxis", "csubj"}  # dependencies that start a clause of its own


@dataclass(frozen=True)
class Terms:
    """The word classes of rules/words.yaml that the deal terms use, compiled once per rule set."""

    numbers: dict[str, int]
    carriers: frozenset[str]
    choosing: frozenset[str]
    competition: frozenset[str]
    link_after: re.Pattern  # system ... "worth" ... price
    link_before: re.Pattern  # price ... "worth of" ... system
    link_after_comma: re.Pattern  # system ..., "valued at" price (only for the one system told since the last price)
    deadline: re.Pattern  # "by", "before", "until" ... right before a date
    period_start: re.Pattern = re.compile("$^")  # "since" right before a date: a period's start
    year_span: re.Pattern | None = None  # right after a year: "-2025", " to 2030" (a period, not a date)
    span_end: re.Pattern = re.compile("$^")  # right before a year: "2025 to ", "fiscal 2025 to fiscal " (a period's end)
    share: re.Pattern = re.compile("$^")  # system ... ", with about 200 of them" (group 1: the share's count)
    measures: frozenset[str] = frozenset()  # "230 millimeter": a size, not a count
    designations: frozenset[str] = frozenset()  # "Block 70", "Tranche 4": a model, not a count
    options: frozenset[str] = frozenset()  # "an option for six more": not the order's count
    options_taken: frozenset[str] = frozenset()  # "exercised an option for six more": the deal's count
    added_to: re.Pattern = re.compile("$^")  # "... on top of 30" (group 1: the count added to)
    running: frozenset[str] = frozenset()  # "the latest of 224 F-16s delivered": a running total, no deal's count
    bulk: frozenset[str] = frozenset()  # categories counted by the thousand: "150,000 rounds of 155mm ammunition"
    naming: frozenset[str] = frozenset()  # "a rocket launcher called HIMARS": the clause names the goods
    times: frozenset[str] = frozenset()  # "24 x M-346 jets": a sign between a count and what it counts


def terms(rules: Rules) -> Terms:
    key = ("terms",)
    if key not in rules._cache:
        links = word_alternatives(rules.word_class("price_link"))
        approx = word_alternatives(rules.word_class("approximator"))
        before = word_alternatives(rules.word_class("price_link_before"))
        span, fiscal = word_alternatives(rules.word_class("year_span")), word_alternatives(rules.word_class("fiscal_year"))
        rules._cache[key] = Terms(
            numbers=rules.numbers(),
            carriers=rules.word_class("carrier"),
            naming=rules.word_class("naming"),
            choosing=rules.word_class("choosing"),
            competition=rules.word_class("competition"),
            link_after=re.compile(rf"^[\s\w\-–()]*?\b(?:{links})\s*(?:{approx})?\s*$", re.I),
            link_after_comma=re.compile(rf"^[\s\w\-–()]*?,\s*(?:{links})\s*(?:{approx})?\s*$", re.I),
            link_before=re.compile(rf"^\s*(?:\([^)]*\)\s*)?(?:{before})\s+(?:[\w\-–]+\s+){{0,3}}$", re.I),
            deadline=deadline_pattern(rules),
            period_start=re.compile(rf"\b(?:{word_alternatives(rules.word_class('period_start'))})\s+(?:the\s+)?$", re.I),
            year_span=re.compile(rf"^\s*(?:{span})\s*(?:(?:{fiscal})\s*)?(?:19|20)\d\d\b", re.I),
            span_end=re.compile(rf"(?<!\d)(?:19|20)\d\d\s*(?:{span})\s*(?:(?:{fiscal})\s*)?$", re.I),
            share=re.compile(rf"^[^.;]{{0,80}}?,\s*(?:with\s+)?(?:(?:{approx})\s+)?(\d[\d,]*|{word_alternatives(rules.numbers())})"
                             rf"\s+of\s+(?:which|them)\b", re.I),
            measures=rules.word_class("measure"),
            designations=rules.word_class("designation"),
            options=rules.word_class("option"),
            options_taken=rules.word_class("option_taken"),
            running=rules.word_class("running_total"),
            bulk=rules.word_class("counted_in_bulk"),
            times=rules.word_class("times_sign"),
            added_to=re.compile(rf"\b(?:{word_alternatives(rules.word_class('added_to'))})\s+(?:the\s+)?"
                                rf"(\d[\d,]*|{word_alternatives(rules.numbers())})\b", re.I),
        )
    return rules._cache[key]


def linked(view: SentenceView, system: SystemMention, trigger: Token, triggers: set[int], t_: Terms) -> bool:
    """Is the system an argument of the trigger's clause, not of a clause of its own, and not
    the buyer's existing fleet ("to replace its F-16s": a cue of effect fleet in rules/cues.yaml)?"""
    span = view.span(system.start, system.end)
    if span is None:
        return False
    fleet = {t.i for cue in view.effects("fleet") for t in cue}
    t = span.root
    chain = {a.i for a in trigger.ancestors} | {trigger.i}
    while t.head.i != t.i:
        if t.i in fleet or _reaches_over(t, fleet):
            return False
        if t.i in chain or t.i in triggers:
            return True
        if t.dep_ in _DETACHED and (t.lemma_.lower() not in t_.carriers or _maker_record(t, span)) and not naming(t, t_):
            return False
        t = t.head
    return t.i not in fleet


def in_fleet(view: SentenceView, system: SystemMention, cues: frozenset[str] | None = None) -> bool:
    """Is the system told as the buyer's existing fleet: under a fleet cue of rules/cues.yaml ("as it retires its
    MiG-21 fleet", "the IAF operates 40 Tejas jets"), or attached back over one? ``cues``: only cues of these lemmas."""
    span = view.span(system.start, system.end)
    if span is None:
        return False
    fleet = {t.i for cue in view.effects("fleet") for t in cue if cues is None or cue.root.lemma_.lower() in cues}
    t = span.root
    while t.head.i != t.i:
        if t.i in fleet or _reaches_over(t, fleet):
            return True
        t = t.head
    return t.i in fleet


def _reaches_over(t: Token, fleet: set[int]) -> bool:
    """Does the parse attach ``t`` back over a fleet clause between it and its head ("a contract for 42 jets,
    meant to replace a fleet that includes F-16s and Su-27 fighters": "fighters" an appositive of "jets", or
    the object of "signed")? Read in order, the list is the fleet's, not the goods. (Not a conjunct: "12
    helicopters, replacing old ones, and four jets" adds goods; nor a cue that is a modifier, not a clause: "the
    upgraded Mogami frigate", "20 Marder vehicles, 30 upgraded Leopard tanks, ... and four IRIS-T systems".)"""
    doc = t.doc
    return t.dep_ != "conj" and any(t.head.i < i < t.left_edge.i and doc[i].dep_ not in ("amod", "compound") for i in fleet)


def naming(verb: Token, t_: Terms) -> bool:
    """A participle that gives the goods' name ("a rocket launcher called HIMARS", "missiles known as
    Harpoon", "a drone dubbed Kizilelma"): the name is the goods of the clause the kind belongs to. (Not an aside
    between commas, "The navy, known as an operator of Mirage jets, ordered ...": it says what the navy is.)"""
    return naming_participle(verb, t_.naming)


def naming_participle(verb: Token, words: frozenset[str]) -> bool:
    """Is ``verb`` a participle right after a kind noun that names it ("launchers called HIMARS")?"""
    doc = verb.doc
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.lemma_.lower() in words and verb.head.pos_ == "NOUN" and \
        verb.head.i < verb.i and not any(doc[i].is_punct for i in range(verb.head.i + 1, verb.i))


def _maker_record(verb: Token, span) -> bool:
    """A count of the goods in a perfect-tense clause on a maker's name ("PZL Mielec, which has built almost 70
    S-70i aircraft", "Hanwha, which has produced over 1,000 K9s"): a record of its output to date, not the goods of
    the deal told."""
    return verb.dep_ == "relcl" and verb.head.pos_ == "PROPN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children) and any(
        c.dep_ == "nummod" for t in (span.root, span.root.head) for c in t.children)


def resolve_generics(systems: list[SystemMention], earlier: list[SystemMention], *, since: int,
                     supplier: str | None = None, fits: Callable[[str | None, str | None], bool] = operator.eq
                     ) -> list[SystemMention]:
    """Generic mentions become the latest named system of their category named since offset ``since``
    (a few paragraphs back), unless the clause's supplier makes something else ("46 tanks" from Korea
    are not the German tanks of the paragraph before). ``fits`` says which kinds a generic word may name
    (Rules.kind_fits)."""
    out = []
    for s in systems:
        if s.generic:
            named = next((e for e in reversed(earlier) if not e.generic and fits(s.category, e.category) and since <= e.start < s.start
                          and (supplier is None or e.origin is None or e.made_by(supplier))), None)
            if named is not None:
                s = s.named(named)
        out.append(s)
    return out


def lost_systems(view: SentenceView, systems: list[SystemMention], t_: Terms) -> list[SystemMention]:
    """Systems a buyer passed over: "chose the Leopard over the K2", "instead of the K2", "despite the K2's lower
    price, chose the Leopard" ("over" and "despite" only on a verb of choosing: "talks over a deal", "despite
    delays")."""
    lost = []
    for cue in view.effects("lost"):
        if cue.root.lower_ in ("over", "despite") and not any(a.lemma_.lower() in t_.choosing for a in _up_to_verb(cue.root)):
            continue  # "talks over a deal", "over the next decade"
        for s in systems:
            span = view.span(s.start, s.end)
            if span is None:
                continue
            after_cue = 0 <= span.start_char - cue.end_char <= 40 and not re.search(r"[,;]", text_of(view.doc)[cue.end_char:span.start_char])
            if after_cue or any(a in cue for a in span.root.ancestors if a.i < span.start):
                lost.append(s)
    return _listed_after(view, systems, lost + [s for s in systems if s not in lost and _passed_over(view, s, t_)])


def _passed_over(view: SentenceView, system: SystemMention, t_: Terms) -> bool:
    """Is the system an entry of a contest that a choice told above it settled ("picked the F-35 after an evaluation
    that also included the Rafale", "following a competition with the Typhoon, it selected the Rafale")? Not the
    goods the contest is for ("a tender for 40 jets"), nor a kind, nor the system chosen itself."""
    span = view.span(system.start, system.end)
    if span is None or system.generic:
        return False
    path = [span.root, *span.root.ancestors]
    contest = next((k for k, t in enumerate(path) if t.lemma_.lower() in t_.competition and t.pos_ == "NOUN"), None)
    if contest is None or any(t.lemma_.lower() in t_.choosing for t in path[:contest]) or \
            any(t.dep_ == "prep" and t.lower_ == "for" for t in path[:contest]):
        return False
    chooser = next((t for t in path[contest + 1:contest + 4] if t.lemma_.lower() in t_.choosing), None)
    return chooser is not None and chooser.tag_ in ("VBD", "VBN", "NN") and not any(
        c.dep_ in ("dobj", "attr") and c.lower_ == span.root.lower_ for c in chooser.children)


def _up_to_verb(tok: Token) -> list[Token]:
    """The words above ``tok`` up to its clause's verb: "selected the F-16V Block 70 over ...", however deep the
    parse hangs the "over" in the chosen system's name; where the parse breaks the clause in two and no verb is
    above, the verb nearest before it."""
    out = []
    for a in tok.ancestors:
        out.append(a)
        if a.pos_ in ("VERB", "AUX") or len(out) >= 6:
            return out
    return out + [next((t for t in reversed(tok.doc[:tok.i]) if t.pos_ == "VERB"), tok)]


def _listed_after(view: SentenceView, systems: list[SystemMention], lost: list[SystemMention]) -> list[SystemMention]:
    """The lost systems and those listed right after one ("over the F-16, the Rafale and the Typhoon": all
    three), whatever the parse makes of the list: only commas, "and"/"or", articles and the next one's maker
    ("over the Dassault Rafale and the Lockheed Martin F-16") between them."""
    out = list(lost)
    makers = [(o.start - view.base, o.end - view.base) for o in view.orgs if o.kind == "company"]
    for s in sorted(systems, key=lambda s: s.start):
        if s in out:
            continue
        prev = max((x for x in out if x.end <= s.start), key=lambda x: x.end, default=None)
        between = view.span(prev.end, s.start) if prev is not None else None
        if between is not None and all(t.pos_ in ("PUNCT", "CCONJ", "DET") or any(a <= t.idx < b for a, b in makers)
                                       for t in between if t.idx + len(t) > prev.end - view.base):
            out.append(s)
    return out
