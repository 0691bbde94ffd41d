"""One parser per kind of rule file: entries in, typed rules out, every problem reported at its line.

A later folder's entry with the same key replaces the earlier one. For systems,
organisations and places, an entry that names an existing one and gives only ``aliases``
extends it instead: ``- {name: K9 Thunder, aliases: [Vidar]}`` adds an alias.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any, Callable

import pycountry

from pipeline import labels
from pipeline.regexrisk import backtracking_risk
from pipeline.rulefiles import (WORD_KEYS, Entry, Field, Problems, is_bool, is_int, is_number, is_str, is_str_list,
                                one_of, optional, validate)
from pipeline.ruletypes import (AnaphoraRule, CategoryRule, CountryRule, CurrencyRule, DatelineRule, FiscalYear, FxRate,
                                LexicalRule, OrgRule, PlaceRule, RoleRule, Rules, ScaleRule, SystemRule, TitleRule,
                                ShapeRule, WordRule, ZoneRule)

ALPHA3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}  # Kosovo: user-assigned but in common use
CURRENCIES = {c.alpha_3 for c in pycountry.currencies}
POS_TAGS = ("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
            "SCONJ", "SYM", "VERB", "X")


# ---- value checks ----------------------------------------------------------------------------


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


def _pattern(v: Any) -> str | None:
    if not (isinstance(v, list) and v and all(isinstance(t, dict) for t in v)):
        return "must be a spaCy Matcher pattern: a list of token mappings"
    for token in v:
        for key, value in token.items():
            message = _token_value(str(key).upper(), value)
            if message:
                return message
    return None


def _token_value(key: str, value: Any) -> str | None:
    """A problem of one token attribute that spaCy's own validation lets through: a word YAML
    read as a boolean, or a REGEX that can backtrack catastrophically."""
    if isinstance(value, dict):
        regex = value.get("REGEX")
        if regex is not None:
            message = _regex(regex)
            if message:
                return f"{key}: REGEX {message}"
        values = value.get("IN", [])
        values = values if isinstance(values, list) else [values]
    else:
        values = [value]
    if key in WORD_KEYS and any(isinstance(x, bool) for x in values):  # IS_TITLE: true is a boolean indeed
        return "has a true/false where a word was meant"
    return None


def _some_words(v: Any) -> str | None:
    """A list of one or more words: the first is the key."""
    return is_str_list(v) or (None if v else "must list at least one word")


def _regex(v: Any) -> str | None:
    if not isinstance(v, str):
        return "must be a regular expression string"
    try:
        re.compile(v)
    except (re.error, RecursionError, OverflowError, ValueError) as e:
        return f"does not compile: {e}"
    return backtracking_risk(v)


# ---- triggers and cues -----------------------------------------------------------------------


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


def _lexical(entry: Entry, extra: list[Field], problems: Problems) -> LexicalRule | None:
    fields = [Field("lemma", is_str), Field("pattern", _pattern), Field("pos", one_of(*POS_TAGS)),
              Field("forms", is_str_list), *extra]
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


def _lexical_key(rule: LexicalRule, prefix: str = "") -> str:
    if rule.lemma:
        return f"{prefix}lemma:{rule.lemma}:{rule.pos or ''}"
    return f"{prefix}pattern:{rule.pattern!r}"


# ---- one parser per file -------------------------------------------------------------------------

Parser = Callable[[list[Entry], Rules, Problems, dict], None]


def _countries(entries, rules, problems, known) -> None:
    for e in entries:
        if validate(e, [Field("code", _country, True), Field("names", is_str_list), Field("adjectives", is_str_list)], problems):
            d = e.data
            rules.countries[d["code"]] = CountryRule(d["code"], tuple(d.get("names", ())), tuple(d.get("adjectives", ())), e.where)


def _extends(e: Entry, existing: dict, required: tuple[str, ...]) -> bool:
    """An entry naming an existing one with only aliases: it adds them."""
    name = e.data.get("name")
    return isinstance(name, str) and name in existing and not any(k in e.data for k in required) \
        and set(e.data) <= {"name", "aliases"}


def _places(entries, rules, problems, known) -> None:
    for e in entries:
        d = e.data
        if _extends(e, rules.places, ("country",)):
            if validate(e, [Field("name", is_str, True), Field("aliases", is_str_list)], problems):
                old = rules.places[d["name"]]
                rules.places[d["name"]] = replace(old, aliases=old.aliases + tuple(d.get("aliases", ())))
            continue
        if validate(e, [Field("name", is_str, True), Field("aliases", is_str_list), Field("country", _country, True),
                        Field("capital", is_bool), Field("ambiguous", is_bool)], problems):
            rules.places[d["name"]] = PlaceRule(d["name"], tuple(d.get("aliases", ())), d["country"],
                                                bool(d.get("capital")), bool(d.get("ambiguous")), e.where)


def _categories(entries, rules, problems, known) -> None:
    for e in entries:
        if validate(e, [Field("category", is_str, True), Field("terms", is_str_list, True),
                        Field("stands_for", is_str_list)], problems):
            d = e.data
            rules.categories[d["category"]] = CategoryRule(d["category"], tuple(d["terms"]), e.where,
                                                           tuple(d.get("stands_for", ())))
            known["categories"].add(d["category"])
    for e in entries:
        for kind in e.data.get("stands_for", ()) if isinstance(e.data.get("stands_for"), list) else ():
            if kind not in known["categories"]:
                problems.add(e.at("stands_for"), f"unknown category '{kind}' in stands_for (not in categories.yaml)")


def _systems(entries, rules, problems, known) -> None:
    for e in entries:
        d = e.data
        if _extends(e, rules.systems, ("category", "origin", "maker", "partners", "family", "kind_after")):
            if validate(e, [Field("name", is_str, True), Field("aliases", is_str_list)], problems):
                old = rules.systems[d["name"]]
                rules.systems[d["name"]] = replace(old, aliases=old.aliases + tuple(d.get("aliases", ())))
            continue
        if validate(e, [Field("name", is_str, True), Field("aliases", is_str_list), Field("category", is_str, True),
                        Field("origin", optional(_country)), Field("maker", optional(is_str)),
                        Field("partners", _country_list), Field("family", optional(is_str)),
                        Field("kind_after", is_bool)], problems):
            if d["category"] not in known["categories"]:
                problems.add(e.at("category"), f"unknown category '{d['category']}' (not in categories.yaml)")
                continue
            if d.get("family") is not None and d["family"] not in rules.systems:
                problems.add(e.at("family"), f"unknown family '{d['family']}' (not a system listed before it)")
                continue
            rules.systems[d["name"]] = SystemRule(d["name"], tuple(d.get("aliases", ())), d["category"],
                                                  d.get("origin"), d.get("maker"), e.where, tuple(d.get("partners", ())),
                                                  d.get("family"), bool(d.get("kind_after")))


def _organizations(entries, rules, problems, known) -> None:
    for e in entries:
        d = e.data
        if _extends(e, rules.organizations, ("country", "kind")):
            if validate(e, [Field("name", is_str, True), Field("aliases", is_str_list)], problems):
                old = rules.organizations[d["name"]]
                rules.organizations[d["name"]] = replace(old, aliases=old.aliases + tuple(d.get("aliases", ())))
            continue
        if validate(e, [Field("name", is_str, True), Field("aliases", is_str_list), Field("country", optional(_country), True),
                        Field("kind", one_of(*labels.ORG_KINDS), True)], problems):
            rules.organizations[d["name"]] = OrgRule(d["name"], tuple(d.get("aliases", ())), d["country"], d["kind"], e.where)


def _titles(entries, rules, problems, known) -> None:
    roles = ("title", "modifier", "honorific")
    for e in entries:
        if validate(e, [Field("title", is_str), Field("modifier", is_str), Field("honorific", is_str),
                        Field("kind", optional(is_str))], problems, exactly_one_of=roles):
            role = next(r for r in roles if r in e.data)
            text = e.data[role].lower()
            rules.titles[f"{role}:{text}"] = TitleRule(text, role, e.data.get("kind"), e.where)


def _money(entries, rules, problems, known) -> None:
    for e in entries:
        d = e.data
        if "currency" in d:
            if validate(e, [Field("currency", _currency, True), Field("symbols", is_str_list), Field("words", is_str_list),
                            Field("countries", _country_list), Field("sites", is_str_list), Field("local", is_str_list)],
                        problems):
                rules.currencies[d["currency"]] = CurrencyRule(
                    d["currency"], tuple(d.get("symbols", ())), tuple(w.lower() for w in d.get("words", ())),
                    tuple(d.get("countries", ())), e.where, tuple(s.lower() for s in d.get("sites", ())),
                    tuple(w.lower() for w in d.get("local", ())))
        elif "scale" in d:
            if validate(e, [Field("scale", _some_words, True), Field("factor", is_number, True)], problems):
                rules.scales[d["scale"][0].lower()] = ScaleRule(tuple(d["scale"]), Decimal(str(d["factor"])), e.where)
        elif "per_unit" in d:
            if validate(e, [Field("per_unit", is_str, True)], problems):
                rules.per_unit[d["per_unit"].lower()] = e.where
        else:
            problems.add(e.where, "needs one of currency, scale, per_unit")


def _fx_rates(entries, rules, problems, known) -> None:
    for e in entries:
        if validate(e, [Field("currency", _currency, True), Field("year", is_int, True), Field("per_usd", is_number, True)], problems):
            d = e.data
            rules.fx[(d["currency"], d["year"])] = FxRate(d["currency"], d["year"], Decimal(str(d["per_usd"])), e.where)


def _month(v: Any) -> str | None:
    return None if isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 12 else f"must be a month, 1-12 (got {v!r})"


def _fiscal_years(entries, rules, problems, known) -> None:
    for e in entries:
        if validate(e, [Field("country", _country, True), Field("start_month", _month, True),
                        Field("named_by", one_of("start", "end"), True)], problems):
            d = e.data
            rules.fiscal_years[d["country"]] = FiscalYear(d["country"], d["start_month"], d["named_by"], e.where)


def _classes(v: Any) -> str | None:
    values = [v] if isinstance(v, str) else v
    if not isinstance(values, list) or any(x not in labels.TRIGGER_CLASSES for x in values):
        return f"must be one or more of {', '.join(labels.TRIGGER_CLASSES)} (got {v!r})"
    return None


def _deal_triggers(entries, rules, problems, known) -> None:
    for e in entries:
        rule = _lexical(e, [Field("status", one_of(*labels.DEAL_STATUSES), True),
                            Field("subject", one_of(*labels.PARTICIPANT_ROLES)), Field("class", _classes)], problems)
        if rule:
            rules.deal_triggers[_lexical_key(rule)] = rule


def _meeting_triggers(entries, rules, problems, known) -> None:
    for e in entries:
        rule = _lexical(e, [Field("visit", is_bool), Field("host", is_bool), Field("two_named", is_bool),
                                Field("sides", is_bool)], problems)
        if rule:
            rules.meeting_triggers[_lexical_key(rule)] = rule


def _cues(entries, rules, problems, known) -> None:
    for e in entries:
        rule = _lexical(e, [Field("effect", one_of(*labels.CUE_EFFECTS), True)], problems)
        if rule:
            rules.cues[_lexical_key(rule, rule.attrs["effect"])] = rule


def _roles(entries, rules, problems, known) -> None:
    for e in entries:
        if not validate(e, [Field("preposition", is_str), Field("possessive", is_str), Field("after", is_str_list),
                            Field("role", one_of(*labels.ROLES), True)], problems, exactly_one_of=("preposition", "possessive")):
            continue
        d = e.data
        after = tuple(a.lower() for a in d.get("after", ()))
        rule = RoleRule(d.get("preposition"), d.get("possessive"), after, d["role"], e.where)
        if "possessive" in d:
            rules.roles["poss:" + d["possessive"].lower()] = rule
        elif after:
            for a in after:
                rules.roles[f"prep:{d['preposition'].lower()}:{a}"] = rule
        else:
            rules.roles["prep:" + d["preposition"].lower()] = rule


def _datelines(entries, rules, problems, known) -> None:
    for e in entries:
        if not validate(e, [Field("regex", _regex), Field("url", _regex)], problems, exactly_one_of=("regex", "url")):
            continue
        key = "regex" if "regex" in e.data else "url"
        rx = re.compile(e.data[key], re.MULTILINE)
        need = {"date"} if key == "regex" else {"y", "m"}
        if not need <= set(rx.groupindex):
            problems.add(e.at(key), "needs a named group (?P<date>...) around the date" if key == "regex"
                         else "needs named groups (?P<y>...) and (?P<m>...), and (?P<d>...) for a day")
            continue
        (rules.datelines if key == "regex" else rules.url_dates)[e.data[key]] = DatelineRule(rx, e.where)


def _units(entries, rules, problems, known) -> None:
    for e in entries:
        if validate(e, [Field("unit", is_str, True)], problems):
            rules.units[e.data["unit"].lower()] = e.where


def _words(entries, rules, problems, known) -> None:
    for e in entries:
        if validate(e, [Field("word", is_str, True), Field("class", one_of(*labels.WORD_CLASSES), True),
                        Field("value", is_number)], problems):
            d = e.data
            if d["class"] == "number" and "value" not in d:
                problems.add(e.where, "a word of class number needs its 'value'")
                continue
            word = d["word"].lower()
            rules.words[(word, d["class"])] = WordRule(word, d["class"], d.get("value"), e.where)


def _anaphora(entries, rules, problems, known) -> None:
    for e in entries:
        if validate(e, [Field("regex", _regex, True), Field("use", one_of(*labels.ANAPHORA_USES), True)], problems):
            d = e.data
            rules.anaphora[(d["use"], d["regex"])] = AnaphoraRule(re.compile(d["regex"], re.IGNORECASE), d["use"], e.where)


def _zones(entries, rules, problems, known) -> None:
    fields = [Field("id", is_str, True), Field("zone", one_of(*labels.ZONES), True), Field("line", _regex),
              Field("after", _regex), Field("only", _some_words), Field("shape", one_of(*labels.ZONE_SHAPES)),
              Field("min_words", is_int), Field("max_words", is_int), Field("min_lines", is_int),
              Field("where", one_of(*labels.ZONE_WHERE))]
    seen: dict[str, str] = {}
    for e in entries:
        if not validate(e, fields, problems, exactly_one_of=("line", "after", "only", "shape")):
            continue
        d = e.data
        if d["id"] in seen:
            problems.add(e.at("id"), f"zone rule id '{d['id']}' is used twice in this file (first at {seen[d['id']]})")
            continue
        seen[d["id"]] = str(e.where)
        compiled = {k: re.compile(d[k]) if k in d else None for k in ("line", "after")}
        rules.zones[d["id"]] = ZoneRule(
            d["id"], d["zone"], compiled["line"], compiled["after"], frozenset(w.lower() for w in d.get("only", ())),
            d.get("shape"), d.get("min_words"), d.get("max_words"), d.get("min_lines", 2), d.get("where", "any"),
            e.where)


def _system_shapes(entries, rules, problems, known) -> None:
    fields = [Field("id", is_str, True), Field("regex", _regex, True), Field("kind_after", is_bool),
              Field("with_kind", is_bool), Field("category", is_str), Field("name_only", is_bool), Field("any_name", is_bool),
              Field("coordinated", is_bool)]
    seen: dict[str, str] = {}  # (a folder read later may replace a shape by its id)
    for e in entries:
        if not validate(e, fields, problems):
            continue
        d = e.data
        rx = re.compile(d["regex"])
        if "name" not in rx.groupindex:
            problems.add(e.at("regex"), "needs a named group (?P<name>...) around the system's name")
        elif d["id"] in seen:
            problems.add(e.at("id"), f"shape id '{d['id']}' is used twice in this file (first at {seen[d['id']]})")
        elif d.get("category") and d["category"] not in known["categories"]:
            problems.add(e.at("category"), f"unknown category '{d['category']}' (categories.yaml lists the kinds)")
        elif not d.get("kind_after") and not d.get("category"):
            problems.add(e.where, "needs kind_after: true or a category: a system found by shape needs its kind")
        else:
            seen[d["id"]] = str(e.where)
            rules.system_shapes[d["id"]] = ShapeRule(d["id"], rx, bool(d.get("kind_after")), bool(d.get("with_kind")),
                                                     d.get("category"), bool(d.get("name_only")), e.where,
                                                     bool(d.get("any_name")), bool(d.get("coordinated")))


from pipeline.officekinds import parse_offices  # noqa: E402  (its own module: offices and their holders)

PARSERS: dict[str, Parser] = {
    "countries": _countries, "places": _places, "categories": _categories, "systems": _systems,
    "organizations": _organizations, "titles": _titles, "money": _money, "fx_rates": _fx_rates,
    "fiscal_years": _fiscal_years,
    "deal_triggers": _deal_triggers, "meeting_triggers": _meeting_triggers, "cues": _cues, "roles": _roles,
    "datelines": _datelines, "units": _units, "words": _words, "anaphora": _anaphora,
    "zones": _zones, "system_shapes": _system_shapes,
    "offices": parse_offices,
}
