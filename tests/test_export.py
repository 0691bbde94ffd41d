"""armsledger export: every format gives back the view's rows (NULLs, non-ASCII names, large amounts,
booleans, Decimals), standard output for csv and jsonl, and one-line errors that exit 2."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal

import pytest

from pipeline import store
from pipeline.report import export
from pipeline.report.output import output_to
from pipeline.cli import main, parser
from pipeline.errors import StoreError
from pipeline.store import ViewColumn
from tests.conftest import ROOT

TEXTS = [  # of our own: a meeting of two officials with non-ASCII names, a deal of billions, a per-unit price
    ("Polish Defence Minister Władysław Kosiniak-Kamysz met South Korean Defence Minister Seok Jong-gun in Warsaw "
     "on March 4, 2025.", "2025-03-05"),
    ("Poland signed a $6.5 billion contract with South Korea for 180 K2 tanks on April 2, 2025.", "2025-04-03"),
    ("Vietnam is negotiating to buy K9 howitzers from South Korea at $4 million each.", "2025-05-01"),
]
VIEWS = ("deals", "officials", "deal_groups")


@pytest.fixture(scope="module")
def results(analyse):
    return [replace(r, article=replace(r.article, path=f"e{i}.txt", root="/tmp/own"))
            for i, r in enumerate(analyse(t, published=p) for t, p in TEXTS)]


@pytest.fixture
def db(db_url, results):
    engine = store.connect(db_url, create=True)
    store.save_batch(engine, results)
    store.regroup(engine)
    engine.dispose()
    return db_url


def expected(db: str, view: str) -> list[dict]:
    """The view's rows as the database gives them, booleans made bool (SQLite stores 1 and 0)."""
    engine = store.connect(db, create=False)
    try:
        with store.stream_view(engine, view) as (columns, _):
            kinds = {c.name: c.kind for c in columns}
        names, rows = store.view_rows(engine, view)
    finally:
        engine.dispose()
    return [{n: bool(v) if kinds[n] == "bool" and v is not None else v for n, v in zip(names, r)} for r in rows]


def _csv_text(value) -> str:
    return "" if value is None else ("true" if value else "false") if isinstance(value, bool) else str(value)


def read_back(path, fmt: str) -> list[dict]:
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return pq.read_table(path).to_pylist()
    text = path.read_bytes().decode("utf-8")
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(text, newline="")))
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
@pytest.mark.parametrize("view", VIEWS)
def test_a_view_comes_back_whole_from_each_format(db, tmp_path, fmt, view):
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    out = tmp_path / f"{view}.{fmt}"
    done = export.export_view(db, view, fmt, str(out), chunk=2)
    want = expected(db, view)
    got = read_back(out, fmt)
    assert done.rows == len(want) > 0 and done.render() == f"armsledger: {len(want)} rows of {view} to {out}"
    if fmt == "csv":
        want = [{k: _csv_text(v) for k, v in row.items()} for row in want]
    assert sorted(got, key=repr) == sorted(want, key=repr)


def test_names_stay_as_written_and_nulls_stay_null(db, tmp_path):
    jsonl, csv_file = tmp_path / "o.jsonl", tmp_path / "o.csv"
    export.export_view(db, "officials", "jsonl", str(jsonl))
    export.export_view(db, "officials", "csv", str(csv_file))
    raw = jsonl.read_text(encoding="utf-8")
    assert "Władysław Kosiniak-Kamysz" in raw and "Seok Jong-gun" in raw and "\\u" not in raw
    assert '"organization": null' in raw
    assert "Władysław Kosiniak-Kamysz" in csv_file.read_text(encoding="utf-8")
    assert {r["organization"] for r in read_back(csv_file, "csv")} == {""}


