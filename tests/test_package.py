"""A real package: a wheel built from the checkout carries the built-in rules (.ci/wheel installs one)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from pipeline.rules import BUILTIN_RULES
from tests.conftest import ROOT


def _build_wheel(out: Path) -> Path:
    """A wheel of the checkout, its dependencies left out (nothing is installed or downloaded)."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                    "-w", str(out), str(ROOT)], check=True, timeout=300)
    (wheel,) = out.glob("armsledger-*.whl")
    return wheel


def test_package_wheel_holds_every_builtin_rule_file(tmp_path):
    wheel = _build_wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    rules_dir = ROOT / "rules"
    expected = sorted(p.name for p in rules_dir.iterdir() if p.is_file())
    assert "systems.yaml" in expected and "README.md" in expected
    missing = [n for n in expected if f"pipeline/{BUILTIN_RULES.name}/{n}" not in names]
    assert not missing, f"not in {wheel.name}: {missing}"


def test_package_rules_folder_is_the_builtin_one():
    """Rule authors edit rules/ at the top; the package reads the same files."""
    assert (ROOT / "rules").resolve() == BUILTIN_RULES
    assert BUILTIN_RULES.parent == Path(sys.modules["pipeline.rules"].__file__).resolve().parent
