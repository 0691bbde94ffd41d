"""A database view written to CSV, JSON lines or Parquet a chunk of rows at a time, so that a view of
any size fits: the same values in every format (NULL empty or null, booleans as booleans, Decimals as
numbers, text as UTF-8), typed by the view's columns rather than by the first rows."""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any, Callable, Iterator

from pipeline import store
from pipeline.errors import PipelineError
from pipeline.report.output import STDOUT, output_to
from pipeline.store import ViewColumn

FORMATS = ("csv", "jsonl", "parquet")
PARQUET_EXTRA = "pip install 'armsledger[parquet]'"
Chunks = Iterator[list[tuple]]


@dataclass(frozen=True, slots=True)
class Exported:
    """What an export wrote: how many rows of which view, and where ("stdout" for -o -)."""

    view: str
    rows: int
    target: str

    def render(self) -> str:
        return f"armsledger: {self.rows} rows of {self.view} to {self.target}"


def export_view(db: str, view: str, fmt: str, target: str, *, chunk: int = 1000, stdout: IO[str] | None = None) -> Exported:
    """Write ``view`` of the database ``db`` to the file ``target`` (``-``: ``stdout``, for csv and
    jsonl) in format ``fmt``. Nothing is left behind where it fails: a file half written is removed."""
    if fmt not in FORMATS:
        raise PipelineError(f"no such format: {fmt} (formats: {', '.join(FORMATS)})")
    if fmt == "parquet":
        if target == STDOUT:
            raise PipelineError("parquet needs a file: give -o FILE.parquet, not -o -")
        _pyarrow()
    engine = store.connect(db, create=False)
    try:
        with store.stream_view(engine, view, chunk=chunk) as (columns, chunks):
            with output_to(target, binary=fmt == "parquet", stdout=stdout) as out:
                rows = WRITERS[fmt](out, columns, chunks)
    finally:
        engine.dispose()
    return Exported(view, rows, "stdout" if target == STDOUT else target)


def _plain(value: Any) -> Any:
    """A value as JSON takes it: a Decimal as the number it is, NaN and infinities (not JSON) as null."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")  # never 1.6E+9
    return value


def write_csv(out: IO[str], columns: list[ViewColumn], chunks: Chunks) -> int:
    """A header row, then the rows: NULL as an empty cell, booleans as true/false; how many rows."""
    writer = csv.writer(out)
    writer.writerow([c.name for c in columns])
    n = 0
    for rows in chunks:
        writer.writerows([_csv_cell(v) for v in row] for row in rows)
        n += len(rows)
    return n


def write_jsonl(out: IO[str], columns: list[ViewColumn], chunks: Chunks) -> int:
    """One JSON object a line, non-ASCII kept as it is, numbers as numbers; how many rows."""
    names = [c.name for c in columns]
    n = 0
    for rows in chunks:
        out.writelines(json.dumps(dict(zip(names, map(_plain, row))), ensure_ascii=False, default=str) + "\n"
                       for row in rows)
        n += len(rows)
    return n


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise PipelineError(f"parquet needs pyarrow, an optional extra: {PARQUET_EXTRA}") from None
    return pyarrow


_VALUE_KINDS = ((bool, "bool"), (int, "int"), (float, "float"), (Decimal, "decimal"))  # bool first: a bool is an int


def _value_kind(value: Any) -> str:
    return next((kind for cls, kind in _VALUE_KINDS if isinstance(value, cls)), "text")


def _resolved(columns: list[ViewColumn], first: list[tuple]) -> list[str]:
    """Each column's kind; a column the database gives no type takes that of its first value in the
    first chunk (text where it has none)."""
    kinds = []
    for i, column in enumerate(columns):
        kind = column.kind
        if kind == "unknown":
            kind = next((_value_kind(r[i]) for r in first if r[i] is not None), "text")
        kinds.append(kind)
    return kinds


_FIT: dict[str, Callable[[Any], Any]] = {"int": int, "float": float, "decimal": float, "bool": bool, "text": str}


def write_parquet(out: IO[bytes], columns: list[ViewColumn], chunks: Chunks) -> int:
    """Row groups of one chunk each, under a schema from the view's column types (a Decimal column as
    float64); how many rows."""
    pa = _pyarrow()
    first = next(chunks, [])
    kinds = _resolved(columns, first)
    arrow = {"int": pa.int64(), "float": pa.float64(), "decimal": pa.float64(), "bool": pa.bool_(), "text": pa.string()}
    schema = pa.schema([pa.field(c.name, arrow[k]) for c, k in zip(columns, kinds)])
    n = 0
    with pa.parquet.ParquetWriter(out, schema) as writer:
        for rows in _chained(first, chunks):
            arrays = []
            for i, (column, kind) in enumerate(zip(columns, kinds)):
                fit = _FIT[kind]
                try:
                    arrays.append(pa.array([None if r[i] is None else fit(r[i]) for r in rows], type=arrow[kind]))
                except (ValueError, TypeError, pa.ArrowException) as e:
                    raise PipelineError(f"column {column.name} does not fit {kind}: {e}") from None
            writer.write_batch(pa.record_batch(arrays, schema=schema))
            n += len(rows)
    return n


def _chained(first: list[tuple], rest: Chunks) -> Chunks:
    if first:
        yield first
    yield from rest


WRITERS: dict[str, Callable[[Any, list[ViewColumn], Chunks], int]] = {
    "csv": write_csv, "jsonl": write_jsonl, "parquet": write_parquet}
