"""Regrouping: the blocks a run touched (pipeline.store.touched) read back whole, grouped again
(pipeline.groups) and written in place of their old groups, in one transaction. A block's groups are a
function of its events alone, so the result is the same whatever order documents came in, from however
many workers or runs; on PostgreSQL one regrouping runs at a time (an advisory lock), on SQLite every
write transaction is one at a time already."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from pipeline.errors import StoreError
from pipeline.groups.deal_groups import group_deals
from pipeline.groups.meeting_groups import group_meetings, parties
from pipeline.groups.names import person_key
from pipeline.groups.people import person
from pipeline.groups.records import DealEvent, DealGroup, MeetingEvent, MeetingGroup, Person, Sighting, Told
from pipeline.store.engine import masked, reason
from pipeline.store.schema import (deal_group_members, deal_groups, deal_systems, deals, documents, meeting_group_members,
                                   meeting_groups, meetings, officials, participants, people, systems, touched)

_GROUP_LOCK = 0x67727073  # "grps": held by the PostgreSQL transaction that regroups
_CHUNK = 500  # blocks per IN (...) list


@dataclass(frozen=True, slots=True)
class Regrouped:
    """What one regrouping did: the blocks it redid and the groups they now hold."""

    deal_blocks: int = 0
    deal_groups: int = 0
    meeting_blocks: int = 0
    meeting_groups: int = 0
    people: int = 0


def regroup(engine: Engine) -> Regrouped:
    """Group again every block marked touched since the last regrouping."""
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_GROUP_LOCK})")
            top = conn.execute(select(func.max(touched.c.id))).scalar()
            if top is None:
                return Regrouped()
            marks: dict[str, set[str]] = {}
            for kind, block in conn.execute(select(touched.c.kind, touched.c.block).where(touched.c.id <= top)):
                marks.setdefault(kind, set()).add(block)
            done = Regrouped(len(marks.get("deal", ())), _deals(conn, sorted(marks.get("deal", ()))),
                             len(marks.get("meeting", ())), _meetings(conn, sorted(marks.get("meeting", ()))),
                             _people(conn, sorted(int(p) for p in marks.get("person", ()))))
            conn.execute(delete(touched).where(touched.c.id <= top))
            return done
    except SQLAlchemyError as e:
        raise StoreError(f"cannot group the events in {masked(engine.url)}: {reason(e)}") from None


def _chunks(items: list, n: int = _CHUNK) -> Iterator[list]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _told(r) -> Told:
    return Told(r.id, r.document_id, r.sha256, r.path, r.published_start, r.sentence or "")


# ---- deals ------------------------------------------------------------------------------------


def _deals(conn: Connection, blocks: list[str]) -> int:
    made = 0
    for chunk in _chunks(blocks):
        events: dict[str, list[DealEvent]] = {b: [] for b in chunk}
        for e in _deal_events(conn, chunk):
            events[e.buyer or ""].append(e)
        olds = select(deal_groups.c.id).where(deal_groups.c.block.in_(chunk)).scalar_subquery()
        conn.execute(delete(deal_group_members).where(deal_group_members.c.group_id.in_(olds)))
        conn.execute(delete(deal_groups).where(deal_groups.c.block.in_(chunk)))
        kinds = _categories(conn, {s for items in events.values() for e in items for s in e.systems})
        groups = [g for b, items in events.items() for g in group_deals(b, items, kinds.get)]
        _write_deal_groups(conn, groups)
        made += len(groups)
    return made


def _deal_events(conn: Connection, blocks: list[str]) -> list[DealEvent]:
    named = [b for b in blocks if b]
    where = deals.c.buyer.in_(named)
    if "" in blocks:
        where = where | deals.c.buyer.is_(None)
    q = (select(deals, documents.c.sha256, documents.c.path, documents.c.published_start)
         .join(documents, documents.c.id == deals.c.document_id).where(where))
    rows = list(conn.execute(q))
    names: dict[int, list[str]] = {}
    for chunk in _chunks([r.id for r in rows]):
        for event, system in conn.execute(select(deal_systems.c.event_id, deal_systems.c.system)
                                          .where(deal_systems.c.event_id.in_(chunk))):
            names.setdefault(event, []).append(system)
    return [_deal_event(r, tuple(names.get(r.id, ()))) for r in rows]


def _deal_event(r, systems: tuple[str, ...]) -> DealEvent:
    whole = r.value_low is not None and not r.per_unit
    return DealEvent(
        told=_told(r), supplier=r.supplier, buyer=r.buyer, systems=systems,
        families=tuple(r.families.split("; ")) if r.families else tuple(sorted(set(systems))), status=r.status,
        quantity=(r.quantity_low, r.quantity_high) if r.quantity_low is not None else None,
        value=(r.value_low, r.value_high, r.currency) if whole else None,
        usd=(r.value_usd_low, r.value_usd_high) if whole and r.value_usd_low is not None else None,
        date=r.date, date_start=r.date_start, date_end=r.date_end, shared=bool(r.value_shared) and whole)


def _categories(conn: Connection, names: set[str]) -> dict[str, str]:
    """Each system's kind, as its mentions were stored (systems.yaml's category)."""
    out: dict[str, str] = {}
    for chunk in _chunks(sorted(names)):
        q = select(systems.c.system, systems.c.category).where(systems.c.system.in_(chunk), systems.c.category.is_not(None))
        for name, category in conn.execute(q.distinct()):
            out.setdefault(name, category)
    return out


def _write_deal_groups(conn: Connection, groups: list[DealGroup]) -> None:
    if not groups:
        return
    conn.execute(insert(deal_groups), [_deal_group_row(g) for g in groups])
    conn.execute(insert(deal_group_members), [{"group_id": g.group_id, "event_id": e.told.event_id}
                                              for g in groups for e in g.members])


def _deal_group_row(g: DealGroup) -> dict:
    q, v, u = g.quantity, g.value, g.usd
    return {"id": g.group_id, "block": g.block, "supplier": g.supplier, "buyer": g.buyer, "system": g.system,
            "designation": g.designation, "category": g.category, "quantity_low": q[0] if q else None,
            "quantity_high": q[1] if q else None, "value_low": v[0] if v else None, "value_high": v[1] if v else None,
            "currency": v[2] if v else None, "value_usd_low": u[0] if u else None, "value_usd_high": u[1] if u else None,
            "value_shared": g.value_shared, "framework": g.framework,
            "first_date": g.first_date, "last_date": g.last_date, "order_date": g.order_date,
            "delivery_years": g.delivery_years, "status": g.status, "sources": g.sources, "comment": g.comment,
            "comment_event_id": g.comment_event}


# ---- meetings ---------------------------------------------------------------------------------


def _meetings(conn: Connection, blocks: list[str]) -> int:
    made = 0
    for chunk in _chunks(blocks):
        events: dict[str, list[MeetingEvent]] = {b: [] for b in chunk}
        for block, e in _meeting_events(conn, chunk):
            events[block].append(e)
        olds = select(meeting_groups.c.id).where(meeting_groups.c.block.in_(chunk)).scalar_subquery()
        conn.execute(delete(meeting_group_members).where(meeting_group_members.c.group_id.in_(olds)))
        conn.execute(delete(meeting_groups).where(meeting_groups.c.block.in_(chunk)))
        groups = [g for b, items in events.items() for g in group_meetings(b, items)]
        _write_meeting_groups(conn, groups)
        made += len(groups)
    return made


def _meeting_events(conn: Connection, blocks: list[str]) -> Iterable[tuple[str, MeetingEvent]]:
    q = (select(meetings, documents.c.sha256, documents.c.path, documents.c.published_start)
         .join(documents, documents.c.id == meetings.c.document_id).where(meetings.c.block.in_(blocks)))
    rows = list(conn.execute(q))
    who: dict[int, list] = {}
    for chunk in _chunks([r.id for r in rows]):
        q = (select(participants.c.event_id, participants.c.name, participants.c.title, participants.c.country)
             .where(participants.c.event_id.in_(chunk)).order_by(participants.c.event_id, participants.c.position))
        for p in conn.execute(q):
            who.setdefault(p.event_id, []).append(p)
    for r in rows:
        people = who.get(r.id, [])
        yield r.block, MeetingEvent(
            told=_told(r), parties=parties([p.country for p in people], r.location_country),
            people=tuple(person_key(p.name, p.country) for p in people if p.name),
            names=tuple(p.name or f"{p.title} ({p.country or '?'})" for p in people),
            date=r.date, date_precision=r.date_precision, date_start=r.date_start, date_end=r.date_end,
            location=r.location, location_country=r.location_country, status=r.status or "held")


def _write_meeting_groups(conn: Connection, groups: list[MeetingGroup]) -> None:
    if not groups:
        return
    keys = ("date", "date_precision", "first_date", "last_date", "location", "location_country", "countries",
            "participants", "status", "sources")
    conn.execute(insert(meeting_groups), [{"id": g.group_id, "block": g.block, **{k: getattr(g, k) for k in keys}}
                                          for g in groups])
    conn.execute(insert(meeting_group_members), [{"group_id": g.group_id, "event_id": e.told.event_id}
                                                 for g in groups for e in g.members])


# ---- people -----------------------------------------------------------------------------------


def _people(conn: Connection, ids: list[int]) -> int:
    made = 0
    for chunk in _chunks(ids):
        seen: dict[int, list[Sighting]] = {}
        q = (select(officials.c.person_id, officials.c.name, officials.c.title, officials.c.organization,
                    officials.c.country, officials.c.document_id, documents.c.published_start)
             .join(documents, documents.c.id == officials.c.document_id).where(officials.c.person_id.in_(chunk)))
        for r in conn.execute(q):
            seen.setdefault(r.person_id, []).append(Sighting(*r))
        q = (select(participants.c.person_id, participants.c.name, participants.c.title, participants.c.organization,
                    participants.c.country, meetings.c.document_id, documents.c.published_start, meetings.c.id)
             .join(meetings, meetings.c.id == participants.c.event_id)
             .join(documents, documents.c.id == meetings.c.document_id).where(participants.c.person_id.in_(chunk)))
        for r in conn.execute(q):
            seen.setdefault(r.person_id, []).append(Sighting(*r))
        conn.execute(delete(people).where(people.c.id.in_(chunk)))
        rows = [person(sorted(s, key=lambda x: (x.document_id, x.name))) for s in seen.values()]
        if rows:
            conn.execute(insert(people), [_person_row(p) for p in rows])
        made += len(rows)
    return made


def _person_row(p: Person) -> dict:
    return {"id": p.person_id, "block": str(p.person_id), "name": p.name, "spellings": p.spellings, "titles": p.titles,
            "organizations": p.organizations, "country": p.country, "first_date": p.first_date,
            "last_date": p.last_date, "documents": p.documents, "mentions": p.mentions, "meetings": p.meetings}
