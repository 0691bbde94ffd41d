"""An optional project file with the options a folder's runs share, so that a rule folder is never forgotten on
one run: ``armsledger.toml`` in the current folder, or ``[tool.armsledger]`` in its ``pyproject.toml``.

    db = "output/news.db"          # the database of every command
    rules = ["my_rules"]           # rule folders on top of the built-in ones, before any --rules given
    workers = 2                    # armsledger run's processes

Paths are relative to the file's folder. An option given on the command line wins over the file's.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import PipelineError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

FILE = "armsledger.toml"
KEYS = {"db": str, "rules": list, "workers": int}
_KINDS = {str: "a string (a path or a database URL)", list: "a list of folders", int: "a whole number"}


@dataclass(frozen=True, slots=True)
class Settings:
    source: str | None = None  # the file they came from
    db: str | None = None
    rules: tuple[str, ...] = ()
    workers: int | None = None


def find(folder: Path | None = None) -> Settings:
    """The settings of ``folder`` (default: the current one): its armsledger.toml, else the [tool.armsledger]
    table of its pyproject.toml, else none. A file that cannot be read or holds a bad option is a one-line
    PipelineError naming the file."""
    folder = folder or Path.cwd()
    own = folder / FILE
    if own.is_file():
        return _settings(own, _load(own))
    project = folder / "pyproject.toml"
    if project.is_file():
        table = _load(project).get("tool", {}).get("armsledger")
        if isinstance(table, dict):
            return _settings(project, table, where="[tool.armsledger]")
    return Settings()


def _load(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise PipelineError(f"{path}: cannot read: {getattr(e, 'strerror', None) or e}") from None
    except tomllib.TOMLDecodeError as e:
        raise PipelineError(f"{path}: not TOML: {e}") from None


def _settings(path: Path, table: dict, where: str = "") -> Settings:
    name = f"{path}{' ' + where if where else ''}"
    for key, value in table.items():
        kind = KEYS.get(key)
        if kind is None:
            raise PipelineError(f"{name}: unknown option '{key}' (options: {', '.join(KEYS)})")
        if not isinstance(value, kind) or isinstance(value, bool):
            raise PipelineError(f"{name}: '{key}' must be {_KINDS[kind]}")
    rules = table.get("rules", [])
    if not all(isinstance(r, str) and r for r in rules):
        raise PipelineError(f"{name}: 'rules' must be a list of folders")
    workers = table.get("workers")
    if workers is not None and workers < 1:
        raise PipelineError(f"{name}: 'workers' must be 1 or more")
    base = path.parent
    db = table.get("db")
    if db is not None and "://" not in db:
        db = str((base / db).resolve()) if db not in ("", ":memory:") else db
    return Settings(str(path), db, tuple(str((base / r).resolve()) for r in rules), workers)


def given(argv: list[str], option: str) -> bool:
    """Was ``option`` given on the command line (``--db X`` or ``--db=X``)?"""
    return any(a == option or a.startswith(option + "=") for a in argv)
