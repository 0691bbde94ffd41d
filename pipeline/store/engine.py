"""Opening a database: the URL built from ``--db``, SQLite's settings, the schema made once (under a
lock on PostgreSQL, so that first runs racing into one database take turns), and one-line reasons
with the password masked."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from pipeline.errors import StoreError
from pipeline.store.schema import ForeignDatabase, create_schema, stored_version

_SCHEMA_LOCK = 0x61726D73  # "arms": the advisory lock PostgreSQL runs hold while they make the schema


def database_url(target: str) -> URL:
    """A SQLAlchemy URL from ``--db``: a URL as given, else a path to a SQLite file (taken as a path
    whole: ``what?.db`` and ``p%41.db`` are file names, not a query or an escape)."""
    if "://" in target:
        try:
            return make_url(target)
        except (ArgumentError, ValueError) as e:
            raise StoreError(f"not a database URL: {masked(target)} ({e})") from None
    if target in ("", ":memory:"):
        return URL.create("sqlite")
    return URL.create("sqlite", database=str(Path(target).expanduser().resolve()))


def masked(target: str | URL) -> str:
    """``target`` fit to print: a URL's password as ***."""
    if isinstance(target, URL):
        return target.render_as_string(hide_password=True)
    if "://" not in target:
        return target
    try:
        return make_url(target).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return target.split("://", 1)[0] + "://***"


def sqlite_file(url: URL) -> Path | None:
    """The file of a SQLite URL; None for memory and other databases."""
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database)
    return None


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # transactions are begun below, as BEGIN IMMEDIATE
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout = 60000")  # a second run waits for the first rather than failing
    cur.execute("PRAGMA journal_mode = WAL")  # readers never wait for the writer
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def connect(target: str, *, create: bool) -> Engine:
    """An engine for ``target``; with ``create`` the schema and views are made where missing. A
    database that is not armsledger's is refused, and left as it was."""
    url = database_url(target)
    file = sqlite_file(url)
    if file is not None:
        if not create and not file.exists():
            raise StoreError(f"database not found: {target}")
        if create:
            try:
                file.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(f"cannot create the database folder {file.parent}: {e.strerror or e}") from None
    try:
        engine = create_engine(url)
    except (SQLAlchemyError, ImportError, ValueError) as e:
        raise StoreError(f"cannot open database {masked(target)}: {reason(e)}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        # every transaction takes the write lock at once: a second run waits its turn (busy_timeout)
        # instead of failing half-way through a document
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    try:
        with engine.begin() as conn:
            _lock_schema(conn)
            if create:
                create_schema(conn)
            empty = not create and stored_version(conn) is None
    except ForeignDatabase:
        engine.dispose()
        raise StoreError(f"{masked(target)}: not an armsledger database (it holds tables of its own; give another --db)") from None
    except SQLAlchemyError as e:
        engine.dispose()
        raise StoreError(f"cannot use database {masked(target)}: {reason(e, file)}") from None
    if empty and not create:
        engine.dispose()
        raise StoreError(f"{masked(target)}: an empty database (no armsledger run has written to it)")
    return engine


def _lock_schema(conn: Connection) -> None:
    """On PostgreSQL, one run at a time looks at and makes the schema (the lock ends with the transaction)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_SCHEMA_LOCK})")


def reason(e: BaseException, path: Path | None = None) -> str:
    """The first line of what the database said, never a password."""
    orig = getattr(e, "orig", None)
    lines = str(orig or e).strip().splitlines()
    text = lines[0] if lines else type(e).__name__
    if path is not None and _read_only(path):
        text += " (the database is on a read-only file system)"
    return text


def _read_only(path: Path) -> bool:
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False
