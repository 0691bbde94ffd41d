"""Reading rule files: YAML lists of entries, each kept with its ``file:line``.

Every problem in a file is collected, never just the first, so that ``rules check``
can report them all at once (as pip's req_file and spaCy's MatchPatternError do).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import yaml

from pipeline.records import SourceLine

try:  # the C loader is several times faster on the larger lexicons
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


# Matcher keys whose values are words: YAML reads the words on/off/yes/no there as booleans.
WORD_KEYS = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE", "SHAPE", "PREFIX",
                       "SUFFIX"})
_OPERATORS = {"IN", "NOT_IN"}  # Matcher keys whose words belong to the attribute above them
_BOOL_TAG = "tag:yaml.org,2002:bool"


@dataclass(frozen=True, slots=True)
class BoolWord:
    """A plain word YAML 1.1 read as a boolean (``origin: NO``), kept as written for the hint."""

    text: str
    attribute: str | None  # the nearest mapping key above it (IN and NOT_IN skipped); None: the field's own

    def hint(self, key: str) -> str:
        """``origin: NO was read as the boolean false; quote it: "NO"``."""
        name = self.attribute or key
        value = "true" if self.text.lower() in ("yes", "on", "true") else "false"
        return f'{name}: {self.text} was read as the boolean {value}; quote it: "{self.text}"'


@dataclass(frozen=True, slots=True)
class Entry:
    """One mapping of a rule file, with the line of the entry and of each of its keys."""

    where: SourceLine
    data: dict[str, Any]
    key_lines: dict[str, int]
    bools: dict[str, tuple[BoolWord, ...]] = field(default_factory=dict)  # by field: the words read as booleans

    def at(self, key: str) -> SourceLine:
        return SourceLine(self.where.path, self.key_lines.get(key, self.where.line))

    def bool_hint(self, key: str) -> str | None:
        """The hint for a word of field ``key`` that YAML turned into a boolean where a word was meant."""
        words = [b for b in self.bools.get(key, ()) if b.attribute is None or b.attribute.upper() in WORD_KEYS]
        return words[0].hint(key) if words else None


def _bool_words(node: yaml.Node, attribute: str | None = None, depth: int = 0) -> Iterator[BoolWord]:
    """The plain scalars under ``node`` that YAML 1.1 resolved to booleans without being true/false."""
    if depth > 50:  # deeper than any rule; recursive aliases end here
        return
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _BOOL_TAG and not node.style and node.value.lower() not in ("true", "false"):
            yield BoolWord(node.value, attribute)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _bool_words(item, attribute, depth + 1)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = str(key.value) if isinstance(key, yaml.ScalarNode) else None
            yield from _bool_words(value, attribute if name in _OPERATORS else name, depth + 1)


class Problems:
    """Collects ``file:line: message`` strings."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: SourceLine, message: str) -> None:
        self.items.append(f"{where}: {message}")

    def __bool__(self) -> bool:
        return bool(self.items)


def read_entries(path: Path, label: str, problems: Problems) -> list[Entry]:
    """The entries of one YAML rule file; syntax problems go to ``problems``."""
    top = SourceLine(label, 1)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        problems.add(top, f"not UTF-8 text ({e.reason} at byte {e.start})")
        return []
    except OSError as e:
        problems.add(top, f"cannot read: {e.strerror or e}")
        return []
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return []
        if not isinstance(root, yaml.SequenceNode):
            problems.add(SourceLine(label, root.start_mark.line + 1), "expected a list of entries (lines starting with '- ')")
            return []
        entries = []
        for item in root.value:
            where = SourceLine(label, item.start_mark.line + 1)
            if not isinstance(item, yaml.MappingNode):
                problems.add(where, "expected a mapping (key: value) for this entry")
                continue
            key_lines: dict[str, int] = {}
            bools: dict[str, tuple[BoolWord, ...]] = {}
            for key_node, value_node in item.value:
                key = str(key_node.value)
                if key in key_lines:
                    problems.add(SourceLine(label, key_node.start_mark.line + 1), f"duplicate key '{key}'")
                key_lines[key] = key_node.start_mark.line + 1
                bools[key] = tuple(_bool_words(value_node))
            try:
                data = loader.construct_object(item, deep=True)
            except ValueError as e:  # a plain scalar YAML resolves but cannot build: the date 2024-13-01
                _forget(loader)
                problems.add(_bad_value_at(loader, item, label), f"bad value: {e} (quote it to keep it as text)")
                continue
            entries.append(Entry(where, data, key_lines, bools))
        return entries
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        problems.add(SourceLine(label, line), f"bad YAML: {e.problem or e.context}")
        return []
    except yaml.YAMLError as e:
        problems.add(top, f"bad YAML: {e}")
        return []
    finally:
        loader.dispose()


def _bad_value_at(loader: yaml.BaseLoader, item: yaml.MappingNode, label: str) -> SourceLine:
    """The line of the first value of ``item`` that YAML cannot build."""
    for key_node, value_node in item.value:
        try:
            loader.construct_object(value_node, deep=True)
        except ValueError:
            _forget(loader)
            return SourceLine(label, key_node.start_mark.line + 1)
    return SourceLine(label, item.start_mark.line + 1)


def _forget(loader: yaml.BaseLoader) -> None:
    """Clear what a failed construction left half-built, which would make the next entry look recursive."""
    loader.constructed_objects, loader.recursive_objects, loader.state_generators = {}, {}, []


# ---- schema checks -------------------------------------------------------------------------

Check = Callable[[Any], str | None]  # returns a message for a bad value


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    check: Check
    required: bool = False


def is_str(v: Any) -> str | None:
    return None if isinstance(v, str) and v.strip() else "must be a non-empty string"


def is_bool(v: Any) -> str | None:
    return None if isinstance(v, bool) else "must be true or false"


def is_number(v: Any) -> str | None:
    ok = isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v > 0
    return None if ok else "must be a positive number"


def is_int(v: Any) -> str | None:
    return None if isinstance(v, int) and not isinstance(v, bool) else "must be a whole number"


def is_str_list(v: Any) -> str | None:
    if isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v):
        return None
    return "must be a list of non-empty strings"


def one_of(*allowed: str) -> Check:
    def check(v: Any) -> str | None:
        return None if v in allowed else f"must be one of {', '.join(allowed)} (got {v!r})"

    return check


def optional(check: Check) -> Check:
    def inner(v: Any) -> str | None:
        return None if v is None else check(v)

    return inner


def validate(entry: Entry, fields: Iterable[Field], problems: Problems, *, exactly_one_of: tuple[str, ...] = ()) -> bool:
    """Check an entry's keys and values; report each problem at its own line."""
    fields = {f.name: f for f in fields}
    ok = True
    for key in entry.data:
        if key not in fields:
            problems.add(entry.at(str(key)), f"unknown key '{key}' (expected one of: {', '.join(fields)})")
            ok = False
    for f in fields.values():
        if f.name not in entry.data:
            if f.required:
                problems.add(entry.where, f"missing field '{f.name}'")
                ok = False
            continue
        value = entry.data[f.name]
        message = f.check(value)
        if message:
            hint = entry.bool_hint(f.name)
            if hint and isinstance(value, bool):  # the whole value was a word: the hint says it all
                message = hint
            else:
                message = f"'{f.name}' {message}" + (f": {hint}" if hint else "")
            problems.add(entry.at(f.name), message)
            ok = False
    if exactly_one_of:
        present = [k for k in exactly_one_of if k in entry.data]
        if len(present) != 1:
            problems.add(entry.where, f"needs exactly one of {', '.join(exactly_one_of)}")
            ok = False
    return ok
