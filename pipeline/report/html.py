"""``armsledger report``: the database as one self-contained HTML file, from the Jinja2 templates in
``templates/``. Styles, scripts (Vega, Vega-Lite and Vega-Embed, bundled by vl-convert) and the chart
data are inside the file, so it opens with no network, and can be mailed or archived as it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import IO

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from pipeline import __version__, store
from pipeline.report import formats
from pipeline.report.charts import charts, country_name
from pipeline.report.evidence import COLOURS, LABELS, marked_html, shown_spans
from pipeline.report.gather import Gathered, gather
from pipeline.report.output import STDOUT, output_to
from pipeline.store.engine import sqlite_file

REPORT_NAME = "report.html"


@dataclass(frozen=True, slots=True)
class Written:
    """What a report holds and where it went ("stdout" for -o -)."""

    target: str
    database: str
    size: int
    documents: int
    failed: int
    deal_groups: int
    meeting_groups: int

    def render(self) -> str:
        where = self.target if self.target == "stdout" else f"{self.target} ({self.size / 1e6:.1f} MB)"
        return (f"armsledger: report of {self.documents} documents ({self.failed} failed), {self.deal_groups} deal "
                f"groups and {self.meeting_groups} meeting groups\n  the report is at {where}"
                f"\n  the database is at {self.database}")


def default_target(db: str) -> str:
    """``report.html`` beside a SQLite database file; in the current folder for a database server."""
    if "://" not in db:
        return str(Path(db).parent / REPORT_NAME)  # as given, relative or not
    file = sqlite_file(store.database_url(db))
    return str(file.parent / REPORT_NAME) if file is not None else REPORT_NAME


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("pipeline.report", "templates"), undefined=StrictUndefined,
                      autoescape=select_autoescape(enabled_extensions=("html", "j2")), trim_blocks=True,
                      lstrip_blocks=True)
    env.filters.update(marked=marked_html, spans=shown_spans, country=country_name, amount=formats.amount,
                       quantity=formats.quantity, dates=formats.date_range, number=formats.number)
    env.globals.update(LABELS=LABELS, COLOURS=COLOURS)
    return env


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite (the version Altair writes) and Vega-Embed in one script, as vl-convert bundles them."""
    import altair as alt
    import vl_convert

    bundle = vl_convert.javascript_bundle(vl_version=alt.SCHEMA_VERSION.rsplit(".", 1)[0])
    return bundle.replace("</script", "<\\/script")  # inside <script>, never a closing tag


def render_report(engine, database: str, *, now: datetime | None = None) -> str:
    """The report of the database behind ``engine`` as HTML text."""
    return _render(gather(engine, database), now)


def _render(data: Gathered, now: datetime | None = None) -> str:
    made = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    shown = charts(data)
    return _environment().get_template("report.html.j2").render(
        data=data, s=data.summary, charts=shown, specs={c.key: c.spec for c in shown if c.marks}, made=made,
        version=__version__, vega=vega_bundle())


def write_report(db: str, target: str | None = None, *, stdout: IO[str] | None = None) -> Written:
    """Write the report of the database ``db`` to ``target`` (default: beside the database; ``-``:
    ``stdout``). The file appears whole or not at all: it is written beside and renamed into place."""
    target = target or default_target(db)
    engine = store.connect(db, create=False)
    try:
        data = gather(engine, store.masked(db))
    finally:
        engine.dispose()
    html, s = _render(data), data.summary
    with output_to(target, stdout=stdout, make_folder=True) as out:
        out.write(html)
    size = len(html.encode()) if target == STDOUT else Path(target).stat().st_size
    return Written("stdout" if target == STDOUT else target, data.database, size,
                   s.documents, s.failed, s.deal_groups, s.meeting_groups)
