"""A parsed sentence with the mentions that fall inside it: what the event stages read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Sequence

from spacy.tokens import Doc, Span, Token

from pipeline.records import (CountryMention, DateMention, Money, Official, OrgMention, Sentence,
                              SystemMention)
from pipeline.rules import LexicalRule, Rules
from pipeline.stages.sentences import text_of
from pipeline.wordrx import word_alternatives

# Dependencies that keep a word inside the clause of the trigger it modifies.
CLAUSE_LINKS = {"xcomp", "dobj", "pobj", "prep", "attr", "oprd", "acomp", "compound", "amod", "nmod", "pcomp",
                "conj", "appos", "npadvmod", "dative"}


@dataclass
class SentenceView:
    sentence: Sentence
    doc: Doc  # the parsed sentence; its character 0 is ``base`` in the article
    base: int
    countries: list[CountryMention] = field(default_factory=list)
    systems: list[SystemMention] = field(default_factory=list)
    orgs: list[OrgMention] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    money: list[Money] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    deal_triggers: list[tuple[Token, LexicalRule]] = field(default_factory=list)
    meeting_triggers: list[tuple[Token, LexicalRule]] = field(default_factory=list)
    cues: list[tuple[Span, str]] = field(default_factory=list)  # (matched span, effect)
    cue_rules: dict[tuple[int, int, str], str] = field(default_factory=dict)  # (start, end, effect) -> its rule id

    @cached_property
    def country_tokens(self) -> frozenset[int]:
        """The indices of the tokens that name the sentence's countries (computed once per sentence)."""
        return frozenset(i for c in self.countries for i in self.token_range(c))

    def span(self, start: int, end: int) -> Span | None:
        """Tokens covering article offsets [start, end)."""
        return self.doc.char_span(start - self.base, end - self.base, alignment_mode="expand")

    def root(self, mention) -> Token | None:
        span = self.span(mention.start, mention.end)
        return span.root if span is not None and len(span) else None

    def token_range(self, mention) -> range:
        span = self.span(mention.start, mention.end)
        return range(span.start, span.end) if span is not None else range(0)

    def effects(self, effect: str) -> list[Span]:
        return [s for s, e in self.cues if e == effect]

    def cue_rule(self, span: Span, effect: str) -> str:
        """The rule (rules/cues.yaml:LINE) that matched a cue of ``effect``."""
        return self.cue_rules.get((span.start, span.end, effect), "rules/cues.yaml")

    def behind_deadline(self, d: DateMention, deadline: re.Pattern) -> bool:
        """Is the date right after a deadline ("by the end of the year", "before 2027"; ``deadline``:
        deadline_pattern's): when something is due, not when anything happened?"""
        return self.right_after(d, deadline)

    def right_after(self, d: DateMention, words: re.Pattern) -> bool:
        """Do the words right before the date match ``words`` (a pattern anchored at its end: "since the")?"""
        return words.search(text_of(self.doc)[:max(0, d.start - self.base)][-25:]) is not None


def deadline_pattern(rules: Rules) -> re.Pattern:
    """The words of class ``deadline`` (rules/words.yaml) right before a date: "by", "before the", "until"."""
    key = ("deadline",)
    if key not in rules._cache:
        rules._cache[key] = re.compile(rf"\b(?:{word_alternatives(rules.word_class('deadline'))})\s+(?:the\s+)?$", re.I)
    return rules._cache[key]


def depth(tok: Token) -> int:
    return sum(1 for _ in tok.ancestors)


def clause_chain(tok: Token) -> list[Token]:
    """``tok`` and the heads it hangs from inside its clause ("sign" <- "expected" in "is expected to sign")."""
    chain = [tok]
    while tok.dep_ in CLAUSE_LINKS and tok.head.i != tok.i:
        tok = tok.head
        chain.append(tok)
    return chain


def governs(cue: Span, trigger: Token) -> bool:
    """Does a cue bear on a trigger: it is in the trigger's clause chain or an auxiliary/modifier of it."""
    chain = clause_chain(trigger)
    if trigger.dep_ == "acl" and trigger.head in cue and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        return True  # the noun an infinitive completes: "plans to acquire", "a request to buy"
    for c in cue:
        if c in chain:
            return True
        if c.head in chain and c.dep_ in ("aux", "auxpass", "neg", "advmod", "amod", "xcomp", "det", "acomp", "prep", "compound"):
            return True
    return False


MODIFIER_DEPS = {"compound", "amod", "nmod", "poss"}


def main_trigger(triggers: Sequence[tuple[Token, LexicalRule]]) -> tuple[Token, LexicalRule] | None:
    """The trigger highest in the parse (then the first), a noun modifying another noun last:
    in "a defense export vehicle ... nearing a contract", "contract" rules, not "export"."""
    if not triggers:
        return None
    return min(triggers, key=lambda tr: (tr[0].dep_ in MODIFIER_DEPS, depth(tr[0]), tr[0].i))
