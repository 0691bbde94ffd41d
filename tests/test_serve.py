"""armsledger serve: the metadata read from docs/data.md, datasette answering on a free loopback port for a
view and the canned queries, a clean stop on Ctrl-C, and the one-line refusals (PostgreSQL, no datasette)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from pipeline import store
from pipeline.report import serve
from pipeline.cli import main, parser
from pipeline.run import run_corpus
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "groups" / "corpus"
DOC = serve.parse_data_doc(serve.DATA_DOC.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> str:
    """The groups corpus analysed into a SQLite file named ledger.db (datasette calls it "ledger")."""
    db = tmp_path_factory.mktemp("serve") / "ledger.db"
    summary = run_corpus([str(CORPUS)], db=str(db), progress=False)
    assert not summary.failed
    return str(db)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


@pytest.fixture(scope="module")
def served(ledger, tmp_path_factory):
    """``armsledger serve`` running in its own session (as a terminal runs it); yields its base URL."""
    pytest.importorskip("datasette")
    port = _free_port()
    log = tmp_path_factory.mktemp("serve-log") / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", "--db", ledger, "--port", str(port)],
                                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                _get(base + "/-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                assert proc.poll() is None, log.read_text(errors="replace")
                assert time.monotonic() < deadline, "datasette did not answer in 30 s: " + log.read_text(errors="replace")
                time.sleep(0.3)
        yield base, proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def test_serve_metadata_describes_every_view_and_column():
    metadata = serve.build_metadata("ledger", DOC)
    tables = metadata["databases"]["ledger"]["tables"]
    for view in store.VIEW_NAMES:
        assert tables[view]["title"].startswith(f"{view}: one row per"), tables[view]["title"]
        assert tables[view]["description"]
        assert all(tables[view]["columns"].values())
    assert "full US dollars" in tables["deal_groups"]["columns"]["value_usd_high"]
    assert "ISO 4217" in tables["deals"]["columns"]["currency"]
    assert all(tables[name] == {"hidden": True} for name in tables if name.startswith("ledger_"))
    assert "ledger_deals" in tables


def test_serve_metadata_explains_codes_and_units():
    page = serve.build_metadata("ledger", DOC)["databases"]["ledger"]["description_html"]
    for needle in ("ISO 3166-1 alpha-3", "ISO 4217", "ISO 8601", "full units", "<code>KOR</code>"):
        assert needle in page, needle


@pytest.mark.parametrize(("view", "facets"), [
    ("deal_groups", ["buyer", "supplier", "system", "status"]),
    ("register", ["recipient", "supplier", "status", "order_year"]),
    ("meetings", ["location_country", "status"]),
    ("people", []),
])
def test_serve_metadata_facets_where_a_view_has_them(view, facets):
    assert serve.build_metadata("ledger", DOC)["databases"]["ledger"]["tables"][view]["facets"] == facets


def test_serve_data_doc_cells_keep_escaped_bars():
    text = ("# T\n\nIntro.\n\n## Conventions\n\n- **Countries** are ISO 3166-1 alpha-3:\n  `KOR`.\n\n"
            "## deals\n\nOne row per deal event: a deal.\n\n| column | type | meaning | NULL when | units / codes |\n"
            "| --- | --- | --- | --- | --- |\n| `value_usd_source` | VARCHAR(4) | where it came from | never | `text` \\| `fx` |\n")
    doc = serve.parse_data_doc(text, views=("deals",))
    assert doc.intro == "Intro."
    assert doc.conventions == (("Countries", " are ISO 3166-1 alpha-3: `KOR`."),)
    column = doc.views["deals"].columns[0]
    assert (column.name, column.units) == ("value_usd_source", "`text` \\| `fx`")
    assert column.describe() == "where it came from. VARCHAR(4); never NULL; units/codes: text | fx."
    assert doc.views["deals"].title() == "deals: one row per deal event"


def test_serve_answers_a_view_and_the_metadata(served):
    base, _ = served
    rows = _get(base + "/ledger/deal_groups.json?_shape=array")
    assert len(rows) == 5 and {r["buyer"] for r in rows} == {"NOR", "POL", "ROU"}
    metadata = _get(base + "/-/metadata.json")
    assert "full US dollars" in metadata["databases"]["ledger"]["tables"]["register"]["columns"]["value_usd"]
    listing = _get(base + "/ledger.json")
    assert all(t["hidden"] for t in listing["tables"] if t["name"].startswith("ledger_"))


@pytest.mark.parametrize(("query", "params", "check"), [
    ("transfers_to", {"recipient": "pol"}, lambda rows: len(rows) == 2 and {r["recipient"] for r in rows} == {"POL"}),
    ("meetings_of", {"name": "Korhonen"}, lambda rows: len(rows) == 2 and {r["countries"] for r in rows} == {"FIN; SWE"}),
    ("largest_deals", {"year": "2025"}, lambda rows: [r["system"] for r in rows] == ["K2 Black Panther"]),
])
def test_serve_canned_queries_take_a_parameter(served, query, params, check):
    base, _ = served
    rows = _get(f"{base}/ledger/{query}.json?_shape=array&{urllib.parse.urlencode(params)}")
    assert check(rows), rows


def test_serve_stops_cleanly_on_ctrl_c(ledger):
    pytest.importorskip("datasette")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", "--db", ledger, "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            _get(f"http://127.0.0.1:{port}/-/versions.json")
            break
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGINT)
    assert proc.wait(timeout=20) == 0
    with pytest.raises((urllib.error.URLError, ConnectionError, OSError)):
        _get(f"http://127.0.0.1:{port}/-/versions.json")


def test_serve_refuses_postgresql_in_one_line(capsys):
    assert main(["serve", "--db", "postgresql+psycopg://user:secret@localhost/ledger"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "SQLite" in err and "armsledger export VIEW" in err and "--format parquet" in err
    assert "secret" not in err


def test_serve_without_datasette_names_the_extra(ledger, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "datasette", None)  # import datasette raises ImportError
    assert main(["serve", "--db", ledger]) == 2
    err = capsys.readouterr().err
    assert err == "armsledger: serve needs datasette, an optional extra: pip install 'armsledger[serve]'\n"


def test_serve_help_has_an_example():
    sub = parser()._subparsers._group_actions[0].choices["serve"]
    assert "example:" in sub.format_help() and "armsledger serve" in sub.format_help()
