"""docs/data.md stays true to the database: a section per view, its table listing exactly the view's columns,
in the view's order (the file feeds datasette's metadata, so a program must be able to read it)."""

from __future__ import annotations

import pytest

from pipeline import store
from pipeline.report.serve import sections
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")


def _sections() -> dict[str, str]:
    """Each `## name` section's text, by name, as serve reads them (a heading of one word only: the views')."""
    return sections(DOC)


def _table_columns(section: str) -> list[str]:
    """The first cell of each body row of the section's first markdown table, without its backticks."""
    rows = [line for line in section.splitlines() if line.startswith("|")]
    assert len(rows) >= 3, "no table"
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    assert header == ["column", "type", "meaning", "NULL when", "units / codes"], header
    table = []
    for line in rows[2:]:
        table.append(line.strip("|").split("|")[0].strip().strip("`"))
    return table


@pytest.fixture(scope="module")
def columns(tmp_path_factory) -> dict[str, list[str]]:
    engine = store.connect(str(tmp_path_factory.mktemp("datadoc") / "fresh.db"), create=True)
    try:
        return {view: store.view_rows(engine, view)[0] for view in store.VIEWS}
    finally:
        engine.dispose()


@pytest.mark.parametrize("view", list(store.VIEWS))
def test_data_docs_view_table_lists_its_columns_in_order(columns, view):
    sections = _sections()
    assert view in sections, f"docs/data.md has no '## {view}' section"
    assert _table_columns(sections[view]) == columns[view]


def test_data_docs_one_word_sections_are_views():
    """A one-word section that names no view is a view removed or renamed and left in the document."""
    stale = [name for name in _sections() if name not in store.VIEWS and not name[0].isupper()]
    assert not stale, stale
