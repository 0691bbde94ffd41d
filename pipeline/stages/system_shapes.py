"""Weapon systems no gazetteer lists, found by the shape of their name and the kind of system named after it
(rules/system_shapes.yaml): "Su-57 fighters", "Type 26 frigates", "Mogami-class frigates", "Akash missiles",
"120mm tank rounds". A name systems.yaml knows is never taken here."""

from __future__ import annotations

import re
from typing import Iterable, Iterator, Mapping, Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from pipeline.gazetteer import Hit, alias_key
from pipeline.lexicon import SystemEntry
from pipeline.records import SystemMention
from pipeline.rules import Rules
from pipeline.ruletypes import ShapeRule

# between a name and its kind: at most two lower-case words ("Su-57 stealth fighters", "Heron long-range drones")
_GAP = re.compile(r"[ \-]+(?:[a-z][a-z\-]*[ ]+){0,2}")
_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_PREVIOUS = re.compile(r"[A-Z][\w’'.]*[ -]$")  # a capitalised word right before
_POSSESSOR = re.compile(r"[’']s $")  # its maker's: "Rafael's Trophy", "Saab's Gripen"
# between two names of a list, with an article or a possessor before the second: ", ", " and the ", ", or
# Russia's ", " / "
_LIST_GAP = re.compile(r"(?:,|,?\s+(?:and|or|&)|\s?/)\s*(?:the\s+|[A-Z][\w.]*[’']s\s+)?")


def shaped_systems(text: str, rules: Rules, kinds: Sequence[Hit[SystemEntry]], named: Sequence[SystemMention],
                   not_names: Iterable[tuple[int, int]], sentence_starts: frozenset[int],
                   kind_keys: frozenset[str]) -> list[SystemMention]:
    """The systems named by shape in ``text``: not inside ``named`` (the systems the gazetteer found), and,
    for shapes that need a name, not overlapping ``not_names`` (countries, organisations, places, dates) nor
    a common word at a sentence's start, nor a kind's own name (``kind_keys``: "SAM"). A name of a
    ``coordinated`` shape listed with a system takes that system's kind. Spellings of one name are one system,
    named as first written."""
    claimed = mask(len(text), [(n.start, n.end) for n in named])  # named systems, then the shapes' own finds
    excluded = mask(len(text), not_names)
    by_start = {}
    for k in kinds:
        by_start.setdefault(k.start, k)
    stop = rules.word_class("not_a_system") | rules.word_class("designation")

    def take(shape: ShapeRule, m: re.Match[str], category: str | None) -> SystemMention | None:
        start, end = m.span("name")
        if any(claimed[start:end]) or (not shape.any_name and any(excluded[start:end])):
            return None
        name = " ".join(m.group("name").split())
        if alias_key(name) in kind_keys:
            return None  # "SAM systems": a kind's own abbreviation
        if shape.name_only and not _a_name(text, start, end, name, stop, excluded, sentence_starts):
            return None
        system = f"{name} {category}" if shape.with_kind and category else name
        claimed[start:end] = b"\x01" * (end - start)
        return SystemMention(start, end, m.group("name"), system, category, None, False, str(shape))

    found: list[SystemMention] = []
    listed: list[tuple[ShapeRule, re.Match[str]]] = []  # names of coordinated shapes with no kind after them
    for shape in rules.system_shapes.values():
        for m in _matches(shape.regex, text, excluded if not shape.any_name else None):
            kind = _kind_after(text, m.end(), by_start) if shape.kind_after else None
            if shape.kind_after and kind is None:
                if shape.coordinated:
                    listed.append((shape, m))
                continue  # (first: most capitalised words have no kind after them)
            mention = take(shape, m, kind.entry.category if kind is not None else shape.category)
            if mention is not None:
                found.append(mention)
    for _ in range(3):  # "PL-8, PL-10 and PL-15 missiles": each takes the kind of the one it is listed with
        more = [x for shape, m in listed if (kind := _listed_kind(text, m.span("name"), [*named, *found])) is not None
                and (x := take(shape, m, kind)) is not None]
        if not more:
            break
        found += more
    found += found_again(text, {s.text: s for s in found if s.category}, claimed, excluded, sentence_starts)
    return _one_name_per_system(sorted(found, key=lambda s: s.start))


def _listed_kind(text: str, span: tuple[int, int], systems: Sequence[SystemMention]) -> str | None:
    """The kind of the system a name is listed with, right before or after it ("the JF-17 and Russia's MiG-35",
    "PL-10 and PL-15 missiles"), if one is."""
    start, end = span
    for s in systems:
        if s.category and (0 <= s.start - end <= 12 and _LIST_GAP.fullmatch(text, end, s.start)
                           or 0 <= start - s.end <= 30 and _LIST_GAP.fullmatch(text, s.end, start)):
            return s.category
    return None


