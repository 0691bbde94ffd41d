"""An evidence sentence as HTML, its systems, countries, money, dates and officials marked by spaCy's
displaCy, the way it marks entities (the colours of the spaCy labels nearest each kind)."""

from __future__ import annotations

from markupsafe import Markup
from spacy import displacy

from pipeline.report.show import Mention, Span, outermost

LABELS = {"system": "SYSTEM", "country": "COUNTRY", "money": "MONEY", "date": "DATE", "official": "OFFICIAL"}
COLOURS = {"SYSTEM": "#bfeeb7", "COUNTRY": "#feca74", "MONEY": "#e4e7d2", "DATE": "#bfe1d9", "OFFICIAL": "#aa9cfc"}
# PRODUCT, GPE, MONEY, DATE and PERSON in displaCy's palette


def shown_spans(mention: Mention) -> list[Span]:
    """The spans displaCy can mark, which may not overlap: where they do, the first and longest."""
    return outermost([s for s in mention.spans if s.kind in LABELS and s.end > s.start])


def marked_html(mention: Mention) -> Markup:
    """The sentence of ``mention`` as displaCy's entity markup (text escaped)."""
    ents = [{"start": s.start, "end": s.end, "label": LABELS[s.kind]} for s in shown_spans(mention)]
    html = displacy.render({"text": mention.sentence, "ents": ents, "title": None}, style="ent", manual=True,
                           page=False, options={"colors": COLOURS, "ents": list(COLOURS)})
    return Markup(html)
