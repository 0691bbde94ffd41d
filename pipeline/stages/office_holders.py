"""Offices told without a name ("the DAPA chief", "Seoul's defence minister") -> the person who held them that day.

rules/offices.yaml says which office each phrase names and who held it between which dates. A mention of an
office alone becomes an Official named after the holder whose term holds the article's published date, with the
holder entry's line as its rule; outside every term, for an office not listed, or with no date, it stays an office
with no name (no row). Meeting participants given only by office get their holder's name the same way, at the
meeting's own date where the text states one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from pipeline.groups.names import letters
from pipeline.labels import MUTE_ZONES
from pipeline.records import CountryMention, DateValue, Meeting, Official, Participant, Sentence
from pipeline.ruletypes import HolderRule, OfficeRule, Rules

# what may stand between a country and a title it tells the country of: "South Korean defence minister",
# "Seoul's defence minister"
_COUNTRY_GAP = ("", " ", "'s ", "’s ")
_COUNTRY_KINDS = ("name", "adjective", "capital")
# a name right after the office: "the defence minister Lee ...", "the DAPA chief, Seok Jong-gun," is a named official
_NAME_AFTER = re.compile(r"\s*,?\s*[A-Z]")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[\s-]*$")
_JOINED = re.compile(r"\s+(?:and|&)\s+|\s*,\s*")  # between the offices of one person's title


def _phrase_rx(words: Sequence[str]) -> re.Pattern[str] | None:
    """One case-insensitive alternation of whole phrases, the longest first; spaces match any run of spaces."""
    if not words:
        return None
    parts = (r"\s+".join(map(re.escape, w.split())) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


def _lookups(rules: Rules) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, dict, dict]:
    """The phrase and title patterns of rules/offices.yaml and the offices each phrase or title names, built once
    per rule set."""
    key = ("office_lookups",)
    if key not in rules._cache:
        phrases: dict[str, list[OfficeRule]] = {}
        titles: dict[str, list[OfficeRule]] = {}
        for o in rules.offices.values():
            for p in o.phrases:
                phrases.setdefault(_norm(p), []).append(o)
            for t in o.titles:
                titles.setdefault(_norm(t), []).append(o)
        rules._cache[key] = (_phrase_rx(list(phrases)), _phrase_rx(list(titles)), phrases, titles)
    return rules._cache[key]


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def holder_at(rules: Rules, office: str, date: DateValue | None) -> HolderRule | None:
    """The holder of ``office`` whose term holds the whole of ``date`` (a day, or a month or year all inside
    one term); None where the date is unknown or no one term holds it."""
    first, last = date.interval if date is not None else (None, None)
    if first is None or last is None:
        return None
    held = [h for h in rules.holders.values() if h.office == office and h.start <= first and last <= (h.end or "9999")]
    return held[0] if len(held) == 1 else None


def office_of(rules: Rules, title: str | None, organization: str | None, country: str | None) -> OfficeRule | None:
    """The one office of rules/offices.yaml a (title, organisation, country) names: its title, one of its titles
    or phrases, of its country (or of its organisation where no country is given); or, at its organisation, words
    of its title ("Minister" of the Defense Acquisition Program Administration)."""
    if not title:
        return None
    t = _norm(title)

    def names(o: OfficeRule) -> bool:
        at_org = organization is not None and organization == o.organization
        if t in o.titles or t in o.phrases:
            return o.country == country if country else at_org
        return at_org and country in (None, o.country) and set(t.split()) <= set(_norm(o.title).split())

    found = [o for o in rules.offices.values() if names(o)]
    if not found and _JOINED.search(t):  # "deputy prime minister and defence minister": one of its offices
        parts = [office_of(rules, part, organization, country) for part in _JOINED.split(t)]
        found = list({o.office: o for o in parts if o is not None}.values())
    return found[0] if len(found) == 1 else None


def is_holder(h: HolderRule, name: str) -> bool:
    """Is ``name`` the holder's name or one of its spellings (case, spaces, hyphens and accents aside)?"""
    key = letters(name)
    return any(letters(n) == key for n in (h.holder, *h.aliases))


