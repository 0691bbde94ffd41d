"""Lists of words as one regular expression, written as a trie.

"sign|signed|signing" becomes "sign(?:ed|ing)?": the regex engine tries shared beginnings once
instead of every word in turn, which is many times faster for long lists, and the matches are the
same as a list sorted longest first (the longest word that lets the rest of the pattern match wins).
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

NEVER = r"(?!x)x"  # a pattern that matches nothing, for an empty list


def trie_regex(keys: Iterable[str], piece: Callable[[str], str] = re.escape) -> str:
    """The keys (strings of units, one character each) as one alternation; ``piece`` writes a unit."""
    trie: dict = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        end = "" in node
        branches = [piece(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return emit(trie)


def word_alternatives(words: Iterable[str]) -> str:
    """Words and phrases as one alternation, any run of white space between the words of a phrase;
    a pattern that never matches for no words."""
    keys = {" ".join(w.split()) for w in words if w.strip()}
    return trie_regex(keys, lambda ch: r"\s+" if ch == " " else re.escape(ch)) or NEVER
