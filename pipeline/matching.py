"""Token patterns matched by lookup instead of by spaCy's Matcher, with the same results.

spaCy's Matcher tests every pattern at every token, and tests ``IN``/``NOT_IN``/``REGEX``
through a Python call each time: the model's attribute ruler alone (179 patterns) cost
more than the parser. Here each distinct value of each attribute is tested once against
every pattern step and remembered as a bit mask; a token's steps are the AND of its
attributes' masks. Patterns of fixed length over one token's attributes are handled here;
any other (operators such as ``?``, comparisons) goes to a real spaCy Matcher unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from spacy.matcher import Matcher
from spacy.tokens import Doc

# Pattern keys read straight from Doc.to_array: string attributes (as hashes) and boolean flags.
_STRING_KEYS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "NORM": "NORM", "LEMMA": "LEMMA", "POS": "POS",
                "TAG": "TAG", "DEP": "DEP", "SHAPE": "SHAPE", "ENT_TYPE": "ENT_TYPE"}
_FLAG_KEYS = {"IS_SPACE", "IS_TITLE", "IS_PUNCT", "IS_DIGIT", "IS_ALPHA", "IS_UPPER", "IS_LOWER", "LIKE_NUM"}
_OPS = {"IN", "NOT_IN", "REGEX"}
_ABSENT = object()


def _plain(step: dict) -> bool:
    """Can this step be tested by lookup? Values, or IN / NOT_IN / REGEX, on attributes of one token."""
    for key, value in step.items():
        if key not in _STRING_KEYS and key not in _FLAG_KEYS:
            return False
        if isinstance(value, dict) and (not value or set(value) - _OPS):
            return False
        if isinstance(value, (list, tuple)):
            return False
    return True


def _test(value: Any, want: Any) -> bool:
    if isinstance(want, dict):
        if "IN" in want and value not in want["IN"]:
            return False
        if "NOT_IN" in want and value in want["NOT_IN"]:
            return False
        if "REGEX" in want and not re.search(want["REGEX"], value):
            return False
        return True
    return value == want


@dataclass(frozen=True, slots=True)
class _Pattern:
    key: str
    steps: tuple[int, ...]  # bit positions in the table of distinct steps


class TokenPatterns:
    """Named token patterns; ``matches(doc)`` gives (key, start, end) like ``Matcher(doc, as_spans=False)`` with
    string keys, ordered by start, then by the order the patterns were added."""

    def __init__(self, vocab, patterns: Iterable[tuple[str, Sequence[dict]]], *, validate: bool = True):
        self.vocab = vocab
        steps: list[dict] = []
        seen: dict[str, int] = {}
        self._patterns: list[_Pattern] = []
        self._fallback = Matcher(vocab, validate=validate)
        self._fallback_keys: list[str] = []
        self._order: dict[str, int] = {}
        for key, pattern in patterns:
            self._order.setdefault(key, len(self._order))
            if validate:  # spaCy rejects what it would reject, so rule authors see the same errors either way
                Matcher(vocab, validate=True).add(key, [list(pattern)])
            if pattern and all(_plain(step) for step in pattern):
                ids = []
                for step in pattern:
                    ids.append(seen.setdefault(repr(sorted(step.items())), len(steps)))
                    if ids[-1] == len(steps):
                        steps.append(dict(step))
                self._patterns.append(_Pattern(key, tuple(ids)))
            else:
                self._fallback.add(key, [list(pattern)])
                self._fallback_keys.append(key)
        self._keys = sorted({k for step in steps for k in step})
        self._columns = [_STRING_KEYS.get(k, k) for k in self._keys]
        self._steps = steps
        self._all = (1 << len(steps)) - 1
        # per key: the steps that say nothing about it (always satisfied there), the steps that want one of
        # some values (found by value), and the rest (NOT_IN, REGEX: tested one by one)
        self._free: list[int] = []
        self._by_value: list[dict[Any, int]] = []
        self._tested: list[list[tuple[int, Any]]] = []
        for k in self._keys:
            free, by_value, tested = 0, {}, []
            for i, st in enumerate(steps):
                want = st.get(k, _ABSENT)
                if want is _ABSENT:
                    free |= 1 << i
                elif not isinstance(want, dict):
                    by_value[want] = by_value.get(want, 0) | 1 << i
                elif set(want) == {"IN"}:
                    for v in want["IN"]:
                        by_value[v] = by_value.get(v, 0) | 1 << i
                else:
                    tested.append((i, want))
            self._free.append(free)
            self._by_value.append(by_value)
            self._tested.append(tested)
        self._memo: list[dict[int, int]] = [{} for _ in self._keys]
        self._first = 0
        self._starting: dict[int, list[_Pattern]] = {}
        for p in self._patterns:
            self._starting.setdefault(p.steps[0], []).append(p)
            self._first |= 1 << p.steps[0]

    def __len__(self) -> int:
        return len(self._order)

    def _mask(self, column: int, value: int) -> int:
        """The steps whose condition on this column's attribute ``value`` holds (and those without one)."""
        key = self._keys[column]
        text: Any = bool(value) if key in _FLAG_KEYS else self.vocab.strings[value]
        mask = self._free[column] | self._by_value[column].get(text, 0)
        for i, want in self._tested[column]:
            if _test(text, want):
                mask |= 1 << i
        if len(self._memo[column]) < 500_000:
            self._memo[column][value] = mask
        return mask

    def masks(self, doc: Doc) -> list[int]:
        """For each token, the bits of the steps it satisfies."""
        if not self._keys or not len(doc):
            return [self._all] * len(doc)
        rows = doc.to_array(self._columns).tolist()
        if len(self._columns) == 1:
            rows = [[r] for r in rows]
        out = []
        memo = self._memo
        for row in rows:
            m = self._all
            for c, v in enumerate(row):
                hit = memo[c].get(v)
                m &= hit if hit is not None else self._mask(c, v)
            out.append(m)
        return out

    def matches(self, doc: Doc) -> list[tuple[str, int, int]]:
        found: list[tuple[str, int, int]] = []
        if self._patterns:
            masks = self.masks(doc)
            n = len(masks)
            for i, here in enumerate(masks):
                starts = here & self._first
                while starts:
                    low = starts & -starts
                    starts ^= low
                    for p in self._starting[low.bit_length() - 1]:
                        end = i + len(p.steps)
                        if end <= n and all(masks[i + j] >> p.steps[j] & 1 for j in range(1, len(p.steps))):
                            found.append((p.key, i, end))
        if self._fallback_keys:
            strings = doc.vocab.strings
            found += [(strings[m], s, e) for m, s, e in self._fallback(doc, allow_missing=True)]
        found.sort(key=lambda m: (m[1], self._order[m[0]], m[2]))
        return found
