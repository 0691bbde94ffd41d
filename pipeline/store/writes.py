"""Writing documents: a batch in one transaction, a few statements for the whole batch; a
document's old rows go and its new rows come in together, or nothing changes. Event ids are
derived from the document and the event's content, so they stay the same across re-runs."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, replace
from decimal import Decimal
from importlib import import_module
from typing import Any, Callable, Iterable

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError

from pipeline.errors import StoreError
from pipeline.groups.meeting_groups import meeting_block
from pipeline.groups.names import person_id
from pipeline.records import DateValue, Deal, DocResult, Failure, Meeting, Money, Sentence
from pipeline.store.engine import masked, reason, sqlite_file
from pipeline.store.touched import mark_touched
from pipeline.store.schema import CHILDREN, countries, dates, deal_mentions, deal_systems, deals, documents, \
    meeting_mentions, meetings, money, officials, participants, systems

Result = DocResult | Failure
# The fingerprint rows are stored under: one for all, or one by the document's path (an HTML page's
# also sums up its text extractor: pipeline.fingerprint.document_fingerprint).
Fingerprint = str | Callable[[str], str] | None
# What the database says of one document's rows alone (a NUL PostgreSQL cannot store, a constraint);
# anything else (a full or read-only disk, a lost connection) concerns every document.
REFUSALS = (DataError, IntegrityError)


@dataclass(frozen=True, slots=True)
class Refusal:
    """A document the database would not store: stored as failed instead, or (``stored`` false) not at all."""

    full_path: str
    error: str
    stored: bool


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _f(x: Decimal | None) -> float | None:
    return float(x) if x is not None else None


def _money_row(m: Money | None) -> dict[str, Any]:
    if m is None:
        return {k: None for k in ("value_low", "value_high", "currency", "per_unit", "value_usd_low", "value_usd_high", "usd_source")}
    return {"value_low": _f(m.low), "value_high": _f(m.high), "currency": m.currency, "per_unit": m.per_unit,
            "value_usd_low": _f(m.usd_low), "value_usd_high": _f(m.usd_high), "usd_source": m.usd_source}


def _interval(date: DateValue | None, prefix: str = "date") -> dict[str, str | None]:
    """A date's first and last day as the ``date_start`` and ``date_end`` columns (NULL where open or unknown)."""
    first, last = date.interval if date is not None else (None, None)
    return {f"{prefix}_start": first, f"{prefix}_end": last}


def _document_row(result: Result, now: str, fingerprint: Fingerprint) -> dict[str, Any]:
    path = result.path if isinstance(result, Failure) else result.article.path
    row = {"corpus": result.root if isinstance(result, Failure) else result.article.root,
           "ingested_at": now, "fingerprint": fingerprint(path) if callable(fingerprint) else fingerprint}
    if isinstance(result, Failure):
        return {**row, "path": result.path, "full_path": result.full_path, "sha256": result.sha256,
                "meta_sha256": result.meta_sha256, "url": None, "title": None, "source": None, "published": None,
                "published_precision": None, "published_source": None, "status": "failed", "error": result.error,
                "chars": None, **_interval(None, "published")}
    art = result.article
    pub = art.published
    return {**row, "path": art.path, "full_path": art.full_path, "sha256": art.sha256, "meta_sha256": art.meta_sha256,
            "url": art.url, "title": art.title, "source": art.source, "published": pub.value if pub else None,
            "published_precision": pub.precision if pub else None,
            "published_source": art.published_source if pub and pub.value else None, "status": "ok", "error": None,
            "chars": len(art.text), **_interval(pub, "published")}


