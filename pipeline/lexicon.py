"""The lexicons of a rule set, compiled once per process for the stages to look things up."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import pycountry

from pipeline.gazetteer import TrieMatcher, alias_key
from pipeline.records import SourceLine
from pipeline.rules import Rules
from pipeline.wordrx import NEVER, trie_regex


@dataclass(frozen=True, slots=True)
class CountryAlias:
    code: str
    kind: str  # name | adjective | capital | city
    rule: str
    ambiguous: bool = False
    place: str | None = None  # the city's own name, for places


@dataclass(frozen=True, slots=True)
class SystemEntry:
    name: str
    category: str | None
    origin: str | None
    generic: bool
    rule: str
    partners: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OrgEntry:
    name: str
    country: str | None
    kind: str
    rule: str


PYCOUNTRY_RULE = "pycountry"


def _one_word(name: str) -> bool:
    """A name of one word and no digit ("Bradley", not "M2 Bradley" nor "Al-Khalid"): a word or a person's."""
    return not any(c.isdigit() or c in " -–" for c in name.strip())


class Lexicon:
    """Gazetteers (countries, places, systems, categories, organisations) and word lists."""

    def __init__(self, rules: Rules):
        self.rules = rules

    # -- countries and places ----------------------------------------------------------------
    @cached_property
    def countries(self) -> TrieMatcher[CountryAlias]:
        aliases: dict[str, CountryAlias] = {}
        for c in pycountry.countries:
            for name in {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}:
                if name and "," not in name and "(" not in name:
                    aliases.setdefault(name, CountryAlias(c.alpha_3, "name", PYCOUNTRY_RULE))
        for r in self.rules.countries.values():
            for name in r.names:
                aliases[name] = CountryAlias(r.code, "name", str(r.where))
            for adj in r.adjectives:
                aliases[adj] = CountryAlias(r.code, "adjective", str(r.where))
        for p in self.rules.places.values():
            kind = "capital" if p.capital else "city"
            for name in (p.name, *p.aliases):
                aliases.setdefault(name, CountryAlias(p.country, kind, str(p.where), p.ambiguous, p.name))
        return TrieMatcher(aliases)

    @cached_property
    def adjectives(self) -> dict[str, str]:
        """Lower-cased country adjectives -> code ("polish" -> POL)."""
        return {alias_key(a): r.code for r in self.rules.countries.values() for a in r.adjectives}

    @cached_property
    def country_names(self) -> dict[str, str]:
        names = {alias_key(n): r.code for r in self.rules.countries.values() for n in r.names}
        for c in pycountry.countries:
            names.setdefault(alias_key(c.name), c.alpha_3)
        return names

    # -- systems -------------------------------------------------------------------------------
    @cached_property
    def systems(self) -> TrieMatcher[SystemEntry]:
        """Every name of every system; a ``kind_after`` system's one-word names only with a term of its kind
        after them ("Bradley infantry fighting vehicles", never the general Bradley)."""
        aliases: dict[str, SystemEntry] = {}
        for r in self.rules.systems.values():
            entry = SystemEntry(r.name, r.category, r.origin, False, str(r.where), r.partners)
            terms = self.rules.categories[r.category].terms if r.kind_after else ()
            for a in (r.name, *r.aliases):
                for form in ([f"{a} {t}" for t in terms] if r.kind_after and _one_word(a) else [a]):
                    aliases[form] = entry
        return TrieMatcher(aliases)

    @cached_property
    def systems_before_a_kind(self) -> dict[str, SystemEntry]:
        """The one-word names of ``kind_after`` systems (alias_key -> entry): a name the shapes find before a
        kind of system ("Bradley armored vehicles") is that system's."""
        out = {}
        for r in self.rules.systems.values():
            if r.kind_after:
                entry = SystemEntry(r.name, r.category, r.origin, False, str(r.where), r.partners)
                out.update({alias_key(a): entry for a in (r.name, *r.aliases) if _one_word(a)})
        return out

    @cached_property
    def categories(self) -> TrieMatcher[SystemEntry]:
        aliases: dict[str, SystemEntry] = {}
        for r in self.rules.categories.values():
            entry = SystemEntry(r.category, r.category, None, True, str(r.where))
            for t in r.terms:
                aliases[t] = entry
        return TrieMatcher(aliases)

    @cached_property
    def category_keys(self) -> frozenset[str]:
        """Every kind's term as alias_key spells it ("SAM system" -> "samsystem"): no system's name."""
        return frozenset(alias_key(t) for r in self.rules.categories.values() for t in r.terms)

    def system_names(self, name: str) -> tuple[str, ...]:
        """A system's name and its aliases (rules/systems.yaml)."""
        r = self.rules.systems.get(name)
        return (r.name, *r.aliases) if r is not None else (name,)

    # -- organisations -------------------------------------------------------------------------
    @cached_property
    def organizations(self) -> TrieMatcher[OrgEntry]:
        aliases: dict[str, OrgEntry] = {}
        for r in self.rules.organizations.values():
            entry = OrgEntry(r.name, r.country, r.kind, str(r.where))
            for a in (r.name, *r.aliases):
                aliases[a] = entry
        return TrieMatcher(aliases, plural=False)

    # -- titles ----------------------------------------------------------------------------------
    @cached_property
    def title_heads(self) -> dict[str, SourceLine]:
        """Lower-cased title heads ("minister", "prime minister") -> their rule line."""
        return {t.text: t.where for t in self.rules.titles.values() if t.head}

    @cached_property
    def title_words(self) -> frozenset[str]:
        """Every word that may stand inside a title: heads' words and modifiers."""
        words = set()
        for t in self.rules.titles.values():
            if t.role != "honorific":
                words.update(t.text.replace("-", " ").split())
        return frozenset(words)

    @cached_property
    def honorifics(self) -> frozenset[str]:
        return frozenset(t.text for t in self.rules.titles.values() if t.role == "honorific")

    @cached_property
    def title_rx(self) -> "re.Pattern":
        """Every title head in one pattern, longest first: "prime minister" before "minister"."""
        return re.compile(r"(?<![\w-])(?:" + trie_regex(self.title_heads) + r")(?![\w-])") if self.title_heads else re.compile(NEVER)

    @cached_property
    def longest_title(self) -> int:
        return max((len(t.replace("-", " - ").split()) for t in self.title_heads), default=1)
