"""Bounds on what one document can cost: sentences and spaCy calls of bounded size, and a document that
breaks a pass (a MemoryError) fails alone (issue 12, item 6)."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from pipeline import store
from pipeline.nlp import PARSE_TOKENS, READ_TOKENS, token_batches
from pipeline.records import Failure
from pipeline.run import run_corpus
from pipeline.sentence_ner import SentenceNER
from pipeline.stages.sentences import MAX_SENTENCE_TOKENS
from tests.conftest import ROOT, SEEDS

DEAL = "Poland signed a contract with Hyundai Rotem on Tuesday for 180 K2 tanks worth $6.5 billion."


def _filler(words: int) -> str:
    """Words and no punctuation, with a trigger and a country now and then, so that its pieces get parsed."""
    unit = "the army said that Poland would sign a contract for more tanks " + "and the others " * 1000
    per = len(unit.split())
    return " ".join((unit * (words // per + 1)).split()[:words])


def test_bounds_unpunctuated_text_is_parsed_in_bounded_sentences(kit, monkeypatch):
    seen: list[int] = []
    parse = kit.parse

    def spy(texts):
        for doc in parse(texts):
            seen.append(len(doc))
            yield doc

    monkeypatch.setattr(kit, "parse", spy)
    text = _filler(200_000) + "\n\n" + DEAL
    from pipeline.analyse import analyse_text

    result = analyse_text(text, kit, published="2025-03-04")
    assert max(seen) <= MAX_SENTENCE_TOKENS + 1, max(seen)
    assert max(seen) >= MAX_SENTENCE_TOKENS // 2  # the long stretch was parsed, in pieces, not left out
    assert max(len(d.sentence.text.split()) for d in result.deals) <= MAX_SENTENCE_TOKENS  # what is stored, too
    deal = [d for d in result.deals if d.sentence.start >= len(text) - len(DEAL)]
    assert deal and deal[0].buyer == "POL", result.deals


def test_bounds_cap_is_far_above_real_sentences(kit):
    files = sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "tests" / "dev").glob("*.txt"))
    longest = max(len(s) for doc in kit.read(p.read_text(encoding="utf-8") for p in files) for s in doc.sents)
    assert 2 * longest < MAX_SENTENCE_TOKENS, longest


def test_bounds_token_batches_hold_at_most_the_limit():
    nlp = spacy.blank("en")
    docs = [nlp.make_doc(t) for t in ["a b", "c d", "e f g h", "i", "j k l m n o"]]
    batches = list(token_batches(docs, max_docs=3, max_tokens=4))
    assert [[d.text for d in b] for b in batches] == [["a b", "c d"], ["e f g h"], ["i"], ["j k l m n o"]]
    assert PARSE_TOKENS <= READ_TOKENS


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Romania signed a contract for 54 K9 howitzers on Tuesday.\n", encoding="utf-8")
    (folder / "b_boom.txt").write_text("EXPLODE. Norway signed a contract for 24 tanks on Monday.\n", encoding="utf-8")
    (folder / "c.txt").write_text("Egypt signed a contract for 200 K9 howitzers on Friday.\n", encoding="utf-8")
    return folder


def _explode_in_read(monkeypatch):
    pipe = SentenceNER.pipe

    def boom(self, docs, **kw):
        docs = list(docs)
        if any("EXPLODE" in d.text for d in docs):
            raise MemoryError("Unable to allocate 11.0 GiB for an array\nwith a second line")
        yield from pipe(self, docs, **kw)

    monkeypatch.setattr(SentenceNER, "pipe", boom)


def _explode_in_stage(monkeypatch):
    import pipeline.analyse as analyse

    extract = analyse.extract_money

    def boom(text, **kw):
        if "EXPLODE" in text:
            raise MemoryError("Unable to allocate 11.0 GiB for an array")
        return extract(text, **kw)

    monkeypatch.setattr(analyse, "extract_money", boom)


@pytest.mark.parametrize("explode", [_explode_in_read, _explode_in_stage], ids=["read-pass", "stage"])
def test_bounds_memory_error_fails_one_document_alone(tmp_path, monkeypatch, explode):
    explode(monkeypatch)
    db = tmp_path / "out.db"
    summary = run_corpus([str(_corpus(tmp_path))], db=str(db), progress=False)
    assert (summary.ok, summary.failed) == (2, 1), summary.render()
    [reason] = summary.failures
    assert "b_boom.txt" in reason and "MemoryError" in reason and "\n" not in reason, reason
    engine = store.connect(str(db), create=False)
    try:
        cols, rows = store.view_rows(engine, "documents")
    finally:
        engine.dispose()
    path, status = cols.index("path"), cols.index("status")
    assert sorted((r[path], r[status]) for r in rows) == [("a.txt", "ok"), ("b_boom.txt", "failed"), ("c.txt", "ok")]
    assert summary.deals == 2


def test_bounds_parse_failure_fails_one_document_alone(kit, monkeypatch):
    from pipeline.analyse import analyse
    from pipeline.records import Article

    parse = kit.parse

    def boom(texts):
        texts = list(texts)
        if any("EXPLODE" in t for t in texts):
            raise MemoryError("Unable to allocate")
        yield from parse(texts)

    monkeypatch.setattr(kit, "parse", boom)
    texts = {"a.txt": "Romania signed a contract for 54 K9 howitzers on Tuesday.",
             "b.txt": "EXPLODE Norway signed a contract for 24 tanks on Monday.",
             "c.txt": "Egypt signed a contract for 200 K9 howitzers on Friday."}
    articles = [Article(path=p, root="", text=t, sha256="", published=None, published_source=None, dateline_end=0)
                for p, t in texts.items()]
    results = analyse(articles, kit)
    assert [isinstance(r, Failure) for r in results] == [False, True, False]
    assert results[1].error.startswith("b.txt: internal error in parse: MemoryError")
    assert all(r.deals for r in (results[0], results[2]))


_BOUNDED_RUN = """
import resource, subprocess, sys
limit = int(sys.argv[1])
def bound():
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
proc = subprocess.run([sys.executable, "-m", "pipeline", "run", sys.argv[2], "--db", sys.argv[3]], preexec_fn=bound,
                      capture_output=True, text=True)
