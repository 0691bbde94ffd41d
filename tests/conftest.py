"""Shared fixtures: the rules and the spaCy model are loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.analyse import analyse_text
from pipeline.nlp import Toolkit
from pipeline.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SEEDS_GOLD = SHARED / "gold" / "seeds.json"
SCORER = SHARED / "tools" / "score.py"


def need_shared() -> None:
    if not SEEDS.is_dir():
        pytest.fail(f"{SEEDS} is missing: tests read the seed articles from ../shared beside the checkout")


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture(scope="session")
def kit(rules):
    return Toolkit(rules).warm()


@pytest.fixture(scope="session")
def analyse(kit):
    """analyse("text", published="2025-01-21") -> DocResult"""

    def run(text: str, published: str | None = None):
        return analyse_text(text, kit, published=published)

    return run
