"""The SQLite database in a browser through datasette, with metadata read from docs/data.md: a title and
description for the database, every view and every column, the codes explained, facets, the ``ledger_*``
tables hidden, and a few canned queries. datasette is an optional extra and runs as a child process."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline import store
from pipeline.errors import PipelineError
from pipeline.store.engine import sqlite_file
from pipeline.store.schema import meta as schema_meta

SERVE_EXTRA = "pip install 'armsledger[serve]'"
DATA_DOC = Path(__file__).parent.parent / "data.md"  # docs/data.md, shipped in the package (a link to it in a checkout)
# the columns a reader slices by first: who buys, who sells, what, how far it went, when
FACET_COLUMNS = ("buyer", "recipient", "supplier", "system", "location_country", "status", "order_year")
# the conventions the database page states, in this order (their bullets in the Conventions section)
CONVENTIONS = ("Countries", "Currencies", "Amounts", "Ranges", "Dollar values", "Dates", "Intervals", "Booleans",
               "Lists in one column")
HEADING = re.compile(r"^## (.+?)\s*$", re.M)
CELL_SPLIT = re.compile(r"(?<!\\)\|")  # a cell ends at a bar that is not escaped ("`text` \| `fx`")
BULLET = re.compile(r"^- \*\*(?P<name>[^*]+)\*\*(?P<text>.*)$")  # "- **Countries** (`buyer`, ...) are ..."

CANNED_QUERIES: dict[str, dict[str, str]] = {
    "transfers_to": {
        "title": "Every transfer to one country",
        "description": "The register's orders (signed or delivered) whose recipient is an ISO 3166-1 alpha-3 "
                       "code, e.g. POL; newest order first.",
        "sql": "select * from register where recipient = upper(:recipient)\n"
               "order by order_year desc, value_usd desc",
    },
    "meetings_of": {
        "title": "Every meeting of one person",
        "description": "Meetings across documents that a person took part in; the name matches any spelling "
                       "seen, in part (e.g. Blaszczak).",
        "sql": "select distinct p.name as person, g.group_id, g.date, g.location, g.location_country, g.countries,\n"
               "  g.participants, g.status, g.sources\n"
               "from people p\n"
               "join meeting_participants mp on mp.person_id = p.person_id\n"
               "join meeting_group_members m on m.event_id = mp.event_id\n"
               "join meeting_groups g on g.group_id = m.group_id\n"
               "where p.spellings like '%' || :name || '%'\n"
               "order by g.date",
    },
    "largest_deals": {
        "title": "The largest deals of a year",
        "description": "Deal groups whose order was signed in the year (YYYY), by their highest dollar value.",
        "sql": "select * from deal_groups where substr(order_date, 1, 4) = :year\n"
               "order by value_usd_high desc limit 25",
    },
}


@dataclass(frozen=True, slots=True)
class ColumnDoc:
    """One row of a view's table in docs/data.md."""

    name: str
    type: str
    meaning: str
    null_when: str
    units: str

    def describe(self) -> str:
        """The column's description, one line: meaning, type, when NULL, units."""
        null = "never NULL" if self.null_when == "never" else f"NULL when {self.null_when}"
        return _plain(f"{self.meaning}. {self.type}; {null}; units/codes: {self.units}.")


@dataclass(frozen=True, slots=True)
class ViewDoc:
    """A view's section of docs/data.md: what one row is, and its columns."""

    name: str
    description: str
    columns: tuple[ColumnDoc, ...]

    def title(self) -> str:
        """"deal_groups: one row per real-world deal across documents": the name and the first clause."""
        clause = re.split(r"[:;,.(]", self.description, maxsplit=1)[0].strip()
        return f"{self.name}: {clause[:1].lower()}{clause[1:]}"


@dataclass(frozen=True, slots=True)
class DataDoc:
    """docs/data.md read: the database's description (its opening and conventions) and each view's section."""

    intro: str
    conventions: tuple[tuple[str, str], ...]
    views: dict[str, ViewDoc]


def _plain(text: str) -> str:
    """Markdown cell text as plain text: no backticks or bold marks, bars unescaped."""
    return text.replace("\\|", "|").replace("`", "").replace("**", "")


def sections(text: str) -> dict[str, str]:
    """Each ``## name`` section's body, by name."""
    marks = list(HEADING.finditer(text))
    ends = [m.start() for m in marks[1:]] + [len(text)]
    return {m.group(1): text[m.end():end] for m, end in zip(marks, ends)}


def _paragraphs(text: str) -> list[str]:
    """The text's paragraphs, each joined into one line."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def _columns(section: str) -> tuple[ColumnDoc, ...]:
    """The body rows of the section's table (column | type | meaning | NULL when | units / codes)."""
    rows = [line for line in section.splitlines() if line.startswith("|")][2:]
    columns = []
    for line in rows:
        cells = [c.strip() for c in CELL_SPLIT.split(line.strip().strip("|"))]
        if len(cells) != 5:
            raise PipelineError(f"docs/data.md: a column row without 5 cells: {line}")
        columns.append(ColumnDoc(cells[0].strip("`"), *cells[1:]))
    return tuple(columns)


