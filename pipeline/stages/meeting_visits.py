"""Visits an official makes, for the meetings told later in the document that name no place of their own.

"Prime Minister A visited Hanwha Ocean on Thursday. ... A was joined by Prime Minister B": a meeting of the
visitor with no place or day of its own took place during the visit, however many paragraphs later, unless
another visit of the same person comes between. The visit's place is the sentence's (meetings._location),
else the country of the organisation visited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from pipeline.records import DateValue, Official
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
    ("A's visit to ...", "the visit of A"), or as the subject of being on it or coming for it ("as A is on a state
    visit to the country", "A arrived in Taipei for a visit")."""
    out = set()
    for t, r in view.meeting_triggers:
        if not r.attrs.get("visit"):
            continue
        if t.pos_ == "VERB":
            heads = [s] if (s := subject_of(t)) is not None else []
        else:
            heads = [c for c in t.children if c.dep_ == "poss"]
            if not heads:  # "the visit of A to Seoul", "a visit by A"
                heads = [c for p in t.children if p.dep_ == "prep" and p.lower_ in ("of", "by")
                         for c in p.children if c.dep_ == "pobj"]
            if not heads and t.dep_ == "pobj" and t.head.lower_ in ("on", "for"):  # "A arrived for a visit"
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


def premises(view: SentenceView, countries: set[str | None]) -> tuple[str | None, str | None]:
    """The body a meeting was held at, with its country, where that is one of the sides' ("met Biden at the White
    House", "talks at the Pentagon", "at the headquarters of the Polish Armament Agency"): the premises of a
    side are in its country. Only a place the meeting is at ("at"/"in"/"inside" under a verb or trigger, not
    "Director at DAPA"), or a visit goes to ("a visit to the Naval Headquarters"), and only a side's body (or where a side's country is not told: "Secretary of Defense
    Austin hosted X at the Pentagon"): a generic name ("Presidential Office") may be another's."""
    for o in view.orgs:
        tok = view.root(o)
        if tok is None or not o.country or not (o.country in countries or None in countries):
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ == "pobj":
            tok = tok.head.head  # "at the headquarters of X"
        prep = tok.head
        if tok.dep_ == "pobj" and prep.lower_ in ("at", "in", "inside") and prep.head.pos_ in ("VERB", "AUX") or (
                tok.dep_ == "pobj" and prep.lower_ in ("at", "in", "inside") and any(prep.head.i == t.i for t, _ in view.meeting_triggers)):
            return o.text, o.country
        if tok.dep_ == "pobj" and prep.lower_ == "to" and any(prep.head.i == t.i and r.attrs.get("visit") for t, r in view.meeting_triggers):
            return o.text, o.country  # "paid a visit to the Navy Headquarters and met ...": where the visitor went
    return None, None


def during_visit(visits: Sequence[Visit], start: int, names: set[str]) -> Visit | None:
    """The last visit told before offset ``start`` by one of ``names``."""
    return next((v for v in reversed(visits) if v.start < start and v.visitors & names), None)


def visit_told_back(visits: Sequence[Visit], view: SentenceView, officials: Sequence[Official],
                    since: int) -> tuple[Visit, list[Official]] | None:
    """"A visited Seoul on Monday. At the meeting, Korean Minister B offered ...": a sentence that refers back to a
    meeting no sentence told, naming hosts of the country visited, tells the visitor's meeting with them. The visit
    is the last one told before it and after offset ``since`` (the last meeting told); returns it and its visitors."""
    trip = next((v for v in reversed(visits) if since <= v.start < view.sentence.start), None)
    if trip is None:
        return None
    hosts = [o for o in view.officials if o.name.lower() not in trip.visitors]
    if not hosts or any(o.country not in (None, trip.country) for o in hosts):
        return None
    guests: dict[str, Official] = {}
    for o in officials:
        if o.end <= view.sentence.start and o.name.lower() in trip.visitors:
            guests[o.name.lower()] = o
    return (trip, list(guests.values())) if guests else None
