"""armsledger report: one self-contained HTML file of the database, checked against the views (the page
in a real browser is tests/test_report_browser.py)."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys

import pytest
from lxml import html as lxml_html

from conftest import ROOT, view_dicts
from pipeline.report import formats
from pipeline.report.html import default_target, render_report, write_report
from pipeline.run import run_corpus

GROUPS_CORPUS = ROOT / "tests" / "groups" / "corpus"


@pytest.fixture(scope="module")
def page(seeds_dev_report):
    db, report = seeds_dev_report
    return lxml_html.fromstring(report.read_bytes()), sqlite3.connect(db)


def test_report_is_self_contained(seeds_dev_report):
    """Nothing is fetched at view time: no script, style or image from elsewhere; Vega is inside."""
    text = seeds_dev_report[1].read_text(encoding="utf-8")
    doc = lxml_html.fromstring(text.encode())
    assert not doc.xpath("//script[@src] | //link | //img[@src] | //iframe | //object")
    assert not re.search(r"""url\(\s*['"]?https?:""", text)
    assert "window.vegaEmbed" in text and "vegaEmbed(" in text
    specs = json.loads(doc.get_element_by_id("chart-specs").text)
    assert sorted(specs) == ["buyers", "flows", "meetings", "value"]
    assert all(s["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6") for s in specs.values())


def test_summary_counts_are_the_databases(page):
    doc, db = page
    count = lambda sql: db.execute(sql).fetchone()[0]
    shown = {e.get("data-count"): int(e.text_content().replace(",", "")) for e in doc.xpath("//*[@data-count]")}
    assert shown == {"documents": count("select count(*) from documents"),
                     "failed": count("select count(*) from documents where status = 'failed'"),
                     "deal-groups": count("select count(*) from deal_groups"),
                     "meeting-groups": count("select count(*) from meeting_groups")}
    assert shown["failed"] == 1
    by_status = {tr[0].text_content(): int(tr[1].text_content()) for tr in doc.xpath("//table[@id='by-status']/tbody/tr")}
    assert by_status == dict(db.execute("select status, count(*) from deal_groups group by status"))


def test_every_group_is_a_row_with_its_members(page):
    doc, db = page
    for kind, table in (("deal", "deal_group_members"), ("meeting", "meeting_group_members")):
        members = dict(db.execute(f"select group_id, count(*) from {table} group by group_id"))
        rows = doc.xpath(f"//table[@id='{kind}-groups']/tbody/tr[@class='group']")
        assert len(rows) == len(members) > 10
        for row in rows:
            group_id = int(row.get("id").split("-")[1])
            block = doc.get_element_by_id(f"{kind}-{group_id}-members")
            assert len(block.xpath(".//div[@class='member']")) == members[group_id]


def test_evidence_marks_what_was_found_and_names_the_rule(page):
    """Each member's sentence marks the systems found in it as displaCy does, and shows the event's rule."""
    doc, db = page
    found = db.execute("""select m.event_id, sm.text, d.rule from deal_mentions m
                          join system_mentions sm on sm.document_id = m.document_id
                               and sm.start_char >= m.start_char and sm.end_char <= m.end_char
                          join deals d on d.event_id = m.event_id""").fetchall()
    assert len(found) > 50
    for event_id, system, rule in found[::7]:
        member = doc.xpath(f"//div[@class='member'][@data-event='{event_id}']")[0]
        marks = [re.sub(r"\s+", " ", m.text_content()).strip() for m in member.xpath(".//div[@class='entities']/mark")]
        assert any(m.startswith(system) and m.endswith("SYSTEM") for m in marks), (system, marks)
        assert rule in member.xpath(".//p[@class='member-head']//code[@class='rule']")[0].text_content()


def test_failed_documents_listed_with_their_error(page):
    doc, db = page
    path, error = db.execute("select path, error from documents where status = 'failed'").fetchone()
    rows = doc.xpath("//table[@id='failures']/tbody/tr")
    assert [(r[0].text_content(), r[2].text_content()) for r in rows] == [(path, error)]
    assert "invalid JSON" in error


def test_text_is_escaped(tmp_path):
    """A title or sentence with markup in it is shown as text, never run."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Poland <script>alert(1)</script> signed a $2.6 billion contract for 180 K2 tanks on "
                                  "July 27, 2022.\n", encoding="utf-8")
    (corpus / "a.meta.json").write_text(json.dumps({"published": "2022-07-28", "title": "<b>K2</b> & more"}), encoding="utf-8")
    db = tmp_path / "a.db"
    run_corpus([str(corpus)], db=str(db), progress=False)
    write_report(str(db), str(tmp_path / "r.html"))
    doc = lxml_html.fromstring((tmp_path / "r.html").read_bytes())
    assert not [s for s in doc.xpath("//script") if "alert(1)" in (s.text or "")]
    assert "<script>alert(1)</script>" in doc.xpath("//div[@class='entities']")[0].text_content()
    assert doc.xpath("//span[@class='title']")[0].text_content() == "<b>K2</b> & more"


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_report_on_each_backend(db_url):
    """The same page from SQLite and PostgreSQL (its Decimals and booleans among them)."""
    run_corpus([str(GROUPS_CORPUS)], db=db_url, progress=False)
    from pipeline import store

    engine = store.connect(db_url, create=False)
    try:
        text = render_report(engine, "db")
        groups = view_dicts(engine, "deal_groups")
    finally:
        engine.dispose()
    doc = lxml_html.fromstring(text.encode())
    assert len(doc.xpath("//table[@id='deal-groups']/tbody/tr[@class='group']")) == len(groups) >= 5
    specs = json.loads(doc.get_element_by_id("chart-specs").text)
    assert specs["value"]["data"]["values"]


def test_empty_database_reports_nothing_yet(tmp_path):
    from pipeline import store

    store.connect(str(tmp_path / "empty.db"), create=True).dispose()
    written = write_report(str(tmp_path / "empty.db"))
    assert written.target == str(tmp_path / "report.html") and (written.deal_groups, written.documents) == (0, 0)
    doc = lxml_html.fromstring((tmp_path / "report.html").read_bytes())
    assert json.loads(doc.get_element_by_id("chart-specs").text) == {}
    assert len(doc.xpath("//p[@class='empty']")) == 4
    assert "No deal groups yet" in doc.get_element_by_id("by-status").text_content()


def test_cli_report(seeds_dev_report, tmp_path):
    db = seeds_dev_report[0]
    run = lambda *a: subprocess.run([sys.executable, "-m", "pipeline", "report", *a], capture_output=True, text=True, cwd=ROOT)
    done = run("--db", str(db), "-o", str(tmp_path / "out" / "r.html"))
    assert done.returncode == 0, done.stderr
    assert f"the report is at {tmp_path / 'out' / 'r.html'}" in done.stderr and f"the database is at {db}" in done.stderr
    assert (tmp_path / "out" / "r.html").stat().st_size > 100_000
    to_stdout = run("--db", str(db), "-o", "-")
    assert to_stdout.returncode == 0 and to_stdout.stdout.startswith("<!DOCTYPE html>") and "the report is at stdout" in to_stdout.stderr
    missing = run("--db", str(tmp_path / "nope.db"))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "database not found" in missing.stderr
    assert not (tmp_path / "report.html").exists()


def test_default_target():
    assert default_target("output/armsledger.db") == "output/report.html"
    assert default_target("postgresql+psycopg://u@host/db") == "report.html"


@pytest.mark.parametrize("value, expected", [
    ((3.5e9, 3.5e9, "USD"), "USD 3.5 bn"), ((1.2e12, 1.5e12, "KRW"), "KRW 1.2–1.5 tn"),
    ((250e6, None, "EUR"), "EUR 250 m"), ((None, None, "USD"), ""), ((999, 999, None), "999")])
def test_amounts(value, expected):
    assert formats.amount(*value) == expected