def _bullets(section: str) -> tuple[tuple[str, str], ...]:
    """The ``- **Name** text`` bullets of a section, each with its wrapped lines joined first."""
    blocks: list[str] = []
    open_ = False  # whether an indented line continues the bullet above it
    for line in section.splitlines():
        if line.startswith("- "):
            blocks.append(line)
            open_ = True
        elif open_ and line.startswith("  ") and line.strip():
            blocks[-1] += " " + line.strip()
        else:
            open_ = False
    return tuple((m["name"], m["text"]) for m in map(BULLET.match, blocks) if m)


def parse_data_doc(text: str, views: tuple[str, ...] = store.VIEW_NAMES) -> DataDoc:
    """docs/data.md's text read into the view sections of ``views``, its opening and its conventions."""
    parts = sections(text)
    intro = _paragraphs(text[:HEADING.search(text).start()])
    docs = {}
    for name in views:
        if name not in parts:
            raise PipelineError(f"docs/data.md has no '## {name}' section")
        body = parts[name]
        first = _paragraphs(body.split("\n|", 1)[0])
        docs[name] = ViewDoc(name, _plain(first[0]) if first else "", _columns(body))
    return DataDoc(" ".join(intro[1:2]), _bullets(parts.get("Conventions", "")), docs)


def _inline_html(text: str) -> str:
    """Markdown's `code` and **bold** as HTML, the rest escaped."""
    out = html.escape(text.replace("\\|", "|"), quote=False)
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    return re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", out)


def _database_html(doc: DataDoc) -> str:
    """The database page's description: the opening paragraph, then the conventions on codes and units."""
    wanted = dict(doc.conventions)
    items = "".join(f"<li><strong>{html.escape(name)}</strong>{_inline_html(wanted[name])}</li>"
                    for name in CONVENTIONS if name in wanted)
    return f"<p>{_inline_html(doc.intro)}</p><ul>{items}</ul>"


def build_metadata(database: str, doc: DataDoc) -> dict[str, Any]:
    """datasette's metadata for the database named ``database`` (its file's stem)."""
    tables: dict[str, Any] = {name: {"hidden": True} for name in schema_meta.tables}
    for view in doc.views.values():
        names = [c.name for c in view.columns]
        tables[view.name] = {
            "title": view.title(),
            "description": view.description,
            "columns": {c.name: c.describe() for c in view.columns},
            "facets": [c for c in FACET_COLUMNS if c in names],
        }
    return {
        "title": "armsledger: arms deals and defence meetings from the news",
        "description_html": _database_html(doc),
        "source": "armsledger data dictionary (docs/data.md)",
        "databases": {database: {
            "title": "armsledger database",
            "description_html": _database_html(doc),
            "tables": tables,
            "queries": CANNED_QUERIES,
        }},
    }


def _datasette() -> None:
    """Fail in one line, naming the extra, where datasette is not installed."""
    try:
        import datasette  # noqa: F401
    except ImportError:
        raise PipelineError(f"serve needs datasette, an optional extra: {SERVE_EXTRA}") from None


def served_file(db: str) -> Path:
    """The SQLite file behind ``--db``, checked to be an armsledger database; other databases refused."""
    url = store.database_url(db)
    file = sqlite_file(url)
    if file is None:
        raise PipelineError(f"serve is for a SQLite database file, not {store.masked(url)}; export a view of it "
                            "instead: armsledger export VIEW --db URL --format parquet -o VIEW.parquet")
    store.connect(db, create=False).dispose()  # not found, empty or not armsledger's: a one-line refusal
    return file


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8001, data_doc: Path = DATA_DOC) -> int:
    """Serve ``db`` with datasette until it stops or Ctrl-C; returns datasette's exit status (0 on Ctrl-C).
    The database is opened read-only (datasette's default ``mode=ro``): in WAL mode it never locks a
    writer, and a run going on at the same time shows up on the next page load (``--immutable`` would not
    see rows still in the write-ahead log)."""
    file = served_file(db)
    _datasette()
    doc = parse_data_doc(data_doc.read_text(encoding="utf-8")) if data_doc.exists() else DataDoc("", (), {})
    with tempfile.TemporaryDirectory(prefix="armsledger-serve-") as tmp:
        metadata = Path(tmp) / "metadata.json"
        metadata.write_text(json.dumps(build_metadata(file.stem, doc), indent=1), encoding="utf-8")
        command = [sys.executable, "-m", "datasette", "serve", str(file), "--metadata", str(metadata),
                   "--host", host, "--port", str(port)]
        child = subprocess.Popen(command)
        try:
            return child.wait()
        except KeyboardInterrupt:  # Ctrl-C reaches datasette too (one process group); SIGTERM may not
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
            return 0
