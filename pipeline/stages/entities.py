"""Countries, weapon systems and organisations named in a document, from the rule lexicons."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from spacy.tokens import Doc

from pipeline.gazetteer import alias_key
from pipeline.lexicon import CountryAlias, Lexicon
from pipeline.records import CountryMention, OrgMention, SystemMention
from pipeline.stages.sentences import text_of
from pipeline.stages.system_shapes import found_again, mask, shaped_systems

_POSSESSIVE = re.compile(r"['’]s$")
_LAST_WORD = re.compile(r"\b(\w+)[ \t]+$")
# A generic word right after a named system describes it ("K9 Thunder self-propelled howitzers"); past a
# conjunction it is another item ("Jose Rizal-class frigates and six offshore patrol vessels").
_DESCRIBES = re.compile(r"^[\s\-–]*(?:(?!(?:and|or|plus|as well as)\s)(?:[a-z][a-z\-]*|[A-Z]{2,5})\s+){0,3}$")
_BRACKETS = re.compile(r"^\s*\([^)]{1,12}\)\s*$")
_IN_BRACKETS_AFTER = re.compile(r"^[^,;.()]{0,60}\(\s*$")  # "Chunmoo multiple launch rocket systems (MLRS"
# A kind after "anti-" or "counter-" is what a system fights, not the system ("anti-submarine helicopters");
# the kinds that are named so ("anti-tank missile") match as a whole, prefix and all.
# named entities that are no weapon system's name: places, peoples, dates
_NO_SYSTEM = ("GPE", "NORP", "LOC", "DATE", "TIME")
_NAMELESS = ("GPE", "NORP", "LOC")  # a place's or a people's name has no digit: "T-72M4CZ" tagged NORP is none
_AGAINST = re.compile(r"\b(?:anti|counter)[-‐–]?\s?$", re.I)
_VARIANT_GAP = re.compile(r" (?:[A-Z][A-Za-z]{1,4} )?")  # "M1A1 FEP Abrams": one short designation at most between


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans)


def _ent_spans(doc: Doc, *labels: str) -> list[tuple[int, int]]:
    """The model's entities of ``labels``, less a place or a people whose text holds a digit (a designation)."""
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ in labels
            and not (e.label_ in _NAMELESS and any(c.isdigit() for c in e.text))]


def _misread_place(alias: CountryAlias, persons: list[tuple[int, int]], start: int, end: int) -> bool:
    """Is a place that is no one's name ("aid to Kyiv") tagged a person by the model, on its own word alone?"""
    return alias.kind in ("capital", "city") and not alias.ambiguous and (start, end) in persons


def _region(text: str, start: int, prefixes: frozenset[str]) -> bool:
    """Is the country's name or adjective the end of a region's ("Latin America", "South American": rules/words.yaml
    region_prefix, capitalised), no country? (A country whose own name starts so, "South Korea", matches as a
    whole; a city's place in it, "central Seoul", is the city's.)"""
    before = _LAST_WORD.search(text, max(0, start - 16), start)
    return before is not None and before.group(1)[:1].isupper() and before.group(1).lower() in prefixes


def extract_countries(doc: Doc, *, lexicon: Lexicon, blocked: list[tuple[int, int]] = ()) -> list[CountryMention]:
    """Every country named, by name, adjective, abbreviation, capital or city; persons excluded,
    and so are ``blocked`` spans (amounts of money: "850 million U.S. dollars")."""
    persons = _ent_spans(doc, "PERSON")
    orgs = _ent_spans(doc, "ORG", "WORK_OF_ART", "FAC")
    out = []
    for hit in lexicon.countries.finditer(text_of(doc)):
        alias = hit.entry
        if any(s <= hit.start and hit.end <= e for s, e in persons) and alias.kind != "adjective" and \
                not _misread_place(alias, persons, hit.start, hit.end):
            continue
        if alias.ambiguous and _inside(orgs, hit.start, hit.end):
            continue
        if any(s <= hit.start and hit.end <= e for s, e in blocked):
            continue
        if alias.kind in ("name", "adjective") and _region(text_of(doc), hit.start, lexicon.rules.word_class("region_prefix")):
            continue
        text = _POSSESSIVE.sub("", hit.text)
        out.append(CountryMention(hit.start, hit.start + len(text), text, alias.code, alias.kind, alias.rule))
    return out


