"""rules/offices.yaml: offices and who held them between which dates, every problem reported at its line.

Two kinds of entry share the file. An office says how a text names it::

    - {office: KOR DAPA minister, title: Minister of the Defense Acquisition Program Administration,
       organization: Defense Acquisition Program Administration, country: KOR,
       phrases: [DAPA chief, head of DAPA], titles: [DAPA minister]}

``phrases`` name the office alone ("the DAPA chief"); ``titles`` name it only right after its country
("South Korean defense minister", "Seoul's defence minister"). A holder says who held it when::

    - {holder: Seok Jong-gun, office: KOR DAPA minister, from: 2025-01-21, to: 2025-06-10,
       source: "tests/dev/a02_x.txt:4"}

(``to`` left out: still in office; ``aliases``: other spellings of the name). A holder entry's line is the
rule id of every mention it resolves: ``rules/offices.yaml:57``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline.rulefiles import Entry, Field, Problems, is_str, is_str_list, optional, validate
from pipeline.ruletypes import HolderRule, OfficeRule, Rules


def _iso_day(v: Any) -> str | None:
    """YAML reads an unquoted 2024-06-03 as a date; a quoted one stays a string: both are fine."""
    if isinstance(v, dt.date) and not isinstance(v, dt.datetime):
        return None
    if isinstance(v, str):
        try:
            dt.date.fromisoformat(v)
            return None if len(v) == 10 else "must be an ISO date YYYY-MM-DD"
        except ValueError:
            pass
    return f"must be an ISO date YYYY-MM-DD (got {v!r})"


def _day(v: Any) -> str:
    return v.isoformat() if isinstance(v, dt.date) else str(v)


def _country(v: Any) -> str | None:
    from pipeline.rulekinds import ALPHA3  # here, not at the top: rulekinds imports this module to register it

    return None if isinstance(v, str) and v in ALPHA3 else f"must be an ISO 3166-1 alpha-3 country code (got {v!r})"


OFFICE_FIELDS = (Field("office", is_str, True), Field("title", is_str, True), Field("organization", optional(is_str)),
                 Field("country", _country, True), Field("phrases", is_str_list), Field("titles", is_str_list))
HOLDER_FIELDS = (Field("holder", is_str, True), Field("office", is_str, True), Field("from", _iso_day, True),
                 Field("to", optional(_iso_day)), Field("source", is_str, True), Field("aliases", is_str_list))


def parse_offices(entries: list[Entry], rules: Rules, problems: Problems, known: dict) -> None:
    """Offices first, wherever they stand in the file, then their holders."""
    defined: dict[str, str] = {}  # office id -> where, in this file (a later folder may redefine one)
    for e in entries:
        if "holder" in e.data or not validate(e, OFFICE_FIELDS, problems):
            continue
        d = e.data
        if d["office"] in defined:
            problems.add(e.at("office"), f"office '{d['office']}' is defined twice in this file (first at "
                                         f"{defined[d['office']]})")
            continue
        defined[d["office"]] = str(e.where)
        titles = tuple(dict.fromkeys(t.lower() for t in (d["title"], *d.get("titles", ()))))
        rules.offices[d["office"]] = OfficeRule(d["office"], d["title"], d.get("organization"), d["country"],
                                                tuple(p.lower() for p in d.get("phrases", ())), titles, e.where)
    for e in entries:
        if "holder" in e.data and validate(e, HOLDER_FIELDS, problems):
            _holder(e, rules, problems)


def _holder(e: Entry, rules: Rules, problems: Problems) -> None:
    """One holder, checked against its office and the other holders' terms."""
    d = e.data
    start, end = _day(d["from"]), _day(d["to"]) if d.get("to") is not None else None
    if d["office"] not in rules.offices:
        problems.add(e.at("office"), f"unknown office '{d['office']}' (an office entry of offices.yaml defines it)")
        return
    if end is not None and end < start:
        problems.add(e.at("to"), f"'to' {end} is before 'from' {start}")
        return
    key = (d["office"], d["holder"], start)
    for other in rules.holders.values():
        if other.office == d["office"] and (other.office, other.holder, other.start) != key \
                and start <= (other.end or "9999") and other.start <= (end or "9999"):
            problems.add(e.at("from"), f"the term of {d['holder']} as '{d['office']}' overlaps that of "
                                       f"{other.holder} ({other.where})")
            return
    rules.holders[key] = HolderRule(d["holder"], d["office"], start, end, d["source"], tuple(d.get("aliases", ())),
                                    e.where)
