"""What the report shows, read from the database's views alone: the summary, the deal and meeting
groups with each member's document and evidence sentences (their entities found as spans), and the
documents that failed. Every view is read once, whole, and joined here, not once per row."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

from pipeline import store
from pipeline.report.show import ENTITY_VIEWS, Mention, attribute_rules, mention_with_spans

Row = dict[str, Any]
_VERSIONS = (("armsledger", "armsledger_version"), ("spaCy", "spacy_version"), ("model", "model"),
             ("model version", "model_version"), ("rules", "rules_dirs"))  # as the last run recorded them
DEAL_STATUSES = ("signed", "delivered", "negotiating", "planned", "lost", "aid")  # the order the summary lists them


@dataclass(frozen=True, slots=True)
class Member:
    """One report of a group: its event, its document and the sentences that tell it."""

    event_id: int
    document_id: int
    path: str
    title: str | None
    url: str | None
    published: str | None
    date: str | None
    status: str | None
    rule: str | None  # the event's trigger rule (file:line)
    mentions: list[Mention]
    rules: list[tuple[str, str]] = field(default_factory=list)  # (what, rule): the trigger, a deal's status and sides


@dataclass(frozen=True, slots=True)
class Group:
    """A deal group or a meeting group: its row of the view, and its members."""

    row: Row
    members: list[Member]


@dataclass(frozen=True, slots=True)
class Summary:
    documents: int
    ok: int
    failed: int
    deal_events: int
    deal_groups: int
    deal_groups_by_status: list[tuple[str, int]]
    frameworks: int
    register_rows: int
    meeting_events: int
    meeting_groups: int
    people: int
    first_date: str | None  # the period the events cover: the earliest and latest dates of any group
    last_date: str | None
    published_first: str | None  # the articles' own dates
    published_last: str | None


@dataclass(slots=True)
class Gathered:
    database: str  # as printed: a URL's password masked
    summary: Summary
    deal_groups: list[Group]
    meeting_groups: list[Group]
    register: list[Row]
    failures: list[Row]
    versions: dict[str, str] = field(default_factory=dict)  # what made the rows, as the last run recorded it


def rows(engine, view: str) -> list[Row]:
    """Every row of one view, as dicts."""
    columns, values = store.view_rows(engine, view)
    return [dict(zip(columns, v)) for v in values]


def gather(engine, database: str) -> Gathered:
    """Everything the report shows, from the database behind ``engine``."""
    documents = {d["id"]: d for d in rows(engine, "documents")}
    entities = _entities(engine)
    deals = {e["event_id"]: e for e in rows(engine, "deals")}
    meetings = {e["event_id"]: e for e in rows(engine, "meetings")}
    deal_groups = _groups(rows(engine, "deal_groups"), rows(engine, "deal_group_members"), deals,
                          _mentions(rows(engine, "deal_mentions"), entities), documents)
    meeting_groups = _groups(rows(engine, "meeting_groups"), rows(engine, "meeting_group_members"), meetings,
                             _mentions(rows(engine, "meeting_mentions"), entities), documents)
    register = rows(engine, "register")
    recorded, counts, _roots = store.database_info(engine)
    by_status = Counter(g.row["status"] for g in deal_groups)
    dates = [d for g in deal_groups + meeting_groups for d in (g.row.get("first_date"), g.row.get("last_date")) if d]
    published = [d["published"] for d in documents.values() if d.get("published")]
    summary = Summary(
        documents=counts["documents"], ok=counts["ok"], failed=counts["failed"], deal_events=counts["deals"],
        deal_groups=len(deal_groups),
        deal_groups_by_status=[(s, by_status[s]) for s in DEAL_STATUSES if by_status[s]]
        + sorted((s, n) for s, n in by_status.items() if s not in DEAL_STATUSES),
        frameworks=sum(1 for g in deal_groups if g.row.get("framework")), register_rows=len(register),
        meeting_events=counts["meetings"], meeting_groups=len(meeting_groups), people=counts["people"],
        first_date=min(dates, default=None), last_date=max(dates, default=None),
        published_first=min(published, default=None), published_last=max(published, default=None))
    failures = sorted((d for d in documents.values() if d["status"] == "failed"), key=lambda d: d["full_path"] or "")
    versions = {name: recorded[key] for name, key in _VERSIONS if recorded.get(key)}
    return Gathered(database, summary, deal_groups, meeting_groups, register, failures, versions)


def _entities(engine) -> dict[int, list[tuple[str, Row]]]:
    """document id -> (kind, row) of every entity stored for it, as ``show`` marks them."""
    found: dict[int, list[tuple[str, Row]]] = defaultdict(list)
    for kind, view, column in ENTITY_VIEWS:
        for row in rows(engine, view):
            found[row["document_id"]].append((kind, dict(row, found=row[column])))
    return found


def _mentions(mention_rows: Iterable[Row], entities: dict[int, list[tuple[str, Row]]]) -> dict[int, list[Mention]]:
    """event id -> its mentions in document order, each with the spans found inside its sentence."""
    told: dict[int, list[Mention]] = defaultdict(list)
    for row in sorted(mention_rows, key=lambda r: (r["event_id"], r["start_char"] or 0)):
        told[row["event_id"]].append(mention_with_spans(row, entities.get(row["document_id"], [])))
    return told


def _groups(group_rows: list[Row], member_rows: list[Row], events: dict[int, Row], told: dict[int, list[Mention]],
            documents: dict[int, Row]) -> list[Group]:
    """Each group with its members, the most told first (then the latest); members by date, then path."""
    members: dict[int, list[Member]] = defaultdict(list)
    for m in member_rows:
        doc, event = documents.get(m["document_id"], {}), events.get(m["event_id"], {})
        members[m["group_id"]].append(Member(
            m["event_id"], m["document_id"], m["path"], doc.get("title"), doc.get("url"), doc.get("published"),
            m["date"], m["status"], event.get("rule"), told.get(m["event_id"], []), attribute_rules(event)))
    for found in members.values():
        found.sort(key=lambda m: (m.date or "9999", m.path, m.event_id))
    groups = [Group(g, members.get(g["group_id"], [])) for g in group_rows]
    groups.sort(key=lambda g: g.row.get("last_date") or "", reverse=True)
    groups.sort(key=lambda g: g.row.get("sources") or 0, reverse=True)
    return groups
