"""SQLAlchemy schema, the views of CONTRACT.md, and writes. The only module that imports sqlalchemy.

Tables are ours to change; the views are the contract. A batch of documents is written in
one transaction, a few statements for the whole batch: a document's old rows go and its new
rows come in together, or nothing changes.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from sqlalchemy import (Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint, create_engine, delete, event, insert, select, text, update)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from pipeline.errors import StoreError
from pipeline.records import DocResult, Failure, Money

SCHEMA_VERSION = "1"
meta = MetaData()

documents = Table(
    "ledger_documents", meta,
    Column("id", Integer, primary_key=True),
    Column("corpus", Text, nullable=False),
    Column("path", Text, nullable=False),
    Column("sha256", String(64)),
    Column("url", Text), Column("title", Text), Column("source", Text),
    Column("published", String(10)), Column("published_precision", String(5)), Column("published_source", String(8)),
    Column("status", String(6), nullable=False),
    Column("error", Text),
    Column("ingested_at", String(32), nullable=False),
    Column("chars", Integer),
    UniqueConstraint("corpus", "path", name="uq_document_path"),
)


def _child(name: str, *columns: Column) -> Table:
    return Table(name, meta, Column("id", Integer, primary_key=True),
                 Column("document_id", Integer, ForeignKey("ledger_documents.id", ondelete="CASCADE"), nullable=False),
                 *columns, Index(f"ix_{name}_document", "document_id"))


def _span_columns() -> list[Column]:
    return [Column("text", Text), Column("start_char", Integer), Column("end_char", Integer), Column("rule", Text)]


deals = _child(
    "ledger_deals",
    Column("sentence", Text), Column("start_char", Integer), Column("end_char", Integer),
    Column("supplier", String(3)), Column("buyer", String(3)),
    Column("quantity_low", Integer), Column("quantity_high", Integer),
    Column("value_low", Float), Column("value_high", Float), Column("currency", String(3)), Column("per_unit", Boolean),
    Column("value_usd_low", Float), Column("value_usd_high", Float), Column("usd_source", String(4)),
    Column("date", String(10)), Column("date_precision", String(5)), Column("status", String(12)), Column("rule", Text),
)
deal_systems = Table(
    "ledger_deal_systems", meta,
    Column("event_id", Integer, ForeignKey("ledger_deals.id", ondelete="CASCADE"), nullable=False),
    Column("system", Text, nullable=False),
    Index("ix_ledger_deal_systems_event", "event_id"),
)
meetings = _child(
    "ledger_meetings",
    Column("sentence", Text), Column("start_char", Integer), Column("end_char", Integer),
    Column("date", String(10)), Column("date_precision", String(5)),
    Column("location", Text), Column("location_country", String(3)), Column("rule", Text),
)
participants = Table(
    "ledger_meeting_participants", meta,
    Column("event_id", Integer, ForeignKey("ledger_meetings.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", Text), Column("title", Text), Column("organization", Text), Column("country", String(3)),
    Index("ix_ledger_meeting_participants_event", "event_id"),
)
money = _child(
    "ledger_money", *_span_columns(),
    Column("value_low", Float), Column("value_high", Float), Column("currency", String(3)), Column("per_unit", Boolean),
    Column("value_usd_low", Float), Column("value_usd_high", Float), Column("usd_source", String(4)),
)
dates = _child("ledger_dates", *_span_columns(), Column("value", String(10)), Column("date_precision", String(5)),
               Column("attribution", Boolean))
officials = _child("ledger_officials", *_span_columns(), Column("name", Text), Column("title", Text),
                   Column("organization", Text), Column("country", String(3)))
systems = _child("ledger_systems", *_span_columns(), Column("system", Text), Column("category", Text),
                 Column("generic", Boolean))
countries = _child("ledger_countries", *_span_columns(), Column("country", String(3)), Column("kind", String(10)))
settings = Table("ledger_meta", meta, Column("key", String(40), primary_key=True), Column("value", Text))

CHILDREN = (money, dates, officials, systems, countries)

VIEWS = {
    "documents": """SELECT id, path, sha256, url, title, published, published_source, status, error, ingested_at
                    FROM ledger_documents""",
    "deals": """SELECT e.id AS event_id, e.document_id, d.path, e.sentence, e.start_char, e.end_char, e.supplier, e.buyer,
                       e.quantity_low, e.quantity_high, e.value_low, e.value_high, e.currency, e.per_unit,
                       e.value_usd_low, e.value_usd_high, e.date, e.date_precision, e.status, e.rule
                FROM ledger_deals e JOIN ledger_documents d ON d.id = e.document_id""",
    "deal_systems": "SELECT event_id, system FROM ledger_deal_systems",
    "meetings": """SELECT e.id AS event_id, e.document_id, d.path, e.sentence, e.start_char, e.end_char, e.date,
                          e.date_precision, e.location, e.location_country, e.rule
                   FROM ledger_meetings e JOIN ledger_documents d ON d.id = e.document_id""",
    "meeting_participants": """SELECT event_id, name, title, organization, country FROM ledger_meeting_participants""",
    "money_mentions": """SELECT m.document_id, d.path, m.text, m.start_char, m.end_char, m.value_low, m.value_high,
                                m.currency, m.per_unit, m.value_usd_low, m.value_usd_high, m.rule
                         FROM ledger_money m JOIN ledger_documents d ON d.id = m.document_id""",
    "date_mentions": """SELECT m.document_id, d.path, m.text, m.start_char, m.end_char, m.value, m.date_precision, m.rule
                        FROM ledger_dates m JOIN ledger_documents d ON d.id = m.document_id""",
    "officials": """SELECT m.document_id, d.path, m.name, m.title, m.organization, m.country, m.start_char, m.end_char, m.rule
                    FROM ledger_officials m JOIN ledger_documents d ON d.id = m.document_id""",
    "system_mentions": """SELECT m.document_id, d.path, m.system, m.text, m.start_char, m.end_char, m.rule
                          FROM ledger_systems m JOIN ledger_documents d ON d.id = m.document_id
                          WHERE m.generic = :false""",
    "country_mentions": """SELECT m.document_id, d.path, m.country, m.text, m.start_char, m.end_char, m.rule
                           FROM ledger_countries m JOIN ledger_documents d ON d.id = m.document_id""",
}
VIEW_NAMES = tuple(VIEWS)


def database_url(target: str) -> str:
    """A SQLAlchemy URL from ``--db``: a URL as given, else a path to a SQLite file."""
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # transactions are begun below, as BEGIN IMMEDIATE
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout = 60000")  # a second run waits for the first rather than failing
    cur.execute("PRAGMA journal_mode = WAL")  # readers never wait for the writer
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def connect(target: str, *, create: bool) -> Engine:
    """An engine for ``target``; with ``create`` the schema and views are made where missing."""
    url = database_url(target)
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        path = Path(url[len("sqlite:///"):])
        if not create and not path.exists():
            raise StoreError(f"database not found: {target}")
        if create:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(f"cannot create the database folder {path.parent}: {e.strerror or e}") from None
    try:
        engine = create_engine(url, future=True)
    except (SQLAlchemyError, ImportError, ValueError) as e:
        raise StoreError(f"cannot open database {target}: {_reason(e)}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        # every transaction takes the write lock at once: a second run waits its turn (busy_timeout)
        # instead of failing half-way through a document
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    try:
        with engine.begin() as conn:
            if create:
                meta.create_all(conn)
                _create_views(conn)
            else:
                conn.execute(text("SELECT 1 FROM ledger_documents LIMIT 1"))
    except SQLAlchemyError as e:
        engine.dispose()
        file = Path(url[len("sqlite:///"):]) if url.startswith("sqlite:///") else None
        raise StoreError(f"cannot use database {target}: {_reason(e, file)}") from None
    return engine


def _reason(e: BaseException, path: Path | None = None) -> str:
    orig = getattr(e, "orig", None)
    reason = str(orig or e).strip().splitlines()[0]
    if path is not None and _read_only(path):
        reason += " (the database is on a read-only file system)"
    return reason


def _read_only(path: Path) -> bool:
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _create_views(conn: Connection) -> None:
    current = conn.execute(select(settings.c.value).where(settings.c.key == "views")).scalar()
    if current == SCHEMA_VERSION and all(_has_view(conn, v) for v in VIEWS):
        return
    for name, sql in VIEWS.items():
        conn.exec_driver_sql(f"DROP VIEW IF EXISTS {name}")
        body = sql.replace(":false", "0" if conn.dialect.name == "sqlite" else "false")
        conn.exec_driver_sql(f"CREATE VIEW {name} AS {body}")
    conn.execute(delete(settings).where(settings.c.key == "views"))
    conn.execute(insert(settings).values(key="views", value=SCHEMA_VERSION))


def _has_view(conn: Connection, name: str) -> bool:
    from sqlalchemy import inspect

    return name in inspect(conn).get_view_names()


# ---- reads ---------------------------------------------------------------------------------------


def known_documents(engine: Engine, corpus: str) -> dict[str, tuple[str | None, str, str | None]]:
    """path -> (sha256, status, error) of what is stored for one corpus folder."""
    with engine.connect() as conn:
        rows = conn.execute(select(documents.c.path, documents.c.sha256, documents.c.status, documents.c.error)
                            .where(documents.c.corpus == corpus))
        return {r.path: (r.sha256, r.status, r.error) for r in rows}


def view_rows(engine: Engine, view: str, *, limit: int | None = None) -> tuple[list[str], list[tuple]]:
    """Column names and rows of one contract view."""
    if view not in VIEWS:
        raise StoreError(f"no such view: {view} (views: {', '.join(VIEWS)})")
    sql = f"SELECT * FROM {view}" + (f" LIMIT {int(limit)}" if limit else "")
    try:
        with engine.connect() as conn:
            result = conn.exec_driver_sql(sql)
            return list(result.keys()), [tuple(r) for r in result]
    except SQLAlchemyError as e:
        raise StoreError(f"cannot read view {view}: {_reason(e)}") from None


# ---- writes --------------------------------------------------------------------------------------


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _f(x: Decimal | None) -> float | None:
    return float(x) if x is not None else None


def _money_row(m: Money | None) -> dict[str, Any]:
    if m is None:
        return {k: None for k in ("value_low", "value_high", "currency", "per_unit", "value_usd_low", "value_usd_high", "usd_source")}
    return {"value_low": _f(m.low), "value_high": _f(m.high), "currency": m.currency, "per_unit": m.per_unit,
            "value_usd_low": _f(m.usd_low), "value_usd_high": _f(m.usd_high), "usd_source": m.usd_source}


def _document_row(result: DocResult | Failure, now: str) -> dict[str, Any]:
    if isinstance(result, Failure):
        return {"corpus": result.root, "path": result.path, "sha256": result.sha256, "url": None, "title": None,
                "source": None, "published": None, "published_precision": None, "published_source": None,
                "status": "failed", "error": result.error, "ingested_at": now, "chars": None}
    art = result.article
    pub = art.published
    return {"corpus": art.root, "path": art.path, "sha256": art.sha256, "url": art.url, "title": art.title,
            "source": art.source, "published": pub.value if pub else None,
            "published_precision": pub.precision if pub else None,
            "published_source": art.published_source if pub and pub.value else None, "status": "ok", "error": None,
            "ingested_at": now, "chars": len(art.text)}


def _upsert_documents(conn: Connection, rows: list[dict[str, Any]]) -> list[int]:
    """The documents' rows, inserted or updated in one statement; their ids in the order given.
    Safe when two runs race: the database settles which one writes (ON CONFLICT)."""
    name = conn.dialect.name
    if name not in ("sqlite", "postgresql"):
        return [_upsert_one(conn, row) for row in rows]
    from importlib import import_module

    stmt = import_module(f"sqlalchemy.dialects.{name}").insert(documents)
    stmt = stmt.on_conflict_do_update(index_elements=[documents.c.corpus, documents.c.path],
                                      set_={k: stmt.excluded[k] for k in rows[0] if k not in ("corpus", "path")})
    result = conn.execute(stmt.returning(documents.c.id, sort_by_parameter_order=True), rows)
    return [row[0] for row in result]


def _upsert_one(conn: Connection, values: dict[str, Any]) -> int:
    where = (documents.c.corpus == values["corpus"], documents.c.path == values["path"])
    existing = conn.execute(select(documents.c.id).where(*where)).scalar()
    if existing is None:
        return conn.execute(insert(documents).values(**values).returning(documents.c.id)).scalar()
    conn.execute(update(documents).where(documents.c.id == existing).values(**values))
    return existing


def _delete_rows(conn: Connection, doc_ids: list[int]) -> None:
    """Everything found before in these documents."""
    deal_ids = select(deals.c.id).where(deals.c.document_id.in_(doc_ids)).scalar_subquery()
    meeting_ids = select(meetings.c.id).where(meetings.c.document_id.in_(doc_ids)).scalar_subquery()
    conn.execute(delete(deal_systems).where(deal_systems.c.event_id.in_(deal_ids)))
    conn.execute(delete(participants).where(participants.c.event_id.in_(meeting_ids)))
    for table in (deals, meetings, *CHILDREN):
        conn.execute(delete(table).where(table.c.document_id.in_(doc_ids)))


def _insert_events(conn: Connection, table: Table, rows: list[dict]) -> list[int]:
    """Insert ``rows`` in one statement; their new ids, in the order given."""
    if not rows:
        return []
    result = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    return [row[0] for row in result]


def _span(x) -> dict[str, Any]:
    return {"text": x.text, "start_char": x.start, "end_char": x.end, "rule": x.rule}


def write_documents(conn: Connection, results: list[DocResult | Failure]) -> list[int]:
    """Replace everything stored for these documents with what was found now: a few statements for the
    whole batch (one per table), not a few per document. Returns the documents' ids."""
    if not results:
        return []
    now = _now()
    doc_ids = _upsert_documents(conn, [_document_row(r, now) for r in results])
    _delete_rows(conn, doc_ids)
    found = [(i, r) for i, r in zip(doc_ids, results) if isinstance(r, DocResult)]
    rows: dict[Table, list[dict]] = {money: [], dates: [], officials: [], systems: [], countries: []}
    for i, r in found:
        m = r.mentions
        rows[money] += [{"document_id": i, **_span(x), **_money_row(x)} for x in m.money]
        rows[dates] += [{"document_id": i, **_span(x), "value": x.date.value, "date_precision": x.date.precision,
                         "attribution": x.attribution} for x in m.dates]
        rows[officials] += [{"document_id": i, **_span(x), "name": x.name, "title": x.title,
                             "organization": x.organization, "country": x.country} for x in m.officials]
        rows[systems] += [{"document_id": i, **_span(x), "system": x.system, "category": x.category,
                           "generic": x.generic} for x in m.systems]
        rows[countries] += [{"document_id": i, **_span(x), "country": x.code, "kind": x.kind} for x in m.countries]
    for table, items in rows.items():
        if items:
            conn.execute(insert(table), items)
    all_deals = [(i, d) for i, r in found for d in r.deals]
    deal_ids = _insert_events(conn, deals, [dict(
        document_id=i, sentence=d.sentence.text, start_char=d.sentence.start, end_char=d.sentence.end,
        supplier=d.supplier, buyer=d.buyer,
        quantity_low=d.quantity.low if d.quantity else None, quantity_high=d.quantity.high if d.quantity else None,
        date=d.date.value, date_precision=d.date.precision if d.date.value else None, status=d.status, rule=d.rule,
        **_money_row(d.value)) for i, d in all_deals])
    system_rows = [{"event_id": e, "system": s} for e, (_, d) in zip(deal_ids, all_deals) for s in d.systems]
    if system_rows:
        conn.execute(insert(deal_systems), system_rows)
    all_meetings = [(i, mt) for i, r in found for mt in r.meetings]
    meeting_ids = _insert_events(conn, meetings, [dict(
        document_id=i, sentence=mt.sentence.text, start_char=mt.sentence.start, end_char=mt.sentence.end,
        date=mt.date.value, date_precision=mt.date.precision if mt.date.value else None, location=mt.location,
        location_country=mt.location_country, rule=mt.rule) for i, mt in all_meetings])
    people = [{"event_id": e, "position": k, "name": p.name, "title": p.title, "organization": p.organization,
               "country": p.country} for e, (_, mt) in zip(meeting_ids, all_meetings) for k, p in enumerate(mt.participants)]
    if people:
        conn.execute(insert(participants), people)
    return doc_ids


