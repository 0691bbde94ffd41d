"""The report's charts as Vega-Lite specs made with Altair, each with a caption saying what it counts
and what it leaves out. One data row is one mark, so a chart's marks can be counted against the views."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import altair as alt
import pycountry

from pipeline.report.gather import Gathered, Group

TOP_PAIRS = 30  # country pairs shown in the meetings chart, the most met first


@dataclass(frozen=True, slots=True)
class Chart:
    key: str  # the element id's suffix: chart-<key>
    title: str
    caption: str
    spec: dict[str, Any]  # Vega-Lite
    marks: int  # data rows, one mark each


def charts(data: Gathered) -> list[Chart]:
    groups = [g for g in data.deal_groups if not g.row.get("framework")]
    return [_by_buyer_and_year(groups), _value_by_supplier(data.register), _supplier_to_buyer(groups),
            _meeting_pairs(data.meeting_groups)]


def country_name(code: str | None) -> str:
    """'Poland (POL)' for 'POL'; the code alone where pycountry does not know it."""
    if not code:
        return "unknown"
    found = pycountry.countries.get(alpha_3=code)
    return f"{getattr(found, 'common_name', None) or found.name} ({code})" if found else code


def deal_year(row: dict[str, Any]) -> str | None:
    """The year a deal group is charted in: its order's, else its first report's."""
    date = row.get("order_date") or row.get("first_date")
    return date[:4] if date else None


def _statuses(counts: Counter) -> str:
    return ", ".join(f"{status} {n}" for status, n in counts.most_common())


def _years(years) -> list[str]:
    """Every year from the first to the last, so that a year with nothing still takes its place."""
    found = sorted({int(y) for y in years})
    return [str(y) for y in range(found[0], found[-1] + 1)] if found else []


def _most(values: list[dict[str, Any]], key: str, count: str) -> list[str]:
    """The values of ``key``, the largest total of ``count`` first (ties alphabetical): an axis's order."""
    totals = Counter()
    for v in values:
        totals[v[key]] += v[count]
    return sorted(totals, key=lambda k: (-totals[k], k))


def _spec(chart: alt.Chart) -> dict[str, Any]:
    return chart.properties(width="container").configure_view(stroke=None).to_dict()


def _cells(groups: list[Group], key) -> dict[tuple[str, str], Counter]:
    """(row, column) -> the statuses of the deal groups ``key(row)`` puts there (None: not charted)."""
    cells: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for g in groups:
        if (cell := key(g.row)) is not None:
            cells[cell][g.row["status"]] += 1
    return cells


def _heatmap(cells: dict[tuple[str, str], Counter], x: str, y: str, scheme: str) -> tuple[alt.Chart, list, int]:
    """A cell per (x, y) coloured by its deal groups, with each country's name and the split by status on hover;
    rows and columns the most counted first (``x`` "year": every year in order). Returns the chart, its data rows
    and the groups they count."""
    values = [{x: a, y: b, f"{x}_name": country_name(a) if x != "year" else a, f"{y}_name": country_name(b),
               "groups": sum(c.values()), "statuses": _statuses(c)} for (a, b), c in sorted(cells.items())]
    x_axis = alt.X("year:O", title="year", scale=alt.Scale(domain=_years(v["year"] for v in values))) if x == "year" else \
        alt.X(f"{x}:N", title=x, sort=_most(values, x, "groups"))
    chart = alt.Chart(alt.Data(values=values)).mark_rect().encode(
        x=x_axis, y=alt.Y(f"{y}:N", title=y, sort=_most(values, y, "groups")),
        color=alt.Color("groups:Q", title="deal groups", scale=alt.Scale(scheme=scheme)),
        tooltip=[alt.Tooltip(f"{y}_name:N", title=y), alt.Tooltip(f"{x}_name:N", title=x),
                 alt.Tooltip("groups:Q", title="deal groups"), alt.Tooltip("statuses:N", title="by status")])
    height = max(120, 18 * len({v[y] for v in values}))
    return chart.properties(height=height), values, sum(v["groups"] for v in values)


def _by_buyer_and_year(groups: list[Group]) -> Chart:
    cells = _cells(groups, lambda r: (deal_year(r), r["buyer"]) if r.get("buyer") and deal_year(r) else None)
    chart, values, shown = _heatmap(cells, "year", "buyer", "blues")
    caption = (f"Each cell counts the deal groups of one buyer in one year: the year of the order where one is "
               f"dated, else of the group's first report. Every status is counted (signed, delivered, negotiating, "
               f"planned, lost, aid; hover a cell for the split); framework agreements are not. {shown} of "
               f"{len(groups)} deal groups are shown; {len(groups) - shown} name no buyer or no date.")
    return Chart("buyers", "Deal groups by buyer and year", caption, _spec(chart), len(values))