def _upsert_documents(conn: Connection, rows: list[dict[str, Any]]) -> list[int]:
    """The documents' rows, inserted or updated in one statement, keyed by full path; their ids in the
    order given (an updated document keeps its id). Safe when two runs race: ON CONFLICT settles it."""
    name = conn.dialect.name
    if name not in ("sqlite", "postgresql"):
        return [_upsert_one(conn, row) for row in rows]
    stmt = import_module(f"sqlalchemy.dialects.{name}").insert(documents)
    stmt = stmt.on_conflict_do_update(index_elements=[documents.c.full_path],
                                      set_={k: stmt.excluded[k] for k in rows[0] if k != "full_path"})
    result = conn.execute(stmt.returning(documents.c.id, sort_by_parameter_order=True), rows)
    return [row[0] for row in result]


def _upsert_one(conn: Connection, values: dict[str, Any]) -> int:
    existing = conn.execute(select(documents.c.id).where(documents.c.full_path == values["full_path"])).scalar()
    if existing is None:
        return conn.execute(insert(documents).values(**values).returning(documents.c.id)).scalar()
    conn.execute(update(documents).where(documents.c.id == existing).values(**values))
    return existing


def delete_rows(conn: Connection, doc_ids: list[int]) -> None:
    """Everything found before in these documents; what it touched (a buyer's deals, a meeting, a person)
    is marked for the next regrouping."""
    mark_touched(conn, doc_ids)
    deal_ids = select(deals.c.id).where(deals.c.document_id.in_(doc_ids)).scalar_subquery()
    meeting_ids = select(meetings.c.id).where(meetings.c.document_id.in_(doc_ids)).scalar_subquery()
    conn.execute(delete(deal_systems).where(deal_systems.c.event_id.in_(deal_ids)))
    conn.execute(delete(deal_mentions).where(deal_mentions.c.event_id.in_(deal_ids)))
    conn.execute(delete(participants).where(participants.c.event_id.in_(meeting_ids)))
    conn.execute(delete(meeting_mentions).where(meeting_mentions.c.event_id.in_(meeting_ids)))
    for table in (deals, meetings, *CHILDREN):
        conn.execute(delete(table).where(table.c.document_id.in_(doc_ids)))


def _deal_key(d: Deal) -> tuple:
    q, v = d.quantity, d.value
    return ("deal", d.supplier, d.buyer, tuple(sorted(d.systems)), d.status, q and (q.low, q.high),
            v and (str(v.low), str(v.high), v.currency, v.per_unit), d.date.value)


def _meeting_key(m: Meeting) -> tuple:
    people = sorted((p.name or "", p.title or "", p.organization or "", p.country or "") for p in m.participants)
    return ("meeting", tuple(people), m.date.value, m.location, m.location_country)


def event_ids(document: str, keys: Iterable[tuple]) -> list[int]:
    """Stable ids for a document's events: a 63-bit hash of the document's full path, the event's content
    (parties, systems, status, numbers, date; for a meeting its people, date and place) and, for events
    alike in all that, their order. An edit elsewhere in the document leaves the id as it was."""
    seen: dict[tuple, int] = {}
    out = []
    for key in keys:
        n = seen[key] = seen.get(key, -1) + 1
        digest = hashlib.sha256(repr((document, key, n)).encode("utf-8", "surrogatepass")).digest()
        out.append(int.from_bytes(digest[:8], "big") >> 1)
    return out


def contract_ids(document: str, deals: list[Deal], ids: list[int]) -> list[int]:
    """Stable ids for the contracts of a document's deal events (``ids``: their event ids): a 63-bit hash of
    the event ids of a contract's rows, so that its rows share it and it stays the same across re-runs. A
    deal of no contract (``contract`` None) is a contract of its own."""
    members: dict[Any, list[int]] = {}
    keys = [d.contract if d.contract is not None else ("row", e) for d, e in zip(deals, ids)]
    for key, e in zip(keys, ids):
        members.setdefault(key, []).append(e)
    hashed = dict(zip(members, event_ids(document, [("contract", tuple(sorted(m))) for m in members.values()])))
    return [hashed[k] for k in keys]


def _span(x) -> dict[str, Any]:
    return {"text": x.text, "start_char": x.start, "end_char": x.end, "rule": x.rule}


