"""The typed records grouping reads (events as stored, one row each) and writes (groups, people)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


def stable_id(key: tuple) -> int:
    """A 63-bit id from content alone (no row id, no path of the run's folder), so that a re-run, or a
    run over the same articles in another order or into another database, gives the same id."""
    digest = hashlib.sha256(repr(key).encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") >> 1


@dataclass(frozen=True, slots=True)
class Told:
    """Where an event is told: its document and that document's publication day (ISO, may be None)."""

    event_id: int
    document_id: int
    sha256: str | None  # copies of one file are one source
    path: str
    published: str | None  # first day of the document's date
    sentence: str


@dataclass(frozen=True, slots=True)
class DealEvent:
    told: Told
    supplier: str | None
    buyer: str | None
    systems: tuple[str, ...]
    families: tuple[str, ...]  # the system family of each system (K9A1 -> K9 Thunder), sorted, once each
    status: str
    quantity: tuple[int, int] | None
    value: tuple[float, float, str] | None  # low, high, currency; a whole deal's, never a unit price
    usd: tuple[float, float] | None
    date: str | None  # as stored: "2024", "2024-07", "2024-07-15"
    date_start: str | None
    date_end: str | None
    shared: bool = False  # the value is a whole contract's, over several systems ("$1 billion for K9s and K10s")


@dataclass(frozen=True, slots=True)
class DealGroup:
    group_id: int
    block: str
    supplier: str | None
    buyer: str | None
    system: str | None  # the family, "; "-joined where a deal is of several
    designation: str | None  # the system its sources name most
    category: str | None
    quantity: tuple[int, int] | None
    value: tuple[float, float, str] | None
    usd: tuple[float, float] | None
    value_shared: bool  # the value is a whole contract's, over this and other systems: not to be summed per group
    first_date: str | None
    last_date: str | None
    order_date: str | None  # the signing's date, where a member tells it
    delivery_years: str | None  # "2024; 2025"
    status: str
    sources: int
    comment: str | None  # the sentence that tells the most of it
    comment_event: int | None
    members: tuple[DealEvent, ...]
    framework: bool = False  # an agreement over later orders ("up to 1,000 K2"), not an order itself


@dataclass(frozen=True, slots=True)
class MeetingEvent:
    told: Told
    parties: tuple[str, ...]  # the countries of the people who met, sorted
    people: tuple[str, ...]  # person keys of the named participants
    names: tuple[str, ...]  # as told: names, or "title (country)" where only the office is given
    date: str | None
    date_precision: str | None
    date_start: str | None
    date_end: str | None
    location: str | None
    location_country: str | None
    status: str  # held | planned


@dataclass(frozen=True, slots=True)
class MeetingGroup:
    group_id: int
    block: str
    date: str | None
    date_precision: str | None
    first_date: str | None
    last_date: str | None
    location: str | None
    location_country: str | None
    countries: str | None
    participants: str | None
    status: str
    sources: int
    members: tuple[MeetingEvent, ...]


@dataclass(frozen=True, slots=True)
class Sighting:
    """One mention of a person: an official's row or a named meeting participant's."""

    person_id: int
    name: str
    title: str | None
    organization: str | None
    country: str | None
    document_id: int
    published: str | None
    meeting: int | None = None  # the meeting event, for a participant


@dataclass(frozen=True, slots=True)
class Person:
    person_id: int
    name: str
    spellings: str
    titles: str | None
    organizations: str | None
    country: str | None
    first_date: str | None
    last_date: str | None
    documents: int
    mentions: int
    meetings: int
