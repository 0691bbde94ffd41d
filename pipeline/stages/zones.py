"""Page zones: where each line of a page stands (headline, dateline, byline, caption, body, related,
navigation), found by the line-shape rules of rules/zones.yaml, and what a zone does to what is found in it.

Zones are given to lines, not sentences: a line break always ends a sentence (pipeline.stages.sentences),
and every zone a page has (a caption, a byline, a list of other stories' headlines) is a line or a run
of lines. The rules are tried in file order; the first that claims a line gives it its zone, and a line
no rule claims is body. A navigation line yields no mention (``audible``) and is never parsed; a
caption or related line is, for the context it gives, but tells no event of its own (``without_echoes``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Sequence, TypeVar

from pipeline.labels import ECHO_ZONES, MUTE_ZONES
from pipeline.records import Deal, Meeting, Sentence
from pipeline.ruletypes import ZoneRule
from pipeline.stages.sentences import heading_line

T = TypeVar("T")
E = TypeVar("E", Deal, Meeting)
LEAD_WORDS = 10  # the lead: the first line of at least this many words that ends a sentence
_SENTENCE_END = ".!?\"”’"
_LINE = re.compile(r"[^\n]+")
_SPLIT = re.compile(r"(?<=[.!?])\s+")  # between the sentences of a line, for telling a repeat
_TOKEN = re.compile(r"[\w+'&-]+")  # a word of an ``only`` rule's line; anything else separates


@dataclass(frozen=True, slots=True)
class LineZone:
    """One non-empty line of a text (stripped offsets) and its zone; ``rule`` None for body by default."""

    start: int
    end: int
    zone: str
    rule: str | None


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str
    words: int


def _lines(text: str) -> list[_Line]:
    out = []
    for m in _LINE.finditer(text):
        line = m.group().strip()
        if line:
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            out.append(_Line(start, start + len(line), line, len(line.split())))
    return out


def _lead(lines: Sequence[_Line]) -> int:
    """The index of the story's first paragraph (len(lines) where there is none)."""
    return next((i for i, x in enumerate(lines) if x.words >= LEAD_WORDS and x.text[-1] in _SENTENCE_END), len(lines))


def find_zones(text: str, rules: Iterable[ZoneRule], *, dateline_end: int = 0) -> list[LineZone]:
    """The zone of every non-empty line of ``text``; ``dateline_end``: where the article's dateline ends
    (pipeline.ingest.find_dateline), 0 where it has none."""
    lines = _lines(text)
    lead = _lead(lines)
    claimed: list[ZoneRule | None] = [None] * len(lines)
    for rule in rules:
        for i in sorted(_claims(rule, lines, lead, claimed, dateline_end)):
            if claimed[i] is None:
                claimed[i] = rule
    return [LineZone(x.start, x.end, r.zone if r else "body", str(r) if r else None) for x, r in zip(lines, claimed)]


def _fits(rule: ZoneRule, lines: Sequence[_Line], i: int, lead: int) -> bool:
    """Does line ``i`` have the length and the place the rule asks for?"""
    x = lines[i]
    if rule.min_words is not None and x.words < rule.min_words:
        return False
    if rule.max_words is not None and x.words > rule.max_words:
        return False
    if rule.where_on_page == "top":
        return i < lead
    return rule.where_on_page != "last" or i == len(lines) - 1


def _claims(rule: ZoneRule, lines: Sequence[_Line], lead: int, claimed: Sequence[ZoneRule | None],
            dateline_end: int) -> set[int]:
    """The lines ``rule`` would give its zone (a run may pass through lines claimed before: the caller
    skips those)."""
    fits = [_fits(rule, lines, i, lead) for i in range(len(lines))]
    if rule.line is not None:
        return {i for i, x in enumerate(lines) if fits[i] and claimed[i] is None and rule.line.search(x.text)}
    if rule.only:
        return {i for i, x in enumerate(lines) if fits[i] and claimed[i] is None and only_words(x.text, rule.only)}
    if rule.after is not None:
        return _after_marker(rule.after, lines, fits)
    if rule.shape == "headline":
        return {i for i, x in enumerate(lines) if fits[i] and heading_line(x.text)}
    if rule.shape == "dateline":
        return {i for i, x in enumerate(lines) if fits[i] and x.start < dateline_end <= x.end
                and len(lines[i].text[dateline_end - x.start:].split()) <= 3}
    if rule.shape == "repeat":
        return _repeats(lines, lead, fits)
    if rule.shape == "menu":
        return _menus(lines, fits, rule.min_lines)
    if rule.shape == "end-list":
        return _end_list(lines, lead, fits, claimed, rule.min_lines)
    return set()


def only_words(line: str, phrases: frozenset[str]) -> bool:
    """Is ``line`` made of nothing but these words or phrases (and numbers, separators)?

    >>> only_words("Share | Tweet | E-mail", frozenset({"share", "tweet", "e-mail"}))
    True
    >>> only_words("Share the news", frozenset({"share"}))
    False
    """
    tokens = _TOKEN.findall(line.lower())
    longest = max((len(p.split()) for p in phrases), default=1)
    k = 0
    while k < len(tokens):
        if tokens[k].isdigit():
            k += 1
            continue
        n = next((n for n in range(min(longest, len(tokens) - k), 0, -1) if " ".join(tokens[k:k + n]) in phrases), 0)
        if n == 0:
            return False
        k += n
    return bool(tokens)