def _mention_rows(found: list[tuple[int, DocResult]]) -> dict[Table, list[dict]]:
    rows: dict[Table, list[dict]] = {money: [], dates: [], officials: [], systems: [], countries: []}
    for i, r in found:
        m = r.mentions
        rows[money] += [{"document_id": i, **_span(x), **_money_row(x)} for x in m.money]
        rows[dates] += [{"document_id": i, **_span(x), "value": x.date.value, "date_precision": x.date.precision,
                         "attribution": x.attribution, **_interval(x.date)} for x in m.dates]
        rows[officials] += [{"document_id": i, **_span(x), "name": x.name, "title": x.title, "organization": x.organization,
                             "country": x.country, "person_id": person_id(x.person or x.name, x.country)} for x in m.officials]
        rows[systems] += [{"document_id": i, **_span(x), "system": x.system, "category": x.category,
                           "generic": x.generic} for x in m.systems]
        rows[countries] += [{"document_id": i, **_span(x), "country": x.code, "kind": x.kind} for x in m.countries]
    return rows


def _told_rows(event_id: int, mentions: tuple[Deal, ...] | tuple[Meeting, ...],
               support: tuple[tuple[Sentence, str], ...] = ()) -> list[dict[str, Any]]:
    """The rows of the sentences that tell one event: its mentions in order, then the sentences that only
    added a fact to it ("It covers 54 K9 howitzers"), each sentence once."""
    told: dict[int, tuple[Sentence, str]] = {}  # by start offset: the first telling of each sentence, in order
    for s, r in [*((m.sentence, m.rule) for m in mentions), *support]:
        told.setdefault(s.start, (s, r))
    return [{"event_id": event_id, "position": k, "sentence": s.text, "start_char": s.start,
             "end_char": s.end, "rule": rule, "zone": s.zone} for k, (s, rule) in enumerate(told.values())]


def write_documents(conn: Connection, results: list[Result], fingerprint: Fingerprint = None) -> list[int]:
    """Replace everything stored for these documents with what was found now: a few statements for the
    whole batch (one per table), not a few per document. Returns the documents' ids."""
    if not results:
        return []
    doc_ids = _upsert_documents(conn, [_document_row(r, _now(), fingerprint) for r in results])
    delete_rows(conn, doc_ids)
    found = [(i, r) for i, r in zip(doc_ids, results) if isinstance(r, DocResult)]
    for table, items in _mention_rows(found).items():
        if items:
            conn.execute(insert(table), items)
    deal_rows, system_rows, told, meeting_rows, people, met = [], [], [], [], [], []
    for i, r in found:
        ids = event_ids(r.article.full_path, map(_deal_key, r.deals))
        for e, c, d in zip(ids, contract_ids(r.article.full_path, list(r.deals), ids), r.deals):
            deal_rows.append(dict(
                id=e, document_id=i, sentence=d.sentence.text, start_char=d.sentence.start, end_char=d.sentence.end,
                supplier=d.supplier, buyer=d.buyer, quantity_low=d.quantity.low if d.quantity else None,
                quantity_high=d.quantity.high if d.quantity else None, date=d.date.value,
                date_precision=d.date.precision if d.date.value else None, status=d.status, rule=d.rule,
                contract_id=c, value_shared=d.value_shared, systems="; ".join(d.systems) or None, zone=d.sentence.zone, **_money_row(d.value),
                **_interval(d.date), families="; ".join(d.families) or None,
                system_named=any(d.named) if d.named else None, status_rule=d.status_rule,
                supplier_rule=d.supplier_rule if d.supplier else None, buyer_rule=d.buyer_rule if d.buyer else None))
            system_rows += [{"event_id": e, "system": s, "named": n} for s, n in zip(d.systems, d.named or [None] * len(d.systems))]
            told += _told_rows(e, d.mentions or (d,), d.support)
        for e, mt in zip(event_ids(r.article.full_path, map(_meeting_key, r.meetings)), r.meetings):
            meeting_rows.append(dict(
                id=e, document_id=i, sentence=mt.sentence.text, start_char=mt.sentence.start, end_char=mt.sentence.end,
                date=mt.date.value, date_precision=mt.date.precision if mt.date.value else None, location=mt.location,
                location_country=mt.location_country, rule=mt.rule, zone=mt.sentence.zone, status=mt.status,
                block=meeting_block(mt.date.interval[0] if mt.date.value else None, mt.date.precision,
                                    r.article.published.interval[0] if r.article.published else None),
                **_interval(mt.date)))
            people += [{"event_id": e, "position": k, "name": p.name, "title": p.title, "organization": p.organization,
                        "country": p.country, "person_id": person_id(p.person or p.name, p.country), "rule": p.rule}
                       for k, p in enumerate(mt.participants)]
            met += _told_rows(e, mt.mentions or (mt,))
    for table, items in ((deals, deal_rows), (deal_systems, system_rows), (deal_mentions, told), (meetings, meeting_rows),
                         (participants, people), (meeting_mentions, met)):
        if items:
            conn.execute(insert(table), items)
    mark_touched(conn, [i for i, _ in found])
    return doc_ids


