"""A very long article analysed a chapter at a time, so that memory is bounded by the chapter, not the file.

The parse pass keeps every parsed candidate sentence of a document until its events are built (about
30 MB per MB of news text), so a 20 MB article would need over 1 GB. An article longer than
``CHAPTER_CHARS`` is cut at line breaks into chapters; each is analysed as an article of its own and let
go, and the chapters' mentions and events are put back together at the article's offsets. Only context
that would run across a cut (a deal told over two sentences on either side of it) is lost; no real
article is that long. Nor is the long article's list of sentences kept (nothing stores it, and in a text
of short sentences it would grow with the file: 20 MB of "It is. " is 2.85 million of them); each
event keeps its own sentence.
"""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from typing import Callable

from pipeline.records import Article, DocResult, Failure, Mentions, shifted

CHAPTER_CHARS = 500_000


def analyse_in_chapters(article: Article, analyse_one: Callable[[Article], DocResult | Failure],
                        cut: Callable[[str, int], list[tuple[int, str]]]) -> DocResult | Failure:
    """``article`` analysed chapter by chapter with ``analyse_one``; ``cut(text, limit)`` gives the chapters
    as (offset, text). A chapter that fails fails the article, with the chapter's reason."""
    mentions: dict[str, list] = {f.name: [] for f in dataclasses.fields(Mentions) if f.name != "sentences"}
    deals, meetings, seconds = [], [], 0.0
    for base, text in cut(article.text, CHAPTER_CHARS):  # (read at call time: tests make chapters small)
        chapter = replace(article, text=text, dateline_end=article.dateline_end if base == 0 else 0)
        result = analyse_one(chapter)
        if isinstance(result, Failure):
            return result
        for name, items in mentions.items():
            items.extend(shifted(getattr(result.mentions, name), base))
        deals.extend(shifted(result.deals, base))
        meetings.extend(shifted(result.meetings, base))
        seconds += result.seconds
    return DocResult(article, Mentions(**{k: tuple(v) for k, v in mentions.items()}), tuple(deals), tuple(meetings),
                     seconds)
