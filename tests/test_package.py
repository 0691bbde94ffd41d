"""A real package: a wheel built from the checkout carries the built-in rules (.ci/wheel installs one)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from pipeline.rules import BUILTIN_RULES
from tests.conftest import ROOT


# What a build must not see: a stale build/lib would slip old files into the wheel.
LEFT_OUT = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "output",
                                  ".pytest_cache", ".hypothesis")


def _build_wheel(out: Path) -> Path:
    """A wheel of a copy of the checkout (symlinks kept, the checkout left clean), without dependencies."""
    src = out / "src"
    shutil.copytree(ROOT, src, symlinks=True, ignore=LEFT_OUT)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(src)],
                   check=True, timeout=300)
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


def test_package_wheel_holds_the_report_templates_and_the_data_dictionary(tmp_path):
    """armsledger report reads its templates, and serve docs/data.md, from the installed package."""
    names = set(zipfile.ZipFile(_build_wheel(tmp_path)).namelist())
    templates = sorted(p.name for p in (ROOT / "pipeline" / "report" / "templates").iterdir())
    assert "report.html.j2" in templates and "report.js" in templates
    missing = [n for n in templates if f"pipeline/report/templates/{n}" not in names]
    assert not missing and "pipeline/data.md" in names, missing
