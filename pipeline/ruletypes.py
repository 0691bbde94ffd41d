"""Typed rules: what the rule files of rules/ become once read and checked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pipeline.records import SourceLine


@dataclass(frozen=True, slots=True)
class CountryRule:
    code: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    where: SourceLine


@dataclass(frozen=True, slots=True)
class PlaceRule:
    name: str
    aliases: tuple[str, ...]
    country: str
    capital: bool
    ambiguous: bool
    where: SourceLine


@dataclass(frozen=True, slots=True)
class SystemRule:
    name: str
    aliases: tuple[str, ...]
    category: str
    origin: str | None
    maker: str | None
    where: SourceLine
    partners: tuple[str, ...] = ()  # other countries whose industry makes and exports it (Eurofighter: DEU, ITA, ESP)
    family: str | None = None  # the system it is a variant of (K2PL: K2 Black Panther), where both have entries
    kind_after: bool = False  # its one-word names are common words or names: they match only before a kind


@dataclass(frozen=True, slots=True)
class CategoryRule:
    category: str
    terms: tuple[str, ...]
    where: SourceLine
    stands_for: tuple[str, ...] = ()  # other kinds a generic word of this one may name ("jets": trainers too)


@dataclass(frozen=True, slots=True)
class OrgRule:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    kind: str
    where: SourceLine


@dataclass(frozen=True, slots=True)
class TitleRule:
    text: str
    role: str  # "title" (a head: "minister"), "modifier" ("deputy") or "honorific" ("Mr", "Shri")
    kind: str | None
    where: SourceLine

    @property
    def head(self) -> bool:
        return self.role == "title"


@dataclass(frozen=True, slots=True)
class CurrencyRule:
    code: str
    symbols: tuple[str, ...]  # written before the number: "$", "US$", "KRW", "W"
    words: tuple[str, ...]  # written after it: "won", "dollars"
    countries: tuple[str, ...]  # where it is used, beyond the country its code names (the euro area)
    where: SourceLine
    sites: tuple[str, ...] = ()  # host names ending so publish in it: ".au"
    local: tuple[str, ...] = ()  # marks that mean it on those sites: "$", "dollars"


@dataclass(frozen=True, slots=True)
class ScaleRule:
    words: tuple[str, ...]
    factor: Decimal
    where: SourceLine


@dataclass(frozen=True, slots=True)
class FxRate:
    currency: str
    year: int
    per_usd: Decimal  # units of the currency one US dollar bought, yearly average
    where: SourceLine


@dataclass(frozen=True, slots=True)
class FiscalYear:
    """When a country's fiscal year starts, and which calendar year names it ("end": FY2025 ends in 2025)."""

    country: str
    start_month: int
    named_by: str  # start | end
    where: SourceLine


@dataclass(frozen=True, slots=True)
class LexicalRule:
    """A trigger or cue: a lemma (with its inflected forms) or a spaCy Matcher pattern."""

    where: SourceLine
    lemma: str | None
    pattern: tuple[dict, ...] | None
    pos: str | None
    forms: tuple[str, ...]
    attrs: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.where)


@dataclass(frozen=True, slots=True)
class RoleRule:
    preposition: str | None
    possessive: str | None
    after: tuple[str, ...]  # the preposition's head must be one of these lemmas ("an order from X")
    role: str
    where: SourceLine


@dataclass(frozen=True, slots=True)
class DatelineRule:
    regex: re.Pattern
    where: SourceLine


@dataclass(frozen=True, slots=True)
class ShapeRule:
    """The shape of a weapon system's name that no gazetteer lists (rules/system_shapes.yaml)."""

    id: str
    regex: re.Pattern  # with a group "name"
    kind_after: bool  # a kind of system (categories.yaml) must follow the name
    with_kind: bool  # and is part of the name ("Mogami-class frigate")
    category: str | None  # the category the shape gives, where no kind follows
    name_only: bool  # the name must be a name: no common word, country or organisation
    where: SourceLine
    any_name: bool = False  # a place's or a person's name may be the system's ("Hobart-class destroyer")
    coordinated: bool = False  # listed with a system, the name needs no kind of its own ("PL-10 and PL-15 missiles")

    def __str__(self) -> str:
        return f"{self.where} ({self.id})"


@dataclass(frozen=True, slots=True)
class ZoneRule:
    """A shape of line that puts it in a page zone (rules/zones.yaml); the first rule that claims a line wins."""

    id: str
    zone: str
    line: re.Pattern | None  # searched in the stripped line
    after: re.Pattern | None  # a marker line: it and the short lines after it
    only: frozenset[str]  # the line holds nothing but these words or phrases (lower case)
    shape: str | None  # one of labels.ZONE_SHAPES
    min_words: int | None
    max_words: int | None
    min_lines: int
    where_on_page: str  # any | top (before the lead) | last (the text's last line)
    where: SourceLine

    def __str__(self) -> str:
        return f"{self.where} ({self.id})"


@dataclass(frozen=True, slots=True)
class WordRule:
    """A word or phrase of a class the extractors use ("ministry": org_head; "about": approximator)."""

    word: str
    cls: str
    value: float | None
    where: SourceLine


@dataclass(frozen=True, slots=True)
class AnaphoraRule:
    """A phrase that refers back to a deal or meeting already told ("It covers", "the two ministers")."""

    regex: re.Pattern
    use: str
    where: SourceLine


