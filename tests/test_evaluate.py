"""The evaluate command: the matching of ../shared/gold/FORMAT.md, and errors for bad gold files."""

from __future__ import annotations

import json
import re

import pytest

from pipeline import store
from pipeline.cli import main
from pipeline.errors import GoldFileError
from pipeline.evaluate import evaluate, load_gold


@pytest.fixture
def db(tmp_path, analyse):
    from dataclasses import replace

    e = store.connect(str(tmp_path / "e.db"), create=True)
    r = analyse("Poland signed a $2.6 billion contract for 180 K2 tanks from South Korea on Monday. Polish Defense Minister "
                "Mariusz Blaszczak met DAPA Minister Eom Dong-hwan in Warsaw.", published="2022-08-27")
    store.save(e, replace(r, article=replace(r.article, path="a.txt", root="/c", sha256="0" * 64)))
    e.dispose()
    return str(tmp_path / "e.db")


def _gold(tmp_path, deals, meetings=(), money=()):
    doc = {"file": "a.txt", "published": "2022-08-27", "deals": list(deals), "meetings": list(meetings),
           "money": list(money), "officials": [], "systems": ["K2 Black Panther"], "countries": ["POL", "KOR"]}
    p = tmp_path / "gold.json"
    p.write_text(json.dumps({"documents": [doc]}))
    return str(p)


DEAL = {"supplier": "KOR", "buyer": "POL", "systems": ["K2 Black Panther"], "system_keys": ["k2"], "quantity": 180,
        "value": None, "value_usd": {"low": 2.6e9, "high": 2.6e9}, "date": "2022-08-22", "status": "signed", "required": True}


def test_a_matching_deal_and_its_attributes(tmp_path, db):
    report = evaluate(_gold(tmp_path, [DEAL]), db)
    assert report.tallies["deals"].figures()["f1"] == 1.0
    assert report.attributes["deal.quantity"] == [1, 1] and report.attributes["deal.date"] == [1, 1]


def test_diff_names_missed_false_and_wrong_items(tmp_path, db):
    wrong = dict(DEAL, date="2021-01")
    missed = dict(DEAL, buyer="ROU", system_keys=["k9"], value_usd=None)
    report = evaluate(_gold(tmp_path, [wrong, missed]), db)
    text = report.render(diff=True)
    assert "wrong deal.date" in text and "gold '2021-01', got '2022-08-22'" in text
    assert "missed deal   a.txt: KOR->ROU" in text
    report = evaluate(_gold(tmp_path, []), db)
    assert "false deal    a.txt: KOR->POL ['K2 Black Panther']" in report.render(diff=True)


def test_an_optional_deal_is_neither_hit_nor_false_alarm(tmp_path, db):
    report = evaluate(_gold(tmp_path, [dict(DEAL, required=False)]), db)
    f = report.tallies["deals"].figures()
    assert (f["gold"], f["predicted"], f["precision"], f["recall"]) == (0, 0, 1.0, 1.0)


def test_meeting_matches_on_two_names(tmp_path, db):
    meeting = {"participants": [{"name": "Mariusz Blaszczak"}, {"name": "Eom Dong-hwan"}], "date": "2022-08-27",
               "location": "Warsaw", "location_country": "POL", "required": True}
    report = evaluate(_gold(tmp_path, [DEAL], [meeting]), db)
    assert report.tallies["meetings"].figures()["f1"] == 1.0


@pytest.mark.parametrize("content,message", [
    ("{", "invalid JSON at line 1"),
    ('{"docs": []}', 'expected {"documents": [...]}'),
    ('{"documents": [{"file": "a.txt", "deals": [{"buyer": "POL"}]}]}', "a.txt: deals[0] lacks status, supplier, system_keys"),
    ('{"documents": [{"deals": []}]}', "documents[0]: needs a 'file' name"),
])
def test_bad_gold_file_names_file_and_reason(tmp_path, content, message):
    p = tmp_path / "g.json"
    p.write_text(content)
    with pytest.raises(GoldFileError, match=re.escape(message)):
        load_gold(str(p))


def test_cli_evaluate_exit_codes(tmp_path, db, capsys):
    assert main(["evaluate", _gold(tmp_path, [DEAL]), "--db", db]) == 0
    assert capsys.readouterr().out.startswith("deals      P=1.000 R=1.000 F1=1.000")
    bad = tmp_path / "bad.json"
    bad.write_text("[")
    assert main(["evaluate", str(bad), "--db", db]) == 2
    assert "bad.json: invalid JSON" in capsys.readouterr().err
    assert main(["evaluate", _gold(tmp_path, [DEAL]), "--db", db, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["deals"]["f1"] == 1.0
