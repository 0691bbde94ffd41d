"""Token patterns by lookup (pipeline.matching) give what spaCy's Matcher and AttributeRuler give."""

from __future__ import annotations

import pytest
import spacy
from spacy.matcher import Matcher

from pipeline.matching import TokenPatterns
from pipeline.nlp import DEFAULT_MODEL, CachedLemmatizer, IndexedAttributeRuler
from tests.conftest import SEEDS, need_shared


@pytest.fixture(scope="module")
def seed_texts():
    need_shared()
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def test_the_indexed_ruler_and_cached_lemmatizer_set_what_the_models_components_set(kit, seed_texts):
    stock = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    assert type(stock.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
    assert isinstance(kit.nlp.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert isinstance(kit.nlp.get_pipe("lemmatizer"), CachedLemmatizer)
    assert type(stock.get_pipe("lemmatizer")).__name__ == "EnglishLemmatizer"
    ours = kit.nlp.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
    try:
        mine = list(kit.nlp.pipe(seed_texts))
    finally:
        ours.restore()
    theirs = list(stock.pipe(seed_texts))
    attrs = lambda doc: [(t.text, t.pos_, t.tag_, t.lemma_, str(t.morph), t.dep_) for t in doc]
    assert sum(len(d) for d in mine) > 3000
    assert [attrs(d) for d in mine] == [attrs(d) for d in theirs]


PATTERNS = [
    ("lemma", [{"LEMMA": "sign", "POS": "VERB"}]),
    ("lower-in", [{"LOWER": {"IN": ["contract", "deal"]}}]),
    ("not-in", [{"POS": "PROPN", "LOWER": {"NOT_IN": ["korea", "poland"]}}]),
    ("regex", [{"TEXT": {"REGEX": r"^K\d"}}]),
    ("two", [{"LOWER": "south"}, {"LOWER": "korea"}]),
    ("title-then-num", [{"IS_TITLE": True}, {"LIKE_NUM": True}]),
    ("optional", [{"LOWER": "defense"}, {"LOWER": "minister", "OP": "?"}]),  # an operator: spaCy's Matcher does it
]


def test_token_patterns_find_what_the_matcher_finds(kit, seed_texts):
    nlp = kit.nlp
    docs = list(nlp.pipe(seed_texts, disable=["ner", "senter"]))
    mine = TokenPatterns(nlp.vocab, PATTERNS)
    theirs = Matcher(nlp.vocab, validate=True)
    for key, pattern in PATTERNS:
        theirs.add(key, [pattern])
    strings = nlp.vocab.strings
    found = 0
    for doc in docs:
        expected = sorted((strings[m], s, e) for m, s, e in theirs(doc))
        got = sorted(mine.matches(doc))
        assert got == expected
        found += len(got)
    assert found > 100
    assert {k for k, _ in PATTERNS} <= {m[0] for d in docs for m in mine.matches(d)}


def test_a_pattern_spacy_rejects_is_rejected_the_same_way(kit):
    with pytest.raises(Exception, match="(?i)invalid|unknown|attr"):
        TokenPatterns(kit.nlp.vocab, [("bad", [{"LEMMMA": "sign"}])])
