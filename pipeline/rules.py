"""rules/ folders -> typed rules, or a RuleFileError listing every bad line as ``file:line: message``.

The built-in folder comes first; each ``--rules DIR`` given later extends it and may
override an entry with the same key (a system's name, a currency code, a trigger lemma...).
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.errors import PipelineError, RuleFileError
from pipeline.records import SourceLine
from pipeline.rulefiles import Problems, read_entries
from pipeline.rulekinds import PARSERS
from pipeline.ruletypes import (AnaphoraRule, CategoryRule, CountryRule, CurrencyRule, DatelineRule, FxRate,  # noqa: F401
                                LexicalRule, OrgRule, PlaceRule, RoleRule, Rules, ScaleRule, SystemRule, TitleRule,
                                WordRule, ZoneRule)

# Package data, so that a wheel carries it; the checkout's top-level rules/ is a symlink to it,
# where rule authors look, and labels keep that name: rules/systems.yaml:13.
BUILTIN_RULES = Path(__file__).resolve().parent / "builtin_rules"


# The files a rules folder may hold, in the order they are read (categories before systems).
FILES = ("countries", "places", "categories", "systems", "organizations", "titles", "money",
         "fx_rates", "fiscal_years", "deal_triggers", "meeting_triggers", "cues", "roles", "datelines", "units", "words", "anaphora",
         "zones", "system_shapes", "offices")
SUFFIXES = (".yaml", ".yml", ".json")


def _label(folder: Path, name: str) -> str:
    """``rules/NAME`` for the built-in folder (wherever it is installed), else the path as given."""
    if folder.resolve() == BUILTIN_RULES:
        return f"rules/{name}"
    return str(folder / name)


def load_rules(extra_dirs: list[str] | tuple[str, ...] = (), *, builtin: bool = True) -> Rules:
    """The built-in rules, extended and overridden by each folder of ``extra_dirs`` in turn."""
    rules, problems = _read(extra_dirs, builtin=builtin)
    if problems:
        raise RuleFileError(problems.items)
    return rules


def check_rules(extra_dirs: list[str] | tuple[str, ...] = (), *, builtin: bool = True) -> tuple[Rules, list[str]]:
    """Every problem of a folder stack at once, as ``file:line: message``: the files, the links between
    them, and the patterns spaCy rejects (checked on a blank English vocabulary, without the model)."""
    from pipeline.nlp import check_patterns

    rules, problems = _read(extra_dirs, builtin=builtin)
    try:
        check_patterns(rules)
    except RuleFileError as e:
        problems.items += e.problems
    return rules, problems.items


def _read(extra_dirs, *, builtin: bool) -> tuple[Rules, Problems]:
    folders = ([BUILTIN_RULES] if builtin else []) + [Path(d) for d in extra_dirs]
    problems = Problems()
    rules = Rules(dirs=tuple(str(f) for f in folders))
    known: dict[str, set] = {"categories": set()}
    for folder in folders:
        if not folder.is_dir():
            raise PipelineError(f"rules folder not found: {folder}")
        names = sorted(p.name for p in folder.iterdir() if p.is_file())
        for name in names:
            stem, _, suffix = name.rpartition(".")
            if "." + suffix in SUFFIXES and stem not in FILES:
                problems.add(SourceLine(_label(folder, name), 1),
                             f"unknown rule file (expected one of: {', '.join(f + '.yaml' for f in FILES)})")
        for kind in FILES:
            for suffix in SUFFIXES:  # JSON is YAML too: rules/systems.json works as well
                path = folder / f"{kind}{suffix}"
                if path.is_file():
                    entries = read_entries(path, _label(folder, path.name), problems)
                    PARSERS[kind](entries, rules, problems, known)
    _cross_check(rules, problems)
    return rules, problems


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

