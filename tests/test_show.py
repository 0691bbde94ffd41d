"""`armsledger show EVENT_ID` and tables that fit the terminal, on the cross-document corpus of our own
(tests/groups/corpus: Romania's K9 howitzers told five times, Finnish-Swedish meetings)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from pipeline import store
from pipeline.cli import main
from pipeline.run import run_corpus
from pipeline.report.tables import fit_widths, table_lines

CORPUS = Path(__file__).resolve().parent / "groups" / "corpus"


@pytest.fixture(scope="module")
def db(tmp_path_factory, kit) -> str:
    """The corpus run once into SQLite (``kit`` first, so that the model is the session's)."""
    path = str(tmp_path_factory.mktemp("show") / "groups.db")
    assert run_corpus([str(CORPUS)], db=path, progress=False).failed == 0
    return path


def _event_id(db: str, view: str, stem: str) -> int:
    engine = store.connect(db, create=False)
    try:
        return next(r["event_id"] for r in store.view_where(engine, view) if Path(r["path"]).stem == stem)
    finally:
        engine.dispose()


def _show(db: str, capsys, event_id: int, *more: str) -> tuple[int, str, str]:
    code = main(["show", str(event_id), "--db", db, *more])
    out, err = capsys.readouterr()
    return code, out, err


def test_show_a_deal_marks_the_entities_of_each_mention_and_gives_its_group(db, capsys):
    code, out, _ = _show(db, capsys, _event_id(db, "deals", "k9_3_signed"))
    assert code == 0 and out.startswith("deal ")
    assert "[Romania]{country}" in out and "{system}" in out and "{money}" in out
    assert "trigger: rules/deal_triggers.yaml:" in out
    assert "systems: K9 Thunder" in out
    assert "delivered, 5 source(s); KOR -> ROU, K9 Thunder" in out  # the group the signing is part of
    assert "mentions (3):" in out and "\033[" not in out  # no colour on a pipe


def test_show_json_gives_spans_relative_to_the_sentence(db, capsys):
    code, out, _ = _show(db, capsys, _event_id(db, "deals", "k9_3_signed"), "--format", "json")
    shown = json.loads(out)
    assert code == 0 and shown["kind"] == "deal" and shown["systems"] == ["K9 Thunder"]
    assert shown["groups"][0]["sources"] == 5 and shown["rules"][0]["what"] == "trigger"
    for mention in shown["mentions"]:
        assert mention["rule"]
        for span in mention["spans"]:
            assert mention["sentence"][span["start"]:span["end"]] == span["text"]
            assert span["kind"] in {"system", "country", "money", "date", "official"}
    kinds = {s["kind"] for m in shown["mentions"] for s in m["spans"]}
    assert {"system", "country", "money"} <= kinds


def test_show_a_meeting_gives_its_participants_and_group(db, capsys):
    code, out, _ = _show(db, capsys, _event_id(db, "meetings", "meet_1_tuesday"))
    assert code == 0 and out.startswith("meeting ")
    assert "participants:" in out and "Antti Korhonen" in out and "Lars Ekberg" in out
    assert "[Antti Korhonen]{official}" in out and "held, 3 source(s); FIN; SWE" in out
    shown = json.loads(_show(db, capsys, _event_id(db, "meetings", "meet_1_tuesday"), "--format", "json")[1])
    assert {p["name"] for p in shown["participants"]} == {"Antti Korhonen", "Lars Ekberg"}


def test_show_an_unknown_id_is_a_one_line_error_exit_2(db, capsys):
    code, out, err = _show(db, capsys, 12)
    assert code == 2 and out == "" and err.count("\n") == 1 and "no deal or meeting has event id 12" in err


def test_a_table_on_a_narrow_terminal_fits_it(db, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "70")
    assert main(["query", "deals", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 70
    assert lines[-1].startswith("(12 rows; ") and "more columns" in lines[-1]
    assert lines[0].split()[0] == "event_id" and lines[0].split()[1].startswith("document")
    shown = {line.split()[0] for line in lines[1:-1]}
    with sqlite3.connect(db) as con:
        ids = {str(r[0]) for r in con.execute("SELECT event_id FROM deals")}
    assert shown == ids  # an id is never cut (ids are hashes: their number of digits varies)


def test_a_table_on_a_pipe_has_whole_cells(db, capsys, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    assert main(["query", "deals", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "…" not in out and out.splitlines()[-1] == "(12 rows)"
    assert any(len(line) > 300 for line in out.splitlines())  # whole sentences


@pytest.mark.parametrize("natural,width,fitted", [
    ([4, 30, 10], 40, [4, 22, 10]),  # the widest shrinks first
    ([5, 5], 80, [5, 5]),  # what fits is left whole
    ([40, 40, 40], 50, [16, 15, 15]),
    ([40, 40, 40], 25, [12, 11]),  # never below 8: the third column is left out
    ([3, 100, 100], 50, [3, 22, 21]),
])
def test_fit_widths(natural, width, fitted):
    assert fit_widths(natural, width) == fitted
    assert sum(fitted) + 2 * (len(fitted) - 1) <= width


def test_table_lines_cut_text_but_not_numbers():
    lines = table_lines(["id", "sentence"], [(12345678901234, "Poland signed a deal for 180 tanks in August")], width=30)
    assert lines[1].startswith("12345678901234  ") and lines[1].endswith("…") and len(lines[1]) == 30


def test_marked_in_colour_on_a_terminal_and_overlaps_marked_once():
    from pipeline.report.show import Mention, Span, marked

    m = Mention("South Korea sells K9A1 howitzers", 0, 32, "body", None,
                [Span("country", "South Korea", "KOR", 0, 11, None), Span("country", "Korea", "KOR", 6, 11, None),
                 Span("system", "K9A1", "K9 Thunder", 18, 22, None)])
    assert marked(m) == "[South Korea]{country} sells [K9A1]{system} howitzers"
    assert marked(m, colour=True) == "\033[1;32mSouth Korea\033[0m sells \033[1;36mK9A1\033[0m howitzers"
