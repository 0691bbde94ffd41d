"""The mentions of one person, from every document, as one row: the name under its commonest spelling, the
titles and organisations seen (the commonest first), the country, the first and last day of the articles."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from pipeline.groups.records import Person, Sighting


def _by_count(items: Iterable[str | None], *, fold: bool = False) -> list[str]:
    """Each item once, the commonest first; with ``fold``, items that differ only in case are one, under
    their commonest form ("Defence Minister", "defence minister")."""
    items = [x for x in items if x]
    counts = Counter(x.lower() if fold else x for x in items)
    forms = Counter(items)
    best = {}
    for x in sorted(forms, key=lambda x: (-forms[x], x)):
        best.setdefault(x.lower() if fold else x, x)
    return [best[k] for k in sorted(counts, key=lambda k: (-counts[k], k))]


def person(sightings: list[Sighting]) -> Person:
    """One person from every sighting of it (all of one person id)."""
    spellings = _by_count(s.name for s in sightings)
    days = sorted(s.published for s in sightings if s.published)
    countries = _by_count(s.country for s in sightings)
    return Person(
        person_id=sightings[0].person_id, name=spellings[0], spellings="; ".join(spellings),
        titles="; ".join(_by_count((s.title for s in sightings), fold=True)) or None,
        organizations="; ".join(_by_count((s.organization for s in sightings), fold=True)) or None,
        country=countries[0] if countries else None, first_date=days[0] if days else None,
        last_date=days[-1] if days else None, documents=len({s.document_id for s in sightings}),
        mentions=sum(s.meeting is None for s in sightings), meetings=len({s.meeting for s in sightings if s.meeting}))