def extract_systems(doc: Doc, *, lexicon: Lexicon, countries: Sequence[CountryMention] = (),
                    orgs: Sequence[OrgMention] = (), sentence_starts: frozenset[int] = frozenset()) -> list[SystemMention]:
    """Named systems: the gazetteer's, then those named by shape that it does not know ("Su-57 fighters",
    pipeline.stages.system_shapes), never a country's or an organisation's name; and generic ones ("frigates")
    that no named system next to them describes."""
    text = text_of(doc)
    named = [
        SystemMention(h.start, h.end, h.text, h.entry.name, h.entry.category, h.entry.origin, False, h.entry.rule,
                      h.entry.partners)
        for h in lexicon.systems.finditer(text)
    ]
    kinds = list(lexicon.categories.finditer(text))
    not_names = [(c.start, c.end) for c in countries] + [(o.start, o.end) for o in orgs] + _ent_spans(doc, *_NO_SYSTEM)
    shaped = shaped_systems(text, lexicon.rules, kinds, named, not_names, sentence_starts,
                            lexicon.category_keys)
    named = sorted(named + [_as_named(s, named, lexicon) for s in shaped], key=lambda m: m.start)
    named = sorted(named + _named_again(text, named, lexicon, not_names, sentence_starts), key=lambda m: m.start)
    named = _variants_named_whole(named, text, lexicon.rules.families())
    out = list(named)
    starts = {k.start for k in kinds}
    for h in kinds:
        if h.end in starts or (h.end + 1 in starts and text[h.end] in " -"):
            continue  # "guided-missile frigates", "missile destroyer": the kind that follows is the system
        if any(s.start <= h.start < s.end or h.start <= s.start < h.end for s in named):
            continue
        if _AGAINST.search(text, max(0, h.start - 9), h.start):
            continue
        if any(s.end <= h.start and _DESCRIBES.match(text[s.end:h.start]) for s in named if h.start - s.end < 40):
            continue
        if any(h.end <= s.start and _BRACKETS.match(text[h.end:s.start]) for s in named):
            continue
        if any(s.end <= h.start and _IN_BRACKETS_AFTER.match(text[s.end:h.start]) for s in named if h.start - s.end < 70):
            continue
        out.append(SystemMention(h.start, h.end, h.text, h.entry.name, h.entry.category, None, True, h.entry.rule))
    return sorted(out, key=lambda m: m.start)


def _variants_named_whole(named: list[SystemMention], text: str, families: dict[str, str]) -> list[SystemMention]:
    """A variant's name told with its family's right after it ("14 M1A1 FEP Abrams tanks"), with another name of
    itself ("eight Aviocar C212-200 airplanes") or with a designation found by shape ("250 M1A2 Abrams SEPv3
    tanks"), names one system: the variant, over both spans."""
    out: list[SystemMention] = []
    for m in named:
        prev = out[-1] if out else None
        if prev is not None and not m.generic and _VARIANT_GAP.fullmatch(text[prev.end:m.start]) and (
                m.system in (families.get(prev.system), prev.system)
                or m.rule.startswith("rules/system_shapes") and text[prev.end:m.start] == " "):
            out[-1] = replace(prev, end=m.end, text=text[prev.start:m.end])
            continue
        out.append(m)
    return out


def _named_again(text: str, named: list[SystemMention], lexicon: Lexicon, not_names: Sequence[tuple[int, int]],
                 sentence_starts: frozenset[int]) -> list[SystemMention]:
    """A system whose one-word names match only before a kind ("Stryker armored vehicles", ``kind_after`` in
    systems.yaml), once the document has named it so, is named by them alone elsewhere in it, as a shaped name is
    (system_shapes.found_again)."""
    before_kind = {e.name for e in lexicon.systems_before_a_kind.values()}
    firsts = {alias: first for first in {m.system: m for m in named if m.system in before_kind}.values()
              for alias in lexicon.system_names(first.system) if alias_key(alias) in lexicon.systems_before_a_kind}
    if not firsts:
        return []
    return found_again(text, firsts, mask(len(text), [(m.start, m.end) for m in named]), mask(len(text), not_names),
                       sentence_starts)