def test_parquet_types_come_from_the_view(db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "deals.parquet"
    export.export_view(db, "deals", "parquet", str(out), chunk=1)
    table = pq.read_table(out)
    types = {f.name: str(f.type) for f in table.schema}
    assert (types["event_id"], types["quantity_low"], types["value_usd_low"], types["per_unit"], types["path"]) == (
        "int64", "int64", "double", "bool", "string")
    rows = {r["buyer"]: r for r in table.to_pylist()}
    assert rows["POL"]["value_usd_low"] == 6.5e9 and rows["POL"]["per_unit"] is False
    assert rows["VNM"]["per_unit"] is True and rows["VNM"]["quantity_low"] is None
    assert pq.ParquetFile(out).metadata.num_row_groups == 2  # a row group a chunk: written as read


def test_a_computed_column_of_sqlite_takes_its_values_kind(tmp_path, results):
    db = str(tmp_path / "same.db")
    engine = store.connect(db, create=True)
    twins = [replace(results[1], article=replace(results[1].article, path=p, sha256="d" * 64)) for p in ("a.txt", "b.txt")]
    store.save_batch(engine, twins)
    with store.stream_view(engine, "documents") as (columns, chunks):
        kinds = {c.name: c.kind for c in columns}
        rows = [r for chunk in chunks for r in chunk]
    engine.dispose()
    assert kinds["duplicate_of"] == "int" and len(rows) == 2  # SQLite types a subquery's column by nothing but its values


DECIMALS = [ViewColumn("name", "text"), ViewColumn("amount", "decimal"), ViewColumn("per_unit", "bool")]
DECIMAL_ROWS = [("Seok Jong-gun", Decimal("6500000000"), True), ("Władysław Kosiniak-Kamysz", Decimal("0.25"), None),
                ("nobody", None, False)]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_decimals_are_written_as_numbers(tmp_path, fmt):
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    out = tmp_path / f"d.{fmt}"
    with output_to(str(out), binary=fmt == "parquet", stdout=None) as f:
        assert export.WRITERS[fmt](f, DECIMALS, iter([DECIMAL_ROWS[:2], DECIMAL_ROWS[2:]])) == 3
    got = read_back(out, fmt)
    if fmt == "csv":
        assert [(r["amount"], r["per_unit"]) for r in got] == [("6500000000", "true"), ("0.25", ""), ("", "false")]
    else:
        assert [(r["amount"], r["per_unit"]) for r in got] == [(6500000000, True), (0.25, None), (None, False)]
    if fmt == "jsonl":
        assert '"amount": 6500000000,' in out.read_text(encoding="utf-8")


def test_parquet_types_an_untyped_column_by_its_first_value(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "u.parquet"
    columns = [ViewColumn("count", "unknown"), ViewColumn("nothing", "unknown")]
    with output_to(str(out), binary=True, stdout=None) as f:
        export.write_parquet(f, columns, iter([[(None, None), (3, None)], [(4, None)]]))
    table = pq.read_table(out)
    assert [str(f.type) for f in table.schema] == ["int64", "string"] and table.column("count").to_pylist() == [None, 3, 4]


def test_a_failed_export_leaves_no_half_file(tmp_path):
    out = tmp_path / "half.csv"

    def failing():
        yield DECIMAL_ROWS[:1]
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        with output_to(str(out), binary=False, stdout=None) as f:
            export.write_csv(f, DECIMALS, failing())
    assert not out.exists()


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_dash_writes_to_standard_output(db, capsys, fmt):
    assert main(["export", "officials", "--db", db, "--format", fmt, "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert "Władysław Kosiniak-Kamysz" in captured.out
    lines = captured.out.splitlines()
    if fmt == "csv":
        assert len(lines) == 3 and lines[0].startswith("document_id,path,name")
    else:
        assert [json.loads(line)["country"] for line in lines] == ["POL", "KOR"]
    assert captured.err == "armsledger: 2 rows of officials to stdout\n"


def test_standard_output_is_utf8_whatever_the_locale(db):
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C"}
    proc = subprocess.run([sys.executable, "-m", "pipeline", "export", "officials", "--db", db, "--format", "jsonl",
                           "-o", "-"], capture_output=True, cwd=ROOT, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "Władysław Kosiniak-Kamysz" in proc.stdout.decode("utf-8")


def _one_line_error(capsys, argv) -> str:
    try:
        code = main(argv)
    except SystemExit as e:
        code = e.code
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1, err
    return err


def test_errors_exit_2_with_one_line_naming_the_culprit(db, tmp_path, capsys, monkeypatch):
    args = ["--db", db, "--format", "csv", "-o"]
    assert "invalid choice: 'nonsense'" in _one_line_error(capsys, ["export", "nonsense", *args, str(tmp_path / "x.csv")])
    missing = str(tmp_path / "none.db")
    assert f"database not found: {missing}" in _one_line_error(
        capsys, ["export", "deals", "--db", missing, "--format", "csv", "-o", str(tmp_path / "x.csv")])
    nowhere = str(tmp_path / "no" / "such" / "x.csv")
    assert f"cannot write {nowhere}" in _one_line_error(capsys, ["export", "deals", *args, nowhere])
    assert "parquet needs a file" in _one_line_error(capsys, ["export", "deals", "--db", db, "--format", "parquet", "-o", "-"])
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as where the extra is not installed
    err = _one_line_error(capsys, ["export", "deals", "--db", db, "--format", "parquet", "-o", str(tmp_path / "d.parquet")])
    assert "pip install 'armsledger[parquet]'" in err and not (tmp_path / "d.parquet").exists()
    with pytest.raises(StoreError, match="no such view: nonsense"):
        export.export_view(db, "nonsense", "csv", str(tmp_path / "x.csv"))


def test_export_has_help_with_an_example():
    sub = parser()._subparsers._group_actions[0].choices["export"]
    assert "example:" in sub.format_help() and "armsledger export" in sub.format_help()


def test_the_parquet_extra_is_declared_and_installed():
    assert "parquet =\n    pyarrow>=14" in (ROOT / "setup.cfg").read_text()
    install = next(line for line in (ROOT / "Makefile").read_text().splitlines() if "pip install --quiet -e" in line)
    assert "parquet" in install.split("[", 1)[1].split("]")[0].split(",")
