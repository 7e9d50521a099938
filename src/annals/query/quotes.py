"""Quotations with their speakers and the sentence they stand in."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, select

from ..store.schema import documents, quotes
from .common import evidence, find_entities


def quotes_query(conn: Connection, *, speaker: str | None = None, as_of: date | None = None,
                 limit: int | None = None, offset: int = 0) -> list[dict]:
    q = (select(quotes, documents.c.published).join(documents, documents.c.id == quotes.c.doc_id)
         .order_by(documents.c.published, quotes.c.doc_id, quotes.c.start))
    if as_of:
        q = q.where(documents.c.published <= as_of)
    if speaker:
        q = q.where(quotes.c.speaker_id.in_(find_entities(conn, speaker) or [-1]))
    if limit:
        q = q.limit(limit).offset(offset)
    return [{"speaker": r.speaker, "text": r.text, **evidence(r.doc_id, r.published, r.start, r.end, r.sentence)}
            for r in conn.execute(q)]
