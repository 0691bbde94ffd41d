"""Title-case headlines, parsed as sentences are written.

"Vietnam Orders 12 Su-30MK2 Fighter Jets From Russia": the tagger reads every capitalised word as a
proper noun ("Orders" NNPS, "Jets" an apposition), so no verb carries the deal. The parser is given the
heading with the words lowercased that the article itself writes in lower case ("orders", "fighter",
"jets", "from"); names ("Vietnam", "Russia", "Su-30MK2") are never written so and keep their capitals.
The text keeps its length, so offsets stay those of the article.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z]+")
TITLE_SHARE = 0.7  # of a heading's words capitalised: a title-case heading
MIN_WORDS = 4


def lower_words(text: str) -> frozenset[str]:
    """The words an article writes in lower case."""
    return frozenset(m.group() for m in _WORD.finditer(text) if m.group().islower())


def _in_lower(word: str, lower: frozenset[str]) -> bool:
    w = word.lower()  # "Signs", "Orders": "signed", "order" in the body
    stems = {w, w[:-1]} if w.endswith("s") and len(w) > 3 else {w}
    return any(x + end in lower for x in stems for end in ("", "s", "d", "ed", "ing"))


def sentence_cased(heading: str, lower: frozenset[str], names: list[tuple[int, int]] = ()) -> str:
    """``heading`` with its common words lowercased if it is in title case (else as it is); ``names`` are
    spans (offsets in ``heading``) of the names found in it (systems, countries, bodies), kept as written.

    >>> sentence_cased("Vietnam Orders 12 Su-30MK2 Fighter Jets From Russia", frozenset({"orders", "fighter", "jets", "from"}))
    'Vietnam orders 12 Su-30MK2 fighter jets from Russia'
    >>> sentence_cased("Vietnam orders jets from Russia", frozenset({"orders"}))
    'Vietnam orders jets from Russia'
    """
    words = [m for m in _WORD.finditer(heading) if m.start() == 0 or not heading[m.start() - 1].isalnum()]
    if len(words) < MIN_WORDS or sum(m.group()[0].isupper() for m in words) < TITLE_SHARE * len(words):
        return heading
    out = list(heading)
    for m in words:
        w = m.group()
        if w.istitle() and _in_lower(w, lower) and not any(a < m.end() and m.start() < b for a, b in names) and (m.end() >= len(heading) or heading[m.end()] not in "-'’"):
            out[m.start()] = w[0].lower()
    return "".join(out)
