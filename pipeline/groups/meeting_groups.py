"""Meeting events of one month, from every document, grouped into the meetings they report.

Two reports are one meeting when the days they give agree (the same day, or one inside the other's
month), or, where one gives no day, when it was published within a few days after the other's; when
both name people, they share two of them (or the one a report names); and the countries of one are
among the other's. A report that names nobody is one meeting with another only if their countries are
the same. A planned meeting and the one held are one meeting.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace

from pipeline.groups.names import person_key
from pipeline.groups.records import MeetingEvent, MeetingGroup, stable_id

REPORTED_WITHIN = 10  # days: an undated report of a meeting is published this soon after it


@dataclass
class _Draft:
    members: list[MeetingEvent] = field(default_factory=list)

    def span(self) -> tuple[str, str] | None:
        """The days its dated members all agree on (the narrowest), None if none is dated."""
        spans = [(e.date_start, e.date_end or e.date_start) for e in self.members if e.date_start]
        if not spans:
            return None
        return max(s[0] for s in spans), min(s[1] for s in spans)

    def people(self) -> set[str]:
        return {p for e in self.members for p in e.people}

    def parties(self) -> set[str]:
        return {c for e in self.members for c in e.parties}


def parties(countries: list[str | None], location_country: str | None) -> tuple[str, ...]:
    """The countries a meeting is between, sorted: its participants', and the place's where they give fewer
    than two (a minister who visited Seoul met Korea)."""
    found = {c for c in countries if c}
    if len(found) < 2 and location_country:
        found.add(location_country)
    return tuple(sorted(found))


def meeting_block(date_start: str | None, precision: str | None, published: str | None) -> str:
    """The month a meeting is grouped in: its own day's or month's, else its article's ("" for neither)."""
    if date_start and precision in ("day", "month"):
        return date_start[:7]
    return published[:7] if published else ""


def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def _same_sides(draft: _Draft, e: MeetingEvent) -> bool:
    """Do the reports name the same people (two they share, or all of the fewer) and countries that fit?"""
    people, theirs, countries, own = draft.people(), set(e.people), draft.parties(), set(e.parties)
    if countries and own and not (own <= countries or countries <= own):
        return False
    if people and theirs:
        return len(people & theirs) >= min(2, len(people), len(theirs))
    return bool(own) and own == countries  # nobody named on one side: the countries alone must say it


def _agrees(draft: _Draft, e: MeetingEvent) -> bool:
    if not _same_sides(draft, e):
        return False
    span = draft.span()
    if e.date_start:
        if span is None:
            return any(_reported_after(e.date_start, e.date_end or e.date_start, m) for m in draft.members)
        return e.date_start <= span[1] and span[0] <= (e.date_end or e.date_start)
    if span is None:
        return any(m.told.published == e.told.published for m in draft.members if m.told.published)
    return _reported_after(*span, e)


def _reported_after(first: str, last: str, e: MeetingEvent) -> bool:
    """Was the undated report ``e`` published within REPORTED_WITHIN days of the days [first, last]?"""
    if not e.told.published:
        return False
    published = _day(e.told.published)
    return _day(first) - dt.timedelta(days=1) <= published <= _day(last) + dt.timedelta(days=REPORTED_WITHIN)


def _key(e: MeetingEvent) -> tuple:
    return (e.date_start is None, e.date_start or "", e.told.published or "", e.told.sentence, e.told.event_id)


def group_meetings(block: str, events: list[MeetingEvent]) -> list[MeetingGroup]:
    """The meetings of one block (the events of one month), ids stable: derived from the month, the day and
    the countries, whatever order the events come in."""
    drafts: list[_Draft] = []
    for e in sorted(events, key=_key):
        home = next((d for d in drafts if _agrees(d, e)), None)
        if home is None:
            drafts.append(_Draft([e]))
        else:
            home.members.append(e)
    groups = sorted((_group(block, d) for d in drafts), key=lambda g: (g.date or "", g.participants or "", g.first_date or ""))
    counted: Counter = Counter()
    out = []
    for g in groups:
        key = ("meeting", block, g.date or "undated", g.countries or "")
        counted[key] += 1
        out.append(replace(g, group_id=stable_id((*key, counted[key]))))
    return out


def _group(block: str, d: _Draft) -> MeetingGroup:
    members = tuple(sorted(d.members, key=_key))
    dated = [e for e in members if e.date]
    # the day its reports give most, the most precise first
    best = _most([(e.date, e.date_precision) for e in dated], lambda x: (-len(x[0]), x[0]))
    names = _most_each(n for e in members for n in e.names)
    place = _most([(e.location, e.location_country) for e in members if e.location or e.location_country], lambda x: x)
    return MeetingGroup(
        group_id=0, block=block, date=best[0] if best else None, date_precision=best[1] if best else None,
        first_date=min(dated, key=lambda e: e.date_start).date if dated else None,
        last_date=max(dated, key=lambda e: e.date_end or e.date_start).date if dated else None,
        location=place[0] if place else None, location_country=place[1] if place else None,
        countries="; ".join(sorted(d.parties())) or None, participants="; ".join(names) or None,
        status="held" if any(e.status == "held" for e in members) else "planned",
        sources=len({e.told.sha256 or e.told.document_id for e in members}), members=members)


def _most(items: list, order) -> tuple | None:
    counts = Counter(items)
    return min(counts, key=lambda x: (-counts[x], order(x))) if counts else None


def _most_each(names) -> list[str]:
    """Each person once, under the first spelling told, in the order told."""
    first: dict[str, str] = {}
    for n in names:
        first.setdefault(person_key(n), n)
    return list(first.values())
