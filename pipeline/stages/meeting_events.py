"""Meeting events: a document's meeting mentions merged into one meeting per real encounter.

A mention is a telling of a meeting told before it in the document when they name someone in common
and everyone the mention has is in that meeting (a named person by name or as the holder of an office
the meeting gave without a name, an office by its country), unless both state a date and neither date
lies within the other, or both state a place in different countries, or in two different cities of
one country. A later sentence that brings someone new ("later they were joined by C", "A also met C")
tells of another meeting. Each attribute then comes from the mention that states it most
explicitly (a day over a month, a city over a country, a stated place over one taken from the
dateline or the meeting before); the participants are united, each person once, with the fullest
title and organisation any mention gives. A meeting any telling says was held is held; planned only
where every telling plans it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from pipeline.records import Meeting, Participant

_PLACE = {None: 0, "country": 1, "city": 2}


def merge_meetings(mentions: Sequence[Meeting]) -> list[Meeting]:
    """The meeting events of a document from its meeting mentions in text order. A mention that fits
    several meetings joins the one it shares most people with, of those the one told last."""
    groups: list[list[Meeting]] = []
    events: list[Meeting] = []
    last: list[int] = []  # position of each event's latest mention
    for k, m in enumerate(mentions):
        fits = [i for i, e in enumerate(events) if compatible(e, m)]
        if not fits:
            groups.append([m])
            events.append(fold([m]))
            last.append(k)
            continue
        i = max(fits, key=lambda i: (len(_names(events[i]) & _names(m)), last[i]))
        groups[i].append(m)
        events[i] = fold(groups[i])
        last[i] = k
    return events


def compatible(event: Meeting, m: Meeting) -> bool:
    """Can mention ``m`` be a telling of ``event``: none but its people, and no date or place both state differs?"""
    return bool(_names(event) & _names(m)) and _covers(event, m) and _dates_agree(event, m) and _places_agree(event, m)


def fold(group: list[Meeting]) -> Meeting:
    """One meeting from the mentions of one encounter (in text order)."""
    dated = [m for m in group if m.date_stated and m.date.value]
    date = max(dated, key=lambda m: m.date.rank) if dated else group[0]
    placed = [m for m in group if m.place_precision and m.location_country]
    place = max(placed, key=lambda m: _PLACE[m.place_precision]) if placed else group[0]
    merged = replace(group[0], participants=united(group), date=date.date, date_stated=bool(dated),
                     location=place.location, location_country=place.location_country,
                     place_precision=place.place_precision, mentions=tuple(group),
                     status="held" if any(m.status == "held" for m in group) else "planned")
    # the first of the fullest, a body sentence before a caption's (a caption repeats the story)
    main = max(group, key=lambda m: (m.sentence.told_by_story, _facts_given(m, merged)))
    return replace(merged, sentence=main.sentence, rule=main.rule)


def united(group: Sequence[Meeting]) -> tuple[Participant, ...]:
    """Everyone in the mentions, in the order first named: a person once, with the fullest title and
    organisation; an office without a name only where no named person of its country takes part."""
    by_name: dict[str, list[Participant]] = {}
    offices: list[Participant] = []
    for m in group:
        for p in m.participants:
            if p.name:
                by_name.setdefault(p.name.lower(), []).append(p)
            elif (p.title, p.country) not in {(o.title, o.country) for o in offices}:
                offices.append(p)
    people = [_fullest(ps) for ps in by_name.values()]
    countries = {p.country for p in people}
    return tuple(people + [o for o in offices if o.country not in countries])


def _fullest(ps: list[Participant]) -> Participant:
    """One person's mentions as one: the one that says most of them, its gaps filled from the others."""
    best = max(ps, key=lambda p: (sum(x is not None for x in (p.title, p.organization, p.country)),
                                  len(p.title or "") + len(p.organization or "")))
    return Participant(best.name, best.title or next((p.title for p in ps if p.title), None),
                       best.organization or next((p.organization for p in ps if p.organization), None),
                       best.country or next((p.country for p in ps if p.country), None))


def _names(m: Meeting) -> set[str]:
    return {p.name.lower() for p in m.participants if p.name}


def _covers(big: Meeting, small: Meeting) -> bool:
    """Is everyone in ``small`` in ``big``: a named person by name or as the holder of an office of their
    country that ``big`` gives without a name; an office by its country (which a person of unknown
    country in ``big`` may hold)?"""
    names = _names(big)
    offices = {p.country for p in big.participants if not p.name and p.country}
    countries = {p.country for p in big.participants}
    return all(p.name.lower() in names or p.country in offices if p.name else p.country in countries or None in countries
               for p in small.participants)


def _dates_agree(a: Meeting, b: Meeting) -> bool:
    """Dates both mentions state agree where one lies within the other ("2024-05", "2024-05-20")."""
    if not (a.date_stated and b.date_stated and a.date.value and b.date.value):
        return True
    x, y = sorted((a.date.value, b.date.value), key=len)
    return y.startswith(x)


def _places_agree(a: Meeting, b: Meeting) -> bool:
    """Places both mentions state agree in one country, and, where both name a city, in one city."""
    if not (a.place_precision and b.place_precision):
        return True
    if a.location_country != b.location_country:
        return False
    return not (a.place_precision == b.place_precision == "city" and (a.location or "").lower() != (b.location or "").lower())


def _facts_given(m: Meeting, event: Meeting) -> int:
    """How many of the event's facts mention ``m`` states itself: its people, its date, its place."""
    return len(_names(m) & _names(event)) + (m.date_stated and m.date == event.date) \
        + (m.place_precision is not None and m.location == event.location)
