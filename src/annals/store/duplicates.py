"""Near-duplicates in the store: find the stored document an article repeats, keep copies as sources.

Candidates come from the ``doc_bands`` index (documents sharing an LSH band hash with the article, see
read/duplicates.py), so the cost follows the batch, not the store; each candidate is then confirmed by
the MinHash estimate of the Jaccard similarity of the two texts. An article repeating a stored document,
or an earlier article of the same batch, is recorded in ``copies`` under that document and not analysed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone

import numpy as np
from sqlalchemy import Connection, Engine, delete, insert, select

from ..models import Article
from ..read.duplicates import THRESHOLD, Fingerprint, fingerprint, signature_from_bytes
from .chunks import chunked
from .schema import copies, doc_bands, doc_signatures
from .write import content_hash, stored_hashes


class Duplicates:
    """Near-duplicate detection over one ingest: ``sift`` each batch before analysis, call ``stored`` in
    the transaction that writes each analysed article, then report ``orphans``. Originals not yet stored
    are kept in memory (so a copy in a later batch is still found) until ``stored`` puts them in the store."""

    def __init__(self, engine: Engine, threshold: float = THRESHOLD):
        self.engine = engine
        self.threshold = threshold
        self.originals: list[Article] = []
        self._prints: dict[str, Fingerprint] = {}
        self._bands: dict[int, list[str]] = defaultdict(list)        # band hash -> originals not yet stored
        self._pending: dict[str, list[tuple[Article, float]]] = {}   # original id -> its copies in this batch
        self._was_copy: set[str] = set()

    def sift(self, articles: Iterable[Article]) -> Iterator[tuple[Article, str]]:
        """Each article repeating a stored one or an earlier one of the batch, with ``duplicate`` (or
        ``unchanged``: the same copy was recorded before); the others become ``originals``. A new version
        of a stored document is always an original: it replaces the old one, whatever it resembles."""
        articles = list(articles)
        self.originals = []   # this call's; earlier ones are being analysed or stored already
        with self.engine.connect() as conn:
            known = _copy_hashes(conn, [a.id for a in articles])
            self._was_copy |= known.keys()
            documents = set(stored_hashes(conn, [a.id for a in articles]))   # new versions replace, whatever
            prints = {a.id: fingerprint(a.text) for a in articles if known.get(a.id) != content_hash(a)}
            stored = _candidates(conn, [h for f in prints.values() for h in f.bands])
            signatures = _signatures(conn, {d for ids in stored.values() for d in ids})
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        rows = []
        for a in articles:
            if a.id not in prints:
                yield a, "unchanged"
                continue
            fp = prints[a.id]
            scored = [(fp.similarity(signatures[d]), d) for d in
                      {d for h in fp.bands for d in stored.get(h, ())} if d != a.id and d in signatures]
            scored += [(fp.similarity(self._prints[d].signature), d) for d in
                       {d for h in fp.bands for d in self._bands.get(h, ())} if d != a.id]
            best = max(scored, default=(0.0, None))
            if best[0] < self.threshold or a.id in documents:
                self.originals.append(a)
                self._prints[a.id] = fp
                for h in fp.bands:
                    self._bands[h].append(a.id)
            elif best[1] in self._prints:   # an original of this batch, not stored yet
                self._pending.setdefault(best[1], []).append((a, best[0]))
                yield a, "duplicate"
            else:
                rows.append(_copy_row(a, best[1], best[0], now))
                yield a, "duplicate"
        if rows:
            with self.engine.begin() as conn:
                _replace_copies(conn, rows)

    def stored(self, conn: Connection, article: Article) -> None:
        """Record a just-written original's fingerprint and the copies of it this batch found (after
        ``write_analysis`` added or replaced it: a replaced document's old fingerprint is gone with it)."""
        fp = self._prints.pop(article.id, None)   # in the store from now on: memory stays flat
        if fp is None:
            return
        for h in fp.bands:
            ids = self._bands.get(h)
            if ids is not None and article.id in ids:
                ids.remove(article.id)
                if not ids:
                    del self._bands[h]
        if article.id in self._was_copy:   # a copy once, an original now
            conn.execute(delete(copies).where(copies.c.id == article.id))
        conn.execute(insert(doc_signatures).values(doc_id=article.id, minhash=fp.to_bytes()))
        conn.execute(insert(doc_bands), [{"doc_id": article.id, "band": i, "hash": h} for i, h in enumerate(fp.bands)])
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        rows = [_copy_row(c, article.id, sim, now) for c, sim in self._pending.pop(article.id, [])]
        if rows:
            _replace_copies(conn, rows)

    def orphans(self) -> list[tuple[Article, str]]:
        """Copies whose original in this batch could not be stored (so neither could they)."""
        return [(c, original) for original, found in self._pending.items() for c, _ in found]


def forget_copy(conn: Connection, copy_id: str) -> bool:
    """Remove one recorded copy; returns whether there was one."""
    return bool(conn.execute(delete(copies).where(copies.c.id == copy_id)).rowcount)


def copies_of(conn: Connection, doc_id: str) -> list[dict]:
    """Every recorded copy of a document: its id, outlet, url, title and date, most similar first."""
    rows = conn.execute(select(copies).where(copies.c.doc_id == doc_id)
                        .order_by(copies.c.similarity.desc(), copies.c.id)).all()
    return [{"id": r.id, "published": r.published.isoformat(), "source": r.source, "url": r.url, "title": r.title,
             "similarity": round(r.similarity, 3)} for r in rows]


def _copy_row(a: Article, original: str, similarity: float, now: datetime) -> dict:
    return {"id": a.id, "doc_id": original, "published": a.published, "title": a.title, "url": a.url,
            "source": a.source, "path": a.path, "similarity": similarity, "sha256": content_hash(a),
            "ingested_at": now}


def _replace_copies(conn: Connection, rows: list[dict]) -> None:
    rows = list({r["id"]: r for r in rows}.values())   # one copy read twice in a batch is one row
    for chunk in chunked([r["id"] for r in rows]):
        conn.execute(delete(copies).where(copies.c.id.in_(chunk)))
    conn.execute(insert(copies), rows)


def _copy_hashes(conn: Connection, ids: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for chunk in chunked(ids):
        out.update(dict(conn.execute(select(copies.c.id, copies.c.sha256).where(copies.c.id.in_(chunk))).all()))
    return out


def _candidates(conn: Connection, hashes: list[int]) -> dict[int, set[str]]:
    """Stored documents by band hash, for the hashes given (one indexed lookup per chunk)."""
    out: dict[int, set[str]] = defaultdict(set)
    for chunk in chunked(sorted(set(hashes))):
        for doc_id, h in conn.execute(select(doc_bands.c.doc_id, doc_bands.c.hash).where(doc_bands.c.hash.in_(chunk))):
            out[h].add(doc_id)
    return out


def _signatures(conn: Connection, doc_ids: set[str]) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for chunk in chunked(sorted(doc_ids)):
        q = select(doc_signatures.c.doc_id, doc_signatures.c.minhash).where(doc_signatures.c.doc_id.in_(chunk))
        out.update({d: signature_from_bytes(m) for d, m in conn.execute(q)})
    return out