@dataclass(frozen=True, slots=True)
class OfficeRule:
    """An office of rules/offices.yaml: what it is called alone (``phrases``) or after its country (``titles``)."""

    office: str  # its id: "KOR defense minister"
    title: str
    organization: str | None
    country: str
    phrases: tuple[str, ...]  # lower case: "dapa chief"
    titles: tuple[str, ...]  # lower case, the title itself included: "defense minister", "defence minister"
    where: SourceLine


@dataclass(frozen=True, slots=True)
class HolderRule:
    """Who held an office from ``start`` to ``end`` (ISO days; ``end`` None: still in office)."""

    holder: str
    office: str
    start: str
    end: str | None
    source: str
    aliases: tuple[str, ...]
    where: SourceLine


@dataclass
class Rules:
    """Every rule of a folder stack, keyed for lookups by the stages."""

    dirs: tuple[str, ...] = ()
    countries: dict[str, CountryRule] = field(default_factory=dict)
    places: dict[str, PlaceRule] = field(default_factory=dict)
    systems: dict[str, SystemRule] = field(default_factory=dict)
    categories: dict[str, CategoryRule] = field(default_factory=dict)
    organizations: dict[str, OrgRule] = field(default_factory=dict)
    titles: dict[str, TitleRule] = field(default_factory=dict)
    currencies: dict[str, CurrencyRule] = field(default_factory=dict)
    scales: dict[str, ScaleRule] = field(default_factory=dict)
    per_unit: dict[str, SourceLine] = field(default_factory=dict)
    fx: dict[tuple[str, int], FxRate] = field(default_factory=dict)
    fiscal_years: dict[str, FiscalYear] = field(default_factory=dict)  # by country
    deal_triggers: dict[str, LexicalRule] = field(default_factory=dict)
    meeting_triggers: dict[str, LexicalRule] = field(default_factory=dict)
    cues: dict[str, LexicalRule] = field(default_factory=dict)
    roles: dict[str, RoleRule] = field(default_factory=dict)
    datelines: dict[str, DatelineRule] = field(default_factory=dict)
    url_dates: dict[str, DatelineRule] = field(default_factory=dict)  # dates in a page's address (groups y, m, d)
    units: dict[str, SourceLine] = field(default_factory=dict)
    words: dict[tuple[str, str], WordRule] = field(default_factory=dict)
    anaphora: dict[tuple[str, str], AnaphoraRule] = field(default_factory=dict)
    zones: dict[str, ZoneRule] = field(default_factory=dict)  # by id, in file order
    system_shapes: dict[str, ShapeRule] = field(default_factory=dict)  # by id, in file order
    offices: dict[str, OfficeRule] = field(default_factory=dict)  # by office id (rules/offices.yaml)
    holders: dict[tuple[str, str, str], HolderRule] = field(default_factory=dict)  # by (office, holder, start)

    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def word_class(self, cls: str) -> frozenset[str]:
        """The words of one class (rules/words.yaml), lower case."""
        key = ("words", cls)
        if key not in self._cache:
            self._cache[key] = frozenset(w.word for w in self.words.values() if w.cls == cls)
        return self._cache[key]

    def families(self) -> dict[str, str]:
        """The system each variant with an entry of its own belongs to (``family`` in systems.yaml: "K2PL": "K2 Black
        Panther"), built once per rule set."""
        key = ("families",)
        if key not in self._cache:
            self._cache[key] = {r.name: r.family for r in self.systems.values() if r.family}
        return self._cache[key]

    def kind_fits(self, generic: str | None, named: str | None) -> bool:
        """A generic mention of kind ``generic`` may be a named system of kind ``named``: the same kind, or
        one its entry in categories.yaml stands for ("jets" are fighters, and trainers flown as light jets)."""
        rule = self.categories.get(generic) if generic is not None else None
        return generic == named or (rule is not None and named in rule.stands_for)

    def kind_nouns(self) -> frozenset[str]:
        """The last words of the kinds of system (rules/categories.yaml), lower case: "jet", "aircraft", "tank"."""
        key = ("kinds", "")
        if key not in self._cache:
            self._cache[key] = frozenset(t.split()[-1].lower() for r in self.categories.values() for t in r.terms)
        return self._cache[key]

    def numbers(self) -> dict[str, int]:
        """Counts written in words: "two" -> 2, "dozen" -> 12."""
        return {w.word: int(w.value) for w in self.words.values() if w.cls == "number" and w.value is not None}

    def refers(self, use: str, text: str, *, start: bool = False) -> bool:
        """Does ``text`` hold an anaphora phrase of this use (rules/anaphora.yaml)?"""
        key = ("anaphora", use)
        if key not in self._cache:
            self._cache[key] = tuple(a.regex for a in self.anaphora.values() if a.use == use)
        if start:  # a quote that opens the sentence ('"The contract covers ...," the ministry said') goes on the same
            text = text.lstrip("\"“‘'")
        return any((rx.match(text) if start else rx.search(text)) for rx in self._cache[key])

    def trigger_class(self, cls: str) -> frozenset[str]:
        """Lemmas of the deal triggers of one class (signing, deciding, transfer)."""
        key = ("class", cls)
        if key not in self._cache:
            lemmas = set()
            for r in self.deal_triggers.values():
                classes = r.attrs.get("class") or ()
                if cls in ([classes] if isinstance(classes, str) else classes) and r.lemma:
                    lemmas.add(r.lemma)
            self._cache[key] = frozenset(lemmas)
        return self._cache[key]


