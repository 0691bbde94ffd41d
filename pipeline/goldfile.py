"""Gold files for ``evaluate``: read, checked against ``gold.schema.json`` (the shape FORMAT.md
describes), and filled with the defaults the scorer relies on.

A file that does not fit is refused with one line naming the file, the document and the item,
so a typo in hand-made gold never becomes a traceback or a silently wrong score.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from pipeline.errors import GoldFileError

KINDS = ("deals", "meetings", "money", "officials", "systems", "countries")
_DEAL_DEFAULTS = {"systems": [], "quantity": None, "value": None, "value_usd": None, "date": None, "required": True}
_MEETING_DEFAULTS = {"date": None, "location": None, "location_country": None, "required": True}
# The wording of a missing key where "lacks" would not say enough.
_NEEDS = {"file": "needs a 'file' name"}


@lru_cache(maxsize=1)
def schema_validator() -> jsonschema.protocols.Validator:
    """The validator of the gold schema shipped inside the package (found from a wheel too)."""
    schema = json.loads(resources.files("pipeline").joinpath("gold.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def load_gold(path: str) -> list[dict]:
    """The gold documents, checked and filled in; GoldFileError names the file and the first bad place."""
    data = _read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise GoldFileError(f"{path}: expected {{\"documents\": [...]}}")
    problem = first_problem(data)
    if problem:
        raise GoldFileError(f"{path}: {problem}")
    for doc in data["documents"]:
        _fill(doc)
    return data["documents"]


def _read_json(path: str) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldFileError(f"{path}: gold file not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise GoldFileError(f"{path}: cannot read: {e}") from None
    except json.JSONDecodeError as e:
        raise GoldFileError(f"{path}: invalid JSON at line {e.lineno} column {e.colno}: {e.msg}") from None
    except (ValueError, RecursionError) as e:  # a 5,000-digit number, brackets nested past Python's stack
        raise GoldFileError(f"{path}: unreadable JSON: {str(e) or type(e).__name__}") from None


def first_problem(data: dict) -> str | None:
    """The first place, in file order, where ``data`` breaks the schema or lists a document twice."""
    errors = sorted(schema_validator().iter_errors(data), key=lambda e: (_order(e.absolute_path), e.validator != "required"))
    if errors:
        return _describe(data, errors)
    seen: dict[str, int] = {}
    for i, doc in enumerate(data["documents"]):
        if doc["file"] in seen:
            return f"{_where(data, ['documents', i])}: listed twice (first as documents[{seen[doc['file']]}])"
        seen[doc["file"]] = i
    return None


def _order(path) -> tuple:
    return tuple((isinstance(p, str), p) for p in path)


def _describe(data: dict, errors: list) -> str:
    """One line for the first error; every key missing from the same object is named at once."""
    first = errors[0]
    where = _where(data, list(first.absolute_path))
    if first.validator == "required":
        missing = sorted({k for e in errors if e.validator == "required" and e.absolute_path == first.absolute_path
                          for k in e.validator_value if k not in e.instance})
        if len(missing) == 1 and missing[0] in _NEEDS:
            return f"{where}: {_NEEDS[missing[0]]}"
        return f"{where} lacks {', '.join(missing)}"
    description = first.schema.get("description") if isinstance(first.schema, dict) else None
    if first.validator in ("type", "pattern", "enum", "minItems", "maxItems", "minimum", "minLength") and description:
        return f"{where}: {_show(first.instance)} is not {description}"
    return f"{where}: {first.message}"


def _where(data: dict, path: list) -> str:
    """``documents[3] a01.txt: deals[0].value``: the document by index and file name, then the item."""
    if len(path) < 2 or path[0] != "documents":
        return ".".join(map(str, path)) or "top level"
    doc = data["documents"][path[1]]
    head = f"documents[{path[1]}]"
    name = doc.get("file") if isinstance(doc, dict) else None
    if isinstance(name, str) and name:
        head += f" {_show(name, quote=False)}"
    rest = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path[2:]).lstrip(".")
    return f"{head}: {rest}" if rest else head


def _show(value: Any, *, quote: bool = True, width: int = 60) -> str:
    """A value as the gold file's author wrote it: JSON, strings in quotes, cut at ``width``."""
    text = (repr(value) if quote else value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 1] + "…"


def _fill(doc: dict) -> None:
    """The defaults FORMAT.md implies, so the scorer can index every key."""
    for kind in KINDS:
        doc.setdefault(kind, [])
    for deal in doc["deals"]:
        for key, default in _DEAL_DEFAULTS.items():
            deal.setdefault(key, list(default) if isinstance(default, list) else default)
    for meeting in doc["meetings"]:
        for key, default in _MEETING_DEFAULTS.items():
            meeting.setdefault(key, default)
