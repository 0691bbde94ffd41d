"""Refuse rule regexes that can backtrack exponentially, before they meet a hostile text.

Python's ``re`` backtracks: ``(a+)+$`` on thirty ``a`` and a ``!`` tries every way of cutting
the run into groups, which takes minutes. That needs a repeated group whose text can be cut in
more than one way: a quantifier inside the group that could stop or go on with the same
character (``(a+)+``, ``(\\w+\\s?)*``), or alternatives that can start with the same character
(``(x|xx)+``, ``(a|ab)*``). This module reads a pattern with Python's own parser and looks for
exactly that, approximating character classes by a fixed set of sample characters; a
possessive quantifier or an atomic group never backtracks and is left alone. Patterns that are
only polynomial (``.*.*x``) are not refused.

>>> backtracking_risk(r"(a+)+$") is not None
True
>>> backtracking_risk(r"(?:\\w+\\s)*\\d") is None
True
"""

from __future__ import annotations

import string
import warnings
from functools import lru_cache

try:
    from re import _constants as C, _parser as sre_parse
except ImportError:  # pragma: no cover - Python before 3.11
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

# The characters every character class is tried on; a pattern's own literals are added to them.
_SAMPLES = frozenset(string.printable + "\u00a0\u2009éßЖж中’‘“”–—€£₩")
_CATEGORIES = {  # sre's class escapes, as predicates on one character
    C.CATEGORY_DIGIT: str.isdecimal, C.CATEGORY_NOT_DIGIT: lambda c: not c.isdecimal(),
    C.CATEGORY_SPACE: str.isspace, C.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    C.CATEGORY_WORD: lambda c: c.isalnum() or c == "_", C.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT)
_EMPTY: frozenset[str] = frozenset()
_NESTED = "has a quantifier inside a repeated group that can match the same text as what follows it"
_OVERLAP = "has alternatives under a quantifier that can match the same text"
_EMPTY_LOOP = "repeats a group that can match nothing"


def backtracking_risk(pattern: str) -> str | None:
    """Why ``pattern`` can take exponential time (a message for ``file:line: ...``), or None."""
    try:
        with warnings.catch_warnings():  # re.compile has already warned the rule's author, once
            warnings.simplefilter("ignore")
            parsed = sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - not compiling is reported by the caller, in re's own words
        return None
    samples = _SAMPLES | {chr(av) for op, av in _walk_items(parsed) if op in (C.LITERAL, C.NOT_LITERAL)}
    reason = _Checker(frozenset(samples)).walk(list(parsed), _EMPTY, False)
    return f"can backtrack catastrophically: it {reason}; make the repetition unambiguous" if reason else None


def _walk_items(seq):
    """Every (op, av) of a parsed pattern, nested ones included."""
    for op, av in seq:
        yield op, av
        for sub in _children(op, av):
            yield from _walk_items(sub)


def _children(op, av) -> list:
    if op in _REPEATS or op is C.POSSESSIVE_REPEAT:
        return [av[2]]
    if op is C.SUBPATTERN:
        return [av[3]]
    if op is C.BRANCH:
        return list(av[1])
    if op in (C.ASSERT, C.ASSERT_NOT):
        return [av[1]]
    if op is C.ATOMIC_GROUP:
        return [av]
    if op is C.GROUPREF_EXISTS:
        return [av[1]] + ([av[2]] if av[2] is not None else [])
    return []