def save_batch(engine: Engine, results: list[DocResult | Failure]) -> None:
    """A batch of documents in one transaction. Should the batch fail, each document is written alone,
    so that one document the database refuses cannot take the others down with it."""
    if not results:
        return
    try:
        with engine.begin() as conn:
            write_documents(conn, results)
    except (SQLAlchemyError, DBAPIError):
        for result in results:  # one by one: a refusal is reported for the document it concerns
            save(engine, result)


def save(engine: Engine, result: DocResult | Failure) -> None:
    """One document, one transaction."""
    try:
        with engine.begin() as conn:
            write_documents(conn, [result])
    except (SQLAlchemyError, DBAPIError) as e:
        path = result.path if isinstance(result, Failure) else result.article.path
        url = str(engine.url)
        file = Path(url[len("sqlite:///"):]) if url.startswith("sqlite:///") else None
        raise StoreError(f"cannot write {path} to {engine.url.database or engine.url}: {_reason(e, file)}") from None


def prune(engine: Engine, corpus: str, keep: Iterable[str]) -> list[str]:
    """Remove the documents of ``corpus`` whose files are gone; returns their paths."""
    keep = set(keep)
    gone = [p for p in known_documents(engine, corpus) if p not in keep]
    for path in gone:
        with engine.begin() as conn:
            doc_id = conn.execute(select(documents.c.id).where(documents.c.corpus == corpus, documents.c.path == path)).scalar()
            if doc_id is not None:
                _delete_rows(conn, [doc_id])
                conn.execute(delete(documents).where(documents.c.id == doc_id))
    return gone
