"""The tables (ours to change) and the views of CONTRACT.md (the contract), and bringing an older
armsledger database up to date. Only the store package imports sqlalchemy."""

from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint, delete, insert, inspect, select)
from sqlalchemy.engine import Connection

# 2: documents keyed by full path, with root, sidecar digest and fingerprint; stable 63-bit event ids
# 3: deal_mentions, the sentences that tell each deal event
# 4: deals' contract_id, value_shared and systems (a contract's rows, its value counted once);
#    meeting_mentions, the sentences that tell each meeting event; a zone column (headline, body,
#    caption...) on deals, deal_mentions, meetings and meeting_mentions
# 5: date_start and date_end (the interval a date stands for) on deals, meetings and dates;
#    published_start and published_end on documents
# 6: meetings' status (held | planned)
# 7: deals' families; person_id on officials and meeting participants, and the participants' rule; deal
#    and meeting groups across documents, people, and the marks of what a run touched
SCHEMA_VERSION = "8"
meta = MetaData()


def _interval_columns(prefix: str = "date") -> list[Column]:
    """The first and last day (ISO) a date stands for; either NULL where open or unknown."""
    return [Column(f"{prefix}_start", String(10)), Column(f"{prefix}_end", String(10))]


documents = Table(
    "ledger_documents", meta,
    Column("id", Integer, primary_key=True),
    Column("corpus", Text, nullable=False),  # the corpus folder (root) the document was last read from
    Column("path", Text, nullable=False),  # relative to corpus
    Column("full_path", Text),  # corpus/path: a document's identity, whichever folder it was reached from
    Column("sha256", String(64)),
    Column("meta_sha256", String(64)),  # of the .meta.json sidecar; NULL where there is none
    Column("fingerprint", String(32)),  # of the rules, model and armsledger version that made the rows
    Column("url", Text), Column("title", Text), Column("source", Text),
    Column("published", String(10)), Column("published_precision", String(5)), Column("published_source", String(8)),
    *_interval_columns("published"),
    Column("status", String(6), nullable=False),
    Column("error", Text),
    Column("ingested_at", String(32), nullable=False),
    Column("chars", Integer),
    UniqueConstraint("corpus", "path", name="uq_document_path"),
    UniqueConstraint("full_path", name="uq_document_full_path"),
    Index("ix_ledger_documents_sha256", "sha256"),
)


