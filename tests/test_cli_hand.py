"""What a user meets at the prompt (issue 16, part 4): one file run alone, a summary of what the database holds and
as JSON, a CSV for spreadsheets, the evaluation's diff as valid JSON."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from pipeline.cli import main
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "groups" / "corpus"


@pytest.fixture
def folder(tmp_path):
    out = tmp_path / "news"
    out.mkdir()
    for name in ("k9_3_signed", "k2_1_first"):
        for p in CORPUS.glob(f"{name}*"):
            shutil.copy(p, out / p.name)
    return out


def test_run_takes_one_file_and_leaves_the_rest_of_its_folder_alone(folder, tmp_path, capsys):
    db = str(tmp_path / "a.db")
    assert main(["run", str(folder), "--db", db]) == 0
    capsys.readouterr()
    assert main(["run", str(folder / "k9_3_signed.txt"), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "1 documents: 0 ok, 1 skipped, 0 failed" in out and "gone from the corpus" not in out
    assert main(["run", str(folder / "k9_3_signed.txt"), "--db", db, "--prune"]) == 0
    assert "the database holds 2 documents" in capsys.readouterr().out  # the other file of its folder is not pruned


def test_run_refuses_a_file_that_is_no_article(folder, tmp_path, capsys):
    (folder / "notes.csv").write_text("a,b\n")
    assert main(["run", str(folder / "notes.csv"), "--db", str(tmp_path / "b.db")]) == 2
    assert "not an article file" in capsys.readouterr().err


def test_run_summary_says_what_the_database_holds_and_as_json(folder, tmp_path, capsys):
    db = str(tmp_path / "c.db")
    assert main(["run", str(folder / "k9_3_signed.txt"), "--db", db]) == 0
    assert "the database holds 1 documents (1 ok, 0 failed): 1 deals in 1 deal groups" in capsys.readouterr().out
    assert main(["run", str(folder), "--db", db, "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["ok"], summary["skipped"], summary["database"]["documents"]) == (1, 1, 2)
    assert summary["regrouped"]["deal_blocks"] == 1 and summary["database"]["deal_groups"] == 2


def test_query_csv_for_a_spreadsheet_begins_with_a_byte_order_mark(folder, tmp_path, capsys):
    db = str(tmp_path / "d.db")
    main(["run", str(folder), "--db", db])
    capsys.readouterr()
    assert main(["query", "deal_groups", "--db", db, "--format", "csv", "--excel"]) == 0
    assert capsys.readouterr().out.startswith("\ufeffgroup_id,supplier,buyer")
    assert main(["query", "deals", "--db", db, "--format", "json", "--excel"]) == 2


def test_evaluate_diff_as_json_is_one_valid_object_with_fields(tmp_path, capsys):
    db = str(tmp_path / "e.db")
    main(["run", str(ROOT / "tests" / "dev"), "--db", db])
    capsys.readouterr()
    assert main(["evaluate", str(ROOT / "tests" / "dev" / "gold.json"), "--db", db, "--diff", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["deals"]["gold"] > 0 and report["diff"]
    assert all(set(item) == {"outcome", "kind", "document", "detail"} for item in report["diff"])
    assert {item["outcome"] for item in report["diff"]} <= {"missed", "false", "wrong"}


def test_help_examples_quote_dollar_amounts_so_a_shell_keeps_them(capsys):
    from pipeline.cli import EPILOGS

    for text in EPILOGS.values():
        for line in text.splitlines():
            assert not re.search(r'"[^"]*\$\d', line), line  # "$2.6 billion" in double quotes loses "$2"
