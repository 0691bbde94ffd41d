"""armsledger.toml (or [tool.armsledger] in pyproject.toml): the options a folder's runs share; -v and -q."""

from __future__ import annotations

import re
import shutil

import pytest

from pipeline.cli import main
from tests.conftest import ROOT

ARTICLE = ROOT / "tests" / "groups" / "corpus" / "k9_3_signed.txt"
SYSTEM = "- {name: Tigerfish Mk9, aliases: [], category: missile, origin: GBR, maker: BAE Systems}\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(ARTICLE, tmp_path / ARTICLE.name)
    (tmp_path / "my_rules").mkdir()
    (tmp_path / "my_rules" / "systems.yaml").write_text(SYSTEM)
    return tmp_path


def test_the_file_s_database_and_rules_are_used_and_the_command_line_wins(project, capsys):
    (project / "armsledger.toml").write_text('db = "out/news.db"\nrules = ["my_rules"]\n')
    assert main(["run", ARTICLE.name]) == 0
    assert (project / "out" / "news.db").is_file()
    assert main(["run", ARTICLE.name, "--db", "other.db"]) == 0 and (project / "other.db").is_file()
    capsys.readouterr()
    assert main(["rules", "test", "Britain ordered 20 Tigerfish Mk9 torpedoes in May."]) == 0
    assert "Tigerfish Mk9" in capsys.readouterr().out  # a system only the file's rule folder knows
    assert main(["rules", "check"]) == 0 and "my_rules" in capsys.readouterr().out


def test_pyproject_s_tool_table_serves_as_well(project, capsys):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.armsledger]\ndb = "from_pyproject.db"\n')
    assert main(["run", ARTICLE.name]) == 0 and (project / "from_pyproject.db").is_file()


@pytest.mark.parametrize("text, message", [('colour = "red"\n', "unknown option 'colour'"),
                                           ("db = 3\n", "'db' must be a string"),
                                           ('rules = "my_rules"\n', "'rules' must be a list of folders"),
                                           ("workers = 0\n", "'workers' must be 1 or more"),
                                           ('db = "x\n', "not TOML")])
def test_a_bad_file_is_one_line_naming_it_and_exit_2(project, capsys, text, message):
    (project / "armsledger.toml").write_text(text)
    assert main(["info"]) == 2
    err = capsys.readouterr().err.strip()
    assert "armsledger.toml" in err and message in err and len(err.splitlines()) == 1


def test_verbose_says_each_file_s_decision_and_quiet_says_nothing(project, capsys):
    assert main(["run", ARTICLE.name, "--db", "v.db", "-v"]) == 0
    err = capsys.readouterr().err
    assert f"{ARTICLE.name}: new" in err and "a batch of 1 documents: analysed in" in err
    size = f"{len(ARTICLE.read_text(encoding='utf-8')):,}"
    timed = re.search(rf"{ARTICLE.name}: \d+ deals, \d+ meetings, \d+ officials; {size} characters analysed in "
                      r"(\d+\.\d{3}) s", err)
    assert timed and 0 < float(timed.group(1)) < 30, err
    assert main(["run", ARTICLE.name, "--db", "v.db", "-v"]) == 0
    assert f"{ARTICLE.name}: unchanged, skipped" in capsys.readouterr().err
    assert main(["run", ARTICLE.name, "--db", "v.db", "-q"]) == 0
    assert capsys.readouterr().err == ""