def save_batch(engine: Engine, results: list[Result], fingerprint: Fingerprint = None) -> list[Refusal]:
    """A batch of documents in one transaction. Should the database refuse it, each document is written
    alone, so that one document it refuses fails alone: stored as failed, with the database's reason
    (or, where even that is refused, handed back as a Refusal). A database that cannot be written at
    all raises StoreError."""
    if not results:
        return []
    try:
        with engine.begin() as conn:
            write_documents(conn, results, fingerprint)
        return []
    except SQLAlchemyError:
        pass  # one by one: a refusal fails only its document, and anything worse is raised by save()
    refused = []
    for result in results:  # one by one: a refusal is reported for the document it concerns
        refusal = save(engine, result, fingerprint)
        if refusal is not None:
            refused.append(refusal)
    return refused


def save(engine: Engine, result: Result, fingerprint: Fingerprint = None) -> Refusal | None:
    """One document, one transaction; a document the database refuses is stored as failed instead, and
    the Refusal says so."""
    try:
        with engine.begin() as conn:
            write_documents(conn, [result], fingerprint)
        return None
    except REFUSALS as e:
        failure = _as_failure(result, f"{_path(result)}: the database refused it ({reason(e)})")
    except SQLAlchemyError as e:
        raise _store_error(engine, result, e) from None
    try:
        with engine.begin() as conn:
            write_documents(conn, [failure], fingerprint)
        return Refusal(failure.full_path, failure.error, stored=True)
    except REFUSALS:
        return Refusal(failure.full_path, failure.error, stored=False)
    except SQLAlchemyError as e:
        raise _store_error(engine, result, e) from None


def mark_error(engine: Engine, full_path: str, error: str) -> None:
    """Note a failed re-read on a stored document, keeping the rows of its last good read."""
    try:
        with engine.begin() as conn:
            conn.execute(update(documents).where(documents.c.full_path == full_path).values(error=error))
    except SQLAlchemyError as e:
        raise StoreError(f"cannot write to {masked(engine.url)}: {reason(e, sqlite_file(engine.url))}") from None


def _path(r: Result) -> str:
    return r.path if isinstance(r, Failure) else r.article.path


def _as_failure(r: Result, why: str) -> Failure:
    """The document of ``r`` as failed for ``why``, keeping what identifies it and its inputs."""
    if isinstance(r, Failure):
        return replace(r, error=why)
    art = r.article
    return Failure(art.path, art.root, art.sha256, why, art.meta_sha256)


def _store_error(engine: Engine, result: Result, e: SQLAlchemyError) -> StoreError:
    where = engine.url.database if engine.url.get_backend_name() == "sqlite" else masked(engine.url)
    return StoreError(f"cannot write {_path(result)} to {where}: {reason(e, sqlite_file(engine.url))}")
