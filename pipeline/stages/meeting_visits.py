"""Visits an official makes, for the meetings told later in the document that name no place of their own.

"Prime Minister A visited Hanwha Ocean on Thursday. ... A was joined by Prime Minister B": a meeting of the
visitor with no place or day of its own took place during the visit, however many paragraphs later, unless
another visit of the same person comes between. The visit's place is the sentence's (meetings._location),
else the country of the organisation visited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from pipeline.records import DateValue
from pipeline.stages.meeting_people import lead_of, subject_of
from pipeline.stages.views import SentenceView


@dataclass(frozen=True)
class Visit:
    visitors: frozenset[str]  # lower-case names of the officials who visit
    place: str | None
    country: str
    date: DateValue | None
    start: int  # article offset of the sentence that tells it


def visitors(view: SentenceView) -> frozenset[str]:
    """The officials a visit verb has as subject ("Prime Minister A visited ..."), or a visit noun as owner
    ("A's visit to ...") or as the subject of being on it ("as A is on a state visit to the country")."""
    out = set()
    for t, r in view.meeting_triggers:
        if not r.attrs.get("visit"):
            continue
        if t.pos_ == "VERB":
            heads = [s] if (s := subject_of(t)) is not None else []
        else:
            heads = [c for c in t.children if c.dep_ == "poss"]
            if not heads and t.dep_ == "pobj" and t.head.lower_ == "on":
                heads = [c for c in t.head.head.children if c.dep_ == "nsubj"]
        lead = lead_of(view, view.officials, heads) if heads else None
        if lead is not None:
            out.add(lead.name.lower())
    return frozenset(out)


def visited_org(view: SentenceView) -> tuple[str | None, str | None]:
    """The organisation a visit verb takes as object, with its country ("visited Hanwha Ocean Ltd.")."""
    objects = {x.i for t, r in view.meeting_triggers if r.attrs.get("visit") and t.pos_ == "VERB"
               for c in t.children if c.dep_ == "dobj" for x in c.subtree if x.i <= c.i}  # "Hanwha Ocean Ltd."
    for o in view.orgs:
        if o.country and any(i in objects for i in view.token_range(o)):
            return o.name, o.country
    return None, None


def during_visit(visits: Sequence[Visit], start: int, names: set[str]) -> Visit | None:
    """The last visit told before offset ``start`` by one of ``names``."""
    return next((v for v in reversed(visits) if v.start < start and v.visitors & names), None)
