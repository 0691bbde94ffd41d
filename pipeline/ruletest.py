"""What the rules and extractors find in one text, row by row, each with the rule that made it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pipeline.analyse import analyse_text
from pipeline.errors import IngestError, PipelineError
from pipeline.ingest import Source, read_article
from pipeline.nlp import Toolkit
from pipeline.records import DocResult, Official
from pipeline.ruletypes import Rules
from pipeline.stages.office_holders import is_holder, office_of


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str  # sentence (its zone), country, system, organization, official, money, date, deal, meeting, suggestion
    text: str
    found: str  # what it was read as, told for a reader (the table's column)
    start: int
    end: int
    rule: str
    fields: dict[str, Any] = field(default_factory=dict)  # the same, as values for a program (--format json)

    def as_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text, "found": self.found, "start": self.start, "end": self.end,
                "rule": self.rule, "fields": self.fields}


def _number(x: Decimal | int | None) -> int | float | None:
    """A JSON number: whole amounts as integers."""
    if x is None:
        return None
    return int(x) if x == int(x) else float(x)


def _money_fields(m) -> dict[str, Any]:
    return {"currency": m.currency, "low": _number(m.low), "high": _number(m.high), "per_unit": m.per_unit,
            "usd_low": _number(m.usd_low), "usd_high": _number(m.usd_high), "usd_source": m.usd_source}


def _date_fields(d) -> dict[str, Any]:
    return {"date": d.value, "date_precision": d.precision}


def _money(m) -> str:
    amount = f"{m.low:,.0f}" if m.low == m.high else f"{m.low:,.0f}-{m.high:,.0f}"
    usd = f" = USD {m.usd_low:,.0f} ({m.usd_source})" if m.usd_low is not None and m.currency != "USD" else ""
    return f"{m.currency} {amount}{' per unit' if m.per_unit else ''}{usd}"


def findings(result: DocResult, categories: frozenset[str] | set[str] = frozenset()) -> list[Finding]:
    """Every finding of one analysed text; ``categories`` (rules/categories.yaml) tell a deal's kinds of system
    ("frigate") from its named systems."""
    m = result.mentions
    # each sentence's zone and the zone rule that set it, so that a rule author sees what a zone rule changes
    out = [Finding("sentence", s.text, s.zone, s.start, s.end, s.zone_rule or "-", {"zone": s.zone}) for s in m.sentences]
    out += [Finding("country", c.text, f"{c.code} ({c.kind})", c.start, c.end, c.rule, {"country": c.code, "how": c.kind})
            for c in m.countries]
    out += [Finding("system", s.text, s.system + (" (generic)" if s.generic else ""), s.start, s.end, s.rule,
                    {"system": s.system, "named": not s.generic, "category": s.category, "origin": s.origin}) for s in m.systems]
    out += [Finding("organization", o.text, f"{o.name} ({o.country or '-'})", o.start, o.end, o.rule,
                    {"organization": o.name, "country": o.country}) for o in m.organizations]
    out += [Finding("official", o.text, ", ".join(x for x in (o.name, o.title, o.organization, o.country) if x), o.start, o.end,
                    o.rule, {"name": o.name, "title": o.title, "organization": o.organization, "country": o.country})
            for o in m.officials]
    out += [Finding("money", x.text, _money(x), x.start, x.end, x.rule, _money_fields(x)) for x in m.money]
    out += [Finding("date", d.text, f"{d.date.value} ({d.date.precision})" + (" told" if d.attribution else ""), d.start, d.end,
                    d.rule, {**_date_fields(d.date), "told": d.attribution}) for d in m.dates]
    for d in result.deals:
        q = f" x{d.quantity.low}" + (f"-{d.quantity.high}" if d.quantity.high != d.quantity.low else "") if d.quantity else ""
        value = f" {_money(d.value)}" if d.value else ""
        found = f"{d.supplier or '?'} -> {d.buyer} {', '.join(d.systems) or '-'}{q}{value} {d.date.value or '-'} {d.status}"
        fields = {"supplier": d.supplier, "buyer": d.buyer, "systems": list(d.systems),
                  "named_systems": [x for x in d.systems if x not in categories],
                  "quantity_low": d.quantity.low if d.quantity else None, "quantity_high": d.quantity.high if d.quantity else None,
                  "value": _money_fields(d.value) if d.value else None, **_date_fields(d.date), "status": d.status}
        out.append(Finding("deal", d.sentence.text, found, d.sentence.start, d.sentence.end, d.rule, fields))
    for mt in result.meetings:
        people = "; ".join(p.name or f"({p.title}, {p.country})" for p in mt.participants)
        found = f"{people} | {mt.date.value or '-'} | {mt.location or '-'} ({mt.location_country or '-'})"
        fields = {"participants": [{"name": p.name, "title": p.title, "organization": p.organization, "country": p.country}
                                   for p in mt.participants], **_date_fields(mt.date), "location": mt.location,
                  "location_country": mt.location_country, "status": mt.status}
        out.append(Finding("meeting", mt.sentence.text, found, mt.sentence.start, mt.sentence.end, mt.rule, fields))
    return out


def test_text(text_or_file: str, kit: Toolkit, *, published: str | None = None) -> list[Finding]:
    """Run the whole pipeline on a text, or on a file (with its metadata), and list what it finds."""
    path = Path(text_or_file)
    if len(text_or_file) < 4096 and "\n" not in text_or_file and path.is_file():
        try:
            article = read_article(Source(str(path.parent.resolve()), path.name, path.stat().st_size), rules=kit.rules)
        except IngestError as e:
            raise PipelineError(str(e)) from None
        text = article.text
        published = published or (article.published.value if article.published else None)
        where = str(path)
    else:
        text, where = text_or_file, "<text>"
    result = analyse_text(text, kit, published=published)
    return findings(result, set(kit.rules.categories)) + office_suggestions(result, kit.rules, where)


def office_suggestions(result: DocResult, rules: Rules, where: str) -> list[Finding]:
    """rules/offices.yaml entries, ready to paste, for each official the text names with a title and a country
    whose office has no entry, or who is no holder of it: the office (where missing) and the holder, dated by the
    text and sourced at its line. They come after the findings, as findings of kind ``suggestion``."""
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    day = result.article.published.value if result.article.published else None
    text = result.article.text
    resolved = {str(h.where) for h in rules.holders.values()}  # an office the text told alone, named by its holder
    for o in result.mentions.officials:
        if not o.title or not o.country or o.rule in resolved or (o.name, o.title.lower()) in seen:
            continue
        seen.add((o.name, o.title.lower()))
        office = office_of(rules, o.title, o.organization, o.country)
        if office is not None and any(h.office == office.office and is_holder(h, o.name) for h in rules.holders.values()):
            continue
        office_id = office.office if office else f"{o.country} {' '.join(o.title.lower().split())}"
        if office is None:
            out.append(_suggest(o, {"office": office_id, "title": o.title, "organization": o.organization,
                                    "country": o.country, "titles": [o.title.lower()]}))
        dates = {"from": day, "to": day} if day and len(day) == 10 else {}
        source = f"{where}:{text.count(chr(10), 0, o.start) + 1}"
        out.append(_suggest(o, {"holder": o.name, "office": office_id, **dates, "source": source}))
    return out


def _suggest(o: Official, entry: dict) -> Finding:
    """One entry as a line of YAML (a flow mapping: one line, ready to paste under the others); dates bare, as
    YAML reads them, every other value quoted."""

    def value(key: str, v) -> str:
        if isinstance(v, list):
            return "[" + ", ".join(json.dumps(x, ensure_ascii=False) for x in v) + "]"
        return v if key in ("from", "to") else json.dumps(v, ensure_ascii=False)

    line = "- {" + ", ".join(f"{k}: {value(k, v)}" for k, v in entry.items() if v is not None) + "}"
    if "holder" in entry and "from" not in entry:
        line += "  # the text has no date: give from (and to)"
    return Finding("suggestion", o.text, line, o.start, o.end, "rules/offices.yaml",
                   {"file": "rules/offices.yaml", "entry": {k: v for k, v in entry.items() if v is not None}})