def _child(name: str, *columns: Column, event: bool = False) -> Table:
    key = Column("id", BigInteger, primary_key=True, autoincrement=False) if event else Column("id", Integer, primary_key=True)
    return Table(name, meta, key,
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
    Column("contract_id", BigInteger),  # the rows of one contract share it: a 63-bit hash of its rows' event ids
    Column("value_shared", Boolean),  # the value is the whole contract's, given on each of its rows
    Column("systems", Text),  # the deal's systems, "; "-joined (deal_systems has one row each)
    Column("zone", String(10)),
    *_interval_columns(),
    Column("families", Text),  # the family of each system (K9A1 -> K9 Thunder), sorted, "; "-joined
    Column("system_named", Boolean),  # a system of its own is named, not only a kind ("frigate"); NULL: no system
    # what set the status, the supplier and the buyer: a rule's file:line, or a step's id (docs/data.md, Rule ids)
    Column("status_rule", Text), Column("supplier_rule", Text), Column("buyer_rule", Text),
    event=True,
)
deal_systems = Table(
    "ledger_deal_systems", meta,
    Column("event_id", BigInteger, ForeignKey("ledger_deals.id", ondelete="CASCADE"), nullable=False),
    Column("system", Text, nullable=False),
    Column("named", Boolean),  # a system named in rules/systems.yaml; false: a kind alone (rules/categories.yaml)
    Index("ix_ledger_deal_systems_event", "event_id"),
)
deal_mentions = Table(
    "ledger_deal_mentions", meta,
    Column("event_id", BigInteger, ForeignKey("ledger_deals.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),  # the mentions (body ones in text order, headlines last), then sentences that only added a fact
    Column("sentence", Text), Column("start_char", Integer), Column("end_char", Integer), Column("rule", Text),
    Column("zone", String(10)),
    Index("ix_ledger_deal_mentions_event", "event_id"),
)
meetings = _child(
    "ledger_meetings",
    Column("sentence", Text), Column("start_char", Integer), Column("end_char", Integer),
    Column("date", String(10)), Column("date_precision", String(5)),
    Column("location", Text), Column("location_country", String(3)), Column("rule", Text),
    Column("zone", String(10)),
    *_interval_columns(),
    Column("status", String(7)),  # held | planned
    Column("block", Text),  # the month meetings are grouped in: the meeting's, else its article's (pipeline.groups)
    event=True,
)
meeting_mentions = Table(
    "ledger_meeting_mentions", meta,
    Column("event_id", BigInteger, ForeignKey("ledger_meetings.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),  # in text order
    Column("sentence", Text), Column("start_char", Integer), Column("end_char", Integer), Column("rule", Text),
    Column("zone", String(10)),
    Index("ix_ledger_meeting_mentions_event", "event_id"),
)
participants = Table(
    "ledger_meeting_participants", meta,
    Column("event_id", BigInteger, ForeignKey("ledger_meetings.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", Text), Column("title", Text), Column("organization", Text), Column("country", String(3)),
    Column("person_id", BigInteger), Column("rule", Text),  # rule: what gave a name to an office alone
    Index("ix_ledger_meeting_participants_event", "event_id"),
)
money = _child(
    "ledger_money", *_span_columns(),
    Column("value_low", Float), Column("value_high", Float), Column("currency", String(3)), Column("per_unit", Boolean),
    Column("value_usd_low", Float), Column("value_usd_high", Float), Column("usd_source", String(4)),
)
dates = _child("ledger_dates", *_span_columns(), Column("value", String(10)), Column("date_precision", String(5)),
               Column("attribution", Boolean), *_interval_columns())
officials = _child("ledger_officials", *_span_columns(), Column("name", Text), Column("title", Text),
                   Column("organization", Text), Column("country", String(3)), Column("person_id", BigInteger))
systems = _child("ledger_systems", *_span_columns(), Column("system", Text), Column("category", Text),
                 Column("generic", Boolean))
countries = _child("ledger_countries", *_span_columns(), Column("country", String(3)), Column("kind", String(10)))

# ---- across documents (pipeline.groups): rebuilt block by block where a run marked a block touched

def _group_table(name: str, *columns: Column) -> Table:
    return Table(name, meta, Column("id", BigInteger, primary_key=True, autoincrement=False),
                 Column("block", Text, nullable=False), *columns, Index(f"ix_{name}_block", "block"))


def _members(name: str, groups: Table) -> Table:
    return Table(name, meta, Column("group_id", BigInteger, ForeignKey(f"{groups.name}.id", ondelete="CASCADE"), nullable=False),
                 Column("event_id", BigInteger, nullable=False), Index(f"ix_{name}_group", "group_id"),
                 Index(f"ix_{name}_event", "event_id"))


# what a write touched, for the next regrouping: kind (deal | meeting | person) and block (a buyer, a set of
# countries, a person id); written in the write's own transaction, so that a crash before the regrouping
# leaves them for the next run
touched = Table("ledger_touched", meta, Column("id", Integer, primary_key=True, autoincrement=True),
                Column("kind", String(8), nullable=False), Column("block", Text, nullable=False))
deal_groups = _group_table(
    "ledger_deal_groups",
    Column("supplier", String(3)), Column("buyer", String(3)), Column("system", Text), Column("designation", Text),
    Column("category", Text), Column("quantity_low", Integer), Column("quantity_high", Integer),
    Column("value_low", Float), Column("value_high", Float), Column("currency", String(3)),
    Column("value_usd_low", Float), Column("value_usd_high", Float), Column("value_shared", Boolean),
    Column("first_date", String(10)),
    Column("last_date", String(10)), Column("order_date", String(10)), Column("delivery_years", Text),
    Column("status", String(12)), Column("sources", Integer), Column("comment", Text), Column("comment_event_id", BigInteger),
    Column("framework", Boolean))
deal_group_members = _members("ledger_deal_group_members", deal_groups)
meeting_groups = _group_table(
    "ledger_meeting_groups",
    Column("date", String(10)), Column("date_precision", String(5)), Column("first_date", String(10)),
    Column("last_date", String(10)), Column("location", Text), Column("location_country", String(3)),
    Column("countries", Text), Column("participants", Text), Column("status", String(7)), Column("sources", Integer))
meeting_group_members = _members("ledger_meeting_group_members", meeting_groups)
people = _group_table(
    "ledger_people",
    Column("name", Text), Column("spellings", Text), Column("titles", Text), Column("organizations", Text),
    Column("country", String(3)), Column("first_date", String(10)), Column("last_date", String(10)),
    Column("documents", Integer), Column("mentions", Integer), Column("meetings", Integer))
settings = Table("ledger_meta", meta, Column("key", String(40), primary_key=True), Column("value", Text))

CHILDREN = (money, dates, officials, systems, countries)
EVENT_TABLES = ((deals, deal_systems), (meetings, participants))

VIEWS = {
    # duplicate_of: the first stored document with the same bytes, so that sums can skip copies
    "documents": """SELECT d.id, d.path, d.sha256, d.url, d.title, d.published, d.published_source, d.status, d.error,
                           d.ingested_at, d.corpus AS root, d.full_path,
                           (SELECT min(o.id) FROM ledger_documents o
                            WHERE o.sha256 = d.sha256 AND o.id < d.id AND o.status = 'ok') AS duplicate_of,
                           d.published_start, d.published_end
                    FROM ledger_documents d""",
    "deals": """SELECT e.id AS event_id, e.document_id, d.path, e.sentence, e.start_char, e.end_char, e.supplier, e.buyer,
                       e.quantity_low, e.quantity_high, e.value_low, e.value_high, e.currency, e.per_unit,
                       e.value_usd_low, e.value_usd_high, e.date, e.date_precision, e.status, e.rule,
                       e.contract_id, e.systems, e.usd_source AS value_usd_source, e.value_shared, e.zone,
                       e.date_start, e.date_end, e.system_named, e.status_rule, e.supplier_rule, e.buyer_rule
                FROM ledger_deals e JOIN ledger_documents d ON d.id = e.document_id""",
    "deal_systems": "SELECT event_id, system, named FROM ledger_deal_systems",
    "deal_mentions": """SELECT m.event_id, e.document_id, d.path, m.sentence, m.start_char, m.end_char, m.zone, m.rule
                        FROM ledger_deal_mentions m JOIN ledger_deals e ON e.id = m.event_id
                        JOIN ledger_documents d ON d.id = e.document_id""",
    "meetings": """SELECT e.id AS event_id, e.document_id, d.path, e.sentence, e.start_char, e.end_char, e.date,
                          e.date_precision, e.location, e.location_country, e.rule, e.zone, e.date_start, e.date_end,
                          e.status
                   FROM ledger_meetings e JOIN ledger_documents d ON d.id = e.document_id""",
    "meeting_participants": """SELECT event_id, name, title, organization, country, person_id, rule
                               FROM ledger_meeting_participants""",
    "meeting_mentions": """SELECT m.event_id, e.document_id, d.path, m.sentence, m.start_char, m.end_char, m.zone, m.rule
                           FROM ledger_meeting_mentions m JOIN ledger_meetings e ON e.id = m.event_id
                           JOIN ledger_documents d ON d.id = e.document_id""",
    "money_mentions": """SELECT m.document_id, d.path, m.text, m.start_char, m.end_char, m.value_low, m.value_high,
                                m.currency, m.per_unit, m.value_usd_low, m.value_usd_high, m.rule
                         FROM ledger_money m JOIN ledger_documents d ON d.id = m.document_id""",
    "date_mentions": """SELECT m.document_id, d.path, m.text, m.start_char, m.end_char, m.value, m.date_precision, m.rule,
                               m.date_start, m.date_end
                        FROM ledger_dates m JOIN ledger_documents d ON d.id = m.document_id""",
    "officials": """SELECT m.document_id, d.path, m.name, m.title, m.organization, m.country, m.start_char, m.end_char, m.rule,
                           m.person_id
                    FROM ledger_officials m JOIN ledger_documents d ON d.id = m.document_id""",
    "system_mentions": """SELECT m.document_id, d.path, m.system, m.text, m.start_char, m.end_char, m.rule
                          FROM ledger_systems m JOIN ledger_documents d ON d.id = m.document_id
                          WHERE m.generic = :false""",
    "country_mentions": """SELECT m.document_id, d.path, m.country, m.text, m.start_char, m.end_char, m.rule
                           FROM ledger_countries m JOIN ledger_documents d ON d.id = m.document_id""",
    "deal_groups": """SELECT id AS group_id, supplier, buyer, system, quantity_low, quantity_high, value_low, value_high,
                             currency, value_usd_low, value_usd_high, first_date, last_date, status, sources,
                             designation, category, order_date, delivery_years, comment, comment_event_id, value_shared,
                             framework
                      FROM ledger_deal_groups""",
    "deal_group_members": """SELECT m.group_id, m.event_id, e.document_id, d.path, e.date, e.status
                             FROM ledger_deal_group_members m JOIN ledger_deals e ON e.id = m.event_id
                             JOIN ledger_documents d ON d.id = e.document_id""",
    "meeting_groups": """SELECT id AS group_id, date, date_precision, first_date, last_date, location, location_country,
                                countries, participants, status, sources
                         FROM ledger_meeting_groups""",
    "meeting_group_members": """SELECT m.group_id, m.event_id, e.document_id, d.path, e.date, e.status
                                FROM ledger_meeting_group_members m JOIN ledger_meetings e ON e.id = m.event_id
                                JOIN ledger_documents d ON d.id = e.document_id""",
    # the SIPRI register's row: a deal signed or delivered, no framework agreement; the number ordered and the value are the
    # highest its reports give (lower ones are mostly of a part: "the first 18"), deal_groups has both ends
    "register": """SELECT id AS group_id, supplier, buyer AS recipient, designation, category,
                          quantity_high AS number_ordered, substr(order_date, 1, 4) AS order_year, delivery_years,
                          value_high AS value, currency, value_usd_high AS value_usd, sources, comment, status,
                          value_shared
                   FROM ledger_deal_groups WHERE status IN ('signed', 'delivered') AND framework = :false""",
    "people": """SELECT id AS person_id, name, titles, organizations, country, first_date, last_date, documents,
                        spellings, mentions, meetings
                 FROM ledger_people""",
}
VIEW_NAMES = tuple(VIEWS)
MARKER = "views"  # the ledger_meta key every armsledger database holds: the schema version


class ForeignDatabase(Exception):
    """The database holds tables, but none of armsledger's."""


def stored_version(conn: Connection) -> str | None:
    """The schema version of an armsledger database; None for an empty one; ForeignDatabase otherwise."""
    inspector = inspect(conn)
    names = set(inspector.get_table_names()) | set(inspector.get_view_names())
    if settings.name not in names:
        if names:
            raise ForeignDatabase(", ".join(sorted(names)[:5]))
        return None
    version = conn.execute(select(settings.c.value).where(settings.c.key == MARKER)).scalar()
    if version is None:
        raise ForeignDatabase(settings.name)
    return version


def create_schema(conn: Connection) -> None:
    """Tables and views where missing, an older armsledger schema brought up to date; a database that
    holds tables of its own and no armsledger marker is never touched (ForeignDatabase)."""
    version = stored_version(conn)
    if version == SCHEMA_VERSION and all(v in inspect(conn).get_view_names() for v in VIEWS):
        return
    if version is not None and version != SCHEMA_VERSION:
        _migrate(conn)
    meta.create_all(conn)
    for name, sql in VIEWS.items():
        conn.exec_driver_sql(f"DROP VIEW IF EXISTS {name}")
        body = sql.replace(":false", "0" if conn.dialect.name == "sqlite" else "false")
        conn.exec_driver_sql(f"CREATE VIEW {name} AS {body}")
    conn.execute(delete(settings).where(settings.c.key == MARKER))
    conn.execute(insert(settings).values(key=MARKER, value=SCHEMA_VERSION))


def _migrate(conn: Connection) -> None:
    """Schema 1 -> 2: the new document columns (full_path filled in), 64-bit event ids on PostgreSQL;
    2 -> 3: the deal_mentions table (made by create_all); 3 -> 4: the deals' contract_id, value_shared and
    systems columns, the meeting_mentions table and the zone columns; 4 -> 5: the date_start and date_end
    columns (published_start and published_end on documents); 5 -> 6: the meetings' status column; 6 -> 7: deals' families, person ids and
    the participants' rule (the group tables are made by create_all); 7 -> 8: deals' system_named, status_rule, supplier_rule and
    buyer_rule, and deal_systems' named. Fingerprints
    are emptied, so the next run redoes every document: its events get stable ids, its deals their mentions and
    contracts, its meetings their mentions and status, its events their zones and its dates their intervals."""
    for name in VIEWS:
        conn.exec_driver_sql(f"DROP VIEW IF EXISTS {name}")
    tables = set(inspect(conn).get_table_names())
    for table in (documents, deals, deal_systems, deal_mentions, meetings, meeting_mentions, dates, officials, participants):
        if table.name in tables:
            _add_missing_columns(conn, table)
    conn.exec_driver_sql(f"UPDATE {documents.name} SET full_path = corpus || '/' || path WHERE full_path IS NULL")
    conn.exec_driver_sql(f"UPDATE {documents.name} SET fingerprint = NULL")
    conn.exec_driver_sql(f"CREATE UNIQUE INDEX IF NOT EXISTS uq_document_full_path ON {documents.name} (full_path)")
    conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS ix_ledger_documents_sha256 ON {documents.name} (sha256)")
    if conn.dialect.name == "postgresql":
        for events, items in EVENT_TABLES:
            conn.exec_driver_sql(f"ALTER TABLE {events.name} ALTER COLUMN id TYPE BIGINT")
            conn.exec_driver_sql(f"ALTER TABLE {items.name} ALTER COLUMN event_id TYPE BIGINT")


def _add_missing_columns(conn: Connection, table: Table) -> None:
    """The columns of ``table`` that an older database lacks, added empty."""
    have = {c["name"] for c in inspect(conn).get_columns(table.name)}
    for column in table.columns:
        if column.name not in have:
            kind = column.type.compile(dialect=conn.dialect)
            conn.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {column.name} {kind}")
