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


def _by_buyer_and_year(groups: list[Group]) -> Chart:
    cells: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for g in groups:
        year = deal_year(g.row)
        if g.row.get("buyer") and year:
            cells[g.row["buyer"], year][g.row["status"]] += 1
    values = [{"buyer": b, "name": country_name(b), "year": y, "groups": sum(c.values()), "statuses": _statuses(c)}
              for (b, y), c in sorted(cells.items())]
    shown = sum(v["groups"] for v in values)
    chart = alt.Chart(alt.Data(values=values)).mark_rect().encode(
        x=alt.X("year:O", title="year", scale=alt.Scale(domain=_years(v["year"] for v in values))),
        y=alt.Y("buyer:N", title="buyer", sort=_most(values, "buyer", "groups")),
        color=alt.Color("groups:Q", title="deal groups", scale=alt.Scale(scheme="blues")),
        tooltip=[alt.Tooltip("name:N", title="buyer"), "year:O", alt.Tooltip("groups:Q", title="deal groups"),
                 alt.Tooltip("statuses:N", title="by status")])
    caption = (f"Each cell counts the deal groups of one buyer in one year: the year of the order where one is "
               f"dated, else of the group's first report. Every status is counted (signed, delivered, negotiating, "
               f"planned, lost, aid; hover a cell for the split); framework agreements are not. {shown} of "
               f"{len(groups)} deal groups are shown; {len(groups) - shown} name no buyer or no date.")
    return Chart("buyers", "Deal groups by buyer and year", caption, _spec(chart.properties(height=max(120, 18 * len({v['buyer'] for v in values})))), len(values))


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
    cells: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for g in groups:
        if g.row.get("supplier") and g.row.get("buyer"):
            cells[g.row["supplier"], g.row["buyer"]][g.row["status"]] += 1
    values = [{"supplier": s, "buyer": b, "from": country_name(s), "to": country_name(b), "groups": sum(c.values()),
               "statuses": _statuses(c)} for (s, b), c in sorted(cells.items())]
    shown = sum(v["groups"] for v in values)
    chart = alt.Chart(alt.Data(values=values)).mark_rect().encode(
        x=alt.X("supplier:N", title="supplier", sort=_most(values, "supplier", "groups")),
        y=alt.Y("buyer:N", title="buyer", sort=_most(values, "buyer", "groups")),
        color=alt.Color("groups:Q", title="deal groups", scale=alt.Scale(scheme="oranges")),
        tooltip=[alt.Tooltip("from:N", title="supplier"), alt.Tooltip("to:N", title="buyer"),
                 alt.Tooltip("groups:Q", title="deal groups"), alt.Tooltip("statuses:N", title="by status")])
    caption = (f"Each cell counts the deal groups from one supplier (column) to one buyer (row), every status but "
               f"framework agreements. {shown} of {len(groups)} deal groups are shown; {len(groups) - shown} name "
               f"no supplier or no buyer.")
    return Chart("flows", "Deal groups from supplier to buyer", caption,
                 _spec(chart.properties(height=max(120, 18 * len({v['buyer'] for v in values})))), len(values))


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
    caption = (f"Each bar counts the meeting groups (one real meeting however many reports tell it, held or "
               f"planned) whose participants or place give both countries; a meeting of three countries counts "
               f"once for each of its pairs. "
               + (f"The {TOP_PAIRS} most frequent of {len(pairs)} pairs are shown. " if len(pairs) > TOP_PAIRS else "")
               + f"{alone} of {len(groups)} meeting groups name fewer than two countries and are not shown.")
    return Chart("meetings", "Meetings by country pair", caption,
                 _spec(chart.properties(height=max(120, 20 * len(values)))), len(values))
