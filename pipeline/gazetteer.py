"""Lexicon matching over raw text: every alias of a kind compiled into one trie-shaped regex.

Aliases match with flexible separators ("K9" = "K-9" = "K 9"; "Cheongung-II" =
"Cheongung II" = "Cheongung–II") and an optional plural ("FA-50s"). One regex per kind
keeps matching linear in the text, whatever the number of aliases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, Iterator, TypeVar

from pipeline.wordrx import NEVER, trie_regex

T = TypeVar("T")

_SEP = "\x01"  # a space, hyphen or dash between words of the alias: any one of them in the text
_OPT = "\x02"  # a letter-digit boundary in the alias ("K9", "F-35"): a separator or none in the text
_SEP_RX = r"[\s\-–—]+"
_OPT_RX = r"[\s\-–—]?"
_PLURAL_RX = r"(?:e?s\b|['’]s\b)?"
# A model letter code after a number the lexicon does not list ("FA-50PH", "K9A1"): the family matches.
_VARIANT_RX = r"(?:(?<=\d)(?-i:[A-Z]{1,3}[0-9]?))?"
_VARIANT = re.compile(r"(?<=\d)[a-z]{1,3}[0-9]?$")


def alias_key(text: str) -> str:
    """The form two spellings of one alias share.

    >>> alias_key("K-9") == alias_key("k9") == alias_key("K 9")
    True
    """
    return re.sub(r"[\s\-–—]+", "", text).replace("’", "'").casefold()


def _encode(alias: str) -> str:
    """The alias as trie characters: case-folded, separators marked."""
    out = []
    chunks = re.split(r"[\s\-–—]+", alias.strip())
    for i, chunk in enumerate(chunks):
        if i:
            before, after = chunks[i - 1][-1:], chunk[:1]
            mixed = before.isdigit() != after.isdigit() and before.isalnum() and after.isalnum()
            out.append(_OPT if mixed else _SEP)
        prev = ""
        for ch in chunk.casefold().replace("’", "'"):
            if prev and (prev.isalpha() and ch.isdigit() or prev.isdigit() and ch.isalpha()):
                out.append(_OPT)
            out.append(ch)
            prev = ch
    return "".join(out)


def _piece(ch: str) -> str:
    return _SEP_RX if ch == _SEP else _OPT_RX if ch == _OPT else re.escape(ch).replace("'", "['’]")


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    start: int
    end: int
    text: str
    entry: T
    alias: str


class TrieMatcher(Generic[T]):
    """Finds every alias of a lexicon in a text; the longest match wins at each position."""

    def __init__(self, aliases: dict[str, T], *, plural: bool = True):
        self._entries: dict[str, tuple[str, T]] = {}
        for alias, entry in aliases.items():
            self._entries.setdefault(alias_key(alias), (alias, entry))
        keys = sorted({_encode(a) for a in aliases if a.strip()}, key=len, reverse=True)
        body = trie_regex(keys, _piece) if keys else NEVER
        tail = (_VARIANT_RX + _PLURAL_RX) if plural else ""
        self._rx = re.compile(rf"(?<![\w$€£₩]){body}{tail}(?![\w$])", re.IGNORECASE)

    def finditer(self, text: str) -> Iterator[Hit[T]]:
        for m in self._rx.finditer(text):
            found = self._lookup(m.group(0))
            if found is None:
                continue
            alias, entry = found
            if _case_ok(alias, m.group(0)):
                yield Hit(m.start(), m.end(), m.group(0), entry, alias)

    def _lookup(self, matched: str) -> tuple[str, T] | None:
        key = alias_key(matched)
        cuts = [c for c in (key, re.sub(r"['’]s$", "", key), key[:-1] if key.endswith("s") else None,
                            key[:-2] if key.endswith("es") else None) if c]
        for cut in cuts + [_VARIANT.sub("", c) for c in cuts if _VARIANT.search(c)]:
            if cut in self._entries:
                return self._entries[cut]
        return None


def _case_ok(alias: str, matched: str) -> bool:
    """Case rules that keep "us" from being the US and "spike in demand" from being a missile."""
    letters = [c for c in alias if c.isalpha()]
    if not letters:
        return True
    if all(c.isupper() for c in letters) and len(letters) <= 5 and not any(c.isdigit() for c in alias):
        return matched.rstrip("s'’").replace("’", "'").startswith(alias.rstrip("s")) or matched.isupper()
    if any(c.isdigit() for c in alias):
        # "AS90", "AT4": a designation in capitals is never the words "as 90" or "at 4"
        core = re.sub(r"(?:e?s|['’]s)$", "", matched)
        return not all(c.isupper() for c in letters) or all(c.isupper() for c in core if c.isalpha())
    first = next(c for c in matched if c.isalpha())
    if alias[0].isupper():
        return first.isupper()
    return True