def found_again(text: str, firsts: Mapping[str, SystemMention], claimed: bytearray, excluded: bytearray,
                sentence_starts: frozenset[int]) -> list[SystemMention]:
    """A name a kind after it made a system (``firsts``: the name as written -> its first mention) is that system
    wherever the document writes it again without the kind ("a sale of Stryker armored vehicles ... The sale
    includes 183 Stryker family vehicles", "the Strykers"): not inside another name (``claimed``, which the finds
    join), a country or an organisation (``excluded``), nor a plain word opening a sentence (where any word is
    capitalised)."""
    again = []
    for name, first in firsts.items():
        plain = name[1:].islower() and not any(c.isdigit() for c in name)
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?:s)?(?![\w-])", text):
            start, end = m.start(), m.start() + len(name)
            if any(claimed[start:end]) or any(excluded[start:end]) or (plain and start in sentence_starts):
                continue
            again.append(SystemMention(start, end, name, first.system, first.category, first.origin, False, first.rule,
                                       first.partners))
            claimed[start:end] = b"\x01" * (end - start)
    return again


def _matches(regex: re.Pattern[str], text: str, excluded: bytearray | None) -> Iterator[re.Match[str]]:
    """The shape's matches, left to right; a match whose name opens with a country's or a company's name
    ("French Heron drones", "Israeli Kfir jets") is tried again after that name, which only stands before the
    system's, as "Russian" or "Hanwha Ocean" stand before a kind alone."""
    at = 0
    while (m := regex.search(text, at)) is not None:
        yield m
        start, end = m.span("name")
        at = max(m.end(), m.start() + 1)
        if excluded is not None and excluded[start]:
            after = excluded.find(0, start, end)
            if after > start:
                at = after


def mask(size: int, spans: Iterable[tuple[int, int]]) -> bytearray:
    """One byte per character, set inside ``spans``: overlap tests that cost the span's length, not the spans'."""
    mask = bytearray(size)
    for a, b in spans:
        mask[a:b] = b"\x01" * (b - a)
    return mask


def _kind_after(text: str, end: int, kinds: dict[int, Hit[SystemEntry]]) -> Hit[SystemEntry] | None:
    """The kind of system named right after a name ("fighters", "stealth fighters", "infantry fighting vehicles"),
    the last of a run of kinds ("missile frigates": frigates); no kind after a word such as "the" ("Teodoro
    raised the fighter requirement")."""
    for at in range(end + 1, min(len(text), end + 40)):
        hit = kinds.get(at)
        if hit is not None and _GAP.fullmatch(text, end, at) and not STOP_WORDS.intersection(text[end:at].lower().split()):
            while (nxt := kinds.get(hit.end + 1)) is not None and text[hit.end] in " -":
                hit = nxt
            return hit
    return None


def _a_name(text: str, start: int, end: int, name: str, stop: frozenset[str], not_names: bytearray,
            sentence_starts: frozenset[int]) -> bool:
    """Is ``name`` a proper name: not a country, organisation or date, no word of words.yaml's not_a_system or
    designation classes ("Heavy", "Tranche 4"), not a common word opening a sentence, not a headline's title case?"""
    words = _WORD.findall(name)
    if not words or words[0].lower() in stop or words[0].split("-")[0].lower() in stop:
        return False
    before = _PREVIOUS.search(text, max(0, start - 40), start)
    if before is not None and not any(not_names[before.start():before.end()]) and not _POSSESSOR.search(before.group()):
        # "post-Cold War tanks", "Gilberto Teodoro", "Scorpène Evolved submarines", "Cheongung-II SAM missiles":
        # a word of a longer name, or of a system named before it; a country, a company or a possessor
        # ("Rafael's Trophy protection system") may stand there
        return False
    first = words[0]
    plain = first[1:].islower() and not any(c.isdigit() for c in name)
    if plain and start in sentence_starts:
        return False  # "Heavy tanks arrived": a sentence's first word is capitalised anyway
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = _WORD.findall(text[line_start:line_end if line_end >= 0 else len(text)])
    if len(line) >= 4 and sum(w[0].isupper() for w in line) >= 0.6 * len(line):
        return False  # a title-case headline capitalises every word
    return True


def _one_name_per_system(found: list[SystemMention]) -> list[SystemMention]:
    """"Su-57" and "Su 57" in one document are one system: the name first written."""
    first: dict[str, str] = {}
    out = []
    for s in found:
        name = first.setdefault(alias_key(s.system), s.system)
        out.append(s if name == s.system else SystemMention(s.start, s.end, s.text, name, s.category, None, False, s.rule))
    return out