print(proc.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, proc.stderr[-300:])
"""


def test_bounds_long_line_runs_under_an_address_space_limit(tmp_path):
    """One 300 KB line of one-letter words (150,000 tokens) in a run limited to 2 GB of address space:
    before the bounds the read pass held all its tokens at once (~2 GB of arrays) and died."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    letters = "abcdefghijklmnopqrstuvwxyz"
    (folder / "line.txt").write_text(" ".join(letters[i % 26] for i in range(150_000)), encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", _BOUNDED_RUN, str(2 * 1024 ** 3), str(folder), str(tmp_path / "m.db")],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    code, peak_mb, err = out.stdout.split(" ", 2)
    assert code == "0", err
    assert int(peak_mb) < 1024, peak_mb


def test_bounds_a_long_article_is_analysed_in_chapters_at_its_own_offsets(kit, monkeypatch):
    """Chapters (pipeline.chapters) give what the whole article gives, at the article's offsets."""
    from pipeline import chapters
    from pipeline.analyse import analyse
    from pipeline.records import Article, DateValue

    buyers = ["Poland", "Romania", "Norway", "Egypt", "Australia", "Estonia"]
    paragraphs = [p for i, buyer in enumerate(buyers) for p in (
        f"{buyer} signed a ${i + 1}.5 billion contract for {20 + i} K9 howitzers from South Korea on Monday.",
        "Analysts said the order was the largest in the country's history.")]
    text = "\n\n".join(paragraphs) + "\n"
    article = Article(path="long.txt", root="/c", text=text, sha256="0" * 64, published=DateValue("2024-06-05", "day"))
    whole = analyse([article], kit)[0]
    monkeypatch.setattr(chapters, "CHAPTER_CHARS", 200)
    cut = analyse([article], kit)[0]
    assert len(text) > 4 * 200 and cut.article is article
    assert [(d.sentence.start, d.sentence.end, d.supplier, d.buyer, d.systems, d.date) for d in cut.deals] == \
           [(d.sentence.start, d.sentence.end, d.supplier, d.buyer, d.systems, d.date) for d in whole.deals]
    assert len(cut.deals) == 6 and all(text[d.sentence.start:d.sentence.end] == d.sentence.text for d in cut.deals)
    assert [(m.start, m.end, m.low) for m in cut.mentions.money] == [(m.start, m.end, m.low) for m in whole.mentions.money]
    assert all(text[m.start:m.end] == m.text for m in cut.mentions.money + cut.mentions.officials)