def _value_by_supplier(register: list[dict[str, Any]]) -> Chart:
    seen, totals, orders = set(), defaultdict(float), Counter()
    left_out = 0
    for r in register:
        if not (r.get("value_usd") and r.get("order_year") and r.get("supplier")):
            left_out += 1
            continue
        key = (r["supplier"], r["recipient"], r["order_year"], float(r["value_usd"]))
        if r.get("value_shared") and key in seen:  # one contract's value over several systems: once
            continue
        seen.add(key)
        totals[r["supplier"], r["order_year"]] += float(r["value_usd"])
        orders[r["supplier"], r["order_year"]] += 1
    values = [{"supplier": s, "name": country_name(s), "year": y, "usd": round(v), "billions": round(v / 1e9, 3),
               "orders": orders[s, y]} for (s, y), v in sorted(totals.items())]
    chart = alt.Chart(alt.Data(values=values)).mark_bar().encode(
        x=alt.X("year:O", title="order year", scale=alt.Scale(domain=_years(v["year"] for v in values))), y=alt.Y("billions:Q", title="US$ billions", stack="zero"),
        color=alt.Color("supplier:N", title="supplier", scale=alt.Scale(scheme="tableau20")),
        tooltip=[alt.Tooltip("name:N", title="supplier"), alt.Tooltip("year:O", title="order year"),
                 alt.Tooltip("usd:Q", title="US$", format=",.0f"), alt.Tooltip("orders:Q", title="orders")])
    total = sum(v["usd"] for v in values)
    caption = (f"Each bar segment sums the dollar value of one supplier's orders in one order year, from the "
               f"register (deal groups signed or delivered; framework agreements, bids, plans and aid left out). "
               f"A value is the highest its reports give; one contract's value told over several systems is "
               f"counted once. US${total / 1e9:,.1f} billion in {sum(orders.values())} orders; {left_out} of "
               f"{len(register)} register rows have no dollar value, no order year or no supplier and are not shown.")
    return Chart("value", "Dollar value of orders by supplier and year", caption, _spec(chart.properties(height=260)), len(values))


def _supplier_to_buyer(groups: list[Group]) -> Chart:
    cells = _cells(groups, lambda r: (r["supplier"], r["buyer"]) if r.get("supplier") and r.get("buyer") else None)
    chart, values, shown = _heatmap(cells, "supplier", "buyer", "oranges")
    caption = (f"Each cell counts the deal groups from one supplier (column) to one buyer (row), every status but "
               f"framework agreements. {shown} of {len(groups)} deal groups are shown; {len(groups) - shown} name "
               f"no supplier or no buyer.")
    return Chart("flows", "Deal groups from supplier to buyer", caption, _spec(chart), len(values))


def country_pairs(countries: str | None) -> list[str]:
    """'KOR – POL' for each pair of the countries of a meeting group ('KOR; POL')."""
    codes = sorted({c.strip() for c in (countries or "").split(";") if c.strip()})
    return [f"{a} – {b}" for a, b in combinations(codes, 2)]


def _meeting_pairs(groups: list[Group]) -> Chart:
    pairs, alone = Counter(), 0
    for g in groups:
        found = country_pairs(g.row.get("countries"))
        alone += not found
        pairs.update(found)
    top = pairs.most_common(TOP_PAIRS)
    values = [{"pair": p, "meetings": n, "names": " – ".join(country_name(c) for c in p.split(" – "))} for p, n in top]
    chart = alt.Chart(alt.Data(values=values)).mark_bar().encode(
        x=alt.X("meetings:Q", title="meeting groups", axis=alt.Axis(tickMinStep=1, format="d")), y=alt.Y("pair:N", title=None, sort="-x"),
        tooltip=[alt.Tooltip("names:N", title="countries"), alt.Tooltip("meetings:Q", title="meeting groups")])
    caption = ("Each bar counts the meeting groups (one real meeting however many reports tell it, held or "
               "planned) whose participants or place give both countries; a meeting of three countries counts "
               "once for each of its pairs. "
               + (f"The {TOP_PAIRS} most frequent of {len(pairs)} pairs are shown. " if len(pairs) > TOP_PAIRS else "")
               + f"{alone} of {len(groups)} meeting groups name fewer than two countries and are not shown.")
    return Chart("meetings", "Meetings by country pair", caption,
                 _spec(chart.properties(height=max(120, 20 * len(values)))), len(values))
