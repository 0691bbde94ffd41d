"""rules/ folders -> typed rules, or a RuleFileError listing every bad line as ``file:line: message``.

The built-in folder comes first; each ``--rules DIR`` given later extends it and may
override an entry with the same key (a system's name, a currency code, a trigger lemma...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pycountry

from pipeline import labels
from pipeline.errors import PipelineError, RuleFileError
from pipeline.records import SourceLine
from pipeline.rulefiles import (
    Entry,
    Field,
    Problems,
    is_bool,
    is_int,
    is_number,
    is_str,
    is_str_list,
    one_of,
    optional,
    read_entries,
    validate,
)

BUILTIN_RULES = Path(__file__).resolve().parent.parent / "rules"


# ---- typed rules -------------------------------------------------------------------------------


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


@dataclass(frozen=True, slots=True)
class CategoryRule:
    category: str
    terms: tuple[str, ...]
    where: SourceLine


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
    deal_triggers: dict[str, LexicalRule] = field(default_factory=dict)
    meeting_triggers: dict[str, LexicalRule] = field(default_factory=dict)
    cues: dict[str, LexicalRule] = field(default_factory=dict)
    roles: dict[str, RoleRule] = field(default_factory=dict)
    datelines: dict[str, DatelineRule] = field(default_factory=dict)
    units: dict[str, SourceLine] = field(default_factory=dict)


# ---- per-file parsers --------------------------------------------------------------------------

ALPHA3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}  # Kosovo: user-assigned but in common use
CURRENCIES = {c.alpha_3 for c in pycountry.currencies}


def _country(v: Any) -> str | None:
    if not isinstance(v, str) or v not in ALPHA3:
        return f"must be an ISO 3166-1 alpha-3 country code (got {v!r})"
    return None


def _country_list(v: Any) -> str | None:
    if not isinstance(v, list):
        return "must be a list of ISO 3166-1 alpha-3 codes"
    bad = [x for x in v if not isinstance(x, str) or x not in ALPHA3]
    return f"has codes that are not ISO 3166-1 alpha-3: {', '.join(map(str, bad))}" if bad else None


def _currency(v: Any) -> str | None:
    if not isinstance(v, str) or v not in CURRENCIES:
        return f"must be an ISO 4217 currency code (got {v!r})"
    return None


_WORD_KEYS = {"ORTH", "TEXT", "LOWER", "NORM", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE", "SHAPE", "PREFIX", "SUFFIX"}


def _pattern(v: Any) -> str | None:
    if not (isinstance(v, list) and v and all(isinstance(t, dict) for t in v)):
        return "must be a spaCy Matcher pattern: a list of token mappings"
    for token in v:
        for key, value in token.items():
            if str(key).upper() not in _WORD_KEYS:
                continue  # IS_TITLE: true and the like are booleans indeed
            values = value.get("IN", []) if isinstance(value, dict) else [value]
            if any(isinstance(x, bool) for x in values):
                return "has a true/false where a word was meant: YAML reads on, off, yes, no as booleans; quote them ('on')"
    return None


def _regex(v: Any) -> str | None:
    if not isinstance(v, str):
        return "must be a regular expression string"
    try:
        re.compile(v)
    except re.error as e:
        return f"does not compile: {e}"
    return None


POS_TAGS = ("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X")


def _lexical(entry: Entry, extra: list[Field], problems: Problems) -> LexicalRule | None:
    fields = [
        Field("lemma", is_str),
        Field("pattern", _pattern),
        Field("pos", one_of(*POS_TAGS)),
        Field("forms", is_str_list),
        *extra,
    ]
    if not validate(entry, fields, problems, exactly_one_of=("lemma", "pattern")):
        return None
    d = entry.data
    lemma = d.get("lemma")
    return LexicalRule(
        where=entry.where,
        lemma=lemma.lower() if lemma else None,
        pattern=tuple(d["pattern"]) if d.get("pattern") else None,
        pos=d.get("pos"),
        forms=tuple(f.lower() for f in d.get("forms", ())) or (inflect(lemma.lower()) if lemma else ()),
        attrs={f.name: d[f.name] for f in extra if f.name in d},
    )


def _key_lexical(rule: LexicalRule, event: str = "") -> str:
    if rule.lemma:
        return f"{event}lemma:{rule.lemma}:{rule.pos or ''}"
    return f"{event}pattern:{rule.pattern!r}"


def inflect(lemma: str) -> tuple[str, ...]:
    """Regular English forms of a trigger lemma, for finding candidate sentences before tagging.

    >>> inflect("sign")
    ('sign', 'signs', 'signed', 'signing')
    >>> inflect("buy")[:2]
    ('buy', 'buys')
    """
    if " " in lemma:
        return (lemma,)
    forms = [lemma]
    if re.search(r"(s|x|z|ch|sh)$", lemma):
        forms.append(lemma + "es")
    elif re.search(r"[^aeiou]y$", lemma):
        forms.append(lemma[:-1] + "ies")
    else:
        forms.append(lemma + "s")
    if lemma.endswith("e"):
        forms += [lemma + "d", lemma[:-1] + "ing"]
    elif re.search(r"[^aeiou]y$", lemma):
        forms += [lemma[:-1] + "ied", lemma + "ing"]
    elif re.search(r"[^aeiou][aeiou][bdgkmnpt]$", lemma) and len(lemma) <= 4:
        forms += [lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"]
    else:
        forms += [lemma + "ed", lemma + "ing"]
    return tuple(dict.fromkeys(forms))


def _parse_file(kind: str, entries: list[Entry], rules: Rules, problems: Problems, known: dict) -> None:
    """Add the entries of one file to ``rules``; a later entry with the same key overrides."""
    for e in entries:
        d = e.data
        if kind == "countries":
            if validate(e, [Field("code", _country, True), Field("names", is_str_list), Field("adjectives", is_str_list)], problems):
                rules.countries[d["code"]] = CountryRule(d["code"], tuple(d.get("names", ())), tuple(d.get("adjectives", ())), e.where)
        elif kind == "places":
            if validate(e, [Field("name", is_str, True), Field("aliases", is_str_list), Field("country", _country, True),
                            Field("capital", is_bool), Field("ambiguous", is_bool)], problems):
                rules.places[d["name"]] = PlaceRule(d["name"], tuple(d.get("aliases", ())), d["country"],
                                                    bool(d.get("capital")), bool(d.get("ambiguous")), e.where)
        elif kind == "systems":
            if validate(e, [Field("name", is_str, True), Field("aliases", is_str_list), Field("category", is_str, True),
                            Field("origin", optional(_country)), Field("maker", optional(is_str))], problems):
                if d["category"] not in known["categories"]:
                    problems.add(e.at("category"), f"unknown category '{d['category']}' (not in categories.yaml)")
                    continue
                rules.systems[d["name"]] = SystemRule(d["name"], tuple(d.get("aliases", ())), d["category"],
                                                      d.get("origin"), d.get("maker"), e.where)
        elif kind == "categories":
            if validate(e, [Field("category", is_str, True), Field("terms", is_str_list, True)], problems):
                rules.categories[d["category"]] = CategoryRule(d["category"], tuple(d["terms"]), e.where)
                known["categories"].add(d["category"])
        elif kind == "organizations":
            if validate(e, [Field("name", is_str, True), Field("aliases", is_str_list), Field("country", optional(_country), True),
                            Field("kind", one_of(*labels.ORG_KINDS), True)], problems):
                rules.organizations[d["name"]] = OrgRule(d["name"], tuple(d.get("aliases", ())), d["country"], d["kind"], e.where)
        elif kind == "titles":
            roles = ("title", "modifier", "honorific")
            if validate(e, [Field("title", is_str), Field("modifier", is_str), Field("honorific", is_str),
                            Field("kind", optional(is_str))], problems, exactly_one_of=roles):
                role = next(r for r in roles if r in d)
                text = d[role].lower()
                rules.titles[f"{role}:{text}"] = TitleRule(text, role, d.get("kind"), e.where)
        elif kind == "money":
            if "currency" in d:
                if validate(e, [Field("currency", _currency, True), Field("symbols", is_str_list), Field("words", is_str_list),
                                Field("countries", _country_list)], problems):
                    rules.currencies[d["currency"]] = CurrencyRule(d["currency"], tuple(d.get("symbols", ())),
                                                                   tuple(w.lower() for w in d.get("words", ())),
                                                                   tuple(d.get("countries", ())), e.where)
            elif "scale" in d:
                if validate(e, [Field("scale", is_str_list, True), Field("factor", is_number, True)], problems):
                    key = d["scale"][0].lower()
                    rules.scales[key] = ScaleRule(tuple(d["scale"]), Decimal(str(d["factor"])), e.where)
            elif "per_unit" in d:
                if validate(e, [Field("per_unit", is_str, True)], problems):
                    rules.per_unit[d["per_unit"].lower()] = e.where
            else:
                problems.add(e.where, "needs one of currency, scale, per_unit")
        elif kind == "fx_rates":
            if validate(e, [Field("currency", _currency, True), Field("year", is_int, True), Field("per_usd", is_number, True)], problems):
                rules.fx[(d["currency"], d["year"])] = FxRate(d["currency"], d["year"], Decimal(str(d["per_usd"])), e.where)
        elif kind == "deal_triggers":
            rule = _lexical(e, [Field("status", one_of(*labels.DEAL_STATUSES), True),
                                Field("subject", one_of(*labels.PARTICIPANT_ROLES))], problems)
            if rule:
                rules.deal_triggers[_key_lexical(rule)] = rule
        elif kind == "meeting_triggers":
            rule = _lexical(e, [Field("visit", is_bool)], problems)
            if rule:
                rules.meeting_triggers[_key_lexical(rule)] = rule
        elif kind == "cues":
            rule = _lexical(e, [Field("effect", one_of(*labels.CUE_EFFECTS), True)], problems)
            if rule:
                rules.cues[_key_lexical(rule, rule.attrs["effect"])] = rule
        elif kind == "roles":
            if validate(e, [Field("preposition", is_str), Field("possessive", is_str), Field("after", is_str_list),
                            Field("role", one_of(*labels.ROLES), True)], problems, exactly_one_of=("preposition", "possessive")):
                after = tuple(a.lower() for a in d.get("after", ()))
                rule = RoleRule(d.get("preposition"), d.get("possessive"), after, d["role"], e.where)
                if "possessive" in d:
                    rules.roles["poss:" + d["possessive"].lower()] = rule
                elif after:
                    for a in after:
                        rules.roles[f"prep:{d['preposition'].lower()}:{a}"] = rule
                else:
                    rules.roles["prep:" + d["preposition"].lower()] = rule
        elif kind == "units":
            if validate(e, [Field("unit", is_str, True)], problems):
                rules.units[d["unit"].lower()] = e.where
        elif kind == "datelines":
            if validate(e, [Field("regex", _regex, True)], problems):
                rx = re.compile(d["regex"], re.MULTILINE)
                if "date" not in rx.groupindex:
                    problems.add(e.at("regex"), "needs a named group (?P<date>...) around the date")
                    continue
                rules.datelines[d["regex"]] = DatelineRule(rx, e.where)


# The files a rules folder may hold, in the order they are read (categories before systems).
FILES = ("countries", "places", "categories", "systems", "organizations", "titles", "money",
         "fx_rates", "deal_triggers", "meeting_triggers", "cues", "roles", "datelines", "units")


def _label(folder: Path, name: str) -> str:
    if folder.resolve() == BUILTIN_RULES:
        return f"rules/{name}"
    return str(folder / name)


def load_rules(extra_dirs: list[str] | tuple[str, ...] = (), *, builtin: bool = True) -> Rules:
    """The built-in rules, extended and overridden by each folder of ``extra_dirs`` in turn."""
    folders = ([BUILTIN_RULES] if builtin else []) + [Path(d) for d in extra_dirs]
    problems = Problems()
    rules = Rules(dirs=tuple(str(f) for f in folders))
    known: dict[str, set] = {"categories": set()}
    for folder in folders:
        if not folder.is_dir():
            raise PipelineError(f"rules folder not found: {folder}")
        names = {p.name for p in folder.iterdir() if p.is_file()}
        for p in sorted(names):
            stem = p.rsplit(".", 1)[0]
            if p.endswith((".yaml", ".yml")) and stem not in FILES:
                problems.add(SourceLine(_label(folder, p), 1), f"unknown rule file (expected one of: {', '.join(f + '.yaml' for f in FILES)})")
        for kind in FILES:
            path = folder / f"{kind}.yaml"
            if path.is_file():
                entries = read_entries(path, _label(folder, path.name), problems)
                _parse_file(kind, entries, rules, problems, known)
    _cross_check(rules, problems)
    if problems:
        raise RuleFileError(problems.items)
    return rules


def _cross_check(rules: Rules, problems: Problems) -> None:
    """Problems between entries: an alias claimed twice, a maker or currency never defined."""
    for kind, items in (("systems", rules.systems.values()), ("organizations", rules.organizations.values()),
                        ("places", rules.places.values())):
        owner: dict[str, str] = {}
        for r in items:
            for alias in (r.name, *r.aliases):
                key = _alias_key(alias)
                if key in owner and owner[key] != r.name:
                    problems.add(r.where, f"alias '{alias}' is claimed by both '{owner[key]}' and '{r.name}' ({kind})")
                owner.setdefault(key, r.name)
    for (cur, _), rate in rules.fx.items():
        if cur not in rules.currencies:
            problems.add(rate.where, f"rate for currency {cur}, which money.yaml does not define")


def _alias_key(alias: str) -> str:
    """Aliases that differ only in case, hyphens or spaces are the same alias."""
    return re.sub(r"[\s\-–—]+", "", alias.lower())
