"""What a write touched, marked for the next regrouping: the buyers of a document's deals, the sets of
countries of its meetings, the people it names. The marks are written in the write's own transaction."""

from __future__ import annotations

from sqlalchemy import insert, select, union
from sqlalchemy.engine import Connection

from pipeline.store.schema import deals, meetings, officials, participants, touched


def mark_touched(conn: Connection, doc_ids: list[int]) -> None:
    """Mark the blocks of every row now stored for these documents."""
    if not doc_ids:
        return
    marks = {("deal", b or "") for b in conn.execute(select(deals.c.buyer).distinct().where(deals.c.document_id.in_(doc_ids))).scalars()}
    marks |= {("meeting", b or "") for b in conn.execute(select(meetings.c.block).distinct()
                                                         .where(meetings.c.document_id.in_(doc_ids))).scalars()}
    in_meetings = select(meetings.c.id).where(meetings.c.document_id.in_(doc_ids)).scalar_subquery()
    people = union(select(officials.c.person_id).where(officials.c.document_id.in_(doc_ids)),
                   select(participants.c.person_id).where(participants.c.event_id.in_(in_meetings)))
    marks |= {("person", str(p)) for p in conn.execute(people).scalars() if p is not None}
    if marks:
        conn.execute(insert(touched), [{"kind": k, "block": b} for k, b in sorted(marks)])