def resolve_offices(text: str, *, rules: Rules, published: DateValue | None, countries: Sequence[CountryMention],
                    officials: Sequence[Official], sentences: Sequence[Sentence]) -> list[Official]:
    """Officials for the offices ``text`` tells without a name, named after their holder on the ``published`` day."""
    if not rules.holders or published is None:
        return []
    phrase_rx, title_rx, phrases, titles = _lookups(rules)
    found: list[tuple[int, int, OfficeRule]] = []
    for m in phrase_rx.finditer(text) if phrase_rx else ():
        named = phrases[_norm(m.group())]
        if len(named) == 1:  # a phrase two offices claim names neither
            found.append((m.start(), m.end(), named[0]))
    before = {}
    for c in countries:
        if c.kind in _COUNTRY_KINDS:
            before.setdefault(c.end, []).append(c)
    for m in title_rx.finditer(text) if title_rx else ():
        for gap in _COUNTRY_GAP:
            for c in before.get(m.start() - len(gap), ()):
                if text[c.end:m.start()] == gap:
                    found += [(c.start, m.end(), o) for o in titles[_norm(m.group())] if o.country == c.code]
    out: list[Official] = []
    not_holder = rules.word_class("not_holder")
    for start, end, office in sorted(found, key=lambda f: (f[0], -f[1])):
        if any(start < x.end and x.start < end for x in (*officials, *out)) or _named_beside(text, start, end, officials):
            continue
        word = _WORD_BEFORE.search(text, max(0, start - 20), start)
        if word and word.group(1).lower() in not_holder:
            continue
        sentence = next((s for s in sentences if s.start <= start < s.end), None)
        holder = holder_at(rules, office.office, published)
        if holder is None or sentence is None or sentence.zone in MUTE_ZONES:
            continue
        # the holder as this text spells the name where it names them too ("Erdogan" for "Erdoğan")
        name = next((o.name for o in officials if is_holder(holder, o.name)), holder.holder)
        out.append(Official(start, end, text[start:end], name, office.title, office.organization, office.country,
                            str(holder.where)))
    return out


def _named_beside(text: str, start: int, end: int, officials: Sequence[Official]) -> bool:
    """Is the office next to a name: "the DAPA chief Seok ...", "the DAPA chief, Seok Jong-gun,", "Seok Jong-gun,
    the DAPA chief"? Then it is that named official's office, not one to resolve."""
    if _NAME_AFTER.match(text, end):
        return True
    lead = re.search(r"(?:,\s*)?(?:the\s+)?$", text[max(0, start - 8):start], re.IGNORECASE)
    at = start - (len(lead.group()) if lead else 0)
    return any(o.end == at or (0 < at - o.end <= 2 and not text[o.end:at].strip()) for o in officials)


def name_participants(meetings: Sequence[Meeting], *, rules: Rules, published: DateValue | None) -> list[Meeting]:
    """Each meeting with its office-only participants named after their holder on the meeting's day (the text's
    date where it states one, else the article's); one already named in the meeting is not told twice."""
    if not rules.holders:
        return list(meetings)
    out = []
    for mt in meetings:
        day = mt.date if mt.date_stated and mt.date.value else published
        names = [p.name for p in mt.participants if p.name]
        people: list[Participant] = []
        for p in mt.participants:
            office = office_of(rules, p.title, p.organization, p.country) if p.name is None else None
            holder = holder_at(rules, office.office, day) if office else None
            if holder is None:
                people.append(p)
            elif not any(is_holder(holder, n) for n in names):
                people.append(replace(p, name=holder.holder, organization=p.organization or office.organization,
                                      rule=str(holder.where)))
                names.append(holder.holder)
        out.append(replace(mt, participants=tuple(people)) if people != list(mt.participants) else mt)
    return out


def known_as(rules: Rules, people: Sequence) -> list:
    """Officials or participants, each named by an alias of an offices.yaml holder ("Trump", "Donald J. Trump")
    given that holder's listed name as ``person``, where its country is the office's or untold: the name
    pipeline.groups keys the person on, so that every spelling is one row of ``people``."""
    aliases = _aliases(rules)
    out = []
    for p in people:
        key = letters(p.name or "")
        holder = aliases.get((key, p.country)) or aliases.get((key, None))
        out.append(replace(p, person=holder) if holder and holder != p.name else p)
    return out


def _aliases(rules: Rules) -> dict[tuple[str, str | None], str]:
    """(an alias in letters alone, the office's country or None) -> the holder's name, built once per rule set;
    an alias two holders share names neither."""
    key = ("holder-aliases",)
    if key not in rules._cache:
        found: dict[tuple[str, str | None], set[str]] = {}
        for h in rules.holders.values():
            country = rules.offices[h.office].country if h.office in rules.offices else None
            for alias in h.aliases:
                k = letters(alias)
                for where in (country, None):
                    found.setdefault((k, where), set()).add(h.holder)
        rules._cache[key] = {k: next(iter(v)) for k, v in found.items() if len(v) == 1}
    return rules._cache[key]
