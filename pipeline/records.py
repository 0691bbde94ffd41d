"""Typed records that flow between stages. Offsets always index ``Article.text``."""

from __future__ import annotations

import calendar
import dataclasses
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from pipeline.labels import QUIET_ZONES


def full_path(root: str, path: str) -> str:
    """A document's identity: its corpus folder and its path under it, whichever folder it was reached from."""
    return f"{root.rstrip('/')}/{path}"


@dataclass(frozen=True, slots=True)
class SourceLine:
    """Where a rule came from: ``rules/systems.yaml:41``."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True, repr=False)
class DateValue:
    """An ISO 8601 date of stated precision ("2024", "2024-06", "2024-06-03"); value None when unresolved.

    ``bounds`` is the interval the text gives where year, month or day cannot hold it ("late 2024",
    a week, "by 2027"): its first and last day, either None where open; None for the whole of ``value``.
    It is left out of comparisons: two dates of one value are one date to the events, the interval
    only says more of it.
    """

    value: str | None
    precision: str | None
    bounds: tuple[str | None, str | None] | None = field(default=None, compare=False)

    def __repr__(self) -> str:
        more = f", bounds={self.bounds!r}" if self.bounds is not None else ""
        return f"DateValue(value={self.value!r}, precision={self.precision!r}{more})"

    @property
    def interval(self) -> tuple[str | None, str | None]:
        """The first and last day the date stands for (ISO); (None, None) where unresolved.

        >>> DateValue("2024-02", "month").interval
        ('2024-02-01', '2024-02-29')
        >>> DateValue("2027", "year", (None, "2027-12-31")).interval
        (None, '2027-12-31')
        """
        if self.bounds is not None:
            return self.bounds
        if not self.value:
            return None, None
        return whole_period(self.value)

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def year(self) -> int | None:
        return int(self.value[:4]) if self.value else None

    def after(self, other: DateValue | None) -> bool:
        """Does this date lie after ``other`` at the precision both have ("2026" after "2025-03-06", "2025-03"
        not after "2025-03-06")? False where either is unknown."""
        if not self.value or other is None or not other.value:
            return False
        n = min(len(self.value), len(other.value))
        return self.value[:n] > other.value[:n]

    @property
    def rank(self) -> int:
        """How precise: 0 unknown, 1 a year, 2 a month, 3 a day (the most explicit of two dates wins)."""
        return {"year": 1, "month": 2, "day": 3}.get(self.precision or "", 0)


def whole_period(value: str) -> tuple[str, str]:
    """The first and last day of an ISO date of any precision: "2024" -> ("2024-01-01", "2024-12-31")."""
    parts = [int(p) for p in value.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else None
    if len(parts) == 3:
        return value, value
    if month is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


@dataclass(frozen=True, slots=True)
class Article:
    """One input document as stored: the text every offset refers to, and its metadata."""

    path: str  # relative to the corpus folder it was found in
    root: str  # that corpus folder, absolute
    text: str
    sha256: str
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: DateValue | None = None
    published_source: str | None = None  # meta | text | inferred | None
    dateline_end: int = 0  # where the dateline that gave the date ends; dates before it are not events
    meta_sha256: str | None = None  # of the .meta.json sidecar read with it; None where there is none
    text_extractor: str | None = None  # what made ``text`` of an HTML page (pipeline.html_main); None for text

    @property
    def full_path(self) -> str:
        return full_path(self.root, self.path)


@dataclass(frozen=True, slots=True)
class Failure:
    """A document that could not be read or processed, with a one-line reason naming the file."""

    path: str
    root: str
    sha256: str | None
    error: str
    meta_sha256: str | None = None

    @property
    def full_path(self) -> str:
        return full_path(self.root, self.path)


@dataclass(frozen=True, slots=True)
class CountryMention:
    start: int
    end: int
    text: str
    code: str  # ISO 3166-1 alpha-3
    kind: str  # name | adjective | capital | city
    rule: str


@dataclass(frozen=True, slots=True)
class SystemMention:
    start: int
    end: int
    text: str
    system: str  # canonical name, or a category for generic mentions
    category: str | None
    origin: str | None  # supplier country of the system
    generic: bool  # "tanks" rather than "K2 Black Panther"
    rule: str
    partners: tuple[str, ...] = ()  # other countries that make and export it
    named_rule: str | None = field(default=None, compare=False)  # a generic mention standing for a named system: its entry

    def made_by(self, code: str | None) -> bool:
        """Is ``code`` a country that makes and exports the system (its origin or a partner)?"""
        return code is not None and (code == self.origin or code in self.partners)

    def named(self, other: "SystemMention") -> "SystemMention":
        """This generic mention ("the jets") standing for the named system ``other``, at its own place."""
        return replace(self, system=other.system, origin=other.origin, partners=other.partners, generic=False,
                       named_rule=other.rule)


@dataclass(frozen=True, slots=True)
class OrgMention:
    start: int
    end: int
    text: str
    name: str
    country: str | None
    kind: str | None
    rule: str


@dataclass(frozen=True, slots=True)
class Official:
    """One mention of a named person who holds an office."""

    start: int
    end: int
    text: str
    name: str  # the full name, also for a later bare mention ("Harry" -> "Oliver Harry")
    title: str | None
    organization: str | None
    country: str | None
    rule: str
    person: str | None = None  # the name an offices.yaml holder is listed under, where this is one of its aliases ("Trump")


@dataclass(frozen=True, slots=True)
class Money:
    start: int
    end: int
    text: str
    low: Decimal
    high: Decimal
    currency: str  # ISO 4217
    per_unit: bool
    usd_low: Decimal | None
    usd_high: Decimal | None
    usd_source: str | None  # text | fx | None
    rule: str


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    date: DateValue
    attribution: bool  # "said on Tuesday": when it was told, not when it happened
    rule: str


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    low: int
    high: int


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    heading: bool = False  # a headline or subhead: a line of its own with no closing punctuation
    zone: str = "body"  # where it stands on the page: one of labels.ZONES (rules/zones.yaml)
    zone_rule: str | None = None  # the zone rule that set it, "rules/zones.yaml:77 (byline-by)"; None: body by default

    @property
    def told_by_story(self) -> bool:
        """Is it the story's own telling, not a caption, related headline or navigation repeating or pointing?"""
        return self.zone not in QUIET_ZONES


