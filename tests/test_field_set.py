"""The field set's committed half (tests/field/README.md): a manifest and gold that agree, a fixed
random split, no page text in git, and a runner that says how to lay texts that are missing."""

from __future__ import annotations

import importlib.util
import json
import subprocess
from collections import Counter

from pipeline.goldfile import load_gold
from tests.conftest import ROOT

FIELD = ROOT / "tests" / "field"


def _manifest() -> list[dict]:
    return json.loads((FIELD / "manifest.json").read_text(encoding="utf-8"))["documents"]


def test_every_page_has_its_gold_and_a_checked_address():
    pages = _manifest()
    gold = load_gold(str(FIELD / "gold.json"))
    assert len(pages) >= 60
    assert [p["file"] for p in pages] == [g["file"] for g in gold]
    assert len({p["url"] for p in pages}) == len(pages) and len({p["file"] for p in pages}) == len(pages)
    assert all(p["query"] and p["url"].startswith("http") and p["file"].startswith("f_") for p in pages)
    held = subprocess.run(["python3", str(ROOT.parent / "shared" / "tools" / "held_out.py"), *[p["url"] for p in pages]],
                          capture_output=True, text=True)
    assert held.returncode == 0, [line for line in held.stdout.splitlines() if line.startswith("held out")]


def test_the_split_is_two_thirds_tune_one_third_check():
    splits = Counter(p["split"] for p in _manifest())
    assert set(splits) == {"tune", "check"}
    assert abs(splits["tune"] - 2 * splits["check"]) <= 2


def test_no_page_text_is_in_git():
    tracked = subprocess.run(["git", "ls-files", "tests/field"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert sorted(tracked) == ["tests/field/README.md", "tests/field/field.py", "tests/field/gold.json",
                               "tests/field/manifest.json"]
    probe = subprocess.run(["git", "check-ignore", "-q", "tests/field/texts/f_0000000000000000.txt"], cwd=ROOT)
    assert probe.returncode == 0


def test_field_runner_says_how_to_lay_missing_texts(tmp_path, monkeypatch, capsys):
    spec = importlib.util.spec_from_file_location("field", FIELD / "field.py")
    field = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(field)
    monkeypatch.setattr(field, "TEXTS", tmp_path)
    assert field.main([]) == 1
    err = capsys.readouterr().err
    assert f"{len(_manifest())} of {len(_manifest())} texts are not laid" in err and "tests/field/README.md" in err
    assert field.main(["check", "--diff"]) == 2
