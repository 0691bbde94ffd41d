"""Sentences with paragraph numbers; a line break always ends a sentence (headlines, captions)."""

from __future__ import annotations

import bisect
import re
from typing import Iterable, Iterator

from spacy.tokens import Doc, Span

from pipeline.records import Sentence
from pipeline.wrapped import CLOSING as _CLOSING

_LINE = re.compile(r"[^\n]+")
_BREAK = re.compile(r"\n\s*")
_LISTING = re.compile(r"(?:[:;]|[,;] and)\s*$")


_TEXT = "armsledger.text"
# Far above any real sentence (the longest in the seeds, the dev set and corpus/ has 166 tokens): a longer run of words
# with no sentence end (a table, a list, a text with no punctuation) is cut into pieces of this many tokens, so
# that no sentence the parse pass gets, and no sentence stored, grows with the document.
MAX_SENTENCE_TOKENS = 500


def lists_on(text: str) -> bool:
    """Does the sentence open or go on with a list ("Included in this package are:", "Two NASAMS;",
    "up to 150,000 rounds of ammunition; and")? The items after it belong to what it tells."""
    return _LISTING.search(text) is not None


def keep_text(doc: Doc, text: str) -> None:
    """Remember the text ``doc`` was made from (the same string spaCy would rebuild)."""
    doc.user_data[_TEXT] = text


def text_of(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins every token again each time it is asked."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def split_sentences(doc: Doc) -> list[Sentence]:
    """The sentences of ``doc`` (from the senter or parser), cut again at every line break."""
    text = text_of(doc)
    breaks = [m.start() for m in _BREAK.finditer(text)]
    out: list[Sentence] = []
    for sent in (piece for s in bounded(_bracketed(doc.sents), MAX_SENTENCE_TOKENS) for piece in unglued(s)):
        for m in _LINE.finditer(text, sent.start_char, sent.end_char):
            start, end = m.start(), m.end()
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                out.append(Sentence(start, end, text[start:end], bisect.bisect_right(breaks, start),
                                    _heading(text, start, end, m.start(), m.end())))
    return out


def _glued_stop(doc: Doc, i: int) -> bool:
    """Is token ``i`` a full stop with no space before the next sentence's first word, as pages stripped of
    their markup write it ("said Saturday.During the talks")? Never an initial or an abbreviation ("U.S."):
    the word before is a lower-case run of letters."""
    if doc[i].text != "." or doc[i].whitespace_ or not 0 < i < len(doc) - 1:
        return False
    before, after = doc[i - 1], doc[i + 1]
    return before.is_alpha and len(before) > 2 and before.text[-2:].islower() and not before.whitespace_ \
        and after.is_alpha and after.is_title and len(after) > 1


def unglued(sent: Span) -> Iterator[Span]:
    """``sent`` cut after every full stop glued to the next sentence (_glued_stop) the senter kept inside it."""
    start = sent.start
    for i in range(sent.start, sent.end - 1):
        if _glued_stop(sent.doc, i):
            yield sent.doc[start:i + 1]
            start = i + 1
    yield sent.doc[start:sent.end]


def _unended(sent: Span) -> bool:
    """Does the senter's span stop mid-line with no sentence end: a bracket left open ("signed with Raytheon [RTN]
    for ..."), or a last word that is no full stop, question, exclamation, colon or semicolon, brackets and quotes
    after it aside ("called on Chief of Army Staff (COAS)" | "General X on Tuesday", "met Admiral Hu" | "Zhongming")?
    A span the line ends, or whose next token opens another line, stopped where the line did; only its last line counts."""
    text = sent.text.rsplit("\n", 1)[-1]
    doc = sent.doc
    if sent.end >= len(doc) or "\n" in doc[sent.end - 1].whitespace_ or doc[sent.end].is_space:
        return False
    if text.count("[") > text.count("]"):
        return True
    body = text.rstrip(_TRAILING)
    # a clause has a word in lower case outside brackets; a dateline ("MOSCOW (Agency, 5 June)") or a label has none
    return bool(body) and body[-1] not in _ENDS and _LOWER_WORD.search(_BRACKETS.sub(" ", text)) is not None


_ENDS = ".!?:;…"  # what a sentence ends with, before any closing bracket or quote
_TRAILING = ")]}\"”’' "
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")


def _bracketed(sents: Iterable[Span]) -> Iterator[Span]:
    """The spans, each that stops mid-line with no sentence end (_unended) joined to the next on its line: the
    senter ends a sentence inside a stock ticker, after an abbreviation in brackets, or inside a long name."""
    held: Span | None = None
    for sent in sents:
        if held is not None:
            sent = sent.doc[held.start:sent.end]
        if _unended(sent):
            held = sent
            continue
        held = None
        yield sent
    if held is not None:
        yield held


def bounded(sents: Iterable[Span], limit: int) -> Iterator[Span]:
    """The spans, each longer than ``limit`` tokens cut into consecutive pieces of at most ``limit``."""
    for sent in sents:
        if len(sent) <= limit:
            yield sent
            continue
        for start in range(sent.start, sent.end, limit):
            yield sent.doc[start:min(start + limit, sent.end)]


HEADING_WORDS = 20  # a line of more words is a paragraph, whatever its punctuation


def heading_line(line: str) -> bool:
    """A line (stripped) with no closing punctuation and not many words: a headline or a subhead.

    >>> heading_line("Ankara to buy 40 jets from London"), heading_line("Ankara bought them.")
    (True, False)
    """
    return bool(line) and line[-1] not in _CLOSING and len(line.split()) <= HEADING_WORDS


def _heading(text: str, start: int, end: int, line_start: int, line_end: int) -> bool:
    """A sentence that is a whole heading-shaped line."""
    return text[line_start:line_end].strip() == text[start:end] and heading_line(text[start:end])


def sentence_at(sentences: list[Sentence], starts: list[int], offset: int) -> Sentence | None:
    """The sentence holding character ``offset`` (``starts`` are the sentences' start offsets)."""
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and sentences[i].start <= offset < sentences[i].end:
        return sentences[i]
    return None