@dataclass(frozen=True, slots=True)
class Deal:
    """What one sentence says of a deal (a mention), or a document's deal event merged from its mentions."""

    sentence: Sentence
    supplier: str | None
    buyer: str | None
    systems: tuple[str, ...]
    quantity: Quantity | None
    value: Money | None
    date: DateValue
    status: str
    rule: str
    date_stated: bool = True  # the text's own date, not the article's date standing in for it
    apart: bool = False  # told as a deal of its own: another ("a dozen more") or part of one ("the first batch of 10")
    mentions: tuple[Deal, ...] = ()  # a document's deal event: the sentence-level deals merged into it
    support: tuple[tuple[Sentence, str], ...] = ()  # later sentences that only add a fact to it, with their rule
    contract: int | None = None  # the document's contract it is part of (stages.deals.contracts); None: a contract of its own
    value_shared: bool = False  # the value is the whole contract's, given once for its several deals
    signing: bool = False  # its sentence tells of a signing done ("signed", "inked", "concluded")
    names_order: bool = False  # its sentence names the order a delivery told before is part of ("The shipment is part of ...")
    part: bool = False  # a delivery of part of an order ("the first batch of 10 arrived", "the third of eight")


    of_order: int | None = None  # a delivery's count with what remains of its order ("shipped 133, the remaining 47"): 180
    families: tuple[str, ...] = ()  # a document's deal event: the family of each system (K9A1 -> K9 Thunder), sorted
    named: tuple[bool, ...] = ()  # a document's deal event: whether each of systems is named (systems.yaml), not a kind alone
    # what set the status, the supplier and the buyer: a rule's file:line, or a step's id (docs/data.md, Rule ids)
    status_rule: str | None = None
    supplier_rule: str | None = None
    buyer_rule: str | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    name: str | None
    title: str | None
    organization: str | None
    country: str | None
    rule: str | None = None  # what gave a name to an office told alone (rules/offices.yaml:LINE); None otherwise
    person: str | None = None  # as Official.person


@dataclass(frozen=True, slots=True)
class Meeting:
    """What one sentence says of a meeting (a mention), or a document's meeting event merged from its mentions."""

    sentence: Sentence
    participants: tuple[Participant, ...]
    date: DateValue
    location: str | None
    location_country: str | None
    rule: str
    date_stated: bool = True  # the text's date (the sentence's or the meeting before's), not the article's
    place_precision: str | None = None  # city | country: the sentence's own place; None where taken from elsewhere
    mentions: tuple[Meeting, ...] = ()  # a document's meeting event: the sentence-level meetings merged into it
    status: str = "held"  # held | planned ("will meet on June 20", a stated day after the article's)


@dataclass(frozen=True, slots=True)
class Mentions:
    """Everything found in one document before events are assembled."""

    sentences: tuple[Sentence, ...] = ()
    countries: tuple[CountryMention, ...] = ()
    systems: tuple[SystemMention, ...] = ()
    organizations: tuple[OrgMention, ...] = ()
    officials: tuple[Official, ...] = ()
    money: tuple[Money, ...] = ()
    dates: tuple[DateMention, ...] = ()


@dataclass(frozen=True, slots=True)
class DocResult:
    """A processed document: the article, its mentions and its events."""

    article: Article
    mentions: Mentions = field(default_factory=Mentions)
    deals: tuple[Deal, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    seconds: float = field(default=0.0, compare=False)  # its analysis: its own stages, and its share of the batch's model passes


def shifted(record: Any, base: int) -> Any:
    """``record`` with every ``start``/``end`` in it, nested records included, moved by ``base``."""
    if isinstance(record, tuple):
        return tuple(shifted(x, base) for x in record)
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        return record
    changes = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if f.name in ("start", "end") and isinstance(value, int):
            changes[f.name] = value + base
        elif isinstance(value, tuple) or dataclasses.is_dataclass(value):
            new = shifted(value, base)
            if new is not value:
                changes[f.name] = new
    return replace(record, **changes) if changes else record
