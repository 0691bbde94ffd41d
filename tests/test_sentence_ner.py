"""The model's NER decoded a sentence at a time (pipeline.sentence_ner) finds what the stock component finds."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Span

from pipeline.nlp import DEFAULT_MODEL, READ_PIPES
from pipeline.sentence_ner import SentenceNER
from tests.conftest import SEEDS, need_shared

DEV = Path(__file__).resolve().parent / "dev"


@pytest.fixture(scope="module")
def stock():
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.enable_pipe("senter")
    return nlp


def _entities(doc):
    return [(t.text, t.ent_iob_, t.ent_type_) for t in doc]


def _stock_read(stock, texts, batch_size=32):
    return list(stock.pipe(texts, batch_size=batch_size, disable=[p for p in stock.pipe_names if p not in READ_PIPES]))


def test_every_token_of_the_seeds_and_the_dev_set_gets_the_stock_entity(kit, stock, monkeypatch):
    need_shared()
    texts = [p.read_text(encoding="utf-8") for folder in (SEEDS, DEV) for p in sorted(folder.glob("*.txt"))]
    texts[3:3] = ["", "  \n\n\t ", "Seoul."]  # an empty document, whitespace alone, one word
    ner = kit.nlp.get_pipe("ner")
    assert isinstance(ner, SentenceNER) and ner.moves is not None
    decoded = []
    monkeypatch.setattr(SentenceNER, "_decode", lambda self, group, *a, _d=SentenceNER._decode: (
        decoded.extend(d for sub in group for d in sub), _d(self, group, *a))[1])
    mine = list(kit.read(texts))
    theirs = _stock_read(stock, texts)
    assert len(decoded) == len(texts) - 1  # every document but the empty one went through the sentence decoder
    assert sum(len(d.ents) for d in mine) > 1000
    assert [_entities(d) for d in mine] == [_entities(d) for d in theirs]


def test_the_tokens_decoded_together_are_bounded_and_the_entities_stay_the_same(kit, stock, monkeypatch):
    need_shared()
    texts = [p.read_text(encoding="utf-8") for folder in (SEEDS, DEV) for p in sorted(folder.glob("*.txt"))]
    groups = []  # (sub-batches, tokens) of every decoding
    monkeypatch.setattr(SentenceNER, "MAX_TOKENS", 6000)
    monkeypatch.setattr(SentenceNER, "_decode", lambda self, group, *a, _d=SentenceNER._decode: (
        groups.append((len(group), sum(len(d) for sub in group for d in sub))), _d(self, group, *a))[1])
    mine = list(kit.read(texts))
    assert sum(tokens for _, tokens in groups) == sum(len(d) for d in mine)
    assert any(subs > 1 for subs, _ in groups) and len(groups) > 2
    assert all(tokens <= 6000 or subs == 1 for subs, tokens in groups)
    assert [_entities(d) for d in mine] == [_entities(d) for d in _stock_read(stock, texts)]


def test_no_entity_runs_across_a_sentence_start(kit):
    doc = next(kit.read(["Officials met in Seoul on Monday. Kim Jong-un watched. Lockheed Martin said nothing."]))
    assert doc.ents
    for ent in doc.ents:
        assert not any(t.is_sent_start for t in ent[1:]), ent


def test_a_document_with_preset_entities_is_left_to_the_stock_decoder(kit, stock):
    text = "Defence Minister Andrzej Duda met Hanwha executives in Warsaw on Tuesday."

    def preset(nlp):
        doc = nlp.make_doc(text)
        nlp.get_pipe("senter")(doc)
        doc.set_ents([Span(doc, 5, 6, label="ORG")], default="unmodified")
        return doc

    mine = list(kit.nlp.get_pipe("ner").pipe([preset(kit.nlp)]))[0]
    theirs = list(stock.get_pipe("ner").pipe([preset(stock)]))[0]
    assert ("Hanwha", "ORG") in [(e.text, e.label_) for e in mine.ents]
    assert _entities(mine) == _entities(theirs)


def test_a_batch_that_is_one_long_sentence_gets_the_stock_entities(kit, stock, monkeypatch):
    text = "Minister John Smith met officials from Poland and Hanwha in Seoul on Monday and " * 60
    monkeypatch.setattr(SentenceNER, "_decode", lambda *a: pytest.fail("decoded a sentence at a time"))
    mine = list(kit.read([text]))[0]
    assert len(list(mine.sents)) < 3
    assert _entities(mine) == _entities(_stock_read(stock, [text])[0])
    assert {"PERSON", "GPE"} <= {e.label_ for e in mine.ents}


def test_a_recogniser_of_another_kind_is_run_as_it_is(stock):
    ner = stock.get_pipe("ner")
    beam = SentenceNER(stock.vocab)
    saved = ner.cfg["beam_width"]
    ner.cfg["beam_width"] = 4
    try:
        beam.adopt(ner)
    finally:
        ner.cfg["beam_width"] = saved
    assert beam.moves is None
    assert SentenceNER(stock.vocab).adopt(ner).moves is not None
