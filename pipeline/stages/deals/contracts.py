"""Contracts: which deal events of a document one contract covers, and whose value is the whole contract's.

A contract for several systems stays one deal event per system (as analysts and the gold count them), so
that a sum of values would count its price once per system. Events are of one contract where a body
mention of each was told as one deal in one clause (one buyer, supplier and status: deals.document numbers
them), or where one buyer's events take their value from the one amount in the text ("a $1 billion
contract for 20 K9 howitzers and 10 K10 vehicles"). A value given to several events of a contract is
shared: a sum by contract counts it once. A headline's mention joins no contracts: its grammar packs
several deals into one line ("Poland orders tanks and howitzers"), nor one dated in another year than
its event.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Hashable, Sequence

from pipeline.records import Deal


def assign_contracts(events: Sequence[Deal]) -> list[Deal]:
    """The events with their contract (numbered by the first event of each, in order) and value_shared."""
    parent: dict[Hashable, Hashable] = {}

    def find(x: Hashable) -> Hashable:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: Hashable, b: Hashable) -> None:
        parent[find(b)] = find(a)

    for i, e in enumerate(events):
        find(("event", i))
        for m in _told(e):
            if m.contract is not None:
                union(("event", i), ("clause", m.contract))
        if _value_key(e) is not None:
            union(("event", i), ("value", e.buyer, _value_key(e)))
    first: dict[Hashable, int] = {}
    for i in range(len(events)):
        first.setdefault(find(("event", i)), i)
    contracts = [first[find(("event", i))] for i in range(len(events))]
    return [replace(e, contract=c, value_shared=_shared(i, events, contracts)) for i, (e, c) in enumerate(zip(events, contracts))]


def _told(event: Deal) -> tuple[Deal, ...]:
    """The mentions whose clause tells the contract: the body's, or the headline's where there is no other;
    not one dated in another year than the event ("the first 180 K2s it ordered in 2022" told in a story of
    the second order), whose clause tells an earlier contract."""
    mentions = event.mentions or (event,)
    dated = tuple(m for m in mentions if _same_year(m, event)) or mentions
    return tuple(m for m in dated if not m.sentence.heading) or dated


def _same_year(m: Deal, event: Deal) -> bool:
    return m.date.year is None or event.date.year is None or m.date.year == event.date.year


def _value_key(event: Deal) -> tuple | None:
    """Where in the text the event's value was stated; None for no value, or a price per unit (never a
    contract's whole value)."""
    v = event.value
    if v is None or v.per_unit:
        return None
    return v.start, v.end, v.currency, v.low, v.high


def _shared(i: int, events: Sequence[Deal], contracts: list[int]) -> bool:
    """Does another event of the same contract carry the same stated value as event ``i``?"""
    key = _value_key(events[i])
    return key is not None and any(j != i and contracts[j] == contracts[i] and _value_key(e) == key
                                   for j, e in enumerate(events))