def _as_named(shaped: SystemMention, named: list[SystemMention], lexicon: Lexicon) -> SystemMention:
    """A name found by shape that is a one-word name of a ``kind_after`` system ("Bradley armored vehicles"), or
    begins a name of one system the text names ("31 Predator drones" beside "the MQ-9B", whose names include
    "Predator B"), is that system."""
    listed = lexicon.systems_before_a_kind.get(alias_key(shaped.system)) if shaped.category else None
    if listed is not None:  # "Bradley armored vehicles": a name that matches only before a kind
        return SystemMention(shaped.start, shaped.end, shaped.text, listed.name, listed.category, listed.origin, False,
                             listed.rule, listed.partners)
    first = shaped.system.lower() + " "
    systems = {n.system: n for n in named}
    hits = {name for name in systems for alias in lexicon.system_names(name) if alias.lower().startswith(first)}
    if len(hits) != 1:
        return shaped
    known = systems[hits.pop()]
    return SystemMention(shaped.start, shaped.end, shaped.text, known.system, known.category, known.origin, False, known.rule,
                         known.partners)


def without_company_arms(countries: list[CountryMention], orgs: list[OrgMention], text: str) -> list[CountryMention]:
    """The countries, less a country's name that ends a company's name ("Hanwha Defense Australia",
    "BAE Systems Australia"): the company's arm there, not the country."""
    ends = {o.end for o in orgs if o.kind == "company"}
    return [c for c in countries if not (c.kind == "name" and c.start - 1 in ends and text[c.start - 1] == " "
                                         and not text[c.end:c.end + 2].startswith(("'", "’")))]


_COUNTRY_BEFORE = re.compile(r"(?:['’]s)?\s")  # "Hungarian Ministry of Defence", "Hungary's Ministry of Defence"
_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?(?:(?:Republic|Kingdom|State|Commonwealth)\s+of\s+(?:the\s+)?)?$")


def _generic_bodies_placed(orgs: list[OrgMention], countries: list[CountryMention], generic: frozenset[str]) -> list[OrgMention]:
    """Bare generic bodies ("the Ministry of Defence", "MoD") given to the country the text names most, where the
    text never tells of the country the lexicon gives them (no mention of it, nor another of its government or
    military bodies): an Indian story's MoD is not Britain's."""
    def generic_at(o: OrgMention) -> bool:
        return o.kind == "government" and o.text.lower() in generic

    told = {c.code for c in countries} | {o.country for o in orgs if o.kind in ("government", "military") and not generic_at(o)}
    named = [c.code for c in countries if c.kind in ("name", "adjective", "capital")]
    out = []
    for o in orgs:
        if generic_at(o) and o.country not in told and named:
            o = OrgMention(o.start, o.end, o.text, o.name, max(set(named), key=lambda c: (named.count(c), -named.index(c))),
                           o.kind, o.rule)
        out.append(o)
    return out


def extract_organizations(doc: Doc, *, lexicon: Lexicon, countries: list[CountryMention]) -> list[OrgMention]:
    """Organisations from the lexicon, and ministries or agencies the model finds with a country. A
    government body named for the country that follows it ("the Department of National Defence of the
    Philippines") or right before it ("the Hungarian Ministry of Defence") is that country's, whichever
    country the lexicon gives the bare name."""
    text = text_of(doc)
    out = []
    for h in lexicon.organizations.finditer(text):
        country = h.entry.country
        if h.entry.kind == "government":
            country = next((c.code for c in countries if c.kind == "name" and 0 < c.start - h.end <= 40
                            and _OF_COUNTRY.match(text[h.end:c.start])), None) or \
                next((c.code for c in countries if c.kind in ("name", "adjective") and 0 < h.start - c.end <= 3
                      and _COUNTRY_BEFORE.fullmatch(text[c.end:h.start])), country)  # "the Hungarian Ministry of Defence"
        out.append(OrgMention(h.start, h.end, h.text, h.entry.name, country, h.entry.kind, h.entry.rule))
    out = _generic_bodies_placed(out, countries, lexicon.rules.word_class("generic_body"))
    known = [(o.start, o.end) for o in out]
    for ent in doc.ents:
        if ent.label_ != "ORG" or any(s < ent.end_char and ent.start_char < e for s, e in known):
            continue
        inner = [c for c in countries if ent.start_char <= c.start and c.end <= ent.end_char]
        if not inner or not re.search(r"\b(Ministry|Department|Agency|Administration|Office|Forces?|Army|Navy|Command|Council)\b", ent.text):
            continue
        name = ent.text[inner[0].end - ent.start_char:].lstrip("'’s ").strip() or ent.text
        out.append(OrgMention(ent.start_char, ent.end_char, ent.text, name, inner[0].code, "government", "entities.ner-org"))
    return sorted(out, key=lambda m: m.start)
