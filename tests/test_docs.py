"""The documents stay true: the worked example of rules/README.md runs and prints what it shows."""

from __future__ import annotations

import re
import shlex

import pytest

from pipeline.cli import main
from tests.conftest import ROOT

README = (ROOT / "rules" / "README.md").read_text()


def _block_after(marker: str, lang: str) -> str:
    at = README.index(marker)
    m = re.compile(rf"```{lang}\n(.*?)```", re.S).search(README, at)
    return m.group(1)


def _shell_sessions() -> list[tuple[list[str], list[str]]]:
    """Each `$ armsledger rules test ...` of the README with the lines it shows."""
    out = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("$ armsledger rules test"):
                shown = []
                for nxt in lines[i + 1:]:
                    if nxt.startswith("$ "):
                        break
                    shown.append(nxt)
                out.append((shlex.split(line[2:])[1:], shown))
    return out


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    d = tmp_path_factory.mktemp("example")
    (d / "my_rules").mkdir()
    (d / "my_rules" / "systems.yaml").write_text(_block_after("`my_rules/systems.yaml`:", "yaml"))
    (d / "my_rules" / "deal_triggers.yaml").write_text(_block_after("`my_rules/deal_triggers.yaml`:", "yaml"))
    return d


def test_readme_example_rules_check(example, capsys, monkeypatch):
    monkeypatch.chdir(example)
    assert main(["rules", "check", "my_rules"]) == 0
    assert capsys.readouterr().out.startswith("rules ok (")


@pytest.mark.parametrize("session", range(2))
def test_readme_example_rules_test_prints_what_it_shows(example, capsys, monkeypatch, session):
    argv, shown = _shell_sessions()[session]
    monkeypatch.chdir(example)
    assert main(argv) == 0
    printed = [" ".join(line.split()) for line in capsys.readouterr().out.splitlines()]
    shown = [" ".join(line.split()) for line in shown]
    assert len(printed) == len(shown)
    for got, want in zip(printed, shown):  # the README shows a terminal, where a long cell is cut with "…"
        assert re.fullmatch(re.escape(want).replace("…", ".*?"), got), (got, want)
