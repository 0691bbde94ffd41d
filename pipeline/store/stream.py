"""One view read a chunk of rows at a time, with the kind of each column, so that an export never
holds a view whole and can type its output from the database rather than from the values it meets."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from sqlalchemy import MetaData, Table, func, select
from sqlalchemy.engine import Connection, Engine, Result
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.types import Boolean, Float, Integer, Numeric, String, TypeEngine

from pipeline.errors import StoreError
from pipeline.store.engine import reason
from pipeline.store.schema import VIEWS

# what a column holds, as the writers need it: int, float, decimal (Decimal values), bool, text, or
# unknown (SQLite gives no type to a view's computed columns: the writer looks at the values)
KINDS = ("int", "float", "decimal", "bool", "text", "unknown")


@dataclass(frozen=True, slots=True)
class ViewColumn:
    """One column of a view: its name and the kind of value it holds."""

    name: str
    kind: str


def column_kind(kind: TypeEngine) -> str:
    """The kind of a reflected column type (Float before Numeric: a Float is a Numeric of floats)."""
    if isinstance(kind, Boolean):
        return "bool"
    if isinstance(kind, Integer):
        return "int"
    if isinstance(kind, Float) or (isinstance(kind, Numeric) and not kind.asdecimal):
        return "float"
    if isinstance(kind, Numeric):
        return "decimal"
    if isinstance(kind, String):
        return "text"
    return "unknown"


_SQLITE_KINDS = {"integer": "int", "real": "float", "text": "text", "blob": "text"}


def _sqlite_kind(conn: Connection, table: Table, name: str) -> str:
    """The kind of a view column SQLite gives no type (an expression's): that of its first value that
    is not NULL, anywhere in the view, not only in the first chunk; unknown where every value is NULL."""
    column = table.c[name]
    stored = conn.execute(select(func.typeof(column)).where(column.is_not(None)).limit(1)).scalar()
    return _SQLITE_KINDS.get(stored or "", "unknown")


def _chunks(result: Result) -> Iterator[list[tuple]]:
    for part in result.partitions():
        yield [tuple(r) for r in part]


@contextmanager
def stream_view(engine: Engine, view: str, *, chunk: int = 1000) -> Iterator[tuple[list[ViewColumn], Iterator[list[tuple]]]]:
    """The columns of one contract view and its rows in lists of at most ``chunk``, read as they are
    consumed (a server-side cursor on PostgreSQL); valid while the context lasts. Values come typed
    by the view's columns: booleans as bool on SQLite too."""
    if view not in VIEWS:
        raise StoreError(f"no such view: {view} (views: {', '.join(VIEWS)})")
    try:
        with engine.connect() as conn:
            table = Table(view, MetaData(), autoload_with=conn)
            columns = [ViewColumn(c.name, column_kind(c.type)) for c in table.columns]
            if conn.dialect.name == "sqlite":
                columns = [ViewColumn(c.name, _sqlite_kind(conn, table, c.name)) if c.kind == "unknown" else c
                           for c in columns]
            result = conn.execution_options(yield_per=chunk).execute(select(table))
            yield columns, _chunks(result)
    except SQLAlchemyError as e:
        raise StoreError(f"cannot read view {view}: {reason(e)}") from None
