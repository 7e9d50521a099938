"""Quotations with their speakers and the sentence they stand in."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, select

from ..store.schema import documents, quotes
from .common import find_entities
from .records import Quote, Rows


def quotes_query(conn: Connection, *, speaker: str | None = None, since: date | None = None,
                 until: date | None = None, as_of: date | None = None, limit: int | None = None,
                 offset: int = 0) -> Rows[Quote]:
    """Quotations in publication order; ``since``/``until`` bound the publication day."""
    q = (select(quotes, documents.c.published).join(documents, documents.c.id == quotes.c.doc_id)
         .order_by(documents.c.published, quotes.c.doc_id, quotes.c.start))
    if as_of:
        q = q.where(documents.c.published <= as_of)
    if speaker:
        q = q.where(quotes.c.speaker_id.in_(find_entities(conn, speaker) or [-1]))
    if since:
        q = q.where(documents.c.published >= since)
    if until:
        q = q.where(documents.c.published <= until)
    if limit:
        q = q.limit(limit).offset(offset)
    return Rows((Quote(r.speaker, r.speaker_id, r.text, r.doc_id, r.published, r.start, r.end, r.sentence)
                 for r in conn.execute(q)), "quotes")