class _Checker:
    """Walks a parsed pattern with what may follow each part, looking for an ambiguous repetition."""

    def __init__(self, samples: frozenset[str]) -> None:
        self.samples = samples
        self._chars: dict[str, frozenset[str]] = {}

    def walk(self, seq: list, follow: frozenset[str], in_loop: bool) -> str | None:
        """The first ambiguity in ``seq``, which ``follow`` may follow; ``in_loop``: inside a repeated group."""
        afters = [follow]  # what may follow each item, built from the end
        for op, av in reversed(seq[1:]):
            chars, empty = self._first_item(op, av)
            afters.append(chars | afters[-1] if empty else chars)
        for (op, av), after in zip(seq, reversed(afters)):
            reason = self._item(op, av, after, in_loop)
            if reason:
                return reason
        return None

    def _item(self, op, av, after: frozenset[str], in_loop: bool) -> str | None:
        if op in _REPEATS:
            low, high, body = av
            starts, empty = self.first(list(body))
            if in_loop and low != high and starts & after:
                return _NESTED
            if high == C.MAXREPEAT and empty:
                return _EMPTY_LOOP
            if high > 1:  # the next turn of the loop may follow the body too
                return self.walk(list(body), starts | (after if in_loop else _EMPTY), True)
            return self.walk(list(body), after, in_loop)
        if op is C.BRANCH:
            alternatives = [list(a) for a in av[1]]
            if in_loop:
                starts = [s | after if e else s for s, e in map(self.first, alternatives)]
                if any(a & b for i, a in enumerate(starts) for b in starts[i + 1:]):
                    return _OVERLAP
            return next((r for a in alternatives if (r := self.walk(a, after, in_loop))), None)
        if op is C.SUBPATTERN:
            return self.walk(list(av[3]), after, in_loop)
        if op is C.GROUPREF_EXISTS:
            return next((r for a in _children(op, av) if (r := self.walk(list(a), after, in_loop))), None)
        # what never backtracks into itself, or consumes nothing: only deeper repetitions matter
        return next((r for sub in _children(op, av) if (r := self.walk(list(sub), _EMPTY, False))), None)

    def first(self, seq: list) -> tuple[frozenset[str], bool]:
        """The sample characters ``seq`` can start with, and whether it can match nothing."""
        starts: frozenset[str] = _EMPTY
        for op, av in seq:
            chars, empty = self._first_item(op, av)
            starts |= chars
            if not empty:
                return starts, False
        return starts, True

    def _first_item(self, op, av) -> tuple[frozenset[str], bool]:
        if op in _REPEATS or op is C.POSSESSIVE_REPEAT:
            chars, empty = self.first(list(av[2]))
            return chars, empty or av[0] == 0
        if op in (C.SUBPATTERN, C.ATOMIC_GROUP, C.BRANCH, C.GROUPREF_EXISTS):
            parts = [self.first(list(sub)) for sub in _children(op, av)]
            chars = frozenset().union(*(c for c, _ in parts))
            empty = any(e for _, e in parts) or (op is C.GROUPREF_EXISTS and av[2] is None)
            return chars, empty
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            return _EMPTY, True
        if op is C.GROUPREF:
            return self.samples, True
        key = f"{op}{av!r}"
        if key not in self._chars:
            self._chars[key] = _single(op, av, self.samples)
        return self._chars[key], False


def _single(op, av, samples: frozenset[str]) -> frozenset[str]:
    """The samples one single-character item matches, in either case (flags are not tracked)."""
    if op is C.LITERAL:  # the common case, without trying every sample
        c = chr(av)
        return frozenset(v for v in (c, c.lower(), c.upper()) if len(v) == 1) & samples
    return frozenset(c for c in samples if any(_matches(op, av, v) for v in {c, c.lower(), c.upper()} if len(v) == 1))


@lru_cache(maxsize=4096)
def _category(category, c: str) -> bool:
    return _CATEGORIES.get(category, lambda _: True)(c)


def _matches(op, av, c: str) -> bool:
    if op is C.LITERAL:
        return ord(c) == av
    if op is C.NOT_LITERAL:
        return ord(c) != av
    if op is C.IN:
        negate = any(o is C.NEGATE for o, _ in av)
        hit = any(_in_item(o, a, c) for o, a in av if o is not C.NEGATE)
        return hit != negate
    if op is C.CATEGORY:
        return _category(av, c)
    return True  # ANY and whatever else consumes one character


def _in_item(op, av, c: str) -> bool:
    if op is C.LITERAL:
        return ord(c) == av
    if op is C.RANGE:
        return av[0] <= ord(c) <= av[1]
    if op is C.CATEGORY:
        return _category(av, c)
    return True  # an item of a class this module does not know: assume it overlaps
