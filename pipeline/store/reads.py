"""Reading the database, and the housekeeping that removes documents: what is stored under a folder,
the views, the stored roots, the run's recorded settings; pruning and forgetting."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from pipeline.errors import StoreError
from pipeline.store.engine import masked, reason
from pipeline.store.schema import VIEWS, deal_groups, deals, documents, meeting_groups, meetings, people, settings
from pipeline.store.writes import delete_rows

_MAX_LIMIT = 2**63 - 1


@dataclass(frozen=True, slots=True)
class Stored:
    """What is stored of one document, to tell whether it must be done again."""

    sha256: str | None
    meta_sha256: str | None
    fingerprint: str | None
    status: str
    error: str | None


def _failing(engine: Engine, what: str, e: SQLAlchemyError) -> StoreError:
    return StoreError(f"cannot {what} in {masked(engine.url)}: {reason(e)}")


def _under(root: str):
    """Documents whose full path lies under ``root``: a range over the index, not a LIKE."""
    prefix = root.rstrip("/") + "/"
    return (documents.c.full_path >= prefix) & (documents.c.full_path < prefix[:-1] + "0")  # '0' follows '/'


def known_documents(engine: Engine, root: str) -> dict[str, Stored]:
    """full path -> what is stored, for every document under one folder (reached from it or a parent)."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(documents.c.full_path, documents.c.sha256, documents.c.meta_sha256,
                                       documents.c.fingerprint, documents.c.status, documents.c.error)
                                .where(_under(root)))
            return {r.full_path: Stored(r.sha256, r.meta_sha256, r.fingerprint, r.status, r.error) for r in rows}
    except SQLAlchemyError as e:
        raise _failing(engine, "read the documents", e) from None


def stored_roots(engine: Engine) -> list[str]:
    """Every corpus folder documents were stored from."""
    try:
        with engine.connect() as conn:
            return list(conn.execute(select(documents.c.corpus).distinct().order_by(documents.c.corpus)).scalars())
    except SQLAlchemyError as e:
        raise _failing(engine, "read the documents", e) from None


def view_rows(engine: Engine, view: str, *, limit: int | None = None) -> tuple[list[str], list[tuple]]:
    """Column names and rows of one contract view (a limit past what SQL can count is no limit)."""
    if view not in VIEWS:
        raise StoreError(f"no such view: {view} (views: {', '.join(VIEWS)})")
    sql = f"SELECT * FROM {view}" + (f" LIMIT {int(limit)}" if limit and limit <= _MAX_LIMIT else "")
    try:
        with engine.connect() as conn:
            result = conn.exec_driver_sql(sql)
            return list(result.keys()), [tuple(r) for r in result]
    except SQLAlchemyError as e:
        raise StoreError(f"cannot read view {view}: {reason(e)}") from None


def view_where(engine: Engine, view: str, **equal: object) -> list[dict]:
    """The rows of one contract view whose columns equal the given values (bound, never pasted in), as
    dicts in the view's order: the lookups of ``armsledger show``."""
    if view not in VIEWS or not all(name.isidentifier() for name in equal):
        raise StoreError(f"no such view or column: {view} {sorted(equal)}")
    where = " AND ".join(f"{name} = :{name}" for name in equal) or "1 = 1"
    try:
        with engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(text(f"SELECT * FROM {view} WHERE {where}"), equal)]
    except SQLAlchemyError as e:
        raise StoreError(f"cannot read view {view}: {reason(e)}") from None


def remove_documents(engine: Engine, full_paths: Iterable[str]) -> int:
    """Remove these documents and everything found in them, one transaction each; how many went."""
    gone = 0
    try:
        for path in full_paths:
            with engine.begin() as conn:
                doc_id = conn.execute(select(documents.c.id).where(documents.c.full_path == path)).scalar()
                if doc_id is not None:
                    delete_rows(conn, [doc_id])
                    conn.execute(delete(documents).where(documents.c.id == doc_id))
                    gone += 1
    except SQLAlchemyError as e:
        raise _failing(engine, "remove documents", e) from None
    return gone


def under_root(engine: Engine, root: str) -> list[str]:
    """Full paths of every document stored from ``root`` or from below it."""
    try:
        with engine.connect() as conn:
            return list(conn.execute(select(documents.c.full_path).where(_under(root))).scalars())
    except SQLAlchemyError as e:
        raise _failing(engine, "read the documents", e) from None


def record_settings(engine: Engine, values: dict[str, str]) -> None:
    """What made the rows of this run: armsledger's, spaCy's and the model's versions, the rules' fingerprint."""
    try:
        with engine.begin() as conn:
            conn.execute(delete(settings).where(settings.c.key.in_(list(values))))
            conn.execute(insert(settings), [{"key": k, "value": v} for k, v in values.items()])
    except SQLAlchemyError as e:
        raise _failing(engine, "record the run's settings", e) from None


def database_info(engine: Engine) -> tuple[dict[str, str], dict[str, int], list[tuple[str, int]]]:
    """The recorded settings, counts of what is stored, and each root with its number of documents."""
    try:
        with engine.connect() as conn:
            recorded = {k: v for k, v in conn.execute(select(settings.c.key, settings.c.value))}
            count = lambda table, *where: conn.execute(select(func.count()).select_from(table).where(*where)).scalar()
            counts = {"documents": count(documents), "ok": count(documents, documents.c.status == "ok"),
                      "failed": count(documents, documents.c.status == "failed"), "deals": count(deals),
                      "meetings": count(meetings), "deal_groups": count(deal_groups),
                      "meeting_groups": count(meeting_groups), "people": count(people)}
            roots = [tuple(r) for r in conn.execute(select(documents.c.corpus, func.count())
                                                    .group_by(documents.c.corpus).order_by(documents.c.corpus))]
            return recorded, counts, roots
    except SQLAlchemyError as e:
        raise _failing(engine, "read", e) from None
