"""The report of the seeds and the dev set in a real headless Chromium (Debian's package, which .ci/run
installs): it renders with no script error and no request, its charts hold the marks the views call for,
and its tables filter, sort and open their members. A screenshot is saved for the README."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections import Counter
from itertools import combinations

import pytest

from conftest import ROOT

# .ci/run installs Chromium and names it here: there, a missing browser fails instead of skipping
CHROMIUM = os.environ.get("ARMSLEDGER_TEST_CHROMIUM") or shutil.which("chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
         "--disable-background-networking", "--disable-component-update"]
SCREENSHOT = os.environ.get("ARMSLEDGER_REPORT_SCREENSHOT")  # also write the screenshot here (docs/report.png)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM or not os.path.exists(CHROMIUM):
        if os.environ.get("ARMSLEDGER_TEST_CHROMIUM"):
            pytest.fail(f"ARMSLEDGER_TEST_CHROMIUM names {CHROMIUM}, which is not there")
        pytest.skip("no Chromium: apt-get install chromium (as .ci/run does), or set ARMSLEDGER_TEST_CHROMIUM")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def report(browser, seeds_dev_report):
    """The report opened in a new page; yields (page, what went wrong: script errors and requests, the database)."""
    db, path = seeds_dev_report
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    trouble: list[str] = []
    page.on("pageerror", lambda e: trouble.append(f"script error: {e}"))
    page.on("console", lambda m: trouble.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "blob:")) else trouble.append(f"request: {r.url}"))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-charts][data-tables]")
    yield page, trouble, sqlite3.connect(db)
    page.close()


def _expected_marks(db) -> dict[str, int]:
    """One mark per cell or bar, counted from the views with SQL of our own."""
    one = lambda sql: db.execute(sql).fetchone()[0]
    pairs = Counter(p for (countries,) in db.execute("select countries from meeting_groups where countries is not null")
                    for p in combinations(sorted(countries.split("; ")), 2))
    return {
        "buyers": one("""select count(distinct buyer || substr(coalesce(order_date, first_date), 1, 4)) from deal_groups
                         where not framework and buyer is not null and coalesce(order_date, first_date) is not null"""),
        "value": one("""select count(distinct supplier || order_year) from register
                        where value_usd is not null and order_year is not null and supplier is not null"""),
        "flows": one("""select count(distinct supplier || buyer) from deal_groups
                        where not framework and supplier is not null and buyer is not null"""),
        "meetings": min(len(pairs), 30)}


def test_renders_with_no_script_error_and_no_request(report):
    page, trouble, _db = report
    assert page.get_attribute("body", "data-charts") == "ready"
    assert trouble == []
    assert page.locator("#deal-groups tr.group").count() > 50


def test_charts_hold_the_expected_marks(report):
    page, _trouble, db = report
    expected = _expected_marks(db)
    assert all(n > 5 for n in expected.values()), expected
    found = {key: page.locator(f"#chart-{key} svg g.role-mark.mark-rect > path").count() for key in expected}
    assert found == expected
    for key in expected:  # and each has its caption
        assert "counts" in page.locator(f"#chart-{key} ~ figcaption").inner_text() or key == "value"


def _visible(page, table: str) -> int:
    return page.locator(f"#{table} tr.group:visible").count()


def test_filtering_the_deal_groups(report):
    page, _trouble, db = report
    one = lambda sql: db.execute(sql).fetchone()[0]
    bar = '.filters[data-table="deal-groups"]'
    total = one("select count(*) from deal_groups")
    assert _visible(page, "deal-groups") == total
    page.select_option(f"{bar} select[data-filter=status]", "signed")
    assert _visible(page, "deal-groups") == one("select count(*) from deal_groups where status = 'signed'")
    page.select_option(f"{bar} select[data-filter=buyer]", "POL")
    signed_pol = one("select count(*) from deal_groups where status = 'signed' and buyer = 'POL'")
    assert _visible(page, "deal-groups") == signed_pol > 1
    assert page.locator(f"{bar} .shown").inner_text() == f"{signed_pol} of {total} shown"
    page.check(f"{bar} input[data-filter=multi]")
    assert _visible(page, "deal-groups") == one("select count(*) from deal_groups where status = 'signed' and "
                                                "buyer = 'POL' and sources >= 2")
    page.uncheck(f"{bar} input[data-filter=multi]")
    page.select_option(f"{bar} select[data-filter=status]", "")
    page.select_option(f"{bar} select[data-filter=buyer]", "")
    group_id = one("select group_id from deal_groups order by sources desc, group_id limit 1")
    page.fill(f"{bar} input[data-filter=text]", str(group_id))  # a group's id is in its members' block alone
    assert _visible(page, "deal-groups") == 1 and page.locator(f"#deal-{group_id}").is_visible()
    page.fill(f"{bar} input[data-filter=text]", "no such thing anywhere")
    assert _visible(page, "deal-groups") == 0
    page.fill(f"{bar} input[data-filter=text]", "")
    assert _visible(page, "deal-groups") == total


def test_filtering_the_meetings(report):
    page, _trouble, db = report
    page.select_option('.filters[data-table="meeting-groups"] select[data-filter=countries]', "KOR")
    kor = db.execute("select count(*) from meeting_groups where '; ' || countries || '; ' like '%; KOR; %'").fetchone()[0]
    assert _visible(page, "meeting-groups") == kor > 5


def test_sorting_by_sources(report):
    page, _trouble, db = report
    most, fewest = db.execute("select max(sources), min(sources) from deal_groups").fetchone()
    header = page.locator("#deal-groups th", has_text="sources")
    header.click()
    first = lambda: int(page.locator("#deal-groups tr.group").first.get_attribute("data-sources"))
    assert first() == fewest and header.get_attribute("aria-sort") == "ascending"
    header.click()
    assert first() == most > 2 and header.get_attribute("aria-sort") == "descending"
    values = [int(v) for v in page.locator("#deal-groups tr.group").evaluate_all("rs => rs.map(r => r.dataset.sources)")]
    assert values == sorted(values, reverse=True)


def test_a_row_opens_its_members_with_marked_evidence(report, tmp_path):
    page, trouble, db = report
    group_id, sources = db.execute("select group_id, sources from deal_groups order by sources desc, group_id limit 1").fetchone()
    members = page.locator(f"#deal-{group_id}-members")
    assert not members.is_visible()
    page.locator(f"#deal-{group_id}").click()
    assert members.is_visible()
    assert page.locator(f"#deal-{group_id} button.open").get_attribute("aria-expanded") == "true"
    told = db.execute("select count(*) from deal_group_members where group_id = ?", (group_id,)).fetchone()[0]
    assert members.locator("div.member").count() == told >= sources
    assert members.locator("div.entities mark.entity").count() >= told
    assert members.locator("p.member-head code.rule").first.inner_text().startswith("rules/deal_triggers.yaml:")
    page.locator("#deals").scroll_into_view_if_needed()
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    page.locator(f"#deal-{group_id}").click()
    assert not members.is_visible() and trouble == []


def test_screenshot_of_the_top(report, tmp_path):
    """The page as it opens; ARMSLEDGER_REPORT_SCREENSHOT=docs/report.png refreshes the README's picture."""
    page, _trouble, _db = report
    page.set_viewport_size({"width": 1280, "height": 1500})
    shot = tmp_path / "top.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    if SCREENSHOT:
        shutil.copyfile(shot, ROOT / SCREENSHOT)
