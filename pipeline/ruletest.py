"""What the rules and extractors find in one text, row by row, each with the rule that made it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.analyse import analyse_text
from pipeline.errors import IngestError, PipelineError
from pipeline.ingest import Source, read_article
from pipeline.nlp import Toolkit
from pipeline.records import DocResult


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str  # sentence (its zone), country, system, organization, official, money, date, deal, meeting
    text: str
    found: str
    start: int
    end: int
    rule: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text, "found": self.found, "start": self.start, "end": self.end,
                "rule": self.rule}


def _money(m) -> str:
    amount = f"{m.low:,.0f}" if m.low == m.high else f"{m.low:,.0f}-{m.high:,.0f}"
    usd = f" = USD {m.usd_low:,.0f} ({m.usd_source})" if m.usd_low is not None and m.currency != "USD" else ""
    return f"{m.currency} {amount}{' per unit' if m.per_unit else ''}{usd}"


def findings(result: DocResult) -> list[Finding]:
    m = result.mentions
    # each sentence's zone and the zone rule that set it, so that a rule author sees what a zone rule changes
    out = [Finding("sentence", s.text, s.zone, s.start, s.end, s.zone_rule or "-") for s in m.sentences]
    out += [Finding("country", c.text, f"{c.code} ({c.kind})", c.start, c.end, c.rule) for c in m.countries]
    out += [Finding("system", s.text, s.system + (" (generic)" if s.generic else ""), s.start, s.end, s.rule) for s in m.systems]
    out += [Finding("organization", o.text, f"{o.name} ({o.country or '-'})", o.start, o.end, o.rule) for o in m.organizations]
    out += [Finding("official", o.text, ", ".join(x for x in (o.name, o.title, o.organization, o.country) if x), o.start, o.end,
                    o.rule) for o in m.officials]
    out += [Finding("money", x.text, _money(x), x.start, x.end, x.rule) for x in m.money]
    out += [Finding("date", d.text, f"{d.date.value} ({d.date.precision})" + (" told" if d.attribution else ""), d.start, d.end,
                    d.rule) for d in m.dates]
    for d in result.deals:
        q = f" x{d.quantity.low}" + (f"-{d.quantity.high}" if d.quantity.high != d.quantity.low else "") if d.quantity else ""
        value = f" {_money(d.value)}" if d.value else ""
        found = f"{d.supplier or '?'} -> {d.buyer} {', '.join(d.systems) or '-'}{q}{value} {d.date.value or '-'} {d.status}"
        out.append(Finding("deal", d.sentence.text, found, d.sentence.start, d.sentence.end, d.rule))
    for mt in result.meetings:
        people = "; ".join(p.name or f"({p.title}, {p.country})" for p in mt.participants)
        found = f"{people} | {mt.date.value or '-'} | {mt.location or '-'} ({mt.location_country or '-'})"
        out.append(Finding("meeting", mt.sentence.text, found, mt.sentence.start, mt.sentence.end, mt.rule))
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
    else:
        text = text_or_file
    return findings(analyse_text(text, kit, published=published))