def _after_marker(marker: re.Pattern, lines: Sequence[_Line], fits: Sequence[bool]) -> set[int]:
    """A marker line ("Related articles") and the headline-shaped lines after it, up to the first that does not fit."""
    out: set[int] = set()
    i = 0
    while i < len(lines):
        if marker.search(lines[i].text):
            out.add(i)
            i += 1
            # headlines follow the marker, each maybe with a summary line between it and the next headline;
            # a sentence line followed by another is the story again
            while i < len(lines) and fits[i] and not marker.search(lines[i].text) and (
                    _headline(lines, i) or _headline(lines, i - 1) and (i + 1 == len(lines) or _headline(lines, i + 1))):
                out.add(i)
                i += 1
        else:
            i += 1
    return out


def _headline(lines: Sequence[_Line], i: int) -> bool:
    return 0 <= i < len(lines) and heading_line(lines[i].text.strip())


def _norm(line: str) -> str:
    """A line as compared for repeats: table pipes and runs of spaces gone."""
    return " ".join(line.strip(" |").split())


def _repeats(lines: Sequence[_Line], lead: int, fits: Sequence[bool]) -> set[int]:
    """Lines told again elsewhere: a line whose text is one to three sentences of a longer line, or
    one of identical lines that is not the lead (the first copy where none is the lead)."""
    norm = [_norm(x.text) for x in lines]
    copies: dict[str, list[int]] = {}
    for i, n in enumerate(norm):
        copies.setdefault(n, []).append(i)
    inside: set[str] = set()  # runs of up to three sentences of lines that hold more
    for n in norm:
        parts = _SPLIT.split(n)
        for a in range(len(parts)):
            for b in range(a + 1, min(len(parts), a + 3) + 1):
                if b - a < len(parts):
                    inside.add(" ".join(parts[a:b]))
    out = set()
    for i, n in enumerate(norm):
        if not fits[i] or heading_line(n):
            continue
        group = copies[n]
        keeper = lead if lead in group else group[0]
        if n in inside or (len(group) > 1 and i != keeper):
            out.add(i)
    return out


def _menus(lines: Sequence[_Line], fits: Sequence[bool], min_lines: int) -> set[int]:
    """Runs of at least ``min_lines`` short lines in a row that end no sentence."""
    out: set[int] = set()
    run: list[int] = []
    for i, x in enumerate(lines + [None]):  # (None closes the last run)
        if x is not None and fits[i] and x.text[-1] not in ".!?":
            run.append(i)
            continue
        if len(run) >= min_lines:
            out.update(run)
        run = []
    return out


def _end_list(lines: Sequence[_Line], lead: int, fits: Sequence[bool], claimed: Sequence[ZoneRule | None],
              min_lines: int) -> set[int]:
    """The run of headline-shaped lines (and lines already navigation, such as bullets) that closes a
    text after its lead, when it holds at least ``min_lines`` headlines."""
    run, headlines = [], 0
    for i in range(len(lines) - 1, lead, -1):
        if claimed[i] is not None and claimed[i].zone == "navigation":
            continue
        if not (fits[i] and heading_line(lines[i].text)) or lines[i].text[0].islower():
            break  # (a line that starts in lower case goes on a paragraph wrapped by hand: no headline)
        run.append(i)
        headlines += 1
    return set(run) if headlines >= min_lines else set()


def zone_sentences(sentences: Iterable[Sentence], zones: Sequence[LineZone], base: int = 0) -> list[Sentence]:
    """Each sentence (at offsets ``base`` before the zones') with the zone of the line it stands on."""
    starts = [z.start for z in zones]
    out = []
    for s in sentences:
        k = bisect.bisect_right(starts, s.start + base) - 1
        z = zones[k] if k >= 0 and s.start + base < zones[k].end else None
        changed = z is not None and (z.zone, z.rule) != (s.zone, s.zone_rule)
        out.append(replace(s, zone=z.zone, zone_rule=z.rule) if changed else s)
    return out


def audible(items: Iterable[T], sentences: Sequence[Sentence]) -> list[T]:
    """The mentions (sorted sentences, same offsets) that do not stand in a mute zone (navigation)."""
    mute = [(s.start, s.end) for s in sentences if s.zone in MUTE_ZONES]
    if not mute:
        return list(items)
    starts = [a for a, _ in mute]

    def muted(x) -> bool:
        k = bisect.bisect_right(starts, x.start) - 1
        return k >= 0 and x.start < mute[k][1]

    return [x for x in items if not muted(x)]


def _zones_told(event: Deal | Meeting) -> set[str]:
    """The zones of the sentences that tell ``event`` (the mentions it merges, or its own sentence)."""
    return {m.sentence.zone for m in event.mentions or (event,)}


def without_echoes(events: Sequence[E], alike: Callable[[E, E], bool]) -> list[E]:
    """The events of this story. One told only in related headlines or navigation goes (another story's).
    One told only in captions goes where an event told in the body is ``alike`` (the caption repeats it),
    and stays where it is the page's only telling of it (a photo of a meeting the body tells in words
    the extractors miss)."""
    told = [e for e in events if any(m.sentence.told_by_story for m in e.mentions or (e,))]
    body = {id(e) for e in told}
    return [e for e in events if id(e) in body
            or (_zones_told(e) <= set(ECHO_ZONES) and not any(alike(t, e) for t in told))]


def same_buyer(a: Deal, b: Deal) -> bool:
    """Deals alike enough for a caption to be repeating one: the same buyer."""
    return a.buyer == b.buyer


def same_people(told: Meeting, caption: Meeting) -> bool:
    """Meetings alike enough for a caption to be repeating one: everyone the caption names is at the
    other, on a day that does not differ."""
    days = {m.date.value for m in (told, caption) if m.date.value}
    named = {p.name for p in caption.participants if p.name}
    return named <= {p.name for p in told.participants if p.name} and len(days) <= 1
