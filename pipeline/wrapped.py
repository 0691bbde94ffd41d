"""Plain text broken at a fixed width, as wire copy is ("The U.S. State Department\\nhas approved the possible
sale"), joined back into its sentences. A line break always ends a sentence (stages/sentences.py): a sentence
cut over three lines loses its buyer, its goods or the verb that says how far the deal has gone."""

from __future__ import annotations

CLOSING = ".!?:;\"”’)"  # what a line that ends a sentence or a paragraph ends with
_WRAPS = 3  # lines that go on in lower case on the next line: so many make a text hard-wrapped
_LONG = 0.6  # a line this share as long as the text's long lines ends where the width did, not the sentence
_WIDTH = 40  # wrapping cuts lines of at least so many characters: shorter ones are a list or verse


def unwrapped(text: str) -> str:
    """``text`` with each line break inside a sentence of a hard-wrapped text made a space: the same length,
    so that every offset holds. A text is hard-wrapped where at least _WRAPS lines of _WIDTH characters or
    more end on a word or a comma and the next goes on in lower case; a break is inside a sentence where the line before ends on no closing
    punctuation and the next line is not blank, and either goes on in lower case or the line before is long."""
    lines = text.split("\n")
    if sum(1 for a, b in zip(lines, lines[1:]) if _open(a) and len(a) >= _WIDTH and b[:1].islower()) < _WRAPS:
        return text
    lengths = sorted(len(x.rstrip()) for x in lines if x.strip())
    width = lengths[int(len(lengths) * 0.9)]
    out = list(text)
    at = 0
    for a, b in zip(lines, lines[1:]):
        at += len(a)
        nxt = b.lstrip()[:1]
        if _open(a) and b.strip() and (nxt.islower() or nxt == "," or len(a.rstrip()) >= _LONG * width):
            out[at] = " "
        at += 1
    return "".join(out)


def _open(line: str) -> bool:
    """Does the line end on a word, a number or a comma, not where a sentence or a heading closes?"""
    end = line.rstrip()[-1:]
    return bool(end) and end not in CLOSING and (end.isalnum() or end == ",")
