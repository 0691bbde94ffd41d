"""Meeting events of the same countries, from every document, grouped into the meetings they report.

Two reports are one meeting when the days they give agree (the same day, or one inside the other's month
or year), or, where one gives no day, when it was published within a few days after the other's; and
when both name people, they share one. A planned meeting and the one held are one meeting.
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


def meeting_block(countries: list[str | None], location_country: str | None) -> str:
    """The countries a meeting is between, sorted, "+"-joined: its participants', and the place's where they
    give fewer than two (a minister who visited Seoul met Korea)."""
    parties = {c for c in countries if c}
    if len(parties) < 2 and location_country:
        parties.add(location_country)
    return "+".join(sorted(parties))


def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def _agrees(draft: _Draft, e: MeetingEvent) -> bool:
    people = draft.people()
    if people and e.people and not people & set(e.people):
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
    """The meetings of one block (the events of one set of countries), ids stable: derived from the
    countries and the day, whatever order the events come in."""
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
        key = ("meeting", block, g.date or "undated")
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
        countries="; ".join(block.split("+")) if block else None, participants="; ".join(names) or None,
        status="held" if any(e.status == "held" for e in members) else "planned",
        sources=len({e.told.sha256 or e.told.document_id for e in members}), members=members)


def _most(items: list, order) -> tuple | None:
    counts = Counter(items)
    return min(counts, key=lambda x: (-counts[x], order(x))) if counts else None


def _most_each(names) -> list[str]:
    """Each person once, under the first spelling told, in the order told."""
    return list({person_key(n): n for n in reversed(list(names))}.values())[::-1]
